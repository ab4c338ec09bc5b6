"""Durations, the checklist and blameless hints in the app, as the scribe meets them."""

import tomllib

from helpers import SIZE, app_on, delete_row, focus_on, screen_text, settle, until, write

from pmtui.files import store
from pmtui.tui.dialogs.line import LineDialog
from pmtui.tui.panes.summary import INCIDENT_FIELDS
from pmtui.tui.screens.checklist import ChecklistScreen

SUMMARY = f"live-{[spec.name for spec in INCIDENT_FIELDS].index('summary')}"
SPLIT = "TTR 5h 55m = TTD 1h 15m + TTI 2h 50m + TTF 1h 50m"  # one review: no means


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def shows(app, pilot, selector: str, *words: str, absent: tuple[str, ...] = ()) -> str:
    """The line at `selector` once it holds all of `words` and none of `absent`: the hints
    and durations follow typing after a pause, on a timer."""

    def holds() -> bool:
        line = shown(app, selector)
        return all(w in line for w in words) and not any(w in line for w in absent)

    holds.__doc__ = f"{selector} shows {words}, not {absent}: {shown(app, selector)!r}"
    await settle(app, pilot)
    await until(pilot, holds)
    return shown(app, selector)


async def hint_goes(app, pilot, selector: str) -> None:
    """Wait for the hint at `selector` to be hidden (it follows typing on a timer)."""
    await settle(app, pilot)
    await until(pilot, lambda: not app.screen.query_one(selector).display)


async def test_durations_show_on_timeline_and_summary_and_follow_the_timeline(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        line = await shows(app, pilot, "#timeline-durations", "detect 1h 15m")
        assert "detect 1h 15m · acknowledge 15m · mitigate — · resolve 5h 55m" in line
        assert SPLIT in line and "0 open checks" in line
        # Delete the "detected" event (third row): detection can no longer be measured.
        await write(pilot, "down", "down")
        await delete_row(app, pilot)
        line = await shows(app, pilot, "#timeline-durations", "detect — ·")
        assert "detect — ·" in line and "TTR 5h 55m = TTD — + TTI — + TTF 1h 50m" in line
        assert "1 open check (F3)" in line  # no 'detected' milestone
        await pilot.press("alt+1")
        assert "TTD — + TTI —" in await shows(app, pilot, "#summary-durations", "TTD —")


async def test_a_blaming_phrase_is_marked_where_typed_and_dismissed_from_the_checklist(
    pet_clinic,
):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+1")
        await pilot.pause()
        app.screen.set_focus(app.screen.query_one(f"#{SUMMARY}"))
        await write(pilot, "Adam broke the deploy through human error. ")
        hint = await shows(app, pilot, f"#{SUMMARY}-hint", "human error")
        assert app.session.review.incident.summary.startswith("Adam broke the deploy")
        assert app.screen.query_one(f"#{SUMMARY}-hint").display
        assert "“Adam broke”: Name what happened in the system" in hint
        assert "“human error”: Say what made the action" in hint
        assert "2 open checks" in await shows(app, pilot, "#summary-durations", "2 open")

        await pilot.press("f3")
        assert isinstance(app.screen, ChecklistScreen)
        line = shown(app, "#checklist-durations")
        assert "✗ 2 open checks" in line and "F3" not in line  # already in the checklist
        assert [f.line for f in app.screen.findings] == [
            "incident.summary: 'Adam broke': Name what happened in the system, not who: "
            "what made that step easy to get wrong?",
            "incident.summary: 'human error': Say what made the action look right at the "
            "time: the tool, the signal, the pressure.",
        ]
        await pilot.press("d")  # dismiss the first
        assert [f.where for f in app.screen.findings] == ["incident.summary"]
        await pilot.press("escape", "ctrl+s")
        hint = await shows(app, pilot, f"#{SUMMARY}-hint", absent=("Adam broke",))
        assert "Adam broke" not in hint and "“human error”" in hint
        assert "1 open check (F3)" in await shows(app, pilot, "#summary-durations", "1 open")

    saved = tomllib.loads(pet_clinic.read_text())
    assert saved["dismissed"] == [
        "before-impact: timeline 2026-11-13 18:00",
        "blame: adam broke in 'adam broke the deploy through human error'",
    ]


async def test_a_checklist_of_thousands_lists_the_first_and_says_how_many_more(pet_clinic):
    """A whole chat imported before the impact began: 3,000 findings. The list shows the
    first 500 and a line that says how many more; dismissing still works on those shown."""
    from pmtui.document.model import Event
    from pmtui.tui.screens.checklist import SHOWN_AT_MOST

    review = store.load(pet_clinic)
    early = review.timeline[0].at.replace(hour=0, minute=0)
    review.timeline[:0] = [Event(at=early, text=f"message {n}") for n in range(3000)]
    store.save(review, pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        items = app.screen.query_one("#checklist-items")
        assert items.option_count == SHOWN_AT_MOST + 1
        more = items.get_option_at_index(SHOWN_AT_MOST)
        assert more.disabled and str(more.prompt).startswith("… and ")
        assert str(more.prompt).endswith(" more: `pmtui check` lists them all")
        assert int(str(more.prompt).split()[2]) == len(app.screen.findings) - SHOWN_AT_MOST
        dismissed = list(app.session.review.dismissed)
        last_shown = app.screen.findings[SHOWN_AT_MOST - 1].key  # `end` stops on it
        await pilot.press("end", "d")
        assert app.session.review.dismissed == [*dismissed, last_shown]


async def test_the_timeline_entry_line_hints_before_the_event_is_added(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "why didn't the alert fire")
        assert "“why didn't”: Ask how" in await shows(app, pilot, "#entry-hint", "why didn't")
        await write(pilot, "enter")
        await hint_goes(app, pilot, "#entry-hint")
        assert app.session.review.timeline[-1].text == "why didn't the alert fire"


async def test_the_parking_lot_and_decision_lines_mark_blaming_words(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("f8", "f9"):
            await pilot.press(key)
            await until(
                pilot, lambda: isinstance(app.screen, LineDialog) and app.focused is not None
            )
            await write(pilot, "Dan forgot the retention")
            hint = await shows(app, pilot, "#line-hint", "Dan forgot")
            assert "“Dan forgot”: Name what happened in the system" in hint
            await write(pilot, "ctrl+u", "Retention was not in the checklist")
            await hint_goes(app, pilot, "#line-hint")
            await write(pilot, "enter")
            await until(pilot, lambda: not isinstance(app.screen, LineDialog))
    meeting = app.session.review.meeting
    assert meeting.parking_lot[-1] == meeting.decisions[-1] == "Retention was not in the checklist"


async def test_a_form_dialog_marks_blaming_words_as_they_are_typed(pet_clinic):
    from pmtui.tui.forms.dialog import FormDialog

    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # edit the first timeline event
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        app.screen.set_focus(app.screen.query_one("#field-text"))
        await write(pilot, " Dan forgot to restart it")
        assert "“Dan forgot”" in await shows(app, pilot, "#field-text-hint", "Dan forgot")
        await write(pilot, "ctrl+s")  # never in the way: the form saves as typed
        await settle(app, pilot)
        assert not isinstance(app.screen, FormDialog)
        assert "Dan forgot to restart it" in app.session.review.timeline[0].text


async def test_a_merge_conflict_is_a_finding_to_settle_and_dismiss(pet_clinic):
    pet_clinic.write_text(
        pet_clinic.read_text()
        + '\n[[conflicts]]\nwhere = "incident severity"\nours = "SEV1"\ntheirs = "SEV3"\n'
    )
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        assert isinstance(app.screen, ChecklistScreen)
        [conflict] = [f for f in app.screen.findings if f.check == "merge-conflict"]
        assert conflict.where == "incident severity" and "'SEV3'" in conflict.message
        index = app.screen.findings.index(conflict)
        await pilot.press(*["down"] * index, "d", "escape", "ctrl+s")
        await settle(app, pilot)
    assert "merge-conflict: incident severity" in tomllib.loads(pet_clinic.read_text())["dismissed"]


async def test_anonymise_shows_roles_in_the_hints_and_the_checklist(pet_clinic):
    """The hints and the checklist quote what was written: in anonymise mode, names in the
    quote are roles too, as everywhere else on screen."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await write(pilot, "Dan should have tested the upgrade", "enter", "escape")
        await pilot.press("alt+1")
        app.screen.set_focus(app.screen.query_one(f"#{SUMMARY}"))
        await write(pilot, "end", " Adam broke it.")
        assert "“Adam broke”" in await shows(app, pilot, f"#{SUMMARY}-hint", "Adam broke")
        await pilot.press("ctrl+r")  # the field now shows roles: its hint still quotes
        hint = await shows(app, pilot, f"#{SUMMARY}-hint", "SRE broke")
        assert "“IT Admin / SRE broke”" in hint
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        listed = [str(option.prompt) for option in app.screen.query_one("OptionList").options]
        assert any("should have" in line for line in listed)
        assert not [line for line in listed if "Dan" in line or "Adam" in line]
        assert "Dan" not in screen_text(app) and "Adam" not in screen_text(app)


async def test_a_hand_written_action_without_an_id_opens_and_its_owner_slip_is_a_finding(
    pet_clinic,
):
    """An action added in a text editor, with no `id` line and its owner mistyped: the app
    opens it as A7, the checklist names the slip and the participant meant, and the first
    save (of the dismissal) writes `id = "A7"` under its `[[actions]]` line."""
    with pet_clinic.open("a", encoding="utf-8") as file:
        file.write('\n[[actions]]\ntitle = "Add an alert on the error rate"\nowner = "Chnu"\n')
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "actions")
        assert "A7    Add an alert on the error rate" in screen_text(app)
        await pilot.press("f3")
        assert isinstance(app.screen, ChecklistScreen)
        assert [f.line for f in app.screen.findings] == [
            "action A7: owner 'Chnu' is not one of the participants; did you mean 'Chun'?",
            "action A7: no due date",
        ]
        await pilot.press("d", "escape", "ctrl+s")
        await settle(app, pilot)
    text = pet_clinic.read_text(encoding="utf-8")
    assert text.endswith(
        '[[actions]]\nid = "A7"\ntitle = "Add an alert on the error rate"\nowner = "Chnu"\n'
    )
    assert tomllib.loads(text)["dismissed"][-1] == "action-owner-unknown: A7: Chnu"

"""Issue 17 in the app: several milestones, day-only and approximate times, sources,
co-owners, unrated actions, branching whys, incident roles and the measures in F1."""

import datetime as dt
import tomllib
from contextlib import asynccontextmanager

import pytest
from helpers import SIZE, app_on, burst, screen_text, settle, write

from pmtui.analysis.measures import GLOSSARY
from pmtui.document.model import Milestone, Why, why_chains
from pmtui.files import store
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.screens.help import HelpScreen

LONDON_13 = dt.date(2026, 11, 13)  # the Pet Clinic's first event's day (Europe/London)


async def saved(app, pilot) -> dict:
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    return tomllib.loads(app.session.path.read_text())


def table(app, selector: str):
    return app.screen.query_one(selector)


async def on_tab(app, pilot, tab: str):
    """The tab's table, focused."""
    await app.screen.show_tab(tab)
    await pilot.pause()
    shown = table(app, f"#{tab}-table")
    app.screen.set_focus(shown)
    return shown


async def edit_event(app, pilot, row: int) -> FormDialog:
    timeline = table(app, "#timeline-table")
    app.screen.set_focus(timeline)
    timeline.move_cursor(row)
    await pilot.press("enter")
    assert isinstance(app.screen, FormDialog)
    return app.screen


async def test_m_ticks_several_milestones_and_the_edit_form_keeps_them(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        first = app.session.review.sorted_timeline()[0]
        # Space ticks the highlighted milestone, Enter saves: detected and acknowledged.
        await pilot.press("m", "down", "space", "down", "space", "enter")
        assert first.milestone == [Milestone.DETECTED, Milestone.ACKNOWLEDGED]
        assert "◆ detected   ◆ acknowledged" in screen_text(app)
        # The event form shows both ticked; saving it untouched, or with new text, keeps both.
        await edit_event(app, pilot, 0)
        assert app.screen.query_one("#field-milestone").value == ["detected", "acknowledged"]
        await write(pilot, "ctrl+s")
        await edit_event(app, pilot, 0)
        app.screen.query_one("#field-text").insert(" (two milestones)")
        await write(pilot, "ctrl+s")
        edited = app.session.review.sorted_timeline()[0]
        assert edited.milestone == [Milestone.DETECTED, Milestone.ACKNOWLEDGED]
        written = await saved(app, pilot)
        assert written["timeline"][0]["milestone"] == ["detected", "acknowledged"]
        # Unticking one leaves one, written as a plain name again.
        await pilot.press("m", "down", "down", "space", "ctrl+s")
        assert (await saved(app, pilot))["timeline"][0]["milestone"] == "detected"


async def test_an_event_with_one_milestone_keeps_it_through_its_form(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await edit_event(app, pilot, 2)  # "detected", one milestone: dumped as a name
        assert app.screen.query_one("#field-milestone").value == ["detected"]
        app.screen.query_one("#field-text").insert("Still: ")
        await write(pilot, "ctrl+s")
        assert app.session.review.sorted_timeline()[2].milestone == [Milestone.DETECTED]


async def test_a_day_alone_an_approximate_time_and_a_source_from_the_event_form(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_event(app, pilot, 0)
        labels = " ".join(str(label.render()) for label in form.query("Label"))
        assert "a day alone: 2026-11-20" in labels
        assert "~14:05" in str(form.query_one("#field-approx").label)
        form.query_one("#field-at").value = "2026-11-13"
        form.query_one("#field-source").value = "status page"
        await write(pilot, "ctrl+s")
        event = app.session.review.sorted_timeline()[0]
        assert (event.day_only, event.at.date(), event.source) == (True, LONDON_13, "status page")
        shown = screen_text(app)
        assert "Fri 13 Nov  " in shown and "Fri 13 Nov 00:00" not in shown
        written = (await saved(app, pilot))["timeline"][0]
        assert (written["at"], written["source"]) == (LONDON_13, "status page")
        # The form shows the day alone; saved untouched, the event stays a day.
        form = await edit_event(app, pilot, 0)
        assert form.query_one("#field-at").value == "2026-11-13"
        await write(pilot, "ctrl+s")
        assert app.session.review.sorted_timeline()[0].day_only
        # A time of day, typed with ~: on the event's own day, approximate, no longer a day.
        form = await edit_event(app, pilot, 0)
        form.query_one("#field-at").value = "~18:30"
        await write(pilot, "ctrl+s")
        event = app.session.review.sorted_timeline()[0]
        assert (event.day_only, event.approx) == (False, True)
        assert event.at.astimezone(app.session.review.zone).strftime("%d %H:%M") == "13 18:30"
        assert "Fri 13 Nov ~18:30" in screen_text(app)
        written = (await saved(app, pilot))["timeline"][0]
        assert written["approx"] is True and isinstance(written["at"], dt.datetime)
        # Unticking the approximate box makes the time exact again.
        form = await edit_event(app, pilot, 0)
        assert form.query_one("#field-approx").value is True
        form.query_one("#field-approx").value = False
        await write(pilot, "ctrl+s")
        assert not app.session.review.sorted_timeline()[0].approx


async def test_a_new_time_typed_on_an_approximate_event_is_as_exact_as_typed(pet_clinic):
    """`~18:30` corrected to `18:45` stayed `~18:45`: the box, ticked further down the
    form, was left as it was. The box changed, or only the text, still decide."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_event(app, pilot, 0)
        form.query_one("#field-at").value = "~18:30"
        await write(pilot, "ctrl+s")
        form = await edit_event(app, pilot, 0)
        app.screen.query_one("#field-text").insert("Still: ")  # the text alone: still about
        await write(pilot, "ctrl+s")
        assert app.session.review.sorted_timeline()[0].approx
        form = await edit_event(app, pilot, 0)
        assert form.query_one("#field-approx").value is True
        form.query_one("#field-at").value = "18:45"
        await write(pilot, "ctrl+s")
        event = app.session.review.sorted_timeline()[0]
        assert event.at.astimezone(app.session.review.zone).strftime("%H:%M") == "18:45"
        assert not event.approx
        assert "Fri 13 Nov 18:45" in screen_text(app)
        form = await edit_event(app, pilot, 0)  # a new time, and the box ticked on purpose
        form.query_one("#field-at").value = "18:50"
        form.query_one("#field-approx").value = True
        await write(pilot, "ctrl+s")
        assert app.session.review.sorted_timeline()[0].approx


async def test_the_entry_line_takes_an_approximate_time_and_a_day_alone(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "~16:20 status page updated", "enter")
        await write(pilot, "2026-11-15 customers told by email", "enter")
        by_text = {event.text: event for event in app.session.review.timeline}
        about = by_text["status page updated"]
        day = by_text["customers told by email"]
        assert (about.approx, about.day_only) == (True, False)
        assert (day.approx, day.day_only, day.at.date()) == (False, True, dt.date(2026, 11, 15))
        shown = screen_text(app)
        assert "~16:20" in shown and "Sun 15 Nov  " in shown


async def test_a_new_action_leaves_unrated_fields_unset_and_takes_co_owners(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_tab(app, pilot, "actions")
        await pilot.press("n")
        form = app.screen
        assert all(
            form.query_one(f"#field-{name}").is_blank()
            for name in ("priority", "status", "kind", "horizon")
        )
        await write(pilot, "Page on repeated 500s", "tab", "Adam", "tab", "tab", "Chun, ti")
        await settle(app, pilot)
        await write(pilot, "tab", "ctrl+s")
        action = app.session.review.actions[-1]
        assert (action.owner, action.owners) == ("Adam", ["Chun", "Tina"])
        assert (action.priority, action.status, action.kind, action.horizon) == (None,) * 4
        written = (await saved(app, pilot))["actions"][-1]
        assert written["owners"] == ["Chun", "Tina"]
        assert not {"priority", "status", "kind", "horizon"} & written.keys()
        # The table shows them blank, never a default (F2 hides the sidebar: every column).
        await pilot.press("f2", "f2")
        row = next(line for line in screen_text(app).splitlines() if "Page on repeated" in line)
        assert not any(word in row for word in ("P2", "open", "prevent", "short"))
        assert "Adam, Chun," in row


def whys_review(path) -> None:
    review = store.load(path)
    review.whys = [
        Why(question="Why down?", answer="A bug", systemic=True),
        Why(question="Why late?", answer="No alarm", chain="detection"),
        Why(question="Why the bug?", answer="No tests"),
        Why(question="Why no alarm?", answer="No monitoring", chain="detection"),
    ]
    store.save(review, path)


@asynccontextmanager
async def on_the_whys(path):
    """The app on `whys_review`'s whys, their tab shown."""
    whys_review(path)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await on_tab(app, pilot, "whys")
        yield app, pilot


async def test_whys_show_as_chains_and_their_keys_work_per_chain(pet_clinic):
    whys_review(pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        whys = await on_tab(app, pilot, "whys")
        lines = [line.split("▕")[-1].strip() for line in screen_text(app).splitlines()]
        labels = [n for n, line in enumerate(lines) if line.startswith("▾")]
        assert [lines[n] for n in labels] == ["▾ Main chain", "▾ detection"]
        assert lines[labels[0] + 2].startswith("2   Why the bug?")  # grouped, numbered per chain
        assert lines[labels[1] + 1].startswith("1   Why late?")
        # The cursor passes over the label rows, both ways.
        review = app.session.review
        assert whys.current_record() is review.whys[0]
        await pilot.press("down", "down")
        assert whys.current_record() is review.whys[1]
        await pilot.press("up")
        assert whys.current_record() is review.whys[2]
        await pilot.press("home")
        assert whys.current_record() is review.whys[0]
        # x marks the systemic cause of this chain only.
        await pilot.press("end", "x")
        assert [why.systemic for why in review.whys] == [True, False, False, True]
        # n on a chain adds to it, the question following on from its last answer.
        await pilot.press("n")
        assert app.screen.query_one("#field-chain").value == "detection"
        assert app.screen.query_one("#field-question").value == "Why is it that no monitoring?"
        await write(pilot, "ctrl+s")
        assert review.whys[-1].chain == "detection"
        assert (await saved(app, pilot))["whys"][-1]["chain"] == "detection"


async def test_a_chain_named_with_a_space_after_it_is_the_chain_of_that_name(pet_clinic):
    async with on_the_whys(pet_clinic) as (app, pilot):
        await pilot.press("n")
        await write(pilot, "Why so quiet?", "tab", "No pager", "tab", "tab", "detection ")
        await write(pilot, "ctrl+s")
        assert [why.chain for why in app.session.review.whys][-1] == "detection"
        assert [name for name, _ in why_chains(app.session.review.whys)] == ["", "detection"]


async def test_editing_a_why_of_a_chain_named_with_a_space_keeps_it_in_that_chain(
    pet_clinic,
):
    review = store.load(pet_clinic)
    review.whys = [
        Why(question="Why late?", answer="No alarm", chain="detection "),
        Why(question="Why no alarm?", answer="No monitoring", chain="detection "),
    ]
    store.save(review, pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_tab(app, pilot, "whys")
        await pilot.press("enter")
        await write(pilot, " indeed", "ctrl+s")
        whys = app.session.review.whys
        assert whys[0].question == "Why late? indeed"
        assert [name for name, _ in why_chains(whys)] == ["detection "]


@pytest.mark.parametrize(
    ("keys", "question"),
    [
        (("Why was the pool fixed?", "tab"), "Why was the pool fixed?"),
        (("tab",), "Why is it that no tests?"),
    ],
)
async def test_a_new_whys_offered_question_is_replaced_by_typing_or_kept_by_tab(
    pet_clinic, keys, question
):
    """The question a new why opens with is an offer: typed fast after `n`, a question of
    the room's own replaces it rather than being glued on its end; Tab keeps it."""
    async with on_the_whys(pet_clinic) as (app, pilot):
        await burst(pilot, "n", *keys, "No load test", "ctrl+s")
        await settle(app, pilot)
        added = app.session.review.whys[-1]
        assert (added.question, added.answer) == (question, "No load test")


async def test_the_why_form_suggests_existing_chains(pet_clinic):
    async with on_the_whys(pet_clinic) as (app, pilot):
        await pilot.press("enter")
        chain = app.screen.query_one("#field-chain")
        app.screen.set_focus(chain)
        await write(pilot, "de")
        await settle(app, pilot)
        await write(pilot, "tab", "ctrl+s")
        assert app.session.review.whys[0].chain == "detection"


async def test_incident_roles_are_suggested_and_any_role_is_taken(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.set_focus(table(app, "#people-table"))
        await pilot.press("n")
        await write(pilot, "Ann", "tab", "DBA", "tab", "scribe, inc")
        await settle(app, pilot)
        assert app.screen.query_one("#field-incident_roles").border_subtitle == (
            "Tab takes “scribe, Incident Commander”"
        )
        await write(pilot, "tab", "ctrl+s")
        await pilot.press("n")
        await write(pilot, "Bo", "tab", "SRE", "tab", "chaos wrangler", "ctrl+s")
        people = (await saved(app, pilot))["people"]
    assert people[-2]["incident_roles"] == ["scribe", "Incident Commander"]
    assert people[-1]["incident_roles"] == ["chaos wrangler"]


async def test_f1_help_has_the_measures_glossary(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one("Markdown").source
        assert "## Measures" in shown
        for name, meaning in GLOSSARY:
            assert f"| {name} | {meaning} |" in shown


async def test_attendance_nobody_recorded_stays_unrecorded_until_marked(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        people = await on_tab_people(app, pilot)
        people.move_cursor(row=0)
        assert all(person.present is None for person in app.session.review.people)
        # Editing a person without touching "Present" records nothing about attendance.
        await pilot.press("enter")
        assert isinstance(app.screen, FormDialog)
        await write(pilot, "tab", "end", " (edited)", "ctrl+s")
        [edited] = [p for p in app.session.review.people if p.role.endswith(" (edited)")]
        assert edited.present is None
        index = app.session.review.people.index(edited)
        assert "present" not in (await saved(app, pilot))["people"][index]
        # Space marks them present, then absent: each is written.
        await write(pilot, "space")
        assert (await saved(app, pilot))["people"][index]["present"] is True
        await write(pilot, "space")
        assert (await saved(app, pilot))["people"][index]["present"] is False
        # A person added without ticking "Present" is added with attendance unrecorded.
        await write(pilot, "n", "Zoe", "tab", "Observer", "ctrl+s")
        assert "present" not in (await saved(app, pilot))["people"][-1]


async def on_tab_people(app, pilot):
    shown = app.screen.query_one("#people-table")
    app.screen.set_focus(shown)
    await pilot.pause()
    return shown


async def test_a_why_saved_from_its_form_as_systemic_is_its_chains_only_one(pet_clinic):
    """As `x` does: ticking "systemic cause" in the form unmarks the chain's other one."""
    async with on_the_whys(pet_clinic) as (app, pilot):
        await pilot.press("down", "enter")  # "Why the bug?", under "Why down?" on screen
        app.screen.query_one("#field-systemic").value = True  # ticked, as space would
        await write(pilot, "ctrl+s")
        whys = (await saved(app, pilot))["whys"]
    assert [why.get("systemic", False) for why in whys] == [False, False, True, False]
    assert whys[2]["question"] == "Why the bug?"


async def test_an_impact_value_written_as_a_bare_figure_is_shown_and_edited(pet_clinic):
    """`value = 1200` in a file: the app shows it as the value, and an edit saves the new
    value as text."""
    text = pet_clinic.read_text()
    pet_clinic.write_text(
        text.replace('value = "All Pet Clinic customers (application offline)"', "value = 1200")
    )
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_tab(app, pilot, "impact")
        await write(pilot, "enter", "tab")
        assert app.screen.query_one("#field-value").value == "1200"
        await write(pilot, "ctrl+u", "1500", "ctrl+s")
        row = (await saved(app, pilot))["impact"][0]
    assert (row["metric"], row["value"]) == ("Users affected", "1500")

"""A line Enter refuses (a time later than now, no time in an empty timeline) stays for
mending; but the next sentence typed on before the reason was seen ran into it, saved so
as one event ("…promoted by handcustomers notified…")."""

from helpers import NOW, SIZE, app_on, burst, saved, settle

from pmtui.tui.meeting.type_ahead import Grace


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


REFUSED = "23:50 replica promoted by hand"
"""After an event stamped now (14:00), 23:50 is later than now: which day? Enter refuses."""


async def test_the_next_sentence_typed_on_does_not_run_into_a_refused_line(pet_clinic):
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.5, Clock())  # no time passes: typed on without looking
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await burst(
            pilot, "paged the DBA", "enter", REFUSED, "enter", "customers notified", "enter"
        )
        await settle(app, pilot)
        assert app.screen.query_one("#timeline-entry").value == ""
        assert any("Added as typed, its time not read" in told for told in app.told)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    texts = [event["text"] for event in saved(pet_clinic)["timeline"]]
    assert REFUSED in texts
    assert "customers notified" in texts


async def test_a_refused_line_seen_a_moment_stays_to_be_mended(pet_clinic):
    clock = Clock()
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.5, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await burst(pilot, "paged the DBA", "enter", REFUSED, "enter")
        await settle(app, pilot)
        clock.now += 1.0  # the reason has been on screen: what is typed now mends the line
        await pilot.press("home")
        await burst(pilot, "yesterday ")
        await settle(app, pilot)
        entry = app.screen.query_one("#timeline-entry")
        assert entry.value == f"yesterday {REFUSED}"
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
    added = [e for e in saved(pet_clinic)["timeline"] if e["text"] == "replica promoted by hand"]
    assert len(added) == 1


async def test_ctrl_n_typed_right_after_a_refused_line_stamps_the_next_one(pet_clinic):
    """The refused line took the stamp ctrl+n gave the line typed after it."""
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.5, Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await burst(pilot, "paged the DBA", "enter", REFUSED, "enter")
        await settle(app, pilot)  # no time passes: the refusal is not seen yet
        await burst(pilot, "ctrl+n", "db restarted", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    timeline = {event["text"]: event for event in saved(pet_clinic)["timeline"]}
    assert timeline[REFUSED].get("approx") is True  # placed after the last, as typed
    assert not timeline["db restarted"].get("approx")  # stamped now, by ctrl+n


async def test_a_refused_line_typed_on_the_table_keeps_the_next_sentence_apart(pet_clinic):
    """Typed on the timeline table, the words reach the entry line another way."""
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.5, Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await burst(pilot, "paged the DBA", "enter", "escape")  # back on the table
        await settle(app, pilot)
        assert app.focused.id == "timeline-table"
        await burst(pilot, REFUSED, "enter", "customers notified", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    texts = [event["text"] for event in saved(pet_clinic)["timeline"]]
    assert REFUSED in texts and "customers notified" in texts


async def test_ctrl_n_before_a_refused_line_does_not_stamp_the_next_one(pet_clinic):
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.5, Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await burst(pilot, "paged the DBA", "enter")
        await settle(app, pilot)
        await burst(pilot, "ctrl+n", REFUSED, "enter", "restarted", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    timeline = {event["text"]: event for event in saved(pet_clinic)["timeline"]}
    assert timeline["restarted"].get("approx") is True  # after the last: no moment was given


async def test_a_refused_line_in_an_empty_timeline_is_kept_at_an_approximate_moment(tmp_path):
    """With no event to go after, it was kept at the moment, saved as an exact time."""
    path = tmp_path / "new.toml"
    app = app_on(path)
    app.dialog_grace = Grace(0.5, Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "23:50 first alert fires", "enter", "paged the DBA")
        await settle(app, pilot)
        assert any("Added as typed, its time not read" in told for told in app.told)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [kept] = saved(path)["timeline"]
    assert (kept["text"], kept["at"], kept.get("approx")) == (
        "23:50 first alert fires",
        NOW,
        True,
    )

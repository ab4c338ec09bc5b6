"""An entry without a time, or with a time but no day, lands where the scribe meant it: after
the previous event, on the previous event's (or the incident's) day; where nothing tells,
the app asks, keeping the line. Never a time later than now, never "now" by default."""

import datetime as dt
import tomllib

from helpers import NOW, SIZE, app_on, burst, focus_on, screen_text, settle, write

from pmtui.files import store


def timeline_of(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))["timeline"]


async def test_text_alone_goes_right_after_the_previous_event_marked_about(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "2026-11-14 10:02 rollback starts", "enter")
        await write(pilot, "pager fires again", "enter", "ctrl+s")
        await settle(app, pilot)
    events = timeline_of(pet_clinic)
    texts = [event["text"] for event in events]
    added = events[texts.index("pager fires again")]
    assert texts.index("pager fires again") == texts.index("rollback starts") + 1
    assert added["at"] == dt.datetime(2026, 11, 14, 10, 2, tzinfo=dt.UTC)
    assert added["approx"] is True


async def new_review(pilot, app):
    await pilot.pause()
    entry = app.screen.query_one("#timeline-entry")
    assert app.focused is entry  # a new review opens on the entry line
    return entry


async def test_in_an_empty_timeline_text_alone_asks_when_and_keeps_the_line(tmp_path):
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        entry = await new_review(pilot, app)
        await write(pilot, "DB latency alert fires", "enter")
        assert entry.value == "DB latency alert fires"
        assert "when did it happen?" in str(app.screen.query_one("#entry-problem").render())
        assert app.session.review.timeline == []
        entry.value = ""
        await write(pilot, "now DB latency alert fires", "enter", "ctrl+s")
        await settle(app, pilot)
    assert [(e["at"], e["text"]) for e in timeline_of(path)] == [(NOW, "DB latency alert fires")]


async def test_a_bare_time_later_than_now_with_nothing_before_it_asks_for_the_day(tmp_path):
    path = tmp_path / "new.toml"
    app = app_on(path)  # the clock says 14:00
    async with app.run_test(size=SIZE) as pilot:
        entry = await new_review(pilot, app)
        await write(pilot, "14:05 DB latency alert fires", "enter")
        assert entry.value == "14:05 DB latency alert fires"
        problem = str(app.screen.query_one("#entry-problem").render())
        assert "14:05 today is later than now: say the day (yesterday 14:05)" in problem
        entry.value = ""
        await write(pilot, "yesterday 14:05 DB latency alert fires", "enter")
        await write(pilot, "14:20 failover", "enter", "ctrl+s")  # the previous event's day
        await settle(app, pilot)
    yesterday = NOW.date() - dt.timedelta(days=1)
    assert [e["at"] for e in timeline_of(path)] == [
        dt.datetime.combine(yesterday, dt.time(14, 5), tzinfo=dt.UTC),
        dt.datetime.combine(yesterday, dt.time(14, 20), tzinfo=dt.UTC),
    ]


async def test_a_bare_time_past_midnight_goes_on_to_the_next_day(tmp_path):
    """An incident crossing midnight: `00:20` after `23:58` landed on the day before, almost
    a day before the start, at the top of the timeline. An event remembered late, less than
    half a day back, stays on its day."""
    path = tmp_path / "new.toml"
    app = app_on(path)  # the clock says 14:00
    async with app.run_test(size=SIZE) as pilot:
        await new_review(pilot, app)
        await write(pilot, "yesterday 23:50 Payment errors start", "enter")
        await write(pilot, "23:58 on-call paged", "enter")
        await write(pilot, "23:55 alert had fired", "enter")  # remembered late
        await write(pilot, "00:20 rollback started", "enter")
        await write(pilot, "+25m errors gone", "enter", "ctrl+s")
        await settle(app, pilot)
    today, yesterday = NOW.date(), NOW.date() - dt.timedelta(days=1)
    assert [(e["at"], e["text"]) for e in timeline_of(path)] == [
        (dt.datetime.combine(yesterday, dt.time(23, 50), tzinfo=dt.UTC), "Payment errors start"),
        (dt.datetime.combine(yesterday, dt.time(23, 55), tzinfo=dt.UTC), "alert had fired"),
        (dt.datetime.combine(yesterday, dt.time(23, 58), tzinfo=dt.UTC), "on-call paged"),
        (dt.datetime.combine(today, dt.time(0, 20), tzinfo=dt.UTC), "rollback started"),
        (dt.datetime.combine(today, dt.time(0, 45), tzinfo=dt.UTC), "errors gone"),
    ]


async def test_a_bare_time_in_an_empty_timeline_is_on_the_incident_start_day(pet_clinic):
    review = store.load(pet_clinic)
    review.timeline = []
    review.incident.started_at = dt.datetime(2026, 11, 13, 9, 0, tzinfo=dt.UTC)
    store.save(review, pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n")
        app.screen.query_one("#timeline-entry").value = ""
        await write(pilot, "23:05 late alert", "enter", "ctrl+s")
        await settle(app, pilot)
    assert [e["at"] for e in timeline_of(pet_clinic)] == [
        dt.datetime(2026, 11, 13, 23, 5, tzinfo=dt.UTC)
    ]


async def test_quitting_with_a_time_that_does_not_read_keeps_it_after_the_last_event(pet_clinic):
    last_before = store.load(pet_clinic).timeline[-1]
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.set_focus(app.screen.query_one("#timeline-entry"))
        await write(pilot, "25:99 db restarted", "ctrl+q")
    last = store.load(pet_clinic).timeline[-1]
    assert (last.text, last.at, last.approx) == ("25:99 db restarted", last_before.at, True)


async def test_the_entry_lines_hint_is_whole_at_80_columns(pet_clinic):
    from pmtui.tui.panes.timeline import ENTRY_HINT

    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_on(app, pilot, "timeline", "timeline-entry")
        await pilot.pause()
        assert ENTRY_HINT in screen_text(app)


async def test_an_event_moved_earlier_goes_to_its_place_and_the_next_counts_from_the_latest(
    pet_clinic,
):
    """The last event edited to an earlier day moves up the file, and `+15m` typed next
    counts from the event now latest, not from the one that left the end."""
    before = sorted(timeline_of(pet_clinic), key=lambda event: event["at"])
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.focused
        table.move_cursor(row=len(before) - 1)
        await pilot.press("enter")
        app.focused.value = "2026-11-13 19:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is table
        await burst(pilot, "+15m paged again", "enter")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    after = timeline_of(pet_clinic)
    times = [event["at"] for event in after]
    assert times == sorted(times)
    added = next(event for event in after if event["text"] == "paged again")
    assert added["at"] == before[-2]["at"] + dt.timedelta(minutes=15)

"""ctrl+l on the entry line ticks the milestones of the event just added, and the scribe
goes on typing the next event where they were."""

import tomllib

from helpers import SIZE, app_on, burst, pick, said, settle, write


def events_and_milestones(path) -> list[tuple[str, object]]:
    """Each saved event's text and milestones."""
    events = tomllib.loads(path.read_text(encoding="utf-8"))["timeline"]
    return [(event["text"], event.get("milestone")) for event in events]


async def milestones_of_a_new_event(pilot, line: str) -> None:
    """Add the event `line` on the entry line, then open its milestones (ctrl+l)."""
    await pilot.pause()
    await write(pilot, line, "enter")
    await pilot.press("ctrl+l")
    await pilot.pause()


async def test_ctrl_l_ticks_the_milestones_of_the_event_just_added(tmp_path):
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        assert "Add an event first" in said(app)
        await write(pilot, "13:40 DB latency alert fires", "enter")
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("down", "space", "ctrl+s")  # the second milestone: detected
        await pilot.pause()
        entry = app.screen.query_one("#timeline-entry")
        assert app.focused is entry
        await write(pilot, "13:45 failover starts", "enter", "ctrl+s")
        await settle(app, pilot)
    assert events_and_milestones(path) == [
        ("DB latency alert fires", "detected"),
        ("failover starts", None),
    ]


async def test_the_palettes_milestone_command_does_what_ctrl_l_does(tmp_path):
    """From another tab: the palette's command shows the timeline, ticks the milestones of
    the event just added, and leaves the scribe on the entry line for the next one."""
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write(pilot, "13:40 DB latency alert fires", "enter")
        await pilot.press("ctrl+pagedown")
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pick(pilot, "Timeline entry line: Milestone")
        await settle(app, pilot)
        await pilot.press("down", "space", "ctrl+s")  # the second milestone: detected
        await settle(app, pilot)
        assert app.screen.query_one("#tabs").active == "timeline"
        assert app.focused is app.screen.query_one("#timeline-entry")
        await write(pilot, "13:45 failover starts", "enter", "ctrl+s")
        await settle(app, pilot)
    assert events_and_milestones(path) == [
        ("DB latency alert fires", "detected"),
        ("failover starts", None),
    ]


async def test_a_digit_ticks_the_milestone_of_that_number(tmp_path):
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await milestones_of_a_new_event(pilot, "13:40 DB latency alert fires")
        await pilot.press("1", "2", "1", "ctrl+s")  # impact started on and off: detected
        await write(pilot, "13:55 service restored", "enter")
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("8", "9", "9", "ctrl+s")  # resolved; all clear on and off
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    events = tomllib.loads(path.read_text(encoding="utf-8"))["timeline"]
    assert [e.get("milestone") for e in events] == ["detected", "resolved"]


async def test_a_digit_and_enter_typed_with_ctrl_l_in_one_go_tick_the_milestone(tmp_path):
    """ctrl+l, a digit and Enter in one read: the digit went on the entry line and Enter
    added it as an event of its own ("3"), before the dialog came up with nothing ticked."""
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write(pilot, "13:40 DB latency alert fires", "enter")
        await burst(pilot, "ctrl+l", "3", "enter")
        await settle(app, pilot)
        assert app.focused is app.screen.query_one("#timeline-entry")
        assert app.focused.value == ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert events_and_milestones(path) == [("DB latency alert fires", "acknowledged")]


async def test_the_next_line_typed_after_ctrl_l_digit_enter_in_one_go_is_an_event(tmp_path):
    """Enter was given to the dialog behind the keys typed after it: `14:30…` ticked
    milestones 1, 4 and 3, and the rest of the line was lost."""
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write(pilot, "13:40 DB latency alert fires", "enter")
        await burst(pilot, "ctrl+l", "6", "enter", "13:50 third line", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert events_and_milestones(path) == [
        ("DB latency alert fires", "mitigated"),
        ("third line", None),
    ]


async def test_a_line_typed_before_ctrl_e_in_one_go_is_still_added(tmp_path):
    """ctrl+e opens the export preview as the app reads it, ahead of the line typed before
    it: the line's keys and Enter went into that dialog (its `w` writes the export)."""
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await burst(pilot, "13:40 Alice joined", "enter", "ctrl+e")
        await settle(app, pilot)
        await pilot.press("escape", "ctrl+s")
        await settle(app, pilot)
    events = tomllib.loads(path.read_text(encoding="utf-8"))["timeline"]
    assert [e["text"] for e in events] == ["Alice joined"]


async def test_the_milestones_show_the_names_the_reviews_template_gives_them(tmp_path):
    """The dojo's template calls `acknowledged` "Responded to": its team sees which box it
    is. A milestone the template does not name shows alone."""
    path = tmp_path / "dojo.toml"
    path.write_text('template = "dojo"\n\n[incident]\ntitle = "Pet Clinic down"\n')
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await milestones_of_a_new_event(pilot, "10:40 Adam starts on it")
        field = app.screen.query_one("#field-milestone")
        ticks = [str(field.get_option_at_index(n).prompt) for n in range(field.option_count)]
        assert ticks[:4] == [
            "1 impact started",
            "2 detected",
            "3 acknowledged · Responded to",
            "4 declared · Reported",
        ]
        await pilot.press("3", "ctrl+s")
        await settle(app, pilot)
        assert [event.milestone for event in app.session.review.timeline] == [["acknowledged"]]

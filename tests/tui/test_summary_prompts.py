"""The Summary tab shows the review's own template: its hints and its questions to answer."""

import datetime as dt
import tomllib

from helpers import NOW, SIZE, app_on, burst, settle, write
from textual.widgets import Label, Static, TextArea

from pmtui import templates
from pmtui.analysis.findings import review_findings
from pmtui.cli.commands import main
from pmtui.files import store


def shown(widget: Static) -> str:
    return str(widget.render())


async def test_a_p0p1_review_asks_its_own_questions_and_keeps_the_answers(tmp_path):
    path = tmp_path / "r.toml"
    assert main(["new", str(path), "--template", "p0p1"]) == 0
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+pageup")  # a new review opens on the entry line
        await pilot.pause()
        pane = app.screen.query_one("#summary")
        hints = {w.id: shown(w) for w in pane.query(".hint")}
        p0p1 = templates.load_template("p0p1").hints
        assert hints["hint-summary"] == p0p1["summary"]
        assert hints["hint-questions-0"] == p0p1["detection"]
        labels = [shown(label) for label in pane.query_one("#questions-0").query(Label)]
        assert "How was the issue detected?" in labels
        answer = pane.query_one("#questions-0").query(TextArea).first()
        app.screen.set_focus(answer)
        await write(pilot, "Synthetic check [red]paged[/] us")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    saved = store.load(path).questions[0]
    assert (saved.prompt, saved.answer) == (
        "How was the issue detected?",
        "Synthetic check [red]paged[/] us",
    )


async def test_a_review_of_an_unknown_template_opens_without_hints(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'schema_version = 1\ntemplate = "gone"\n'
        '[[questions]]\nsection = "detection"\nprompt = "Who saw it?"\n'
    )
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+pageup")  # a new review opens on the entry line
        await pilot.pause()
        pane = app.screen.query_one("#summary")
        assert not pane.query(".hint")
        assert "Who saw it?" in [shown(label) for label in pane.query(Label)]


async def test_a_new_timezone_shows_every_time_in_it_and_moves_none(pet_clinic):
    """Typed in Summary, the timezone retitles the timeline's time column and shows its
    times and the Started and Ended fields in the new zone; the moments stay as saved."""
    from pmtui.tui.panes.summary import INCIDENT_FIELDS

    names = [spec.name for spec in INCIDENT_FIELDS]
    field = {name: f"#live-{names.index(name)}" for name in ("timezone", "started_at")}
    before = tomllib.loads(pet_clinic.read_text())
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#timeline-table")
        assert table.table_columns[1].title == "Europe/London"
        first = " ".join(cell.plain for cell in table.cells(0))
        assert "Fri 13 Nov 18:00" in first
        await pilot.press("alt+1")
        await pilot.pause()
        zone = app.screen.query_one(field["timezone"])
        app.screen.set_focus(zone)
        zone.value = ""
        await write(pilot, "America/New_York")
        await pilot.pause()
        assert table.table_columns[1].title == "America/New_York"
        assert "Fri 13 Nov 13:00" in " ".join(cell.plain for cell in table.cells(0))
        assert app.screen.query_one(field["started_at"]).value == "2026-11-14 04:10"
        review = app.session.review  # a check dismissed at a time stays dismissed
        found = review_findings(review, dt.date(2026, 11, 20))
        assert not [finding for finding in found if finding.check == "before-impact"]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    after = tomllib.loads(pet_clinic.read_text())
    assert after["incident"]["timezone"] == "America/New_York"
    assert before["dismissed"] == ["before-impact: timeline 2026-11-13 18:00"]
    assert after["dismissed"] == ["before-impact: timeline 2026-11-13 13:00"]
    assert after["incident"]["started_at"] == before["incident"]["started_at"]
    assert [e["at"] for e in after["timeline"]] == [e["at"] for e in before["timeline"]]


async def test_a_time_typed_before_the_timezone_shows_its_moment_in_the_new_zone(tmp_path):
    """Started typed as `yesterday 14:05` while the review was in UTC kept showing those
    words once the zone was Berlin, where the moment saved is 15:05: the field and the
    export disagreed by an hour."""
    from pmtui.tui.panes.summary import INCIDENT_FIELDS

    names = [spec.name for spec in INCIDENT_FIELDS]
    field = {name: f"#live-{names.index(name)}" for name in ("timezone", "started_at")}
    path = tmp_path / "r.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+1")
        await pilot.pause()
        started = app.screen.query_one(field["started_at"])
        app.screen.set_focus(started)
        await write(pilot, "yesterday 14:05")
        await pilot.press("shift+tab")  # back to Timezone: typing replaces its UTC
        zone = app.screen.query_one(field["timezone"])
        assert app.focused is zone
        await burst(pilot, "Europe/Berlin")  # real keys: the helper's insert keeps a selection
        await settle(app, pilot)
        assert zone.value == "Europe/Berlin"
        assert started.value == f"{NOW.date() - dt.timedelta(days=1)} 15:05"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    saved = store.load(path).incident
    assert saved.started_at == dt.datetime.combine(
        NOW.date() - dt.timedelta(days=1), dt.time(14, 5), tzinfo=dt.UTC
    )

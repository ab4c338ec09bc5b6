"""In the app: editing one event of a hand-written review changes one line of its file."""

import difflib
import shutil
from pathlib import Path

from helpers import SIZE, app_on, on_table, settle, write
from item_ids_lines import given_ids, without_given_ids

from pmtui.files import store, toml_edit
from pmtui.files.toml_blocks import Unmapped
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.saving import LAYOUT_LOST
from pmtui.tui.tables import specs

HANDWRITTEN = Path(__file__).resolve().parents[1] / "fixtures" / "handwritten" / "db-failover.toml"


async def test_editing_one_event_in_the_app_is_a_one_line_diff(tmp_path):
    path = Path(shutil.copy(HANDWRITTEN, tmp_path / "db-failover.toml"))
    before = path.read_text(encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.screen.query_one("#timeline-table")
        app.screen.set_focus(timeline)
        timeline.move_cursor(row=1)  # 14:09, "Checkout 5xx alert fired"
        await pilot.press("enter")
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-text").insert("PagerDuty: ")
        await write(pilot, "ctrl+s", "ctrl+s")  # the form, then the review
        await settle(app, pilot)
    after = path.read_text(encoding="utf-8")
    assert len(given_ids(after)) == len(app.session.review.timeline) + len(
        app.session.review.people
    )
    after = without_given_ids(after)  # the first save of an edit writes the items' ids too
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""))
    assert diff[2:] == [
        "@@ -44 +44 @@",
        "-text = 'Checkout 5xx alert fired'",
        "+text = 'PagerDuty: Checkout 5xx alert fired'",
    ]


async def typed(fixture: Path, folder: Path, *steps: str) -> tuple[str, str]:
    """A copy of `fixture` before and after the app takes `steps` and saves (without the
    items' ids that the save gives)."""
    path = Path(shutil.copy(fixture, folder / fixture.name))
    before = path.read_text(encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, *steps, "ctrl+s")
        await settle(app, pilot)
    return before, without_given_ids(path.read_text(encoding="utf-8"))


async def test_an_event_added_in_the_app_is_an_added_block(tmp_path):
    before, after = await typed(HANDWRITTEN, tmp_path, "ctrl+n", "Postmortem scheduled", "enter")
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""))
    changed = [line for line in diff[2:] if not line.startswith("@@")]
    assert all(line.startswith("+") for line in changed)
    assert changed[:2] == ["+[[timeline]]", "+at = 2026-11-20T14:00:00"]  # as the file writes
    assert '+text = "Postmortem scheduled"' in changed


async def test_an_event_typed_on_the_entry_line_is_written_as_the_files_events(tmp_path):
    """A review whose times end in Z and put `approx` before `text`: the new block does too,
    at its place in time (the file keeps its timeline in order)."""
    zulu = HANDWRITTEN.with_name("zulu-times.toml")
    entry = "2025-06-03 ~23:00 Rollback started"
    before, after = await typed(zulu, tmp_path, "ctrl+n", entry, "enter")
    added = '[[timeline]]\nat = 2025-06-03T23:00:00Z\napprox = true\ntext = "Rollback started"\n\n'
    later = "[[timeline]]\nat = 2025-06-04T02:45"
    assert after == before.replace(later, added + later)


async def test_a_save_that_cannot_keep_the_files_layout_says_so(tmp_path, monkeypatch):
    """An edit pmtui cannot make in the file's own text (a shape it does not map) is saved
    in pmtui's own layout: every value is kept, the comments are not, and the scribe is
    told, once. A file already in pmtui's layout loses nothing, and nothing is said."""

    def unmappable(*args):
        raise Unmapped("a shape pmtui does not map")

    monkeypatch.setattr(toml_edit._Edit, "applied", unmappable)
    handwritten = Path(shutil.copy(HANDWRITTEN, tmp_path / "db-failover.toml"))
    own = tmp_path / "own.toml"
    own.write_text(store.dumps(store.load(handwritten)), encoding="utf-8")
    for path, told in ((handwritten, [LAYOUT_LOST]), (own, [])):
        assert ("#" in path.read_text(encoding="utf-8")) == (path == handwritten)
        app = app_on(path)
        async with app.run_test(size=SIZE) as pilot:
            for text in ("db failover started", "db failover done"):
                await write(pilot, "ctrl+n", text, "enter", "ctrl+s")
                await settle(app, pilot)
            assert [line for line in app.told if "layout" in line] == told
        assert store.load(path) == app.session.review


WRITTEN_BY_HAND = """\
[incident]
title = "Checkout down"
goals = [
  "Detect incidents more quickly.",  # our favourite
  # a comment line in the array
  "Keep customers informed.",
]

[lessons]
went_well = [
  'Rollback was quick.',  # thanks to the runbook
  "The status page was updated.",
]

[[timeline]]
at = 2026-11-14T11:00:00Z
text = "B"

[[timeline]]
at = 2026-11-14T10:00:00Z
text = "A"

[[timeline]]
at = 2026-11-14T12:00:00Z
text = "C"
"""


async def edited_in_the_app(path: Path, edit) -> str:
    """The text of `path` after the app makes `edit(app, pilot)` and saves (without the
    items' ids that the save gives)."""
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await edit(app, pilot)
        await write(pilot, "ctrl+s")
        await settle(app, pilot)
    return without_given_ids(path.read_text(encoding="utf-8"))


async def test_an_event_edited_where_a_person_put_it_out_of_time_order_stays_there(tmp_path):
    """Tried as a new user would: an event written out of time order, edited in its text
    alone, moved its whole block below the next one."""
    path = tmp_path / "r.toml"
    path.write_text(WRITTEN_BY_HAND, encoding="utf-8")

    async def edit(app, pilot):
        timeline = app.screen.query_one("#timeline-table")
        app.screen.set_focus(timeline)
        timeline.move_cursor(row=1)  # the table shows the events in time order: A, B, C
        await pilot.press("enter")
        assert app.screen.query_one("#field-text").text == "B"
        await write(pilot, "tab", " (edited)", "ctrl+s")

    assert await edited_in_the_app(path, edit) == WRITTEN_BY_HAND.replace(
        'text = "B"', 'text = "B (edited)"'
    )


async def test_an_edited_goal_or_lesson_keeps_its_line_and_its_comments(tmp_path):
    """Tried as a new user would: an edited goal lost the comment on its line, and the
    comment line below it came above it; a lesson too."""
    path = tmp_path / "r.toml"
    path.write_text(WRITTEN_BY_HAND, encoding="utf-8")

    async def edit(app, pilot):
        titles = [title for title, _ in specs.wrapup(app.session)]
        for title in ("Goals", "What went well"):
            await on_table(app, pilot, "wrapup", f"#{specs.wrapup_id(titles.index(title))}")
            await write(pilot, "enter", " fast", "ctrl+s")  # its first row

    edited = WRITTEN_BY_HAND.replace('quickly.",', 'quickly. fast",')
    assert await edited_in_the_app(path, edit) == edited.replace("quick.',", "quick. fast',")

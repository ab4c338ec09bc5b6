"""Every action: a key, an entry in the command palette, a line in F1 help."""

import pytest
from helpers import NOW, SIZE, app_on, pick, saved, screen_text, settle, write
from textual.binding import Binding

from pmtui.tui.app import make_app
from pmtui.tui.keys import KEYS, SCOPE_TITLES
from pmtui.tui.screens.help import HelpScreen, help_markdown
from pmtui.tui.screens.review import TABLES
from pmtui.tui.tables import specs


def palette_actions(app) -> set[tuple]:
    """(table id or 'app', action) for every command the palette offers."""
    found = set()
    screen = app.screen
    for command in app.get_system_commands(screen):
        callback = command.callback
        if getattr(callback, "func", None) in (app.run_action, screen.run_action):
            found.add(("app", callback.args[0]))
        elif getattr(callback, "func", None) == screen.run_on_table:
            found.add((callback.args[0], callback.args[2]))
    return found


async def test_every_shown_binding_is_in_the_palette_and_help(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        offered = palette_actions(app)
        help_text = help_markdown()
        wrapup = [(specs.wrapup_id(n), "wrapup") for n, _ in enumerate(specs.wrapup(app.session))]
        for table_id, tab in [*((table_id, tab) for table_id, tab, _ in TABLES), *wrapup]:
            if tab:
                await app.screen.show_tab(tab)
            await pilot.pause()
            app.screen.set_focus(app.screen.query_one(f"#{table_id}"))
            await pilot.pause()
            for active in app.screen.active_bindings.values():
                binding = active.binding
                if binding.id is None:
                    continue  # Textual's own (cursor keys, palette)
                scope, action = binding.id.split(".", 1)
                action = binding.action.removeprefix("app.")  # the app's, shown by the screen
                on_app = scope in ("app", "review", "meeting")  # the app's or the screen's
                assert ("app" if on_app else table_id, action) in offered, binding.id
                help_line = next(line for line in help_text.splitlines() if binding.tooltip in line)
                assert binding.key in help_line.split("`")[1].split(" or "), binding.id


async def test_help_lists_every_registered_key(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one("Markdown").source
        for keys in KEYS.values():
            for key in keys:
                assert f"| `{key.label}` | {key.help} |" in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_runs_a_table_action_on_its_tab(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pick(pilot, "Actions: Done")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "actions"
        assert app.session.review.actions[0].status == "done"


@pytest.mark.parametrize(
    ("command", "table", "added"),
    [
        ("Attempted work: Add", "wrapup-1", lambda review: review["work"][-1]["what"]),
        ("Parking lot: Add", "wrapup-7", lambda review: review["meeting"]["parking_lot"][-1]),
    ],
)
async def test_palette_adds_a_row_to_the_wrapup_table_it_names(pet_clinic, command, table, added):
    """A Wrap-up table's keys are in the palette under its title; the form its command
    opens closes back onto that table, not the tab's first (the contributing factors)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pick(pilot, command)
        await settle(app, pilot)
        await write(pilot, "Restarted the app servers", "ctrl+s")
        await settle(app, pilot)
        assert app.screen.query_one("#tabs").active == "wrapup"
        assert app.focused.id == table
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert added(saved(pet_clinic)) == "Restarted the app servers"


def test_keys_that_work_anywhere_never_share_a_key():
    """Scopes bound at the app or screen level are live together; one key, one action."""
    seen: dict[str, str] = {}
    for scope in ("app", "review", "meeting", "replaying"):
        for key in KEYS[scope]:
            for name in key.keys.split(","):
                assert name not in seen, f"{name}: {seen.get(name)} and {scope}.{key.action}"
                seen[name] = f"{scope}.{key.action}"


def strip_keys(app) -> list[str]:
    """Each meeting key the footer leaves out, with its title, as the footer writes keys."""
    return [
        f"{app.get_key_display(Binding(key.keys.split(',')[0], key.action))} {key.title}"
        for scope in ("app", "review", "meeting")
        for key in KEYS[scope]
        if not key.show and not key.action.startswith(("show_tab", "next_", "previous_"))
    ]


async def test_every_meeting_key_the_footer_leaves_out_is_on_the_key_strip(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        strip = str(app.screen.query_one("#key-strip").render())
        for key in strip_keys(app):
            assert key in strip
        # On the timeline table a digit starts a time: the strip names the keys for tabs there.
        assert strip.startswith("^pgup ^pgdn Tabs")
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        assert app.focused.id == "impact-table"
        strip = str(app.screen.query_one("#key-strip").render())
        assert strip.startswith("1-6 ^pgup ^pgdn Tabs")


@pytest.mark.parametrize("width", [120, 100])
async def test_no_key_of_the_strip_is_parted_from_its_title_at_a_lines_end(pet_clinic, width):
    """Textual wrapped the strip at any space: "^g" ended a line, "Speaking" began the next."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one("#key-strip")
        region = strip.region
        rows = screen_text(app).splitlines()[region.y : region.bottom]
        assert len(rows) > 1
        for key in ["^pgup ^pgdn Tabs", *strip_keys(app)]:  # the timeline table has the focus
            assert any(key in row for row in rows), key


def test_a_dialogs_line_of_keys_follows_the_key_table(monkeypatch):
    from pmtui.tui import keys

    assert keys.key_line("line") == "Enter saves · Esc keeps it for later"
    moved = tuple(
        keys.Key("ctrl+s", k.action, k.title, k.help, hint=k.hint) if k.keys == "enter" else k
        for k in keys.KEYS["line"]
    )
    monkeypatch.setitem(keys.KEYS, "line", moved)
    assert keys.key_line("line", lead="type") == "type · ctrl+s saves · Esc keeps it for later"


async def test_the_key_strip_gives_its_rows_to_the_panes_on_a_short_screen(pet_clinic):
    """A big font on a shared screen leaves few rows: at 24 the timeline showed 4 events.
    The strip's keys stay in F1 and the palette; a taller terminal brings it back."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one("#key-strip")
        table = app.screen.query_one("#timeline-table")
        assert not strip.display and strip.region.height == 0
        assert table.region.height >= 9  # its header and eight events
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert strip.display and strip.region.height > 0


def test_help_says_how_to_scroll_the_replay_bar():
    """At 80x24 a scene's table does not fit the bar: F1 says which keys scroll it."""
    lines = help_markdown().split("## Replay bar")[1].split("\n## ")[0].splitlines()
    assert any(line.startswith("| `up` | Scroll the bar up") for line in lines)
    assert any(line.startswith("| `down` | Scroll the bar down") for line in lines)


async def test_help_on_the_start_screen_lists_its_keys_first(pet_clinic):
    """The start screen's keys came after every key of the meeting, near the end."""
    app = make_app(None, clock=lambda: NOW, autosave_delay=60, folder=pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one("Markdown").source
    headings = [line for line in shown.splitlines() if line.startswith("## ")]
    assert headings[:2] == [f"## {SCOPE_TITLES['start']}", "## Typing times, dates and text"]


async def test_help_opens_on_the_screens_keys_at_80x24(pet_clinic):
    """F1 opened on some 30 lines about typing times, dates and text: at 80x24 its first key
    was two pages down. The screen's keys come first, the prose after them, then the keys of
    dialogs and other screens, the measures last."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "pmtui keys" in screen_text(app)
        assert "Save and quit" in screen_text(app)  # ctrl+q, the first key, on its first page
        shown = app.screen.query_one("Markdown").source
    order = ["## Anywhere", "## Participants", "## Typing times", "## Any dialog", "## Measures"]
    assert [shown.index(heading) for heading in order] == sorted(map(shown.index, order))


async def test_the_palette_shows_the_help_without_its_markdown(pet_clinic):
    """The help is Markdown in F1; the palette showed its backticks as they are."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE):
        said = [str(command.help) for command in app.get_system_commands(app.screen)]
    assert any("40 orders lost" in line for line in said)
    assert not [line for line in said if "`" in line]


def test_no_two_keys_beside_a_table_share_a_title():
    """The footer and the key strip name every key live on a table: with the sidebar
    focused they offered `space Present` (who is there) and `^f Present` (the pane alone)."""
    for table_id, _tab, scopes in TABLES:
        actions: dict[str, str] = {}
        for scope in ("app", "review", "meeting", *scopes):
            for key in KEYS[scope]:
                other = actions.setdefault(key.title, key.action)
                assert other == key.action, f"{table_id}: {key.title!r} is {other} and {key.action}"

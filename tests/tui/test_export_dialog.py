"""ctrl+e: preview the Markdown, write it beside the review, copy it."""

from __future__ import annotations

import shutil
import threading

import pytest
from helpers import SIZE, app_on, settle

from pmtui import templates
from pmtui.export import markdown
from pmtui.files import locations, store
from pmtui.tui import clipboard
from pmtui.tui.dialogs.export import ExportDialog


def messages(app) -> list[str]:
    return app.told


@pytest.fixture
def no_desktop_clipboard(monkeypatch):
    monkeypatch.setattr(clipboard, "_desktop_copy", lambda text: False)


async def test_preview_shows_the_export_and_w_writes_it_beside_the_review(pet_clinic):
    app = app_on(pet_clinic)
    expected = markdown.render(store.load(pet_clinic))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)
        assert str(app.screen.query_one("#export-preview").render()) == expected
        await pilot.press("w")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert pet_clinic.with_suffix(".md").read_text(encoding="utf-8") == expected


async def test_an_existing_markdown_file_is_replaced_only_on_a_second_w(pet_clinic):
    written = pet_clinic.with_suffix(".md")
    written.write_text("my own notes\n", encoding="utf-8")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "w")
        await settle(app, pilot)
        assert written.read_text(encoding="utf-8") == "my own notes\n"
        assert any("press w again" in message for message in messages(app))
        await pilot.press("w")
        await settle(app, pilot)
    assert written.read_text(encoding="utf-8").startswith("# ")


async def test_a_review_named_md_is_never_written_over_by_its_export(pet_clinic):
    """Any name opens: `notes.md` exported beside itself was `notes.md`, the review, which
    a second `w` replaced with its Markdown, the header still saying "saved"."""
    review = pet_clinic.rename(pet_clinic.with_name("notes.md"))
    before = review.read_bytes()
    app = app_on(review)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "w")
        await settle(app, pilot)
    assert review.read_bytes() == before
    assert (review.parent / "notes.md.md").read_text(encoding="utf-8").startswith("# ")


async def test_a_link_to_the_review_is_never_written_through(pet_clinic):
    """`review.md` a link to the review itself: its export would have replaced the review."""
    before = pet_clinic.read_bytes()
    pet_clinic.with_suffix(".md").symlink_to(pet_clinic.name)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "w")
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)  # not written: still open
        assert any("is the review being exported" in message for message in messages(app))
    assert pet_clinic.read_bytes() == before


async def test_a_target_w_may_not_write_gets_advice_that_works_from_the_app(pet_clinic):
    """`w` writes one name only: the advice was the command line's, "give a file name"."""
    pet_clinic.with_suffix(".md").mkdir()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "w")
        await settle(app, pilot)
        await pilot.press("escape", "ctrl+r", "ctrl+e", "w")  # anonymised: so is the advice
        await settle(app, pilot)
    advice = "press c to copy it instead, or write it elsewhere from the command line: pmtui"
    assert messages(app)[-3:] == [
        f"Not written: {pet_clinic.with_suffix('.md')}: not a regular file (a folder, a device "
        f"or a pipe); {advice} export {pet_clinic} -o OTHER.md",
        "Roles instead of names, on screen and in export",
        f"Not written: {pet_clinic.with_suffix('.md')}: not a regular file (a folder, a device "
        f"or a pipe); {advice} export {pet_clinic} --anonymise -o OTHER.md",
    ]


async def test_copy_sends_osc52_and_says_once_how_to_make_it_arrive(
    pet_clinic, no_desktop_clipboard, monkeypatch
):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "c", "c")
        await settle(app, pilot)
        assert app.clipboard == app.screen.text
        hints = [message for message in messages(app) if "set-clipboard on" in message]
        sent = [message for message in messages(app) if message.startswith("Sent")]
        assert len(hints) == 1 and len(sent) == 2


async def test_copy_through_a_desktop_clipboard_says_so(pet_clinic, monkeypatch):
    copied = []
    monkeypatch.setattr(clipboard, "_desktop_copy", lambda text: copied.append(text) or True)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "c", "escape")
        await settle(app, pilot)
        assert copied == [app.clipboard]
        assert "Copied the Markdown to the clipboard" in messages(app)
        assert not isinstance(app.screen, ExportDialog)


@pytest.fixture
def tools(tmp_path, monkeypatch):
    """Fake desktop clipboard tools: the only programs on PATH, with an X display set."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)

    def tool(name: str, script: str) -> None:
        (folder / name).write_text(f"#!/bin/sh\n{script}\n")
        (folder / name).chmod(0o755)

    return tool


CAT = shutil.which("cat")
"""Found before a test leaves only the fake tools on PATH."""
UNREACHABLE = """echo "Error: Can't open display: :99" >&2; exit 1"""


async def test_a_clipboard_tool_that_fails_is_not_taken_for_a_copy_nor_heard(
    pet_clinic, tools, capfd
):
    """xclip with a display it cannot reach: the notice said "Copied", and xclip's error
    line was written over the app's screen."""
    tools("xclip", UNREACHABLE)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "c")
        await settle(app, pilot)
        assert any(message.startswith("Sent the Markdown") for message in messages(app))
        assert not any(message.startswith("Copied") for message in messages(app))
    assert "open display" not in capfd.readouterr().err


def test_a_clipboard_that_holds_the_text_afterwards_took_the_copy(tools, tmp_path):
    held = tmp_path / "clipboard"
    tools("xclip", f'case "$*" in *-o*) {CAT} "{held}";; *) {CAT} > "{held}";; esac')
    assert clipboard._desktop_copy("Résumé\n") is True
    assert held.read_text(encoding="utf-8") == "Résumé\n"


def test_the_copy_never_runs_a_module_of_the_current_folder(tools, tmp_path, monkeypatch):
    (tmp_path / "pyperclip.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w')\n")
    monkeypatch.chdir(tmp_path)
    clipboard._desktop_copy("x")
    assert not (tmp_path / "ran").exists()


def test_without_a_clipboard_tool_nothing_is_copied(tools):
    assert clipboard._desktop_copy("x") is False


async def test_one_section_can_be_copied_on_its_own(pet_clinic, no_desktop_clipboard):
    from pmtui.export import markdown, sections

    review = store.load(pet_clinic)
    template = markdown.template_for(review)
    expected = sections.render_section(review, "external_email", template).strip() + "\n"
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "s")
        await settle(app, pilot)
        options = app.screen.query_one("OptionList")
        names = [options.get_option_at_index(n).id for n in range(options.option_count)]
        assert "external_email" in names and "actions" in names
        options.highlighted = names.index("external_email")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.clipboard == expected
        assert "Last weekend Pet Clinic was unavailable" in app.clipboard
        assert any("the external email section" in message for message in messages(app))
        assert isinstance(app.screen, ExportDialog)  # back in the preview


async def test_the_preview_renders_off_the_ui_thread_and_w_waits_for_it(pet_clinic, monkeypatch):
    """A 10,000-event review takes half a second to render: keys keep working meanwhile,
    and `w` does nothing until there is Markdown to write."""
    release = threading.Event()
    render = markdown.render_for_preview

    def slow_render(review):
        assert threading.current_thread() is not threading.main_thread()
        release.wait(10)
        return render(review)

    monkeypatch.setattr(markdown, "render_for_preview", slow_render)
    written = pet_clinic.with_suffix(".md")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        preview = app.screen.query_one("#export-preview")
        assert str(preview.render()) == "Rendering the Markdown …"
        await pilot.press("w")
        await pilot.pause()
        assert not written.exists()
        release.set()
        await settle(app, pilot)
        assert str(preview.render()).startswith("# ")
        expected = app.screen.text
        await pilot.press("w")
        await settle(app, pilot)
    assert written.read_text(encoding="utf-8") == expected


async def test_a_layout_too_deeply_nested_to_compile_falls_back_to_the_default(pet_clinic):
    """It said "Not rendered: too many statically nested blocks (deep.md.j2, line 71)", a
    line of the Python Jinja made of the one-line layout, and showed nothing."""
    folder = locations.config_dir() / "templates"
    folder.mkdir(parents=True)
    (folder / "deep.toml").write_text(
        'name = "deep"\ntitle = "Deep"\ndescription = "Nested"\nlayout = "deep.md.j2"\n'
    )
    (folder / "deep.md.j2").write_text("{% for x in [1] %}" * 25 + "{% endfor %}" * 25)
    pet_clinic.write_text('template = "deep"\n' + pet_clinic.read_text())
    expected = markdown.render(store.load(pet_clinic), templates.load_template("default"))
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert str(app.screen.query_one("#export-preview").render()) == expected
    assert [message for message in messages(app) if "deep" in message] == [
        "Default layout: 'deep.md.j2': too deeply nested to be compiled"
        " (too many statically nested blocks)"
    ]


async def test_s_pressed_twice_while_sections_render_offers_them_once(pet_clinic, monkeypatch):
    from pmtui.export import sections
    from pmtui.tui.dialogs.section import SectionDialog

    release = threading.Event()
    render_section = sections.render_section

    def slow_section(*args):
        release.wait(10)
        return render_section(*args)

    monkeypatch.setattr(sections, "render_section", slow_section)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        await pilot.press("s", "s")
        release.set()
        await settle(app, pilot)
        assert sum(isinstance(screen, SectionDialog) for screen in app.screen_stack) == 1


async def test_a_section_render_that_fails_is_said_and_s_works_again(pet_clinic, monkeypatch):
    from pmtui.export import sections
    from pmtui.tui.dialogs.section import SectionDialog

    render_section = sections.render_section
    failures = [RuntimeError("layout exploded")]

    def failing_once(*args):
        if failures:
            raise failures.pop()
        return render_section(*args)

    monkeypatch.setattr(sections, "render_section", failing_once)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert "Not rendered: layout exploded" in messages(app)
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, SectionDialog)

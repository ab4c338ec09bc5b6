"""A long text field shows its text once, wrapped where its room ends."""

from helpers import screen_text, settle
from replaying import replay_app

from pmtui.tui.forms.dialog import FieldText


async def test_a_field_filled_past_its_height_shows_no_words_twice(tmp_path):
    """A Summary field filled at once grew to its height, its scrollbar came, and Textual
    wrapped its text anew for the narrower room but left a line drawn for the old room on
    screen: a word showed twice ("understanding and" / "and improvement."). Which frame
    that happens in depends on the terminal; here the fields' room for a scrollbar is
    kept from the start, which brings it about every time.

    The replay scrolls the tab to the field while the fields take their heights, so where
    it lands can vary on a busy machine; the test brings the whole field into view."""
    app = replay_app(tmp_path / "t5.toml", scene=7)  # the scene of the code of conduct
    app.CSS = "LiveForm TextArea { scrollbar-gutter: stable; }"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await app.screen.show_tab("summary", focus=False)
        await settle(app, pilot)
        field = next(f for f in app.screen.query(FieldText) if "Strategic Level" in f.text)
        field.scroll_visible(animate=False, immediate=True)
        await settle(app, pilot)
        lines = screen_text(app).splitlines()
    at = next(n for n, line in enumerate(lines) if "Strategic Level understanding" in line)
    shown = " ".join(line.split("▊")[1].split("▎")[0].strip() for line in lines[at : at + 2])
    assert shown.endswith("Strategic Level understanding and improvement."), shown

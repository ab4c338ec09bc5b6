"""The Summary tab shows the review's own template: its hints and its questions to answer."""

from helpers import SIZE, app_on, settle, write
from textual.widgets import Label, Static, TextArea

from pmtui import templates
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
        'template = "gone"\n[[questions]]\nsection = "detection"\nprompt = "Who saw it?"\n'
    )
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+pageup")  # a new review opens on the entry line
        await pilot.pause()
        pane = app.screen.query_one("#summary")
        assert not pane.query(".hint")
        assert "Who saw it?" in [shown(label) for label in pane.query(Label)]

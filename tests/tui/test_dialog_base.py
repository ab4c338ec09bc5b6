"""Every dialog is a `Dialog`: one look (the box's border and colour written once, in
dialogs/base.py), one cancel key (escape closes it with its "nothing chosen" answer)."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from helpers import NOW, SIZE, app_on, settle
from test_dialog_grace import conflict_over_mine, grace_app
from textual.color import Color
from textual.screen import ModalScreen

import pmtui.tui
from pmtui.files import store
from pmtui.training.player import Player
from pmtui.training.scenario import Scenario
from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.dialogs.choice import Choice, ChoiceDialog
from pmtui.tui.dialogs.export import ExportDialog
from pmtui.tui.dialogs.followups import FollowUpsDialog
from pmtui.tui.dialogs.ground_rules import GroundRulesCard
from pmtui.tui.dialogs.import_chat import ImportChatDialog
from pmtui.tui.dialogs.line import LineDialog
from pmtui.tui.dialogs.save_as import SaveAsDialog
from pmtui.tui.dialogs.scenes import ScenesDialog
from pmtui.tui.dialogs.section import SectionDialog
from pmtui.tui.dialogs.speaker import SpeakerDialog
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.forms.fields import FieldSpec, FormContext
from pmtui.tui.screens.checklist import ChecklistScreen
from pmtui.tui.screens.help import HelpScreen
from pmtui.tui.screens.meeting import MeetingScreen

DRILL = Scenario.model_validate(
    {"title": "Drill", "scenes": [{"title": "Talk", "lines": [{"speaker": "Chun", "text": "Hi"}]}]}
)

OPENED = {  # each dialog as the app opens it, and the colour of its border
    ChoiceDialog: (
        lambda app: ChoiceDialog("A question", "Which?", [Choice("a", "A", "a")]),
        "error",
    ),
    SaveAsDialog: (
        lambda app: SaveAsDialog("Not saved.", Path("x.toml"), lambda path: None),
        "warning",
    ),
    GroundRulesCard: (lambda app: GroundRulesCard(), "accent"),
    ExportDialog: (lambda app: ExportDialog(app.session.review, app.session.path), "primary"),
    ImportChatDialog: (lambda app: ImportChatDialog(app.session.review, NOW), "primary"),
    LineDialog: (
        lambda app: LineDialog("Parking lot", lambda line: None, typed=lambda line: []),
        "primary",
    ),
    SectionDialog: (lambda app: SectionDialog(["summary", "actions"]), "primary"),
    ScenesDialog: (lambda app: ScenesDialog(Player(DRILL, app.session.review)), "primary"),
    FollowUpsDialog: (lambda app: FollowUpsDialog([], app.session.path.parent), "primary"),
    SpeakerDialog: (lambda app: SpeakerDialog(app.session.review.people, str), "primary"),
    ChecklistScreen: (lambda app: ChecklistScreen(app.session), "primary"),
    HelpScreen: (lambda app: HelpScreen(), "primary"),
    FormDialog: (
        lambda app: FormDialog(
            "An action", [FieldSpec("what", "What")], {}, FormContext(dt.UTC, NOW), print
        ),
        "primary",
    ),
}


def modal_screens() -> set[type]:
    """Every ModalScreen class pmtui defines but Dialog (every module under pmtui.tui
    imported)."""
    for module in pkgutil.walk_packages(pmtui.tui.__path__, "pmtui.tui."):
        importlib.import_module(module.name)
    found, todo = set(), [ModalScreen]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("pmtui.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found - {Dialog}


def test_every_dialog_is_a_dialog_and_is_opened_here():
    screens = modal_screens()
    assert {screen for screen in screens if not issubclass(screen, Dialog)} == set()
    opened = {
        screen for screen in screens if not any(s in screens for s in screen.__subclasses__())
    }
    assert opened == set(OPENED)  # a new dialog: add it to OPENED


RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def box_rules(css: str) -> list[str]:
    """The rules of `css` that set the border or background of a dialog's box (a direct
    child of the dialog) rather than of something inside it."""
    return [
        selector.strip()
        for selector, body in RULE.findall(css)
        if ">" in selector
        and {part.split(":")[0].strip() for part in body.split(";")} & {"border", "background"}
    ]


def test_no_dialog_writes_its_own_box():
    assert box_rules(Dialog.DEFAULT_CSS)  # the check finds the one rule there is
    own = {
        screen.__name__: box_rules(screen.__dict__.get("DEFAULT_CSS", ""))
        for screen in modal_screens()
    }
    assert {name: rules for name, rules in own.items() if rules} == {}


@pytest.mark.parametrize("kind", list(OPENED), ids=lambda kind: kind.__name__)
async def test_escape_closes_every_dialog_with_its_nothing_chosen(pet_clinic, kind):
    open_dialog, tone = OPENED[kind]
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        answers = []
        dialog = open_dialog(app)
        app.push_screen(dialog, answers.append)
        await settle(app, pilot)
        assert app.screen is dialog
        box = dialog.query_one(".box")
        assert box.styles.border.top == ("thick", Color.parse(app.theme_variables[tone]))
        assert box.styles.background == Color.parse(app.theme_variables["surface"])

        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert answers == [False if kind is FormDialog else None]  # a form: "not saved"


async def test_the_first_key_after_the_grace_reaches_the_dialogs_bindings(pet_clinic):
    """Enter, pressed once typing has paused for the grace, takes the first answer (keep
    mine as a copy) as it would in a dialog the scribe opened: it is the list's binding,
    which the key, sent again by the dialog, never reached."""
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await conflict_over_mine(app, pilot, pet_clinic)
        assert isinstance(app.screen, ChoiceDialog) and app.focused is None
        clock.now += 0.5
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.path.name == "pet-clinic-dojo.mine-20261120-140000.toml"
    assert store.load(app.session.path).timeline[-1].text == "mine"

"""Every key of the app, once: the footer, the command palette and F1 help read from here.

A scope is where the key works: `app` anywhere, `review` and `meeting` on a screen showing
the review (its bindings), `record` on any table, the others on one pane's table
(`timeline`, `whys`, `actions`, `people`) or one dialog, `replay` on the bar of a replay.
Hints in messages name keys through `key_of`, so a key changed here is changed there too.
`ctrl+j` stands in wherever ctrl+enter is meant, because many terminals never send it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    keys: str
    action: str
    title: str
    help: str
    show: bool = True
    priority: bool = False
    """Before the focused widget: for keys that must work inside text fields too, and for
    keys that open a dialog or move the focus (they act as the app reads them, so the keys
    typed after them, however fast, reach what they opened: `TypeAhead`)."""
    hint: str = ""
    """What the key does, as a dialog's line of keys says it ("saves"): see `key_line`."""

    @property
    def label(self) -> str:
        """The keys as a person reads them: `1 or alt+1`, `/` for slash."""
        return " or ".join("/" if key == "slash" else key for key in self.keys.split(","))


SCOPE_TITLES = {
    "app": "Anywhere",
    "review": "On the review",
    "record": "Any table",
    "timeline": "Timeline",
    "entry": "Timeline entry line",
    "whys": "5 Whys",
    "actions": "Actions",
    "people": "Participants",
    "dialog": "Any dialog",
    "save-as": "Save as, come up on its own (a failed save)",
    "form": "Forms",
    "export": "Export preview",
    "checklist": "Checklist (F3)",
    "start": "Start screen",
    "chat-source": "Import chat",
    "chat": "Import chat: picking lines",
    "meeting": "Running the meeting (anywhere)",
    "line": "One-line notes (parking lot, decision)",
    "speaker": "Who is speaking",
    "replay": "Replay bar (pmtui replay)",
    "scenes": "Replay: scene list",
    "replaying": "While replaying",
}

TABS = ("summary", "timeline", "impact", "whys", "actions", "wrapup")
TAB_TITLES = dict(
    zip(TABS, ("Summary", "Timeline", "Impact", "5 Whys", "Actions", "Wrap-up"), strict=True)
)

KEYS: dict[str, tuple[Key, ...]] = {
    "app": (
        Key("ctrl+q", "quit", "Quit", "Save and quit"),
        Key("f1", "help", "Help", "Show every key"),
        Key(
            "f4",
            "change_theme",
            "Theme",
            "Choose a theme: dark, light, high contrast",
            show=False,
        ),
    ),
    "review": (
        Key(
            "ctrl+n",
            "add_event_now",
            "Event now",
            "Add a timeline event stamped now",
            priority=True,
        ),
        Key("ctrl+s", "save", "Save", "Save the review now (it also saves by itself)"),
        Key(
            "f12",
            "save_as",
            "Save as",
            "Save the review to another file and go on there",
            show=False,
            priority=True,
        ),
        Key(
            "ctrl+e",
            "export",
            "Export",
            "Preview the Markdown; write it or copy it",
            priority=True,
        ),
        Key(
            "ctrl+t",
            "import_chat",
            "Chat",
            "Add the incident chat to the timeline",
            show=False,
            priority=True,
        ),
        Key(
            "f2",
            "toggle_sidebar",
            "People",
            "Go to the participants; F2 again hides them and goes back",
            # Run as the app reads it: a name typed right after went to the timeline.
            priority=True,
        ),
        Key(
            "f3",
            "checklist",
            "Checklist",
            "Durations, checks and blameless hints; dismiss some",
            show=False,  # the footer is full; the durations line on two tabs names F3
            priority=True,
        ),
        Key("ctrl+z", "undo", "Undo", "Undo the last change (of any kind)", show=False),
        Key("ctrl+y", "redo", "Redo", "Make the last undone change again", show=False),
        *(
            Key(
                f"{number},alt+{number}",
                f"show_tab('{tab}')",
                TAB_TITLES[tab],
                f"Go to {TAB_TITLES[tab]} (`alt+{number}` anywhere, `{number}` on a table; a"
                " digit typed in a text field, on the timeline, or with more at once on a table"
                " is text: `40 orders lost`)",
                show=False,
            )
            for number, tab in enumerate(TABS, start=1)
        ),
        Key(
            "ctrl+pagedown",
            "next_tab",
            "Next tab",
            "Go to the next tab (inside a text field too)",
            show=False,
            priority=True,
        ),
        Key(
            "ctrl+pageup",
            "previous_tab",
            "Previous tab",
            "Go to the previous tab (inside a text field too)",
            show=False,
            priority=True,
        ),
    ),
    "meeting": (
        # The facilitator's keys are on the key strip, not the footer: there they would push
        # quit and help off a 120-column screen.
        Key(
            "f5",
            "toggle_meeting",
            "Meeting",
            "Start, stop or resume the meeting clock (ground rules first; quitting stops it)",
            show=False,
        ),
        Key(
            "f8",
            "park",
            "Park",
            "Put a topic in the parking lot (from a form too)",
            show=False,
            priority=True,
        ),
        Key(
            "f9",
            "decide",
            "Decision",
            "Write down a decision (from a form too)",
            show=False,
            priority=True,
        ),
        Key(
            "ctrl+g",
            "speaking",
            "Speaking",
            "Mark who is speaking (counts turns per person)",
            show=False,
            priority=True,
        ),
        Key(
            "ctrl+o",
            "next_agenda_item",
            "Next item",
            "Move the agenda to its next item and tab",
            show=False,
        ),
        Key(
            "ctrl+b",
            "pin_agenda",
            "Pin item",
            "Pin the agenda item: tabs no longer move it",
            show=False,
        ),
        Key(
            "ctrl+f",
            "toggle_presentation",
            "Pane only",
            "Presentation mode: only the pane, roomier",
            show=False,
        ),
        Key(
            "ctrl+r",
            "toggle_anonymise",
            "Anonymise",
            "Roles instead of names, on screen and export",
            show=False,
        ),
    ),
    "record": (
        Key("n", "add", "Add", "Add a row"),
        Key("enter", "edit", "Edit", "Edit the row under the cursor"),
        Key(
            "d",
            "delete",
            "Delete",
            "Delete the row: d asks, d again deletes (ctrl+z brings it back)",
        ),
        Key(
            "alt+up",
            "move_up",
            "Move up",
            "Move the row up one place, saved so (not on the timeline: it keeps time order)",
            show=False,
        ),
        Key("alt+down", "move_down", "Move down", "Move the row down one place", show=False),
    ),
    "timeline": (
        Key("s", "star", "Star", "Star or unstar a key event"),
        Key("m", "milestone", "Milestone", "Tick the milestones the event marks (one or several)"),
    ),
    "entry": (
        Key(
            "enter,ctrl+j",  # ctrl+j: Enter typed as pmtui starts, before it has the terminal
            "submit",
            "Add event",
            "Add the typed event: 14:05 text, +15m text, or text",
            priority=True,
        ),
        Key("ctrl+l", "milestone", "Milestone", "Tick the milestones of the event just added"),
        Key(
            "escape",
            "leave",
            "Back",
            "Back to the timeline table; the line keeps its words (ctrl+u empties it)",
        ),
    ),
    "whys": (Key("x", "systemic", "Systemic", "Mark this answer as the systemic cause"),),
    "actions": (
        Key("f", "filter", "Open/all", "Show only open actions, or all"),
        Key("x", "done", "Done", "Mark the action done, or again to undo the mark"),
    ),
    "people": (
        Key("space", "present", "Present", "Mark present (●) or absent (○); · is not yet said"),
    ),
    "dialog": (
        Key("escape", "cancel", "Close", "Close the dialog: nothing chosen, nothing changed"),
    ),
    "save-as": (
        Key(
            "e",
            "edit_name",
            "Edit name",
            "Edit the file name (until then Enter saves under the name shown, and what you"
            " type goes on into your notes; e with a letter right after it is typing too)",
        ),
    ),
    "form": (
        Key(
            "ctrl+s",
            "submit",
            "Save",
            "Save the form (Enter in a one-line field too)",
            hint="saves · Enter too, in a one-line field",
        ),
        Key("ctrl+j", "submit", "Save", "Save the form (for ctrl+enter)", show=False),
        Key(
            "ctrl+z",
            "take_back(False)",
            "Undo typing",
            "Undo the typing in this one-line field, a burst at a time (not saved yet)",
            show=False,
        ),
        Key(
            "ctrl+y",
            "take_back(True)",
            "Redo typing",
            "Type again what ctrl+z took back",
            show=False,
        ),
        Key(
            "escape",
            "cancel",
            "Cancel",
            "Close without saving (typed in: asks, Esc again drops)",
            hint="cancels",
        ),
    ),
    "line": (
        Key("enter", "submit", "Save", "Save the line", hint="saves"),
        Key(
            "escape",
            "cancel",
            "Close",
            "Close; the line comes back when opened again, and goes in on quitting",
            hint="keeps it for later",
        ),
    ),
    "speaker": (
        Key(
            "enter",
            "pick",
            "Speaking",
            "Count a turn for the highlighted person",
            hint="counts a turn",
        ),
        Key("escape", "cancel", "Cancel", "Close without counting", hint="closes"),
    ),
    "scenes": (
        Key(
            "enter",
            "pick",
            "Go",
            "Go to the highlighted scene (the current one: restart it)",
            hint="goes there",
        ),
        Key("escape", "cancel", "Cancel", "Back to the replay where it was", hint="closes"),
    ),
    "export": (
        Key("w", "write", "Write file", "Write the Markdown beside the review (REVIEW.md)"),
        Key("c", "copy", "Copy", "Copy the Markdown to the clipboard"),
        Key("s", "copy_section", "Copy section", "Copy one section: the external email, actions…"),
        Key("escape", "close", "Close", "Back to the review"),
    ),
    "checklist": (
        Key(
            "d", "toggle_dismissed", "Dismiss", "Dismiss the finding, or bring a dismissed one back"
        ),
        Key("a", "show_all", "Dismissed", "Show or hide the dismissed findings"),
        Key("escape", "close", "Close", "Close the checklist"),
    ),
    "chat-source": (
        Key(
            "ctrl+s",
            "preview",
            "Preview",
            "Read the pasted chat or the file and pick lines",
            hint="(or Enter on the file line) previews",
        ),
        Key(
            "escape",
            "cancel",
            "Cancel",
            "Close; the pasted chat comes back when opened again, until imported (from the"
            " preview: back to the chat)",
            hint="closes, keeping the chat",
        ),
    ),
    "chat": (
        Key("space", "toggle", "Keep/drop", "Keep or drop the line"),
        Key("a", "keep_all", "All", "Keep every line"),
        Key("n", "keep_none", "None", "Drop every line"),
        Key("p", "person", "Person", "Keep or drop every line of this line's speaker"),
        Key("slash", "keyword", "Word", "Keep only the lines with a word"),
        Key("enter", "import", "Import", "Add the kept lines to the timeline"),
    ),
    "start": (
        Key("ctrl+n", "new", "New review", "Start a new review file here (or Enter on its row)"),
        Key(
            "slash",
            "find",
            "Find",
            "Go to the filter of the reviews here (typing anywhere filters; Enter opens one)",
        ),
        Key(
            "ctrl+o",
            "followups",
            "Actions",
            "List the open actions of the reviews here, overdue first; Enter opens one's review",
        ),
    ),
    "replay": (
        Key(
            "enter",
            "next",
            "Next",
            "Next line (its effects fill the review); a quiz not revealed yet: reveal it",
        ),
        # The footer shows four, so quit and help still fit at 80 columns; the bar names the
        # others where they serve (the title card, a quiz).
        Key("space", "show_all", "Whole line", "Show the whole line at once", show=False),
        Key("backspace", "back", "Back", "Back one line, undoing what it added", show=False),
        Key("s", "scenes", "Scenes", "Jump to a scene, restart it or the whole replay"),
        Key("p", "pace", "Pace", "Typing pace: slow, normal, fast, whole lines"),
        Key(
            "up",
            "scroll_up",
            "Scroll up",
            "Scroll the bar up when what it shows does not fit (a scene's table on a small "
            "screen); page up and home too",
            show=False,
        ),
        Key(
            "down",
            "scroll_down",
            "Scroll down",
            "Scroll the bar down when what it shows does not fit; page down and end too",
            show=False,
        ),
        Key(
            "r",
            "reveal",
            "Reveal",
            "Reveal the quiz answer: each answer given shows right or wrong",
            show=False,
        ),
        *(
            Key(
                str(number),
                f"choose({number - 1})",
                f"Choice {number}",
                f"Record choice {number} as the answer (each learner in turn; tick or "
                "untick it in a quiz with several right choices)",
                show=False,
            )
            for number in range(1, 10)
        ),
        Key(
            "n",
            "next_learner",
            "Next learner",
            "In a quiz: the next learner's turn to answer",
            show=False,
        ),
        Key("escape", "pause", "Pause", "Pause the replay and edit the review"),
    ),
    "replaying": (
        # Pause's pair; the palette shows it as "Replay: Resume" (it said "Replay: Replay").
        Key("f10", "focus_replay", "Resume", "Back to the replay (Esc too, from a table)"),
        Key("escape", "focus_replay", "Resume", "Back to the replay", show=False),
    ),
}


def bindings(scope: str) -> list[Binding]:
    return [
        Binding(
            k.keys,
            k.action,
            k.title,
            show=k.show,
            tooltip=k.help,
            id=f"{scope}.{k.action}",
            priority=k.priority,
        )
        for k in KEYS[scope]
    ]


def key_display(app: App, key: str) -> str:
    """`key` as the footer writes it (`⏎`, `esc`, `^s`): keys named just above the footer
    (the key strip, the replay bar) agree with it."""
    return app.get_key_display(Binding(key, ""))


SPOKEN = {"enter": "Enter", "escape": "Esc"}
"""Keys as a line of hints names them; others as written (`ctrl+s`)."""


def key_line(scope: str, lead: str = "") -> str:
    """A dialog's line of keys from the table: `↑↓ choose · Enter saves · Esc closes`."""
    said = [
        f"{SPOKEN.get(key.keys.split(',')[0], key.keys.split(',')[0])} {key.hint}"
        for key in KEYS[scope]
        if key.hint
    ]
    return " · ".join([lead, *said] if lead else said)


def palette(
    keys: Iterable[Key], run: Callable[[str], object], place: str = ""
) -> Iterator[SystemCommand]:
    """Keys as command palette entries (`place: title`, what it does and its key), each
    running its action through `run`. The palette shows text as it is: the help's
    Markdown backticks are left out."""
    for key in keys:
        title = f"{place}: {key.title}" if place else key.title
        said = key.help.replace("`", "")
        yield SystemCommand(title, f"{said} ({key.label})", partial(run, key.action))


def keys_of(action: str, scope: str | None = None) -> tuple[str, ...]:
    """Every key bound to `action`, in `scope` or its first scope (`ctrl+z`; `1`, `alt+1`)."""
    scopes = [KEYS[scope]] if scope else KEYS.values()
    return next(tuple(k.keys.split(",")) for keys in scopes for k in keys if k.action == action)


def key_of(action: str, scope: str | None = None) -> str:
    """The first key of `action`, as a hint in a message says it (`ctrl+z`, `f5`)."""
    return keys_of(action, scope)[0]


TAB_MOVES = frozenset(
    key
    for action in ("next_tab", "previous_tab", *(f"show_tab('{tab}')" for tab in TABS))
    for key in keys_of(action)
    if not key.isdigit()  # a digit is a tab's key on a table only: elsewhere it is text
)
"""The keys that change the tab wherever the focus is (`TypeAhead.moving`)."""

"""A screen with the meeting screen's kinds of widgets, in Textual alone: a header, a
participants table of eight, six tabs with a 40-row table and an entry line on the shown
one, a footer of twelve keys. No pmtui code; `textual_floor.py` starts it.
"""

from typing import ClassVar

from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent, TabPane

PEOPLE = ["Chun", "Paulo", "Santhosh", "Brenda", "Selma", "Adam", "Dan", "Tina"]
TABS = {
    "summary": "Summary",
    "timeline": "Timeline",
    "impact": "Impact",
    "whys": "5 Whys",
    "actions": "Actions",
    "wrapup": "Wrap-up",
}


class MeetingLike(App):
    CSS = "#side { width: 30; } #people { height: auto; }"
    BINDINGS: ClassVar = [Binding(key, "bell", f"Key {key}") for key in "abcdefghijkl"]

    def compose(self):
        yield Header()
        with Horizontal():
            with Vertical(id="side"):
                yield Static("Participants")
                yield DataTable(id="people")
            with TabbedContent(initial="timeline"):
                for tab, title in TABS.items():
                    with TabPane(title, id=tab):
                        if tab == "timeline":
                            yield Static("durations")
                            yield DataTable(id="events")
                            yield Input(placeholder="14:05 text")
        yield Footer()

    def on_mount(self):
        people = self.query_one("#people", DataTable)
        people.add_columns("Name", "Role")
        for name in PEOPLE:
            people.add_row(name, "engineer")
        events = self.query_one("#events", DataTable)
        events.add_columns("Time", "Event", "Milestones")
        for minute in range(40):
            events.add_row(f"10:{minute:02d}", f"Something happened, number {minute}", "")

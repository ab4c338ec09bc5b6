"""What Textual alone takes to put up a screen like the meeting screen, with no pmtui code
and no document model: a header, a participants table of eight, six tabs with a 40-row
table and an entry line on the shown one, a footer of twelve keys.

`make bench` times it beside the bare app and pmtui: the ratio of this one to the bare app
is the floor of the meeting screen's start-up on this machine and this Textual, whatever
pmtui does. It imports nothing but Textual.
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


if __name__ == "__main__":
    MeetingLike().run()

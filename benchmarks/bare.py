"""The yardstick: a Textual app with a header, a static and a footer, in a module that
imports nothing but Textual, so its start-up costs what a bare Textual app's does."""

from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare Textual app")
        yield Footer()


if __name__ == "__main__":
    Bare().run()

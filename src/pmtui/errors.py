"""The one kind of error a person is shown: a problem with their input that they can act
on. `str()` is the whole message, one line (a file with several problems, such as a
scenario, names each on a line of its own; `pmtui.files.problems` words them all); the CLI
prints it and exits with 2, the app shows it. Every module's own error (a review file, a
template, a chat log …) is one, so the CLI catches them all without importing the modules
that raise them."""


class OneLineError(Exception):
    """A problem with the user's input or files; `str()` is the one line to show."""


def quoted(value: object, most: int = 60) -> str:
    """`value` as `repr` shows it, cut to `most` characters: a page pasted into a field
    still leaves a one-line message."""
    return cut(repr(value), most)


def cut(text: str, most: int) -> str:
    """`text` cut to `most` characters, an ellipsis where it was cut."""
    return text if len(text) <= most else f"{text[: most - 1]}…"

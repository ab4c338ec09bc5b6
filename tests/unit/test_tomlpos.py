"""Lines of values inside nested TOML tables, for schema errors."""

import pytest

from pmtui.files.tomlpos import line_found

TEXT = """\
title = "t"

[review.incident]
timezone = "UTC"

[[scenes]]
title = "one"

[[scenes]]
title = "two"  # a comment
text = \"\"\"
[student] says hi
\"\"\"

[[scenes.lines]]
speaker = "A"

[[scenes.lines]]
speaker = "B"

[scenes.quiz]
question = "q"
"""


@pytest.mark.parametrize(
    ("location", "line"),
    [
        (("title",), 1),
        (("review", "incident", "timezone"), 4),
        (("scenes", 0, "title"), 7),
        (("scenes", 1, "title"), 10),
        (("scenes", 1, "lines", 1, "speaker"), 19),
        (("scenes", 1, "lines", 1, "text"), 18),  # a missing key: its table
        (("scenes", 1, "quiz", "question"), 22),
        (("scenes", 1, "lines", 0), 15),
        (("scenes", 7, "title"), None),  # nothing like it: no line
        (("nothing",), None),
        ((), None),  # the document as a whole
    ],
)
def test_line_of_a_path(location, line):
    assert line_found(TEXT, location) == line

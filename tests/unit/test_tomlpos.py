"""Lines of values inside nested TOML tables, for schema errors."""

import pytest

from pmtui.tomlpos import line_of

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
        (("scenes", 7, "title"), 1),  # nothing like it: the top
        (("nothing",), 1),
    ],
)
def test_line_of_a_path(location, line):
    assert line_of(TEXT, location) == line

"""A form field's own undo: one step per burst of typing."""

from pmtui.tui.forms.typing_undo import PAUSE, TypingHistory


def test_a_burst_is_one_step_and_a_pause_starts_the_next():
    now = [0.0]
    history = TypingHistory(clock=lambda: now[0])
    for old, new in [("", "d"), ("d", "db"), ("db", "db ")]:
        history.changed(old, new)
    now[0] += PAUSE + 0.1
    history.changed("db ", "db x")
    assert history.undo("db x") == "db "
    assert history.undo("db ") == ""
    assert history.undo("") is None
    assert history.redo("") == "db "
    assert history.redo("db ") == "db x"
    assert history.redo("db x") is None


def test_typing_after_an_undo_is_its_own_step_and_ends_the_redo():
    history = TypingHistory(clock=lambda: 0.0)
    history.changed("", "ab")
    assert history.undo("ab") == ""
    history.moving = True  # the undo setting the value
    history.changed("ab", "")
    history.moving = False
    history.changed("", "c")
    assert history.redo("c") is None
    assert history.undo("c") == ""

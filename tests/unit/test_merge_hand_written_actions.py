"""`pmtui diff` and `pmtui merge` of versions holding actions written by hand without an
`id` line: those get an id by their place when read, so they are paired by title, and
the id pmtui's first save wrote into one version is no change."""

from __future__ import annotations

from pathlib import Path

from pmtui.cli.commands import main
from pmtui.files import store

ROTATE = '\n[[actions]]\ntitle = "Rotate the DB password"\nowner = "Adam"\n'
PAGE = '\n[[actions]]\ntitle = "Page the DBA on lag"\nowner = "Chun"\n'


def version(pet_clinic: Path, name: str, *actions: str) -> Path:
    path = pet_clinic.with_name(f"{name}.toml")
    path.write_text(pet_clinic.read_text(encoding="utf-8") + "".join(actions), encoding="utf-8")
    return path


def saved_by_pmtui(path: Path, name: str, edit) -> Path:
    """`path` opened and edited in pmtui's model, saved as `name` (the ids written in)."""
    review = store.load(path)
    edit(review)
    saved = path.with_name(f"{name}.toml")
    store.save(review, saved)
    return saved


def actions_of(path: Path) -> list[tuple[str, str, str]]:
    return [(a.id, a.title, a.owner) for a in store.load(path).actions[6:]]


def test_an_action_added_by_hand_above_another_is_added_not_renamed(pet_clinic, capsys):
    base = version(pet_clinic, "base", ROTATE)
    theirs = version(pet_clinic, "theirs", PAGE, ROTATE)
    ours = saved_by_pmtui(base, "ours", lambda review: setattr(review.actions[6], "owner", "Dan"))
    assert main(["diff", str(base), str(theirs)]) == 1
    assert capsys.readouterr().out.splitlines() == ["action 'Page the DBA on lag' added"]
    assert main(["merge", str(base), str(ours), str(theirs)]) == 0
    assert actions_of(ours) == [
        ("A7", "Rotate the DB password", "Dan"),
        ("A8", "Page the DBA on lag", "Chun"),
    ]


def test_the_id_pmtuis_save_wrote_is_no_change_to_merge_or_say(pet_clinic, capsys):
    """Theirs removed the first of two actions written without ids; ours, saved by pmtui
    (which wrote A7 and A8 in), gave the second another owner: no conflict."""
    first = '\n[[actions]]\ntitle = "H1"\nowner = "Adam"\n'
    second = '\n[[actions]]\ntitle = "H2"\nowner = "Dan"\n'
    base = version(pet_clinic, "base", first, second)
    theirs = version(pet_clinic, "theirs", second)
    ours = saved_by_pmtui(base, "ours", lambda review: setattr(review.actions[7], "owner", "Tina"))
    assert main(["diff", str(base), str(ours)]) == 1
    assert capsys.readouterr().out.splitlines() == ["action A8 owner Dan -> Tina"]
    assert main(["merge", str(base), str(ours), str(theirs)]) == 0
    assert actions_of(ours) == [("A8", "H2", "Tina")]

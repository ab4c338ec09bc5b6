"""`pmtui merge` as git's merge driver: two people edit one review on two branches; git
merges it by item, in the review's own style, and a real conflict stops the merge with
both values kept in the file."""

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from pmtui.analysis.findings import merge_conflicts
from pmtui.cli.commands import main
from pmtui.document.item_ids import IDENTIFIED
from pmtui.files import store


def git(repo, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=check, timeout=60
    )


README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
DRIVER = re.search(r'git config merge\.pmtui\.driver "pmtui (.*)"', README)[1]


def repo_with(tmp_path, pet_clinic):
    """A repository whose reviews git merges with `pmtui merge`, set up as the README
    says, holding the Pet Clinic review as review.toml."""
    repo = tmp_path / "reviews"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "scribe@example.invalid")
    git(repo, "config", "user.name", "scribe")
    git(repo, "config", "merge.pmtui.driver", f"{sys.executable} -m pmtui {DRIVER}")
    (repo / ".gitattributes").write_text("*.toml merge=pmtui\n")
    shutil.copy(pet_clinic, repo / "review.toml")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the review")
    return repo


def edit(repo, branch: str, old: str, new: str) -> None:
    git(repo, "checkout", "-q", "-B", branch, "main")
    path = repo / "review.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    git(repo, "commit", "-q", "-am", f"{branch} edits")


def test_edits_to_different_items_merge_cleanly_keeping_the_files_style(tmp_path, pet_clinic):
    repo = repo_with(tmp_path, pet_clinic)
    edit(repo, "theirs", 'owner = "Adam"', 'owner = "Selma"')
    edit(repo, "ours", 'severity = "SEV1"', 'severity = "SEV2"')
    done = git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = store.load(repo / "review.toml")
    assert merged.incident.severity == "SEV2"
    assert "Selma" in [a.owner for a in merged.actions]
    text = (repo / "review.toml").read_text()
    assert "<<<<<<<" not in text
    base = pet_clinic.read_text()
    changed = [line for line in text.splitlines() if line not in base.splitlines()]
    given_ids = [line for line in changed if line.startswith("id = ")]
    assert len(given_ids) == items_with_given_ids(merged)  # the merge is the first save
    assert sorted(set(changed) - set(given_ids)) == ['owner = "Selma"', 'severity = "SEV2"']
    gone = Counter(base.splitlines()) - Counter(text.splitlines())
    assert sorted(gone.elements()) == ['owner = "Adam"', 'severity = "SEV1"']  # no more


def items_with_given_ids(review) -> int:
    return sum(len(getattr(review, name)) for name in IDENTIFIED)


def test_a_field_changed_both_ways_stops_the_merge_with_both_values_kept(tmp_path, pet_clinic):
    repo = repo_with(tmp_path, pet_clinic)
    edit(repo, "theirs", 'severity = "SEV1"', 'severity = "SEV3"')
    edit(repo, "ours", 'severity = "SEV1"', 'severity = "SEV2"')
    done = git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert done.returncode != 0
    merged = store.load(repo / "review.toml")
    assert merged.incident.severity == "SEV2"
    assert [(c.where, c.ours, c.theirs) for c in merged.conflicts] == [
        ("incident severity", "SEV2", "SEV3")
    ]
    said = [line for line in done.stderr.splitlines() if line.startswith("pmtui: ")]
    assert said == ["pmtui: review.toml: conflict: incident severity: 'SEV2' kept, other 'SEV3'"]
    [finding] = merge_conflicts(merged)
    merged.dismissed.append(finding.key)  # settled in the app: the finding dismissed
    store.save(merged, repo / "review.toml")
    base = tmp_path / "base.toml"
    shutil.copy(pet_clinic, base)
    assert main(["merge", str(base), str(repo / "review.toml"), str(repo / "review.toml")]) == 0


def test_a_version_that_cannot_be_read_leaves_ours_as_it_was(tmp_path, pet_clinic, capsys):
    ours = tmp_path / "ours.toml"
    shutil.copy(pet_clinic, ours)
    broken = tmp_path / "theirs.toml"
    broken.write_text("[incident\n")
    before = ours.read_bytes()
    assert main(["merge", str(pet_clinic), str(ours), str(broken)]) == 2
    assert ours.read_bytes() == before
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"pmtui: {broken}")


def merge_of(tmp_path, pet_clinic, ours_edit, theirs_edit):
    """BASE, OURS and THEIRS files from the sample, each side edited by its function."""
    paths = {}
    for side, change in (("base", None), ("ours", ours_edit), ("theirs", theirs_edit)):
        review = store.load(pet_clinic)
        if change:
            change(review)
        paths[side] = tmp_path / f"{side}.toml"
        store.save(review, paths[side])
    return paths


def owner_to(name):
    def change(review):
        review.actions[0].owner = name

    return change


def test_a_new_conflict_where_one_was_settled_before_stops_the_merge(tmp_path, pet_clinic, capsys):
    """The conflict's finding is keyed by its place: one settled (dismissed) there before hid
    the new one, and the merge exited 0, so git committed it unseen."""
    paths = merge_of(tmp_path, pet_clinic, owner_to("Tina"), owner_to("Brenda"))
    assert main(["merge", *map(str, paths.values())]) == 1
    merged = store.load(paths["ours"])
    [finding] = merge_conflicts(merged)
    merged.dismissed.append(finding.key)  # settled in the app
    store.save(merged, paths["ours"])
    capsys.readouterr()
    for side, name in (("base", "Tina"), ("theirs", "Dan"), ("ours", "Selma")):  # all settled
        review = store.load(paths["ours"])
        review.actions[0].owner = name
        store.save(review, tmp_path / f"{side}-next.toml")
    store.save(store.load(tmp_path / "ours-next.toml"), paths["ours"])
    next_merge = [tmp_path / "base-next.toml", paths["ours"], tmp_path / "theirs-next.toml"]
    assert main(["merge", *map(str, next_merge)]) == 1
    assert "'Selma' kept, other 'Dan'" in capsys.readouterr().err
    assert finding.key not in store.load(paths["ours"]).dismissed  # to be settled again


def test_an_unsettled_conflict_from_before_is_said_when_it_stops_a_merge(
    tmp_path, pet_clinic, capsys
):
    paths = merge_of(tmp_path, pet_clinic, owner_to("Tina"), owner_to("Brenda"))
    assert main(["merge", *map(str, paths.values())]) == 1
    capsys.readouterr()
    shutil.copy(paths["ours"], paths["base"])
    shutil.copy(paths["ours"], paths["theirs"])
    review = store.load(paths["theirs"])
    review.incident.title = "Renamed there"
    store.save(review, paths["theirs"])
    assert main(["merge", *map(str, paths.values())]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"pmtui: {paths['ours']}: conflict still to settle: action A1 owner")


def test_a_side_that_is_no_review_is_refused_and_ours_left_as_it_was(tmp_path, pet_clinic, capsys):
    """`foo = 1` as theirs merged as a review that removed everything: ours was emptied."""
    paths = merge_of(tmp_path, pet_clinic, None, None)
    paths["theirs"].write_text("foo = 1\n")
    before = paths["ours"].read_bytes()
    assert main(["merge", *map(str, paths.values())]) == 2
    assert paths["ours"].read_bytes() == before
    assert capsys.readouterr().err == (
        f"pmtui: {paths['theirs']}: not a review (no [incident], no schema_version)\n"
    )


def newer(path: Path) -> Path:
    """`path` as a newer pmtui would have written it."""
    path.write_text(path.read_text().replace("schema_version = 1", "schema_version = 99", 1))
    return path


def test_a_version_from_a_newer_pmtui_is_named_and_ours_left_as_it_was(
    tmp_path, pet_clinic, capsys
):
    """A newer THEIRS was said as OURS: "ours.toml: written by a newer pmtui"."""
    paths = merge_of(tmp_path, pet_clinic, None, owner_to("Brenda"))
    newer(paths["theirs"])
    before = paths["ours"].read_bytes()
    assert main(["merge", *map(str, paths.values())]) == 2
    assert paths["ours"].read_bytes() == before
    assert capsys.readouterr().err == (
        f"pmtui: {paths['theirs']}: written by a newer pmtui (schema 99 > 1); "
        "refusing to merge it — upgrade pmtui\n"
    )


def test_under_git_a_newer_version_is_named_by_the_review_s_path(tmp_path, pet_clinic):
    """Git's temporary file was named: `.merge_file_YyC6fC: written by a newer pmtui`."""
    repo = repo_with(tmp_path, pet_clinic)
    git(repo, "checkout", "-q", "-B", "theirs", "main")
    newer(repo / "review.toml")
    git(repo, "commit", "-q", "-am", "from a newer pmtui")
    edit(repo, "ours", 'severity = "SEV1"', 'severity = "SEV2"')
    done = git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert done.returncode != 0
    said = [line for line in done.stderr.splitlines() if line.startswith("pmtui: ")]
    assert said == [
        "pmtui: review.toml (theirs): written by a newer pmtui (schema 99 > 1); "
        "refusing to merge it — upgrade pmtui"
    ]


def filled(text: str, row: str, line: str) -> str:
    """`text` with `line` written under the line `row` (a table's first key)."""
    assert row in text
    return text.replace(row, f"{row}\n{line}", 1)


def test_a_templates_documents_filled_on_two_sides_merge_into_their_own_rows(tmp_path, capsys):
    """Tried as a new user would: each side filled one of p0p1's related documents, and the
    merge held the template's four rows twice, while `pmtui diff` said every row removed
    and added again."""
    made = tmp_path / "r.toml"
    assert main(["new", str(made), "--template", "p0p1"]) == 0
    text = made.read_text()
    paths = {side: tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs")}
    fillings = {
        "base": text,
        "ours": filled(text, 'purpose = "Incident log"', 'link = "https://wiki/x"'),
        "theirs": filled(text, 'purpose = "Slack thread"', 'title = "War room"'),
    }
    for side, path in paths.items():
        path.write_text(fillings[side])
    capsys.readouterr()
    assert main(["diff", str(paths["base"]), str(paths["ours"])]) == 1
    assert capsys.readouterr().out == "document 'Incident log' link '' -> https://wiki/x\n"
    assert main(["merge", *map(str, paths.values())]) == 0
    merged = paths["ours"].read_text()
    assert merged.count("[[related]]") == text.count("[[related]]") == 4
    changed = Counter(merged.splitlines()) - Counter(text.splitlines())
    assert sorted(changed.elements()) == ['link = "https://wiki/x"', 'title = "War room"']

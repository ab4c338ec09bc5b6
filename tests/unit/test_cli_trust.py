"""What the command line refuses, and what it says on every read: an export target that is
not a file, an app without a terminal, a review written by a newer pmtui."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pmtui import SCHEMA_VERSION
from pmtui.cli.commands import main
from pmtui.files import store

NOT_A_FILE = (
    "not a regular file (a folder, a device or a pipe); give another file name, or -o - for stdout"
)


@pytest.fixture
def no_write(monkeypatch):
    """Fails the test if an export writes anything (rather than replacing /dev/null)."""

    def refuse(path, text):
        raise AssertionError(f"wrote {path}")

    monkeypatch.setattr(store, "write_atomically", refuse)


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_writes_into_a_pipe_a_device_or_a_folder(
    pet_clinic, not_regular_files, force, no_write, capsys
):
    fifo, folder, link = not_regular_files
    for target in (fifo, "/dev/null", folder, link):
        assert main(["export", str(pet_clinic), "-o", str(target), *force]) == 2
        assert capsys.readouterr().err == f"pmtui: {target}: {NOT_A_FILE}\n"
    assert fifo.exists() and not fifo.is_file() and link.is_symlink()
    assert os.listdir(folder) == []


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_follows_a_link_to_nothing(pet_clinic, tmp_path, force, no_write, capsys):
    """Tried as a hostile one would: `shared/report.md -> ../victim/authorized_keys`, with
    no such file yet. The export must not create it."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "victim").mkdir()
    link = tmp_path / "shared" / "report.md"
    link.symlink_to("../victim/authorized_keys")
    assert main(["export", str(pet_clinic), "-o", str(link), *force]) == 2
    assert capsys.readouterr().err == (
        f"pmtui: {link}: a link to ../victim/authorized_keys, which does not exist; "
        "pmtui writes through a link only to an existing file\n"
    )
    assert link.is_symlink() and os.listdir(tmp_path / "victim") == []


def test_export_never_writes_over_the_review_it_reads(pet_clinic, tmp_path, no_write, capsys):
    """`-o` naming the review itself, a link to it or a hard link: even with --force, the
    review would be replaced by its own Markdown."""
    (tmp_path / "link.toml").symlink_to(pet_clinic)
    os.link(pet_clinic, tmp_path / "hard.toml")
    before = pet_clinic.read_bytes()
    for target in (pet_clinic, tmp_path / "link.toml", tmp_path / "hard.toml"):
        assert main(["export", str(pet_clinic), "-o", str(target), "--force"]) == 2
        assert capsys.readouterr().err == (
            f"pmtui: {target}: is the review being exported; "
            "give another file name, or -o - for stdout\n"
        )
    assert pet_clinic.read_bytes() == before


def test_export_replaces_a_file_only_with_force_and_dash_is_stdout(pet_clinic, tmp_path, capsys):
    out = tmp_path / "out.md"
    out.write_text("mine")
    assert main(["export", str(pet_clinic), "-o", str(out)]) == 2
    assert out.read_text() == "mine"
    assert main(["export", str(pet_clinic), "-o", str(out), "--force"]) == 0
    assert main(["export", str(pet_clinic), "-o", "-"]) == 0
    assert capsys.readouterr().out.endswith(out.read_text())


def run_without_a_terminal(*args: str, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pmtui", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


NEEDS = "pmtui: the app needs a terminal (standard input and standard output and standard error "


@pytest.mark.parametrize(
    "args",
    [
        ["{review}"],
        ["open", "{review}"],
        ["open"],
        ["replay", "{review}", "--scenario", "pet-clinic-dojo"],
        ["sample", "pet-clinic-dojo"],
    ],
)
def test_the_app_without_a_terminal_says_so_and_exits_2(args, pet_clinic, tmp_path):
    review = tmp_path / "class.toml"
    review.write_bytes(pet_clinic.read_bytes())
    before = review.read_bytes()
    done = run_without_a_terminal(*(a.format(review=review) for a in args), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(NEEDS) and done.stderr.count("\n") == 1
    assert "\x1b" not in done.stdout + done.stderr
    assert review.read_bytes() == before


def test_with_only_standard_error_redirected_the_app_says_which(pet_clinic, tmp_path):
    """`pmtui FILE 2>log` on a terminal: the app would draw into the log (Textual draws on
    standard error), so it refuses, naming standard error and not the streams that are fine."""
    import pty

    keys, screen = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pmtui", str(pet_clinic)],
            stdin=screen,
            stdout=screen,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
    finally:
        os.close(keys)
        os.close(screen)
    assert done.returncode == 2
    assert done.stderr.startswith("pmtui: the app needs a terminal (standard error is not one")
    assert "standard input is" not in done.stderr and "standard output" not in done.stderr


def test_under_pmtui_serve_the_app_starts_on_pipes(pet_clinic, tmp_path):
    """textual-serve runs `pmtui open` on pipes and names its web driver: the app starts."""
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    app = subprocess.Popen(
        [sys.executable, "-m", "pmtui", "open", str(pet_clinic)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert app.stdout.readline() == b"__GANGLION__\n"  # the web driver's greeting
    finally:
        app.kill()
        app.communicate(timeout=30)


@pytest.fixture
def newer(pet_clinic):
    text = pet_clinic.read_text()
    newer = SCHEMA_VERSION + 1
    pet_clinic.write_text(
        text.replace(f"schema_version = {SCHEMA_VERSION}", f"schema_version = {newer}")
    )
    return pet_clinic, store.newer_schema_line(newer, pet_clinic)


def test_check_and_export_name_a_review_from_a_newer_pmtui_on_every_read(newer, tmp_path, capsys):
    path, line = newer
    assert line
    for args in (
        ["check", str(path)],
        ["check", str(path), "--format", "json"],
        ["export", str(path)],
        ["export", str(path), "--format", "csv"],
        ["export", str(path), "-o", str(tmp_path / "out.md")],
    ):
        assert main(args) in (0, 1)
        assert capsys.readouterr().err == f"pmtui: {line}\n"


def test_a_review_of_this_pmtui_gets_no_such_line(pet_clinic, capsys):
    assert main(["check", str(pet_clinic)]) == 0
    assert main(["export", str(pet_clinic)]) == 0
    assert capsys.readouterr().err == ""


def test_check_reads_a_review_given_as_a_pipe_once(pet_clinic, capsys):
    """`pmtui check <(git show HEAD:review.toml)`: check read the pipe to look for a
    scenario's scenes, then read it again, empty, and reported an empty review."""
    read_end, write_end = os.pipe()
    os.write(write_end, pet_clinic.read_bytes())
    os.close(write_end)
    try:
        code = main(["check", f"/dev/fd/{read_end}"])
    finally:
        os.close(read_end)
    said = capsys.readouterr().out
    assert "timeline: no events" not in said and "no summary" not in said
    assert code == main(["check", str(pet_clinic)])


@pytest.mark.parametrize("command", ["check", "export"])
def test_check_and_export_refuse_a_fifo_nothing_writes_to_rather_than_wait(command, tmp_path):
    """`mkfifo p.toml; pmtui check p.toml` waited for a writer until it was killed, where
    `list` and `stats` said what the file is."""
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "pmtui", command, str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr == f"pmtui: {fifo}: not a regular file (a pipe that nothing writes to)\n"


def test_a_pipe_read_before_its_writer_has_written_is_read_whole(pet_clinic):
    """`pmtui check <(git show HEAD:review.toml)` reads what git writes, however late."""
    read_end, write_end = os.pipe()

    def write_late() -> None:
        time.sleep(0.2)
        os.write(write_end, pet_clinic.read_bytes())
        os.close(write_end)

    threading.Thread(target=write_late, daemon=True).start()
    try:
        assert store.read_text(Path(f"/dev/fd/{read_end}")) == pet_clinic.read_text()
    finally:
        os.close(read_end)

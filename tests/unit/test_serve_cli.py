"""`pmtui export --anonymise` and `pmtui serve` from the command line (no browser here)."""

import socket
import subprocess
import sys

import pytest

from pmtui.cli.commands import main
from pmtui.files import store
from pmtui.tui import serve as serve_module


def test_export_anonymise_writes_roles_not_names(pet_clinic, capsys):
    assert main(["export", str(pet_clinic), "--anonymise"]) == 0
    text = capsys.readouterr().out
    names = [p.name for p in store.load(pet_clinic).people]
    assert [name for name in names if name in text] == []
    assert "IT Admin / SRE" in text


def test_serve_without_the_extra_says_how_to_get_it(pet_clinic, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert main(["serve", str(pet_clinic)]) == 2
    err = capsys.readouterr().err
    assert err == "pmtui: serving needs textual-serve: pip install 'pmtui[serve]'\n"


def test_serve_refuses_a_bad_file_before_serving(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[timeline]]\nat = 'soon'\n")
    assert main(["serve", str(bad), "--port", "1"]) == 2
    assert capsys.readouterr().err.startswith(f"pmtui: {bad}:2: timeline[0].at:")


def test_serve_refuses_a_file_that_is_no_review_before_serving(tmp_path, capsys):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n')
    assert main(["serve", str(path), "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert err == f"pmtui: {path}: not a review (no [incident], no schema_version)\n"


def test_serve_on_a_taken_port_says_so_in_one_line(pet_clinic):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "pmtui", "serve", str(pet_clinic), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == (
        f"pmtui: cannot serve on 127.0.0.1:{port} (address already in use); try --port N\n"
    )
    assert done.stdout == ""  # no link: it would lead to the server that holds the port


def test_serve_on_a_host_name_that_does_not_resolve_says_so_without_a_port_hint(pet_clinic):
    """It said `(unknown error -2); try --port N`: no reason, and a hint that cannot help.
    (A name under .invalid never resolves.)"""
    serve = [sys.executable, "-m", "pmtui", "serve", str(pet_clinic)]
    done = subprocess.run(
        [*serve, "--host", "nosuch.invalid", "--allow-remote"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == "pmtui: cannot serve on nosuch.invalid:8000 (no such host name)\n"
    assert done.stdout == ""


def test_serve_refuses_a_port_out_of_range_before_serving(pet_clinic, capsys, monkeypatch):
    """0 too: the system would pick another port than the one the link names."""
    served = []

    class Recording:  # stands in for the server, which would serve until stopped
        def __init__(self, command, guard, announce, **options):
            served.append(guard.port)

        def serve(self):
            pass

    monkeypatch.setattr(serve_module, "guarded_server_class", lambda: Recording)
    for port in ("0", "-1", "65536", "99999", "eighty"):
        with pytest.raises(SystemExit) as stopped:
            main(["serve", str(pet_clinic), "--port", port])
        assert stopped.value.code == 2
        out = capsys.readouterr()
        assert out.out == "" and out.err.splitlines()[-1] == (
            f"pmtui serve: error: argument --port: {port!r} is not a port; "
            "give a number from 1 to 65535"
        )
    assert served == []

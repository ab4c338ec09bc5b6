"""`pmtui export --anonymise` and `pmtui serve` from the command line (no browser here)."""

import socket
import subprocess
import sys

from pmtui.cli.commands import main
from pmtui.files import store


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
    assert done.stderr.splitlines()[-1] == (
        f"pmtui: cannot serve on 127.0.0.1:{port} (address already in use); try --port N"
    )
    assert "Traceback" not in done.stderr + done.stdout

"""Commands that write a review never write over what someone else put there meanwhile."""

from __future__ import annotations

from pathlib import Path

from pmtui import templates
from pmtui.chat import command
from pmtui.cli.commands import main

CHAT = Path(__file__).resolve().parents[1] / "fixtures" / "chat"


def test_import_chat_keeps_an_edit_made_while_it_read_the_chat(pet_clinic, monkeypatch, capsys):
    read_chat = command.read_chat

    def read_while_someone_edits(*args, **kwargs):
        log = read_chat(*args, **kwargs)
        with pet_clinic.open("a", encoding="utf-8") as review:
            review.write("\n# added by another editor while the chat was read\n")
        return log

    monkeypatch.setattr(command, "read_chat", read_while_someone_edits)
    assert main(["import-chat", str(pet_clinic), str(CHAT / "irc-midnight.log")]) == 2
    assert "changed on disk" in capsys.readouterr().err.lower()
    assert pet_clinic.read_text().endswith("# added by another editor while the chat was read\n")


def test_new_never_writes_over_a_file_that_appeared_meanwhile(tmp_path, monkeypatch, capsys):
    path = tmp_path / "review.toml"
    new_review = templates.new_review

    def made_while_someone_writes(*args, **kwargs):
        path.write_text("# someone else's review\n")
        return new_review(*args, **kwargs)

    monkeypatch.setattr(templates, "new_review", made_while_someone_writes)
    assert main(["new", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "# someone else's review\n"

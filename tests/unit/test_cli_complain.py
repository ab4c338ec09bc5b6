"""A file with several problems gets one `pmtui: ` line for each, none bare."""

from pmtui.cli import commands as cli


def test_check_of_a_scenario_with_two_problems_prints_two_prefixed_lines(tmp_path, capsys):
    path = tmp_path / "drill.scenario.toml"
    path.write_text('title = ""\n\n[[scenes]]\ntitle = "one"\n\n[[scenes.lines]]\ntext = "x"\n')
    assert cli.main(["check", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        f"pmtui: {path}:1: title: String should have at least 1 character (got '')",
        f"pmtui: {path}:6: scenes[0].lines[0].speaker: missing (required)",
    ]

"""Every bundled sample and scenario is valid, canonical, and passes `pmtui check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmtui import templates
from pmtui.cli.commands import main
from pmtui.export import markdown
from pmtui.files import locations, store
from pmtui.training import scenario, scenario_files
from pmtui.training.scenario_files import ScenarioError
from pmtui.tui.replay import make_replay_app

SAMPLES = locations.samples()
SCENARIOS = scenario_files.bundled()


def test_the_bundled_samples_and_scenarios_are_there():
    assert {"pet-clinic-dojo", "incident-19-staging-connection-string"} <= set(SAMPLES)
    assert "notification-delivery-sev1" in SAMPLES
    assert "pet-clinic-dojo" in SCENARIOS


@pytest.mark.parametrize("name", SAMPLES)
def test_a_sample_is_in_canonical_form(name):
    """Opening a sample and saving it changes no byte."""
    path = SAMPLES[name]
    assert store.dumps(store.load(path)) == path.read_text(encoding="utf-8")


def test_check_passes_on_every_sample_and_scenario(capsys):
    """No findings (as of the dojo's review date: its actions fall due later)."""
    files = [*map(str, SAMPLES.values()), *map(str, SCENARIOS.values())]
    assert main(["check", "--today", "2026-11-20", *files]) == 0
    lines = capsys.readouterr().out.splitlines()
    oks = [line for line in lines if line.endswith(("ok", "ok (scenario)"))]
    assert oks == [f"{path}: ok" for path in files[: len(SAMPLES)]] + [
        f"{path}: ok (scenario)" for path in files[len(SAMPLES) :]
    ]


def test_check_reads_a_scenario_as_one_and_says_where_it_is_wrong(tmp_path, capsys):
    bad = tmp_path / "class.scenario.toml"
    bad.write_text('title = "t"\n\n[[scenes]]\ntitle = "s"\n\n[[scenes.lines]]\ntext = "hi"\n')
    assert main(["check", str(bad)]) == 2
    assert capsys.readouterr().err == (
        f"pmtui: {bad}:6: scenes[0].lines[0].speaker: missing (required)\n"
    )


def test_the_incident_19_sample_keeps_its_seed_facts():
    review = store.load(SAMPLES["incident-19-staging-connection-string"])
    assert (review.incident.id, review.incident.severity) == ("Incident-19", "SEV3")
    assert str(review.incident.started_at.date()) == "2019-10-13"
    assert "connection strings" in review.incident.root_cause
    assert {"incident commander", "first responder", "scribe"} <= {
        role for person in review.people for role in person.incident_roles
    }
    assert {work.effect for work in review.work} == {"positive", "negative", "neutral"}


def test_the_sev1_sample_fills_the_severity_reports_impact_table():
    review = store.load(SAMPLES["notification-delivery-sev1"])
    metrics = {row.metric: row.value for row in review.impact}
    assert set(metrics) == {row.metric for row in templates.load_template("severity").impact}
    assert all(metrics.values())
    assert review.incident.timezone == "America/New_York"
    assert all({"sev1", "sev1_20260310"} <= set(action.tags) for action in review.actions)
    assert review.messaging.internal and review.messaging.external


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("incident-19-staging-connection-string", "# POST-INCIDENT REVIEW\n"),
        ("notification-delivery-sev1", '---\ntitle: "SEV1-20260310 '),
    ],
)
def test_the_samples_of_other_shapes_export_in_their_seeds_shape(name, opening):
    """The README's "two more show other shapes": each names its template, so `pmtui
    export` writes it as its seed is laid out, not in the default layout."""
    assert markdown.render(store.load(SAMPLES[name])).startswith(opening)


def test_samples_are_not_mistaken_for_scenarios():
    paths = [Path(path) for path in SAMPLES.values()]
    assert not any(scenario.is_scenario(path, store.read_toml(path)) for path in paths)


def test_replay_without_a_scenario_or_with_a_bad_one_says_so_and_writes_nothing(tmp_path, capsys):
    """A missing scenario is named before any screen; a bad one is read with the review,
    after the first frame (`make_replay_app` here reads it at once, as tests do)."""
    review = tmp_path / "class.toml"
    bad = tmp_path / "bad.scenario.toml"
    bad.write_text('title = "x"\n')
    assert main(["replay", str(review)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"pmtui: {review}: no class.scenario.toml beside it; name one with --scenario "
        "(bundled: pet-clinic-dojo)",
    ]
    with pytest.raises(ScenarioError, match=r"bad\.scenario\.toml: scenes: missing \(required\)"):
        make_replay_app(review, scenario_name=str(bad))
    assert not review.exists()


def test_check_reports_a_scenario_in_json_too(capsys):
    path = str(SCENARIOS["pet-clinic-dojo"])
    assert main(["check", "--format", "json", path]) == 0
    assert json.loads(capsys.readouterr().out) == [{"file": path, "scenario": True}]

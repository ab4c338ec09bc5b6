"""A scenario read again comes from the cache as it was validated; the review its `base`
names is read from that file each time, and a replay's dates still move to its day."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SAMPLES

from pmtui.files import cache_entries
from pmtui.training import scenario

DOJO = SAMPLES.parent / "scenarios" / "pet-clinic-dojo.toml"
INCIDENT_19 = SAMPLES / "incident-19-staging-connection-string.toml"
DRILL = """title = "Drill"
base = "review.toml"

[[scenes]]
title = "Opening"

[[scenes.lines]]
speaker = "Maya"
text = "We learn, we do not blame."
"""


def validating_fails(monkeypatch):
    def fail(data, path, text):
        raise AssertionError("validated again")

    monkeypatch.setattr(scenario, "_validated", fail)


def test_a_scenario_read_again_is_not_validated_again(monkeypatch):
    first = scenario.load(DOJO)
    validating_fails(monkeypatch)
    again = scenario.load(DOJO)
    assert again == first and again is not first


def test_a_scenario_of_other_code_is_validated_again(monkeypatch):
    scenario.load(DOJO)
    monkeypatch.setattr(cache_entries, "version", lambda: "another pmtui")
    validating_fails(monkeypatch)
    with pytest.raises(AssertionError, match="validated again"):
        scenario.load(DOJO)


def test_the_base_review_is_read_afresh_each_time(tmp_path):
    base = tmp_path / "review.toml"
    base.write_bytes(INCIDENT_19.read_bytes())
    drill = tmp_path / "drill.scenario.toml"
    drill.write_text(DRILL)
    assert scenario.load(drill).review.incident.id == "Incident-19"
    base.write_text(base.read_text().replace('"Incident-19"', '"Incident-20"', 1))
    assert scenario.load(drill).review.incident.id == "Incident-20"


def test_a_scenario_from_the_cache_is_dated_for_its_replay():
    scenario.load(DOJO)
    script = scenario.load(DOJO)
    held = script.review.incident.review_date
    later = scenario.dated_for(script, held + dt.timedelta(days=30))
    assert later.review.incident.review_date == held + dt.timedelta(days=30)
    assert script.review.incident.review_date == held  # the kept one is left as it was

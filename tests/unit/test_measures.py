import datetime as dt

from pmtui.analysis import durations, measures
from pmtui.document.model import Review
from pmtui.export.derived import Derived
from pmtui.export.plain import derived_data
from pmtui.templates import load_template


def test_one_name_means_one_thing():
    shared = {name.casefold() for m in measures.MEASURES for name in (m.short, m.name)}
    for own in measures.SEED_MEASURES:
        assert own.name.casefold() not in shared and own.short.casefold() not in shared
    names = [name for name, _ in measures.GLOSSARY]
    assert len(names) == len(set(names))


def test_the_glossary_names_every_measure_with_its_ends():
    glossary = dict(measures.GLOSSARY)
    assert glossary["Time to acknowledge (TTA)"].startswith("detected → acknowledged: ")
    assert glossary["Impact to acknowledged"].startswith("impact started → acknowledged: ")
    assert glossary["Time to recover (TTR)"].endswith("(TTR = TTD + TTI + TTF).")
    assert {"MTTD", "MTTI", "MTTF", "MTTR"} <= set(glossary)
    assert all(meaning.endswith(".") and "\n" not in meaning for meaning in glossary.values())


def test_the_incident_fields_stand_for_the_first_and_last_milestone_of_the_duration():
    resolve = measures.BY_KEY["resolve"]
    assert resolve.start.sources[-1] == "started_at" and resolve.end.sources[-1] == "ended_at"
    assert {
        "started_at": resolve.start.sources[0],
        "ended_at": resolve.end.sources[0],
    } == measures.STANDS_FOR


def test_every_shared_measure_is_measured_and_every_seed_measure_is_a_derived_value():
    assert tuple(m.key for m in measures.MEASURES) == durations.KEYS
    values = derived_data(Review(), load_template("default"))
    for own in measures.SEED_MEASURES:
        assert own.key in values and hasattr(Derived, own.key)


def test_check_prints_durations_on_one_line_so_a_long_value_runs_into_nothing():
    """`pmtui check` has no columns: each duration is set off by " · " or "+", however long."""
    day = 24 * 60
    found = durations.Durations(
        **{key: dt.timedelta(minutes=2 * day + 23 * 60 + 21) for key in durations.KEYS},
        about=frozenset({"mitigate"}),
        days={"resolve": 23},
    )
    assert durations.summary_line(found) == (
        "detect 2d 23h 21m · acknowledge 2d 23h 21m · mitigate about 2d 23h 21m · "
        "resolve 23 days · TTR 2d 23h 21m = TTD 2d 23h 21m + TTI 2d 23h 21m + TTF 2d 23h 21m"
    )


def test_the_glossary_says_which_downtimes_each_mean_covers():
    glossary = dict(measures.GLOSSARY)
    assert "with TTD, TTI and TTF all measured" in glossary["MTTR"]
    assert "split or not" in glossary[measures.EVERY_DOWNTIME]
    assert "in a mean" in glossary["about 2h"]

from pmtui.analysis import measures


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

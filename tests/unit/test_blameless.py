import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmtui.analysis import blameless
from pmtui.analysis.findings import review_findings
from pmtui.document.model import (
    Action,
    Event,
    Factor,
    Incident,
    Lessons,
    Meeting,
    Messaging,
    Participant,
    Question,
    Review,
    SystemicIssue,
    Why,
    Work,
)
from pmtui.files import locations, store

BOOK = blameless.phrasebook()


def marked(text: str, names=()) -> list[str]:
    return [hint.matched for hint in blameless.hints(text, BOOK, names)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The outage was human error.", ["human error"]),
        ("We should have known. Why didn't anyone look?", ["should have", "Why didn't"]),
        ("why didn’t the alert fire", ["why didn’t"]),  # a typographic apostrophe
        ("A careless change", ["careless"]),
        ("It was Selma's fault", ["Selma's fault"]),
        ("Obviously the config was wrong", ["Obviously"]),
        ("Nobody is to blame", ["to blame"]),
        ("A blameless review; no one failed to act", ["failed to"]),
        ("Human   error", ["Human   error"]),  # any spacing
        ("the humanerror flag", []),  # whole words only
        ("We run blameless reviews", []),
    ],
)
def test_built_in_phrases(text, words):
    assert marked(text) == words


def test_a_participant_named_as_the_subject_of_a_failure():
    names = ["Adam Smith", "Adam", "Dan"]
    assert marked("Adam broke the build, then Dan quickly forgot the flag.", names) == [
        "Adam broke",
        "Dan quickly forgot",
    ]
    assert marked("Adam Smith didn't page anyone", names) == ["Adam Smith didn't"]
    assert marked("Adam restarted the db; Dan fixed it", names) == []
    assert marked("Adam broke the build") == []  # no participants, no names to look for


def test_a_megabyte_name_is_no_name_to_look_for():
    """A pasted megabyte in a participant's name is never compiled into the pattern (that
    took seconds) and never matched; the real names beside it still are."""
    huge = "M" * 1_000_000
    text = f"{huge} broke the build. Dan forgot the flag."
    assert marked(text, [huge, "Dan"]) == ["Dan forgot"]
    assert marked(text, [huge]) == []


def test_each_hint_carries_a_rewrite_and_its_sentence():
    [hint] = blameless.hints("It started at ten. Then human error struck! Later…", BOOK)
    assert (hint.start, hint.end) == (24, 35)
    assert hint.suggest.startswith("Say what made the action look right")
    assert hint.sentence == "Then human error struck"
    assert hint.key == "blame: human error in 'then human error struck'"


def test_names_of_participants_include_first_names():
    review = Review(people=[Participant(name="Adam Smith"), Participant(name=" ")])
    assert blameless.names_of(review) == ["Adam Smith", "Adam"]


def test_findings_cover_the_review_prose_and_skip_dismissed_ones():
    review = Review(
        people=[Participant(name="Dan")],
        timeline=[Event(at=dt.datetime(2026, 11, 14, 10, tzinfo=dt.UTC), text="Dan forgot")],
        actions=[Action(id="A1", title="Stop the human error", owner="Dan")],
    )
    review.incident.summary = "It should have paged."
    found = [(f.where, f.message) for f in blameless.findings(review, BOOK)]
    assert found == [
        ("incident.summary", "'should have': " + BOOK.rules[2].suggest),
        ("timeline 2026-11-14 10:00", "'Dan forgot': " + BOOK.participant_suggest),
        ("action A1", "'human error': " + BOOK.rules[0].suggest),
    ]
    review.dismissed = ["blame: dan forgot in 'dan forgot'"]
    blames = [f.where for f in review_findings(review, dt.date(2026, 11, 20)) if f.check == "blame"]
    assert blames == ["incident.summary", "action A1"]


def test_every_place_of_prose_is_read_and_named_as_the_findings_show_it():
    """Blame in each place a person writes sentences is found there; a timeline entry is
    named by its time in the review's timezone (15:05 UTC is 10:05 in New York)."""
    blame = "human error"
    incident_prose = (
        "title", "summary", "impact_summary", "what_happened", "resolution",
        "long_term_fix", "root_cause", "why_not_caught", "moving_forward",
    )  # fmt: skip
    review = Review(
        incident=Incident(timezone="America/New_York", **dict.fromkeys(incident_prose, blame)),
        timeline=[Event(at=dt.datetime(2026, 11, 14, 15, 5, tzinfo=dt.UTC), text=blame)],
        whys=[Why(answer=blame)],
        factors=[Factor(factor="stale config", how=blame)],
        work=[Work(what="rollback", note=blame)],
        questions=[Question(section="detection", prompt="What slowed us?", answer=blame)],
        actions=[Action(id="A1", title="Add a check", description=blame)],
        lessons=Lessons(
            went_well=[blame],
            went_wrong=[blame],
            lucky=[blame],
            systemic=[SystemicIssue(issue=blame)],
        ),
        meeting=Meeting(decisions=[blame], parking_lot=[blame]),
        messaging=Messaging(internal=blame, external=blame),
    )
    assert [f.where for f in blameless.findings(review, BOOK)] == [
        *(f"incident.{name}" for name in incident_prose),
        "timeline 2026-11-14 10:05",
        "5 whys #1",
        "factors",
        "attempted work",
        "questions: What slowed us?",
        "action A1",
        "lessons: went well",
        "lessons: went wrong",
        "lessons: lucky",
        "lessons: systemic issues",
        "decisions",
        "parking lot",
        "messaging.internal",
        "messaging.external",
    ]


def test_the_sample_is_blameless(pet_clinic):
    assert blameless.findings(store.load(pet_clinic), BOOK) == []


def test_a_team_file_adds_phrases_and_failure_verbs():
    team = locations.config_dir() / blameless.TEAM_FILE
    team.parent.mkdir(parents=True)
    team.write_text(
        'failure_verbs = ["fat-fingered"]\n'
        '[[phrase]]\nphrase = "rookie mistake"\nsuggest = "Say what the tool allowed."\n'
        '[[phrase]]\npattern = "\\\\bblam(e|ing) \\\\w+"\nlabel = "blaming"\nsuggest = "No."\n'
    )
    book = blameless.phrasebook()
    assert [h.matched for h in blameless.hints("a Rookie  mistake", book)] == ["Rookie  mistake"]
    assert [h.matched for h in blameless.hints("Tina fat-fingered it", book, ["Tina"])] == [
        "Tina fat-fingered"
    ]
    assert [h.matched for h in blameless.hints("blaming ops", book)] == ["blaming ops"]
    assert len(book.rules) == len(BOOK.rules) + 2


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[[phrase]\n", "blame_phrases.toml:1:9: expected ']]'"),
        ('[[phrase]]\nphrase = "x"\n', "blame_phrases.toml: phrase 1: needs `suggest`"),
        ('[[phrase]]\nsuggest = "x"\n', "phrase 1: needs `phrase` or `pattern`"),
        ('[[phrase]]\npattern = "(("\nsuggest = "x"\n', "phrase 1: bad pattern (missing )"),
        ("failure_verbs = 3\n", "failure_verbs: must be a list of words"),
        ("phrase = 3\n", "blame_phrases.toml: phrase: must be [[phrase]] tables"),
        (
            '[[phrase]]\npattern = "x"\nneedle = 1\nsuggest = "y"\n',
            "phrase 1: `label` and `needle` must be text",
        ),
        ("participant_suggest = []\n", "participant_suggest: must be text"),
    ],
)
def test_a_bad_team_file_is_one_clear_line(tmp_path, content, problem):
    team = tmp_path / blameless.TEAM_FILE
    team.write_text(content)
    with pytest.raises(blameless.PhraseFileError) as error:
        blameless.phrasebook(team)
    assert problem in str(error.value) and "\n" not in str(error.value)


@given(st.text(), st.lists(st.text(min_size=1), max_size=3))
def test_hints_never_fail_and_never_overlap(text, names):
    found = blameless.hints(text, BOOK, names)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[h.start : h.end] == h.matched for h in found)

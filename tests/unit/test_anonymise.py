"""Roles instead of names: labels, whole words only, and the export."""

from pmtui.document.anonymise import Pseudonyms, anonymised
from pmtui.document.model import Action, Event, Participant, Review
from pmtui.document.printable import printable
from pmtui.export import markdown
from pmtui.files import store

PEOPLE = [
    Participant(name="Adam", role="IT Admin"),
    Participant(name="Dan", role="Developer"),
    Participant(name="Dana", role="Developer"),
    Participant(name="Tina", incident_roles=["scribe"]),
    Participant(name="Selma"),
]


def test_labels_are_roles_numbered_when_shared():
    assert Pseudonyms(PEOPLE).labels == {
        "Adam": "IT Admin",
        "Dan": "Developer 1",
        "Dana": "Developer 2",
        "Tina": "scribe",
        "Selma": "Participant",
    }


def test_only_whole_names_are_replaced():
    text = Pseudonyms(PEOPLE).text("Adam told Dana and Dan; Adamant Danish [Adam]")
    assert text == "IT Admin told Developer 2 and Developer 1; Adamant Danish [IT Admin]"


def test_anonymised_review_keeps_everything_but_names(pet_clinic):
    review = store.load(pet_clinic)
    names = [p.name for p in review.people]
    shown = anonymised(review)
    text = store.dumps(shown)
    assert not any(f'"{name}"' in text or f" {name} " in text for name in names)
    assert shown.incident.timezone == review.incident.timezone
    assert [e.milestone for e in shown.timeline] == [e.milestone for e in review.timeline]
    assert len(shown.timeline) == len(review.timeline)
    assert store.dumps(review) == pet_clinic.read_text()  # the original is untouched


def test_markdown_of_an_anonymised_review():
    review = Review(
        people=PEOPLE[:2],
        timeline=[Event(at="2026-11-20T14:00:00Z", text="Adam restarts the db", who="Adam")],
        actions=[Action(id="A1", title="Alerts for Dan's service", owner="Dan")],
    )
    text = markdown.render(anonymised(review))
    assert "Adam" not in text and "Dan" not in text
    assert "IT Admin restarts the db" in text and "Developer" in text


def test_a_name_is_found_in_any_case_and_by_each_of_its_words():
    """A chat nick is often lowercase ("adam"); a surname alone names someone too. A
    word two names share is a participant, not one of them."""
    people = [
        Participant(name="Adam Smith", role="IT Admin"),
        Participant(name="tina", role="Tester"),
        Participant(name="Eve Smith", role="DBA"),
        Participant(name="Anh Le", role="SRE"),
    ]
    text = Pseudonyms(people).text("ADAM and adam smith paged Tina; Adam asked Smith. Le Anh")
    assert text == "IT Admin and IT Admin paged Tester; IT Admin asked Participant. Le SRE"
    assert Pseudonyms(people).text("Smithers and adamant Tinas") == "Smithers and adamant Tinas"


def test_an_anonymised_export_leaves_out_contacts_learners_and_names_as_keys():
    review = Review.model_validate(
        {
            "people": [{"name": "Adam Smith", "role": "IT Admin", "contact": "adam@corp.example"}],
            "quiz_answers": [{"question": "q1", "learner": "Sam Taylor", "answer": "Sam: a"}],
            "oncall": {"Adam Smith": "primary", "adam": "backup"},
        }
    )
    shown = anonymised(review)
    text = store.dumps(shown)
    assert "adam" not in text.lower() and "Sam" not in text and "Taylor" not in text
    assert shown.people[0].contact == ""
    assert shown.quiz_answers[0].learner == "Learner"
    assert list(shown.model_extra["oncall"]) == ["IT Admin"]  # both keys named Adam


def test_a_name_with_a_control_character_is_found_as_a_cell_shows_it():
    """A cell shows ESC as a symbol: the name as written was not in it, and showed."""
    pseudonyms = Pseudonyms([Participant(name="Es\x1b[2Jc", role="DBA")])
    shown = printable("Es\x1b[2Jc paged")
    assert shown != "Es\x1b[2Jc paged"
    assert pseudonyms.text(shown) == "DBA paged"
    assert pseudonyms.text("Es\x1b[2Jc paged") == "DBA paged"

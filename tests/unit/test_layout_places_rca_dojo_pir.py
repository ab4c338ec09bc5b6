"""The rca, pir and dojo layouts place what the app lets the room fill in under their
seeds' own headings, not in the catch-all "Other notes" at the end, where each of these
went (found tried as a new user would: "5 whys #1", "long term fix:", "People #1 present:
no")."""

from __future__ import annotations

import pytest
from markdown_checks import exported as render
from markdown_checks import other_notes as notes
from markdown_checks import under

from pmtui.document.model import Participant, Review, Why

WHYS = [
    Why(question="Why did checkout fail?", answer="The pool ran dry"),
    Why(question="Why did the pool run dry?", answer="Nobody sized it", systemic=True),
]


def test_rca_shows_the_whys_under_why_it_happened():
    text = render(Review(whys=WHYS), "rca")
    why = under(text, "### Why It Happened")
    assert "| 1 | Why did checkout fail? | The pool ran dry |" in why
    assert "| 2 | Why did the pool run dry? | Nobody sized it (systemic cause) |" in why
    assert "## Root Cause Analysis\n\n### Why It Happened\n" in text
    assert "pool" not in notes(text)


def test_rca_shows_each_chain_of_whys_under_its_label_in_why_it_happened():
    whys = [
        Why(answer="The pool ran dry", chain="Why it broke"),
        Why(answer="Backups untested", chain="Why it took long"),
    ]
    why = under(render(Review(whys=whys), "rca"), "### Why It Happened")
    broke, took = why.index("#### Why it broke"), why.index("#### Why it took long")
    assert broke < why.index("The pool ran dry") < took < why.index("Backups untested")


def test_rca_puts_the_whys_after_the_root_cause_and_the_numbered_causes():
    """Last: a chain's heading would take in the causes listed after it."""
    review = Review(
        incident={"root_cause": "A config push emptied the pool."},
        whys=WHYS,
        factors=[{"factor": "The push", "kind": "immediate"}],
    )
    why = under(render(review, "rca"), "### Why It Happened")
    causes = why.index("1. **Immediate Cause:**")
    assert why.index("A config push") < causes < why.index("| # | Why? | Answer |")


@pytest.mark.parametrize(
    ("kinds", "systemic_lessons", "numbered"),
    [
        (["immediate", "systemic"], [], ["1. **Immediate Cause:**", "2. **Systemic Issues:**"]),
        (["contributing"], [], ["1. **Contributing Factors:**"]),
        ([], ["Nobody owns capacity"], ["1. **Systemic Issues:**"]),
    ],
)
def test_rca_numbers_the_causes_it_prints_from_one(kinds, systemic_lessons, numbered):
    """A kind with no cause is not printed, and was counted: "1. Immediate Cause", then
    "3. Systemic Issues"."""
    review = Review(
        factors=[{"factor": f"A {kind} cause", "kind": kind} for kind in kinds],
        lessons={"systemic": [{"issue": issue} for issue in systemic_lessons]},
    )
    why = under(render(review, "rca"), "### Why It Happened")
    assert [line for line in why.split("\n") if line[:1].isdigit()] == numbered


def test_pir_shows_the_whys_under_contributing_factors():
    """The seed's only place for why it happened: "the factors within the socio-technical
    system that contributed to this particular incident"."""
    review = Review(whys=WHYS, factors=[{"factor": "An unsized pool"}])
    text = render(review, "pir")
    factors = under(text, "## CONTRIBUTING FACTORS")
    assert factors.index("- An unsized pool") < factors.index("| 1 | Why did checkout fail?")
    assert "| 2 | Why did the pool run dry? | Nobody sized it (systemic cause) |" in factors
    assert "pool" not in notes(text)


def test_pir_shows_whys_with_no_factor_listed():
    text = render(Review(whys=WHYS), "pir")
    assert "| 1 | Why did checkout fail? | The pool ran dry |" in under(
        text, "## CONTRIBUTING FACTORS"
    )


def test_dojo_shows_the_long_term_fix_beside_the_resolution():
    review = Review(
        incident={"resolution": "Rolled back the upgrade.", "long_term_fix": "Size the pool."}
    )
    text = render(review, "dojo")
    assert (
        "**Resolution:** Rolled back the upgrade.\n\n**Long-term fix:** Size the pool.\n"
    ) in under(text, "## The incident")
    assert "Size the pool" not in notes(text)


def test_dojo_shows_a_long_term_fix_with_no_resolution_under_the_incident():
    text = render(Review(incident={"long_term_fix": "Size the pool."}), "dojo")
    assert "**Long-term fix:** Size the pool." in under(text, "## The incident")
    assert not notes(text)


def pir_people(people: list[Participant]) -> str:
    """The pir export's PEOPLE section for `people`, nothing of them left to Other notes."""
    text = render(Review(people=people), "pir")
    assert not notes(text)
    return under(text, "## PEOPLE")


def test_pir_role_holders_show_attendance_and_contact_as_who_else_helped_do():
    people = [
        Participant(name="Rosa", incident_roles=["IC"], present=False, contact="rosa@ex.org"),
        Participant(name="Ivo", role="SRE", incident_roles=["First responder"], present=True),
        Participant(name="Idris", incident_roles=["Scribe"], contact="ext. 4242"),
        Participant(name="Chun", incident_roles=["Communications"], present=False),
        Participant(name="Dan", role="Developer", present=False, contact="dan@ex.org"),
    ]
    assert pir_people(people) == (
        "\n- Incident Commander (IC): Rosa, not present, rosa@ex.org\n"
        "- First-Responder (if different from IC): Ivo (SRE)\n"
        "- Communications Chief or Scribe: Chun, not present; Idris, ext. 4242\n"
        "- Who else helped?\n"
        "  - Dan (Developer), not present, dan@ex.org\n"
    )


def test_pir_prints_every_role_a_person_held():
    """A role with no line of its own, held by someone on a line (Ivo, Chun), was printed
    nowhere; nor the scribe in a list typed as one role ("IC / Scribe")."""
    people = [
        Participant(name="Rosa", incident_roles=["IC / Scribe"]),
        Participant(name="Ivo", incident_roles=["First responder", "SME"]),
        Participant(name="Chun", incident_roles=["Comms", "Note taker", "Customer liaison"]),
        Participant(name="Idris", incident_roles=["Incident commander", "Scribe"]),
    ]
    assert pir_people(people) == (
        "\n- Incident Commander (IC): Rosa; Idris\n"
        "- First-Responder (if different from IC): Ivo\n"
        "- Communications Chief or Scribe: Chun; Rosa; Idris\n"
        "- Who else helped?\n"
        "  - Ivo: SME\n"
        "  - Chun: Customer liaison\n"
    )


def test_dojo_shows_the_whys_under_analysis_beside_the_root_cause():
    """The dojo's code of conduct puts "Why?" under Analysis; they went to Other notes."""
    text = render(Review(whys=WHYS, incident={"root_cause": "An untested pool size"}), "dojo")
    analysis = under(text, "### Analysis")
    assert analysis.index("**Root cause:**") < analysis.index("| 1 | Why did checkout fail?")
    assert "Nobody sized it (systemic cause)" in analysis
    assert not notes(text)


def test_rca_leads_its_long_term_measures_with_the_long_term_fix():
    """The seed's "Long-term (systemic improvements)" asks what systemic changes should be
    made: the Summary's long-term fix went to Other notes."""
    text = render(Review(incident={"long_term_fix": "Size pools from load tests."}), "rca")
    long_term = under(text, "### Long-term (systemic improvements)")
    assert long_term.strip() == "Size pools from load tests."
    assert not notes(text)

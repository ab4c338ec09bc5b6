"""Exports fit for a wiki page as they are (issue 17, part 4): every layout shows the new
fields, shows nothing the room did not say, and says what its own seed says."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from markdown_checks import (
    PARSER,
    empty_rows,
    empty_sections,
    empty_tables,
    is_snippet,
    other_notes,
    plain,
    walk,
)
from markdown_checks import exported as render

from pmtui import templates
from pmtui.document.model import (
    Action,
    Event,
    FollowUp,
    Participant,
    QuizAnswer,
    Recipient,
    Review,
    Why,
)
from pmtui.export import derived
from pmtui.files import store

LAYOUTS = templates.builtin_names()
NOTES = "\n## Other notes\n"
UTC = dt.UTC


def at(hour: int, minute: int = 0, day: int = 14) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def review(**parts) -> Review:
    base = {
        "incident": {"title": "Checkout down", "timezone": "Europe/Paris"},
        "timeline": [
            Event(at=at(9), text="Deploy goes out", milestone=["impact started"]),
            Event(at=at(9, 5), text="Alert fires", milestone=["detected", "acknowledged"]),
            Event(at=at(11), text="Rolled back", milestone=["resolved"]),
        ],
    }
    return Review.model_validate({**base, **parts})


def body(text: str) -> str:
    return text.partition(NOTES)[0]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_day_alone_shows_the_date_and_an_approximate_time_a_tilde(layout):
    r = review()
    r.timeline += [
        Event.model_validate({"at": dt.date(2026, 11, 20), "text": "Review published"}),
        Event(at=at(10, 5), text="Pools recycled", approx=True),
    ]
    text = render(r, layout)
    assert "| 2026-11-20 |" in body(text)
    hhmm = "10:05" if layout == "p0p1" else "11:05"  # p0p1's timeline is in UTC
    assert re.search(rf"\| ~2026-11-14 {hhmm} \|", body(text))
    assert "day only" not in text and "approx" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_event_shows_its_source_a_link_as_a_link(layout):
    r = review()
    r.timeline[0].source = "https://status.example.com/incidents/42_a"
    r.timeline[1].source = "chat"
    shown = body(render(r, layout))
    assert "(source: <https://status.example.com/incidents/42_a>)" in shown
    assert "(source: chat)" in shown


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_event_marking_several_milestones_shows_each(layout):
    r = review()
    label = templates.load_template(layout).label
    shown = body(render(r, layout))
    row = next(line for line in shown.split("\n") if "Alert fires" in line)
    from pmtui.document.model import Milestone

    assert label(Milestone.DETECTED) in row and label(Milestone.ACKNOWLEDGED) in row


@pytest.mark.parametrize("layout", LAYOUTS)
def test_co_owners_stand_beside_the_owner_and_nothing_unrated_is_invented(layout):
    r = review(
        actions=[Action(id="A1", title="Alert on pool size", owner="Rosa", owners=["Idris"])]
    )
    text = render(r, layout)
    assert "Rosa, Idris" in body(text)
    line = next(line for line in body(text).split("\n") if "Alert on pool size" in line)
    assert not re.search(r"\bP[0-3]\b|\bopen\b|\bprevent\b|short term", line), line
    assert "owners" not in other_notes(text)


@pytest.mark.parametrize("layout", ["rca", "p0p1"])
def test_an_action_with_no_horizon_has_its_own_group_where_actions_split_by_horizon(layout):
    r = review(
        actions=[
            Action(id="A1", title="Alert on pool size"),
            Action(id="A2", title="Runbook", horizon="long term"),
        ]
    )
    shown = body(render(r, layout))
    unplanned = shown.split("### Term not set", 1)[1]
    assert "Alert on pool size" in unplanned.split("###")[0]
    assert "Runbook" not in unplanned.split("###")[0]


@pytest.mark.parametrize("layout", ["default", "p0p1"])
def test_whys_in_one_chain_show_as_before_and_several_chains_each_under_its_label(layout):
    one = render(review(whys=[Why(answer="pool too small"), Why(answer="no alert")]), layout)
    assert "Main chain" not in one and "pool too small" in one
    two = review(
        whys=[
            Why(answer="pool too small", chain="Why it broke"),
            Why(answer="backups untested", chain="Why it took long"),
            Why(answer="no alert", chain="Why it broke"),
        ]
    )
    shown = plain(body(render(two, layout)))
    broke, took = shown.index("Why it broke"), shown.index("Why it took long")
    assert broke < shown.index("pool too small") < shown.index("no alert") < took
    assert took < shown.index("backups untested")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_duration_in_words_stands_beside_the_measured_one(layout):
    r = review(incident={"title": "Checkout down", "duration": "about two hours"})
    shown = plain(body(render(r, layout)))
    measured = derived.Derived(r).duration
    assert measured and f"about two hours (measured: {measured})" in shown


@pytest.mark.parametrize("layout", LAYOUTS)
def test_multi_line_text_keeps_its_paragraphs_everywhere(layout):
    r = review()
    r.incident.impact_summary = "First paragraph.\n\nSecond paragraph."
    r.messaging.external = "Sorry.\n\nWe are fixing it."
    r.lessons.went_wrong = ["Slow page.\n\nNobody owned the alert."]
    text = render(r, layout)
    for first, second in (
        ("First paragraph.", "Second paragraph."),
        ("Sorry.", "We are fixing it."),
    ):
        kept = rf"{re.escape(first)}(\n\n\s*|<br><br>){re.escape(second)}"  # a cell: <br><br>
        assert re.search(kept, text), (layout, first)
    assert re.search(r"Slow page\.(\n\n\s*|<br><br>)Nobody owned", text), layout


def test_the_severity_impact_note_no_longer_runs_into_the_value():
    r = review(
        impact=[{"category": "customer", "metric": "Users", "value": "1,200", "note": "EU only"}]
    )
    assert "| Users | 1,200<br>EU only | customer |" in render(r, "severity")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_impact_categories_are_kept(layout):
    rows = [
        {"category": "customer", "metric": "Users", "value": "1,200"},
        {"category": "external", "metric": "Partner API", "value": "down"},
        {"category": "internal", "metric": "On-call hours", "value": "6"},
    ]
    text = render(review(impact=rows), layout)
    for category in ("customer", "external", "internal"):
        assert category in text.lower(), (layout, category)
    assert "category" not in other_notes(text)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_new_review_from_its_own_template_has_no_empty_row_table_or_section(layout):
    template = templates.load_template(layout)
    r = templates.new_review(template, title="Checkout down", today=dt.date(2026, 11, 14))
    text = render(r, layout)
    assert (empty_rows(text), empty_tables(text), empty_sections(text)) == ([], [], [])
    assert "Other notes" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_samples_are_sound_with_no_empty_row_table_or_section(layout):
    for path in sorted(store.Path(__file__).resolve().parents[2].glob("sample_incidents/*.toml")):
        text = render(store.load(path), layout)
        assert (empty_rows(text), empty_tables(text), empty_sections(text)) == ([], [], []), path


def test_dojo_labels_the_milestones_as_the_scenario_asks():
    shown = body(render(review(), "dojo"))
    row = next(line for line in shown.split("\n") if "Alert fires" in line)
    assert row.endswith("| Detected, Responded to |")
    declared = review(timeline=[Event(at=at(9), text="Incident raised", milestone=["declared"])])
    assert "| Incident raised | Reported |" in render(declared, "dojo")


def test_dojo_places_detection_answers_and_the_root_cause_in_their_phases_not_in_other_notes():
    """The dojo's life cycle has a place for each: the answers to the detection questions
    under Detection, the root cause and why it was not caught under Analysis (its "Why?"
    and "Root Cause Analysis"); the catch-all at the end repeats none of them."""
    found = {"root_cause": "A bad config push.", "why_not_caught": "No canary."}
    asked = "How was the issue detected, and by whom?"
    r = review(
        incident={"title": "Checkout down", **found},
        questions=[
            {"section": "detection", "prompt": asked, "answer": "A customer emailed support."},
            {"section": "detection", "prompt": "Why wasn't it detected sooner?"},
        ],
    )
    text = render(r, "dojo")
    phases = text.split("## Findings and actions by life-cycle phase\n\n", 1)[1].split("\n## ")[0]
    assert phases == (
        "### Detection\n\n"
        f"**{asked}**\n\nA customer emailed support.\n\n"
        "### Analysis\n\n"
        "**Root cause:** A bad config push.\n\n"
        "**Why it wasn't caught:** No canary.\n"
    )
    assert "Other notes" not in text


@pytest.mark.parametrize(
    ("section", "heading"),
    [("customer impact", "## The incident"), ("moving forward", "## Moving forward")],
)
def test_dojo_answers_a_question_under_the_heading_of_its_section(section, heading):
    r = review(questions=[{"section": section, "prompt": "Who was told?", "answer": "All."}])
    text = render(r, "dojo")
    assert f"{heading}\n\n**Who was told?**\n\nAll.\n" in text
    assert "Other notes" not in text


def test_severity_has_front_matter_and_no_status_page_milestone():
    r = review(incident={"id": "INC-7", "title": 'Checkout: "down"', "started_at": at(9)})
    r.timeline.append(Event(at=at(9, 30), text="Incident declared", milestone=["declared"]))
    text = render(r, "severity")
    head = text.split("\n")
    assert head[:5] == [
        "---",
        'title: "INC-7 Checkout: \\u0022down\\u0022"',
        "date: 2026-11-14 09:00:00+00:00",  # a YAML timestamp, as the seed's, with its offset
        "",
        "---",
    ]
    assert json.loads(head[1].removeprefix("title: ")) == 'INC-7 Checkout: "down"'
    assert "Status page updated" not in text and "**Declared:** Incident declared" in text


def test_p0p1_timeline_is_in_utc_with_unrecorded_milestones_in_their_place():
    text = body(render(review(), "p0p1"))
    rows = [line for line in text.split("\n") if line.startswith("| ") and "Time (UTC)" not in line]
    timeline = rows[rows.index(next(r for r in rows if "Deploy goes out" in r)) :]
    assert timeline[0].startswith("| 2026-11-14 09:00 |")  # 10:00 in the review's zone
    assert "Times in UTC (the review's own timezone is Europe/Paris)." in text
    events = [row.strip("| ").split(" | ")[-1] for row in timeline[:9]]
    assert [e.split(":**")[0].strip("*") if ":**" in e else e for e in events] == [
        "Impact started",
        "First signal detected",
        "Incident declared (not recorded)",
        "First mitigation attempted (not recorded)",
        "Mitigation successful (not recorded)",
        "Root cause identified (not recorded)",
        "Resolution confirmed",
        "All-clear declared (not recorded)",
    ][: len(events)]


def test_pir_writes_the_answers_to_its_details_questions_under_them():
    template = templates.load_template("pir")
    r = templates.new_review(template, title="Checkout down")
    r.timeline = review().timeline
    for question in r.questions:
        if question.section == "details":
            question.answer = "About " + (
                "five minutes" if "acknowledge" in question.prompt else "two hours"
            )
    text = render(r, "pir")
    details = text.split("## DETAILS", 1)[1].split("\n## ", 1)[0]
    acknowledge, recover = details.split("**What was the time to recover?")
    assert "From the timeline (impact to acknowledged): 5m" in acknowledge
    assert "About five minutes" in acknowledge
    assert "From the timeline (TTR, impact to service restored): 2h" in recover
    assert "About two hours" in recover
    assert "Other notes" not in text


def test_rca_sign_off_gives_each_signer_their_date_and_next_review_once():
    template = templates.load_template("rca")
    r = templates.new_review(template, title="Checkout down", today=dt.date(2026, 11, 14))
    r.signoff[0].name, r.signoff[0].signed, r.signoff[0].date = "Ann", True, dt.date(2026, 11, 15)
    r.signoff[1].name, r.signoff[1].date = "Bo", dt.date(2026, 11, 16)
    r.followups = [FollowUp(after="+1 month", check="Gaps closed?")]
    text = render(r, "rca").split("## Postmortem Sign-off", 1)[1]
    assert "- Facilitated by: Ann (signed 2026-11-15)" in text
    assert "- Reviewed by: Bo (2026-11-16)" in text
    assert text.count("Next review") == 1 and "- Date:" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_audience_not_yet_shared_shows_in_every_layout_as_a_shared_one_does(layout):
    for audiences in (
        [Recipient(audience="Leadership")],
        [Recipient(audience="Leadership"), Recipient(audience="Customers", shared=True)],
    ):
        text = render(review(distribution=audiences), layout)
        if layout in ("default", "p0p1"):  # a checklist of their own
            assert "- [ ] Leadership\n" in body(text), audiences
            assert ("- [x] Customers\n" in body(text)) == (len(audiences) == 2)
        elif layout == "severity":  # under Messaging, sent or not yet
            assert "- Leadership: not yet sent\n" in body(text), audiences
            assert ("- Customers: sent\n" in body(text)) == (len(audiences) == 2)
        else:  # under Other notes, as a shared one is
            notes = other_notes(text)
            assert "- **Distribution #1**\n  - audience: Leadership\n" in notes, audiences
            assert "  - audience: Leadership\n  - shared" not in notes


@pytest.mark.parametrize("layout", LAYOUTS)
def test_presets_as_the_template_gave_them_stay_out_but_what_the_room_added_shows(layout):
    template = templates.load_template("p0p1")
    r = templates.new_review(template, title="Checkout down", today=dt.date(2026, 11, 14))
    assert "Engineering team" not in render(r, layout)  # no audience shared, none added
    r.distribution.append(Recipient(audience="Board"))
    r.followups.append(FollowUp(after="+2 weeks", check="Runbook tried?"))
    text = render(r, layout)
    assert "Board" in text and "Runbook tried?" in text
    if layout not in ("default", "p0p1", "severity"):  # no list of their own: only what was added
        assert "Engineering team" not in text
        assert "Short-term actions completed?" not in other_notes(text)


def test_p0p1_new_review_has_the_related_document_purposes_and_metrics_checklist():
    template = templates.load_template("p0p1")
    r = templates.new_review(template, title="Checkout down")
    assert [d.purpose for d in r.related] == [
        "Incident log", "Slack thread", "Monitoring dashboard", "Related PRs"
    ]  # fmt: skip
    metrics = [q.prompt for q in r.questions if q.section == "metrics"]
    assert metrics[:2] == ["Cost per outcome before/during/after", "Error rates"]
    assert "## Related Documents" not in render(r, "p0p1")  # purposes alone are presets
    r.related[1].link = "https://chat.example.com/c/42"
    next(q for q in r.questions if q.prompt == "Error rates").answer = "5xx at 12%"
    text = render(r, "p0p1")
    assert "| <https://chat.example.com/c/42> | Slack thread |" in text
    assert "- [x] Error rates: 5xx at 12%" in text and "- [ ] Latency percentiles" in text


@pytest.mark.parametrize(
    ("layout", "line_start"),
    [("pir", "- Incident Commander (IC): Rosa"), ("p0p1", "| Incident Lead | Rosa |")],
)
def test_people_are_placed_by_canonical_role(layout, line_start):
    r = review(
        people=[
            Participant(name="Rosa", incident_roles=["IC"]),
            Participant(name="Idris", incident_roles=["Scribe"]),
        ]
    )
    text = render(r, layout)
    assert any(line.startswith(line_start) for line in text.split("\n")), text
    if layout == "pir":
        assert "- Communications Chief or Scribe: Idris" in text and "Who else helped" not in text


def test_the_sandbox_names_roles_canonically_with_plain_data_only():
    from pmtui.export import sandbox

    env = sandbox.environment()
    people = [{"name": "Rosa", "incident_roles": ["Incident-Lead"]}, {"name": "Idris"}]
    template = env.from_string(
        "{{ 'comms lead' | role }}/{{ 'juggler' | role }}/"
        "{{ people | selectattr('incident_roles', 'defined')"
        " | selectattr('incident_roles', 'holding', 'incident commander')"
        " | map(attribute='name') | join }}"
    )
    assert template.render(people=people) == "communications//Rosa"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_wrong_quiz_answer_reads_as_wrong_in_every_layout(layout):
    """Layouts without a quiz table list the answers among the notes: a right one said
    `right: yes`, a wrong one nothing, so it read as not graded."""
    answers = [
        QuizAnswer(question="First?", learner="Sam", answer="Logs", right=True),
        QuizAnswer(question="First?", learner="Alex", answer="Cats", right=False),
    ]
    text = render(review(quiz_answers=answers), layout)
    listed = NOTES in text and "Quiz answers (training)" not in text
    if listed:
        assert "  - learner: Alex\n  - answer: Cats\n  - right: no\n" in text
    else:
        assert "| First? | Alex | Cats | no |" in text


def test_pir_time_to_recover_ends_at_the_event_it_calls_service_restored():
    """The pir's TTR runs to the mitigation, as the glossary measures it: the event marked so
    is the one its Activity calls "Service restored", not the later fix."""
    r = review()
    r.timeline.insert(2, Event(at=at(9, 30), text="Traffic drained", milestone=["mitigated"]))
    shown = body(render(r, "pir"))
    assert "From the timeline (TTR, impact to service restored): 30m" in shown
    assert "| **Service restored:** Traffic drained |" in shown
    assert "| **Resolved:** Rolled back |" in shown


def test_p0p1_metric_answer_of_two_paragraphs_stays_in_its_checklist_item():
    r = review(questions=[{"section": "metrics", "prompt": "Error rates"}])
    r.questions[0].answer = "5xx peaked at 38%.\n\nSee the Grafana panel."
    shown = body(render(r, "p0p1"))  # render() finds no code block in it
    assert "- [x] Error rates: 5xx peaked at 38%.\n\n  See the Grafana panel.\n" in shown


def test_p0p1_leads_come_from_the_sign_off_when_nobody_holds_the_role():
    signoff = [
        {"role": "Incident Lead", "name": "Priya"},
        {"role": "Post-mortem Lead", "name": "Sam"},
        {"role": "Engineering Manager", "name": "Lee"},
    ]
    summary = summary_of(render(review(signoff=signoff), "p0p1"))
    assert "| Incident Lead | Priya |" in summary and "| Post-mortem Lead | Sam |" in summary
    people = [{"name": "Ana", "role": "SRE", "incident_roles": ["incident commander"]}]
    summary = summary_of(render(review(signoff=signoff, people=people), "p0p1"))
    assert "| Incident Lead | Ana (SRE) |" in summary and "| Post-mortem Lead | Sam |" in summary


def summary_of(p0p1: str) -> str:
    """The p0p1's summary table (its sign-off table has rows of the same look)."""
    return p0p1.partition("## Incident Summary")[2].partition("\n## ")[0]


def test_p0p1_summary_has_no_table_for_a_sign_off_of_other_roles_only():
    r = Review.model_validate({"signoff": [{"role": "Engineering Manager", "name": "Lee"}]})
    assert "| Field | Value |" not in summary_of(render(r, "p0p1"))


@pytest.mark.parametrize(
    ("times", "line"),
    [
        ({"started_at": at(9)}, "- Started 2026-11-14 10:00 (Europe/Paris)\n"),
        ({"ended_at": at(11)}, "- Ended 2026-11-14 12:00 (Europe/Paris)\n"),
        (
            {"started_at": at(9), "ended_at": at(11)},
            "- Started 2026-11-14 10:00, ended 2026-11-14 12:00 (Europe/Paris)\n",
        ),
    ],
)
def test_pir_details_say_only_the_start_and_end_that_are_known(times, line):
    r = review(incident={"title": "Checkout down", "timezone": "Europe/Paris", **times})
    shown = body(render(r, "pir"))
    assert line in shown and "not recorded" not in shown


def test_severity_front_matter_date_of_an_approximate_start_is_still_a_timestamp():
    impact = Event(at=at(9), text="Queue backs up", approx=True, milestone=["impact started"])
    text = render(review(timeline=[impact]), "severity")
    # In the review's timezone, with its offset: a YAML reader took a bare time for UTC's.
    assert text.split("\n")[2] == "date: 2026-11-14 10:00:00+01:00"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_heading_stands_over_nothing_in_a_bare_review_or_one_of_blank_texts(layout):
    """A file with nothing in it shows at most its layout's title; text of only spaces and
    line breaks reads as nothing too."""
    bare = render(Review(), layout)
    assert empty_sections(bare) in ([], [bare.strip()]), bare
    blank = {"title": "Checkout down", "summary": "\n\n", "moving_forward": "  \n"}
    blank_texts = review(incident=blank, lessons={"went_well": [" \n"]})
    text = render(blank_texts, layout)
    assert empty_sections(text) == []
    assert not re.search(r"^\s*- *$", text, re.MULTILINE)  # no empty bullet


SNIPPET = "database:\n  host: db-prod\n  pool_size: 10\x07\n\n\n```\n    - `x`  # <b>"
"""YAML with its indentation, two blank lines, a fence of its own and Markdown specials."""


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_snippet_exports_as_typed_in_a_fence_it_cannot_close_in_every_layout(layout):
    """In its appendix or under Other notes: the YAML stays YAML (control characters
    dropped, as everywhere in an export)."""
    text = render(review(appendix={"snippets": "\n" + SNIPPET + "\n\n"}), layout)
    snippets = [t.content for t in walk(PARSER.parse(text)) if is_snippet(t)]
    assert snippets == [SNIPPET.replace("\x07", "") + "\n"]


@pytest.mark.parametrize(
    ("layout", "line"),
    [
        ("p0p1", "| Failover runbook | Incident log |\n"),
        ("rca", "- Failover runbook (Incident log)\n"),
        ("default", "| Failover runbook | Incident log |\n"),
    ],
)
def test_a_related_document_with_a_title_and_no_link_is_listed_as_text(layout, line):
    documents = [{"title": "Failover runbook", "purpose": "Incident log"}]
    text = render(review(related=documents), layout)
    assert line in text and NOTES not in text


@pytest.mark.parametrize(
    ("layout", "line"),
    [
        ("p0p1", "| Incident Lead |  | signed | 2026-11-15 |\n"),
        ("rca", "- Incident Lead: (signed 2026-11-15)\n"),
        ("default", "| Incident Lead | yes | 2026-11-15 |\n"),
    ],
)
def test_a_sign_off_signed_and_dated_without_a_name_is_in_the_sign_off(layout, line):
    signoff = [
        {"role": "Incident Lead", "signed": True, "date": dt.date(2026, 11, 15)},
        {"role": "Engineering Manager"},  # a preset role nobody signed: left out
    ]
    text = render(review(signoff=signoff), layout)
    assert line in text and NOTES not in text and "Engineering Manager" not in text


def test_default_tags_name_each_tag_once_when_the_review_holds_the_severity_tags():
    r = review(
        incident={
            "severity": "SEV1",
            "started_at": at(9),
            "tags": ["sev1", "sev1_20261114", "Sev1", "fictional"],
        }
    )
    assert "| Tags | sev1\\_20261114, sev1, Sev1, fictional |\n" in render(r, "default")

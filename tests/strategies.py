"""Hypothesis strategies for whole review documents."""

from __future__ import annotations

import datetime as dt
import string
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from pmtui.document import model

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
short_lists = st.lists(texts, max_size=3)
moments = st.datetimes(
    min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=st.timezones()
)
dates = st.dates(min_value=dt.date(1000, 1, 1))
days = st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2199, 12, 31))
"""Days an event is dated with no time of day (in the years `moments` holds)."""
zones = st.sampled_from(["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"])
unknown_keys = st.dictionaries(
    st.text(string.ascii_lowercase, min_size=1, max_size=8).map(lambda k: f"x_{k}"),
    st.integers(-(2**63), 2**63 - 1) | texts | st.booleans(),  # TOML's integers: 64 bits
    max_size=2,
)


def parts(cls, required=None, **optional):
    """A model from field strategies, with some optional fields left out, plus unknown keys."""
    known = st.fixed_dictionaries(required or {}, optional=optional)
    return st.builds(lambda k, extra: cls.model_validate({**extra, **k}), known, unknown_keys)


def optional(strategy):
    return st.none() | strategy


incidents = parts(
    model.Incident,
    id=texts,
    title=texts,
    severity=texts,
    status=st.sampled_from(model.Status),
    timezone=zones,
    started_at=moments,
    review_date=dates,
    tags=short_lists,
    summary=texts,
    what_happened=texts,
    chat_logs=short_lists,
)
event_fields = {
    "text": texts,
    "milestone": st.lists(st.sampled_from(model.Milestone), max_size=3),
    "who": texts,
    "evidence": texts,
    "source": texts,
    "approx": st.booleans(),
    "starred": st.booleans(),
}
events = parts(model.Event, {"at": moments}, **event_fields)


def days_alone(zone: str):
    """Events dated with no time of day, as a file of a review in `zone` gives them
    (`at = 2018-10-22`: the start of that day there)."""
    starts = days.map(lambda day: dt.datetime.combine(day, dt.time(), ZoneInfo(zone)))
    return parts(model.Event, {"at": starts, "day_only": st.just(True)}, **event_fields)


actions = parts(
    model.Action,
    {"id": texts, "title": texts},
    description=texts,
    owner=texts,
    due=optional(dates),
    done_on=optional(dates),
    priority=st.sampled_from(model.Priority),
    status=st.sampled_from(model.ActionStatus),
    owners=short_lists,
    kind=st.sampled_from(model.ActionKind),
    horizon=st.sampled_from(model.Horizon),
    phase=st.sampled_from(model.Phase),
    ticket=texts,
    tags=short_lists,
)


review_parts = dict(
    people=st.lists(
        st.builds(
            model.Participant,
            name=texts,
            role=texts,
            present=st.booleans(),
            incident_roles=short_lists,
            spoke=st.integers(0, 50),
        ),
        max_size=3,
    ),
    impact=st.lists(
        st.builds(
            model.ImpactRow,
            metric=texts,
            value=texts,
            category=st.sampled_from(model.ImpactCategory),
        ),
        max_size=3,
    ),
    whys=st.lists(
        st.builds(model.Why, question=texts, answer=texts, systemic=st.booleans()), max_size=3
    ),
    factors=st.lists(
        st.builds(
            model.Factor, factor=texts, how=texts, phase=optional(st.sampled_from(model.Phase))
        ),
        max_size=2,
    ),
    work=st.lists(
        st.builds(
            model.Work, what=texts, effect=optional(st.sampled_from(model.Effect)), note=texts
        ),
        max_size=2,
    ),
    questions=st.lists(
        st.builds(model.Question, section=texts, prompt=texts, answer=texts), max_size=2
    ),
    actions=st.lists(actions, max_size=3),
    lessons=st.builds(
        model.Lessons,
        went_well=short_lists,
        went_wrong=short_lists,
        lucky=short_lists,
        systemic=st.lists(st.builds(model.SystemicIssue, issue=texts, owner=texts), max_size=2),
    ),
    messaging=st.builds(model.Messaging, internal=texts, external=texts),
    related=st.lists(st.builds(model.Document, link=texts, title=texts, purpose=texts), max_size=2),
    signoff=st.lists(
        st.builds(
            model.Signoff, role=texts, name=texts, signed=st.booleans(), date=optional(dates)
        ),
        max_size=2,
    ),
    distribution=st.lists(
        st.builds(model.Recipient, audience=texts, shared=st.booleans()), max_size=2
    ),
    followups=st.lists(
        st.builds(model.FollowUp, after=texts, check=texts, done=st.booleans(), note=texts),
        max_size=2,
    ),
    appendix=st.builds(model.Appendix, snippets=texts, monitoring_gaps=texts, metrics=texts),
    meeting=st.builds(
        model.Meeting,
        started_at=optional(moments),
        ended_at=optional(moments),
        parking_lot=short_lists,
        decisions=short_lists,
        agenda=st.lists(
            st.builds(
                model.AgendaItem,
                title=texts,
                minutes=st.integers(0, 120),
                tab=texts,
                started_at=optional(moments),
                ended_at=optional(moments),
                spent_seconds=st.integers(0, 10**6),
            ),
            max_size=2,
        ),
    ),
    conflicts=st.lists(
        st.builds(model.MergeConflict, where=texts, ours=texts, theirs=texts), max_size=2
    ),
    quiz_answers=st.lists(
        st.builds(
            model.QuizAnswer, question=texts, learner=texts, answer=texts, right=st.booleans()
        ),
        max_size=2,
    ),
    dismissed=short_lists,
)


def _review_in(incident: model.Incident):
    """A review of `incident`: its events dated alone start their day in its timezone."""
    return st.builds(
        model.Review,
        incident=st.just(incident),
        timeline=st.lists(events | days_alone(incident.timezone), max_size=4),
        **review_parts,
    )


reviews = incidents.flatmap(_review_in)

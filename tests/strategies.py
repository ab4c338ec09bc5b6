"""Hypothesis strategies for whole review documents."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from pmtui.document import model

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
short_lists = st.lists(texts, max_size=3)
moments = st.datetimes(
    min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=st.timezones()
)
dates = st.dates(min_value=dt.date(1000, 1, 1))
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
events = parts(
    model.Event,
    {"at": moments},
    text=texts,
    milestone=optional(st.sampled_from(model.Milestone)),
    who=texts,
    starred=st.booleans(),
)
actions = parts(
    model.Action,
    {"id": texts, "title": texts},
    description=texts,
    owner=texts,
    due=optional(dates),
    done_on=optional(dates),
    priority=st.sampled_from(model.Priority),
    status=st.sampled_from(model.ActionStatus),
    tags=short_lists,
)

reviews = st.builds(
    model.Review,
    incident=incidents,
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
    timeline=st.lists(events, max_size=4),
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
    actions=st.lists(actions, max_size=3),
    lessons=st.builds(model.Lessons, went_well=short_lists, lucky=short_lists),
    messaging=st.builds(model.Messaging, internal=texts, external=texts),
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
    dismissed=short_lists,
)

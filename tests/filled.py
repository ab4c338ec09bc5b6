"""A review with every field of every record filled, and the text it holds.

Built by walking the model, so a field added later is filled too: each string gets its own
token from `text()`, each list one item, each choice its last value, each flag the opposite
of its default (or, with `flags=False`, left at its default: an audience not yet shared, a
check not yet done, a sign-off not yet signed).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from enum import Enum
from itertools import count

from pmtui.document import item_ids, model

FIXED = {"timezone": "Europe/Paris", "schema_version": model.SCHEMA_VERSION}


def tokens() -> Callable[[], str]:
    """`zq1x`, `zq2x`, …: words no layout writes and no escaping changes."""
    numbers = count(1)
    return lambda: f"zq{next(numbers)}x"


def filled_review(text: Callable[[], str] | None = None, *, flags: bool = True) -> model.Review:
    text = text or tokens()
    moments = (
        dt.datetime(2026, 11, 14, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=7 * n)
        for n in count()
    )
    review = _fill(model.Review, text, moments, flags)
    review.template = "default"
    return review


def _fill(cls: type[model.Part], text, moments, flags) -> model.Part:
    values = {}
    for name, field in cls.model_fields.items():
        if name == "id" and cls in item_ids.GIVEN:
            continue  # given from the content when a save needs it: no content of its own
        values[name] = FIXED.get(name) or _value(
            field.annotation, field.default, text, moments, flags
        )
    return cls.model_validate(values)


def _value(annotation, default, text, moments, flags):
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _value(args[0], default, text, moments, flags)
    if origin in (typing.Union, types.UnionType):
        return _value(next(a for a in args if a is not type(None)), default, text, moments, flags)
    if origin is list:
        return [_value(args[0], None, text, moments, flags)]
    if isinstance(annotation, type) and issubclass(annotation, model.Part):
        return _fill(annotation, text, moments, flags)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return list(annotation)[-1]
    if annotation is bool:
        return not default if flags else default
    if annotation is int:
        return 7
    if annotation is dt.datetime:
        return next(moments)
    if annotation is dt.date:
        return next(moments).date()
    return text()


def texts_of(review: model.Review) -> list[str]:
    """Every string a filled review holds (what an export must show somewhere)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, model.Part):
            for name, item in value:
                if name not in ("timezone", "template", "dismissed"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif type(value) is str:
            found.append(value)

    walk(review)
    return found

"""The record tables of the app: which list, which columns, which form fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any

from rich.text import Text

from pmtui.document import model
from pmtui.document.meeting_clock import clock_text
from pmtui.document.printable import one_line
from pmtui.document.roles import ROLE_SUGGESTIONS
from pmtui.document.timeparse import EventTime, event_time_text
from pmtui.files.session import ReviewSession
from pmtui.tui.forms.fields import FieldSpec
from pmtui.tui.keys import TAB_TITLES, TABS, key_of
from pmtui.tui.tables.records import Column, RecordSpec, update_model
from pmtui.tui.themes import badge


def choices(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def builder(cls: type[model.Part]):
    """Form values → a new record of `cls`, or the edited record with unknown keys kept."""

    def build(values: dict[str, Any], old: Any) -> Any:
        return update_model(old, values) if old is not None else cls.model_validate(values)

    return build


def text_list(noun: str, where, label: str) -> RecordSpec:
    """A table over a list of plain strings (lessons, goals, decisions, …)."""

    def build(values: dict[str, Any], old: Any) -> str:
        text = values["text"].strip()
        if not text:
            raise ValueError(f"{label}: write something first")
        return text

    return RecordSpec(
        noun=noun,
        items=where,
        columns=(Column(label, str),),
        fields=(FieldSpec("text", label, "long"),),
        build=build,
    )


def position(items: list[Any], item: Any) -> int:
    """1-based place of this very item (equal items can repeat)."""
    return next(n for n, other in enumerate(items, start=1) if other is item)


def action_title(action: model.Action) -> str | Text:
    """A closed action's title, dim after ✓ (done) or ✗ (won't do): the state shows where
    the Status column has no room (beside the participants, at 120 columns)."""
    if not action.closed:
        return action.title
    mark = "✓" if action.status == model.ActionStatus.DONE else "✗"
    return Text(f"{mark} {one_line(action.title)}", style="dim")


def date_text(value) -> str:
    return value.isoformat() if value else ""


def people_names(session: ReviewSession) -> list[str]:
    return [person.name for person in session.review.people]


def timeline(session: ReviewSession, colour: Callable[[str], str]) -> RecordSpec:
    """`colour(name)`: the current theme's colour variable (`starred`, …)."""
    zone = session.review.zone

    def star(event: model.Event) -> Text:
        return Text("★", style=f"bold {colour('starred')}") if event.starred else Text("")

    def what(event: model.Event) -> Text:
        cell = Text(no_wrap=True, overflow="ellipsis")
        for milestone in event.milestone:
            cell.append(f" ◆ {milestone.value} ", style=badge(colour, "milestone"))
            cell.append(" ")
        cell.append(one_line(event.text))
        return cell

    def when(event: model.Event) -> str:
        return event_time_text(moment(event), zone, "%a %d %b")

    return RecordSpec(
        noun="timeline event",
        items=lambda review: review.timeline,
        columns=(
            Column("★", star, width=1),
            Column(session.review.incident.timezone, when, width=17),
            Column("Who", lambda e: e.who, width=10),
            Column("Event", what, stay=9),
        ),
        fields=(
            FieldSpec("at", TIME_LABEL, "moment"),
            FieldSpec("text", "What happened", "long"),
            FieldSpec("who", "Who", suggestions=lambda: people_names(session)),
            milestones_field(session),
            FieldSpec("evidence", "Evidence (link)"),
            FieldSpec("source", "Source (a link, chat, status page…)"),
            FieldSpec("approx", "The time is approximate (or type ~ before it: ~14:05)", "bool"),
            FieldSpec("starred", "Key event (starred)", "bool"),
        ),
        build=build_event,
        defaults=lambda s: {"at": None},
        values=event_values,
        order=by_time,
        order_note=f"Not moved: the timeline keeps time order · {key_of('edit', 'record')}"
        " edits the event's time",
    )


TIME_LABEL = "Time (14:05, 11:27pm, sat 19:00, yesterday 18:00, +15m · a day alone: 2026-11-20)"
MILESTONES_LABEL = "Milestones (space ticks or unticks; an event may mark several)"


def milestones_field(session: ReviewSession) -> FieldSpec:
    """An event's milestones, each with the name the review's template gives it: a team on
    the dojo's template sees which box is its "Responded to"."""

    def names() -> dict[str, str]:
        from pmtui import templates  # as the form opens, not with the timeline

        return templates.milestone_names(session.review.template)

    return FieldSpec(
        "milestone", MILESTONES_LABEL, "choices", choices(model.Milestone), labels=names
    )


def moment(event: model.Event) -> EventTime:
    return EventTime(event.at, event.day_only, event.approx)


def event_values(event: model.Event) -> dict[str, Any]:
    """The form's values: the time as the time field edits it (its `~` is the approx
    box's), the milestones as a list however many there are."""
    return {
        **event.model_dump(),
        "at": EventTime(event.at, event.day_only),
        "milestone": list(event.milestone),
    }


def build_event(values: dict[str, Any], old: model.Event | None) -> model.Event:
    """Form values → an event: a time typed with `~` is approximate, a day typed alone is
    day-only, and a time of day on a day-only event makes it an event at that time.

    A new time typed while the Approximate box was left as it was is as approximate as it
    was typed: `~16:00` corrected to `16:30` stayed `~16:30`, the box still ticked below."""
    time: EventTime = values["at"]
    approx = values.get("approx", False)
    if old is not None and approx == old.approx and time.at != old.at:
        approx = False
    values = {**values, "at": time.at, "day_only": time.day_only, "approx": approx or time.approx}
    return builder(model.Event)(values, old)


def by_time(events: list[model.Event]) -> list[int]:
    """Indexes of the events in time order (the times read once, then sorted in C)."""
    times = [event.at for event in events]
    return sorted(range(len(times)), key=times.__getitem__)


def impact(session: ReviewSession) -> RecordSpec:
    return RecordSpec(
        noun="impact row",
        items=lambda review: review.impact,
        columns=(
            Column("Category", lambda r: r.category.value, width=12, stay=4),
            Column("Metric", lambda r: r.metric, width=30),
            Column("Value", lambda r: r.value, width=30, stay=9),
            Column("Note", lambda r: r.note, stay=1),
        ),
        fields=(
            FieldSpec("category", "Category", "choice", choices(model.ImpactCategory), False),
            FieldSpec("metric", "Metric (users affected, requests failed, …)", optional=False),
            FieldSpec("value", "Value"),
            FieldSpec("note", "Note", "long"),
        ),
        build=builder(model.ImpactRow),
        defaults=lambda s: {"category": model.ImpactCategory.CUSTOMER.value},
    )


def next_why(chain: list[model.Why], name: str) -> dict[str, Any]:
    """A new why's form for the chain `name` (its whys so far): the question follows on
    from the last answer."""
    values: dict[str, Any] = {"chain": name}
    if chain and chain[-1].answer.strip():
        return {**values, "question": f"Why is it that {_as_clause(chain[-1].answer)}?"}
    return {**values, "question": "Why did this happen?" if not chain else "Why?"}


def _as_clause(answer: str) -> str:
    """'The db ran out.' -> 'the db ran out' (an acronym like 'DB' keeps its capitals)."""
    text = answer.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def same_chain(whys: list[model.Why], why: model.Why) -> list[model.Why]:
    return [other for other in whys if other.chain == why.chain]


def chain_label(name: str) -> Text:
    return Text(f"▾ {model.chain_label(name)}", style="bold")


build_why = builder(model.Why)


def whys(session: ReviewSession) -> RecordSpec:
    def number(why: model.Why) -> str:
        return str(position(same_chain(session.review.whys, why), why))

    def chain_names() -> list[str]:
        return [name for name, _ in model.why_chains(session.review.whys) if name]

    def build(values: dict[str, Any], old: model.Why | None) -> model.Why:
        """A chain is named by its words: `Deploy ` typed with a space is the `Deploy`
        chain, not a second one that looks the same. A name the file holds, left as it
        is, stays: its chain's other whys keep it too."""
        chain = values["chain"]
        if old is None or chain != old.chain:
            chain = chain.strip()
        return build_why({**values, "chain": chain}, old)

    return RecordSpec(
        noun="why",
        items=lambda review: review.whys,
        columns=(
            Column("#", number, width=2),
            Column("Why?", lambda w: w.question, width=36),
            Column("Answer", lambda w: w.answer, stay=9),
            Column("Systemic", lambda w: "◆ systemic cause" if w.systemic else "", width=16),
        ),
        fields=(
            FieldSpec("question", "Why?"),
            FieldSpec("answer", "Answer", "long"),
            FieldSpec("systemic", "This is the systemic cause (of its chain)", "bool"),
            FieldSpec(
                "chain",
                "Chain (blank: the main one; whys with one name form a branch, in order)",
                suggestions=chain_names,
            ),
        ),
        build=build,
        groups=model.why_chains,
        group_label=chain_label,
    )


def actions(session: ReviewSession, today: Callable[[], dt.date] | None = None) -> RecordSpec:
    """The actions; with `today`, a form that sets the status to done dates it (as `x`
    does), and one that opens it again clears the date it had."""

    def build(values: dict[str, Any], old: Any) -> model.Action:
        if old is None:
            values = {"id": session.review.next_action_id(), **values}
        action = builder(model.Action)(values, old)
        if today is not None:
            date_done(action, old, today)
        return action

    return RecordSpec(
        noun="action",
        items=lambda review: review.actions,
        columns=(
            Column("ID", lambda a: a.id, width=4),
            Column("Action", action_title, width=40),
            Column("Owner", lambda a: ", ".join(a.everyone), width=12, stay=8),
            Column("Due", lambda a: date_text(a.due), width=10, stay=8),
            Column("Pri", lambda a: a.priority or "", width=3, stay=6),
            Column("Status", lambda a: a.status or "", width=11, stay=7),
            Column("Kind", lambda a: a.kind or "", width=8, stay=3),
            Column("Horizon", lambda a: a.horizon or "", width=10, stay=2),
            Column("Ticket", lambda a: a.ticket, stay=1),
        ),
        fields=(
            FieldSpec("title", "Action", optional=False),
            FieldSpec(
                "owner",
                "Owner (a participant, or any name)",
                suggestions=lambda: people_names(session),
            ),
            FieldSpec("due", "Due (+1w, +1m, +1q, fri, 12 dec, 2026-12-01)", "date"),
            FieldSpec(
                "owners",
                "Co-owners (comma-separated)",
                "list",
                suggestions=lambda: people_names(session),
            ),
            FieldSpec("priority", "Priority (blank: not rated)", "choice", choices(model.Priority)),
            FieldSpec(
                "status", "Status (blank: none given)", "choice", choices(model.ActionStatus)
            ),
            FieldSpec("done_on", "Done on (2026-12-01; x on the table stamps today)", "date"),
            FieldSpec("kind", "Kind", "choice", choices(model.ActionKind)),
            FieldSpec("horizon", "Horizon", "choice", choices(model.Horizon)),
            FieldSpec("phase", "Life-cycle phase", "choice", choices(model.Phase)),
            FieldSpec("ticket", "Ticket"),
            FieldSpec("tags", "Tags (comma-separated)", "list"),
            FieldSpec("description", "Description", "long"),
        ),
        build=build,
    )


def people(session: ReviewSession) -> RecordSpec:
    return RecordSpec(
        noun="participant",
        items=lambda review: review.people,
        columns=(
            Column("", lambda p: {True: "●", False: "○"}.get(p.present, "·"), width=1),
            Column("Name", lambda p: p.name, width=10),
            Column("#", lambda p: str(p.spoke) if p.spoke else "", width=2, stay=4),
            Column("Role", lambda p: ", ".join(filter(None, [p.role, *p.incident_roles])), stay=9),
        ),
        fields=(
            FieldSpec("name", "Name", optional=False),
            FieldSpec("role", "Role or team"),
            FieldSpec(
                "incident_roles",
                "Incident roles (comma-separated: Incident Commander, Scribe, …; any words)",
                "list",
                suggestions=lambda: ROLE_SUGGESTIONS,
            ),
            FieldSpec("present", "Present", "bool"),
            FieldSpec("contact", "Contact"),
        ),
        build=builder(model.Participant),
    )


def wrapup_id(n: int) -> str:
    """The id of the Wrap-up tab's `n`th table (in `wrapup`'s order): the pane gives it,
    the command palette runs the table's keys on it."""
    return f"wrapup-{n}"


def wrapup(session: ReviewSession) -> Sequence[tuple[str, RecordSpec]]:
    """The Wrap-up tab's tables, titled."""
    lessons = lambda review: review.lessons  # noqa: E731
    meeting = lambda review: review.meeting  # noqa: E731
    return (
        (
            "Contributing factors",
            RecordSpec(
                noun="contributing factor",
                items=lambda r: r.factors,
                columns=(
                    Column("Factor", lambda f: f.factor, width=40),
                    Column("How it contributed", lambda f: f.how, width=40),
                    Column("Kind", lambda f: f.kind.value, width=12),
                    Column("Phase", lambda f: f.phase.value if f.phase else ""),
                ),
                fields=(
                    FieldSpec("factor", "Factor"),
                    FieldSpec("how", "How it contributed", "long"),
                    FieldSpec("kind", "Kind", "choice", choices(model.FactorKind), False),
                    FieldSpec("phase", "Life-cycle phase", "choice", choices(model.Phase)),
                ),
                build=builder(model.Factor),
                defaults=lambda s: {"kind": model.FactorKind.CONTRIBUTING.value},
            ),
        ),
        (
            "Attempted work",
            RecordSpec(
                noun="attempted work",
                items=lambda r: r.work,
                columns=(
                    Column("What", lambda w: w.what, width=50),
                    Column("Effect", lambda w: w.effect or "", width=9),
                    Column("Note", lambda w: w.note),
                ),
                fields=(
                    FieldSpec("what", "What was tried"),
                    FieldSpec("effect", "Effect", "choice", choices(model.Effect)),
                    FieldSpec("note", "Note", "long"),
                ),
                build=builder(model.Work),
            ),
        ),
        ("What went well", text_list("lesson", lambda r: lessons(r).went_well, "What went well")),
        (
            "What went wrong",
            text_list("lesson", lambda r: lessons(r).went_wrong, "What went wrong"),
        ),
        (
            "Where we got lucky",
            text_list("lesson", lambda r: lessons(r).lucky, "Where we got lucky"),
        ),
        (
            "Systemic issues",
            RecordSpec(
                noun="systemic issue",
                items=lambda r: r.lessons.systemic,
                columns=(
                    Column("Issue", lambda s: s.issue, width=60),
                    Column("Owner", lambda s: s.owner),
                ),
                fields=(
                    FieldSpec("issue", "Issue", "long"),
                    FieldSpec("owner", "Owner", suggestions=lambda: people_names(session)),
                ),
                build=builder(model.SystemicIssue),
            ),
        ),
        ("Decisions", text_list("decision", lambda r: meeting(r).decisions, "Decision")),
        (
            "Parking lot",
            text_list("parking-lot item", lambda r: meeting(r).parking_lot, "Parked topic"),
        ),
        (
            "Related documents",
            RecordSpec(
                noun="document",
                items=lambda r: r.related,
                columns=(
                    Column("Title", lambda d: d.title, width=30),
                    Column("Link", lambda d: d.link, width=40),
                    Column("Purpose", lambda d: d.purpose),
                ),
                fields=(
                    FieldSpec("link", "Link"),
                    FieldSpec("title", "Title"),
                    FieldSpec("purpose", "Purpose"),
                ),
                build=builder(model.Document),
            ),
        ),
        (
            "Chat logs",
            text_list("chat log link", lambda r: r.incident.chat_logs, "Chat transcript link"),
        ),
        (
            "Recordings",
            text_list("recording link", lambda r: r.incident.recordings, "Call recording link"),
        ),
        (
            "Sign-off",
            RecordSpec(
                noun="sign-off",
                items=lambda r: r.signoff,
                columns=(
                    Column("Role", lambda s: s.role, width=24),
                    Column("Name", lambda s: s.name, width=20),
                    Column("Signed", lambda s: "yes" if s.signed else "", width=6),
                    Column("Date", lambda s: date_text(s.date)),
                ),
                fields=(
                    FieldSpec("role", "Role"),
                    FieldSpec("name", "Name", suggestions=lambda: people_names(session)),
                    FieldSpec("signed", "Signed", "bool"),
                    FieldSpec("date", "Date", "date"),
                ),
                build=builder(model.Signoff),
            ),
        ),
        (
            "Follow-up schedule",
            RecordSpec(
                noun="follow-up",
                items=lambda r: r.followups,
                columns=(
                    Column("After", lambda f: f.after, width=10),
                    Column("Check", lambda f: f.check, width=40),
                    Column("Done", lambda f: "yes" if f.done else "", width=4),
                    Column("Note", lambda f: f.note),
                ),
                fields=(
                    FieldSpec("after", "After (+1 week, +1 month, …)"),
                    FieldSpec("check", "Check"),
                    FieldSpec("done", "Done", "bool"),
                    FieldSpec("note", "Note", "long"),
                ),
                build=builder(model.FollowUp),
            ),
        ),
        (
            "Distribution",
            RecordSpec(
                noun="recipient",
                items=lambda r: r.distribution,
                columns=(
                    Column("Shared", lambda d: "☑" if d.shared else "☐", width=6),
                    Column("Audience", lambda d: d.audience),
                ),
                fields=(FieldSpec("audience", "Audience"), FieldSpec("shared", "Shared", "bool")),
                build=builder(model.Recipient),
            ),
        ),
        ("Goals", text_list("goal", lambda r: r.incident.goals, "Goal")),
        (
            "Agenda",
            RecordSpec(
                noun="agenda item",
                items=lambda r: r.meeting.agenda,
                columns=(
                    Column("Item", lambda a: a.title, width=40),
                    Column("Minutes", lambda a: str(a.minutes), width=7),
                    Column("Tab", lambda a: TAB_TITLES.get(a.tab, a.tab), width=10),
                    Column("Spent", lambda a: clock_text(a.spent_seconds) if a.started_at else ""),
                ),
                fields=(
                    FieldSpec("title", "Item"),
                    FieldSpec("minutes", "Minutes (the timebox)"),
                    FieldSpec(
                        "tab",
                        "Discussed on the tab (moving there moves the agenda)",
                        "choice",
                        TABS,
                    ),
                ),
                build=lambda values, old: builder(model.AgendaItem)(
                    {**values, "tab": values["tab"] or ""}, old
                ),
                values=lambda item: {**item.model_dump(), "tab": item.tab or None},
            ),
        ),
    )


def date_done(action: model.Action, old: model.Action | None, today: Callable[[], dt.date]) -> None:
    """Done now and undated: `today`; open again with the date it had when done: undated."""
    was_done = old is not None and old.status == model.ActionStatus.DONE
    if action.status == model.ActionStatus.DONE and action.done_on is None and not was_done:
        action.done_on = today()
    elif action.status != model.ActionStatus.DONE and was_done and action.done_on == old.done_on:
        action.done_on = None

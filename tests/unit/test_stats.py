import datetime as dt
import json
import os
from pathlib import Path

import pytest

from pmtui.analysis import stats
from pmtui.document.model import Action, Event, Milestone, Review
from pmtui.files import store

M = Milestone
TODAY = dt.date(2026, 11, 20)


def generated(n: int) -> Review:
    """Review n (1..12) starts on 2026-01-n; detect 10m (n ≤ 2) or 20m, isolate 30m, fix 60m."""
    start = dt.datetime(2026, 1, n, 10, 0, tzinfo=dt.UTC)
    detect = 10 if n <= 2 else 20
    marks = [(0, M.IMPACT_STARTED), (detect, M.DETECTED)]
    marks += [(detect + 30, M.ROOT_CAUSE), (detect + 90, M.RESOLVED)]
    timeline = [Event(at=start + dt.timedelta(minutes=m), milestone=s) for m, s in marks]
    return Review.model_validate(
        {"incident": {"severity": "SEV1" if n % 2 else "SEV2"}, "timeline": timeline}
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for n in range(1, 13):  # file names run against time: the last ten are not the last files
        sub = tmp_path / f"team{n % 3}"
        sub.mkdir(exist_ok=True)
        store.save(generated(n), sub / f"r{13 - n:02}.toml")
    first, second = store.load(tmp_path / "team1/r12.toml"), store.load(tmp_path / "team2/r11.toml")
    first.actions = [
        Action(id="A1", title="t", owner="Adam", due=dt.date(2026, 11, 1)),  # overdue
        Action(id="A2", title="t", owner="Dan", due=dt.date(2026, 11, 1), status="done"),
        Action(id="A3", title="t"),  # open, no owner, no due date
    ]
    second.actions = [Action(id="A1", title="t", owner="Adam", due=TODAY, status="in progress")]
    store.save(first, tmp_path / "team1/r12.toml")
    store.save(second, tmp_path / "team2/r11.toml")
    store.save(Review.model_validate({"incident": {"title": "no timeline"}}), tmp_path / "x.toml")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "not a review"\n')
    (tmp_path / ".git").mkdir()
    store.save(generated(1), tmp_path / ".git" / "hidden.toml")
    (tmp_path / "bad.toml").write_text('[incident]\nstatus = "nope"\n')
    (tmp_path / "notes.toml").write_text("actions = 3\n")  # no [incident]: not a review
    return tmp_path


def minutes(value: float) -> dt.timedelta:
    return dt.timedelta(minutes=value)


def means(**spans: float) -> dict[str, stats.Mean]:
    """The split's means, each given in minutes by its measure's key."""
    return {name: stats.Mean(minutes(spans[key])) for name, key in stats.METRICS.items()}


def test_figures_across_a_folder_are_hand_computed(folder):
    figures = stats.collect(folder, TODAY)
    assert figures.reviews == 13  # 12 generated + one without a timeline
    assert dict(figures.severity) == {"SEV1": 6, "SEV2": 6, "(none)": 1}
    # the last ten downtimes are incidents 3..12: 20m to detect each; all split, none left out
    assert figures.last == stats.Means(
        split=means(detect=20, isolate=30, fix=60, recover=110),
        split_downtimes=10,
        every=stats.Mean(minutes(110)),
        downtimes=10,
    )
    # overall: detect (2×10 + 10×20) / 12, recover (2×100 + 10×110) / 12
    assert figures.overall == stats.Means(
        split=means(detect=220 / 12, isolate=30, fix=60, recover=1300 / 12),
        split_downtimes=12,
        every=stats.Mean(minutes(1300 / 12)),
        downtimes=12,
    )
    assert figures.owners == {"Adam": [2, 1], "(no owner)": [1, 0]}
    assert figures.problems == [
        f"{folder / 'bad.toml'}:2: incident.status: Input should be "
        "'draft', 'in review', 'reviewed' or 'published' (got 'nope')"
    ]


def test_a_pipe_and_a_link_to_nothing_are_counted_as_list_shows_them(tmp_path):
    """`list` showed them as cannot read; `stats` left them out without a word."""
    os.mkfifo(tmp_path / "pipe.toml")  # never read: it would wait for a writer
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "gone.toml")
    assert stats.collect(tmp_path, TODAY).problems == [
        f"{tmp_path / 'dangling.toml'}: a link to a file that is not there",
        f"{tmp_path / 'pipe.toml'}: not a regular file (a pipe or a device)",
    ]


def test_a_process_pool_gives_the_same_figures(folder, monkeypatch):
    alone = stats.collect(folder, TODAY)
    monkeypatch.setattr(stats, "POOL_FROM", 0)
    assert stats.collect(folder, TODAY, workers=2) == alone


def test_text_and_json(folder):
    figures = stats.collect(folder, TODAY)
    assert stats.as_text(figures, Path("reviews")) == (
        "13 reviews under reviews; 1 more could not be read (its error is on stderr)\n"
        "\n"
        "Severity           Reviews\n"
        "SEV1                     6\n"
        "SEV2                     6\n"
        "(none)                   1\n"
        "\n"
        "                   Last 10       All\n"
        "MTTD                   20m       18m\n"
        "MTTI                   30m       30m\n"
        "MTTF                    1h        1h\n"
        "MTTR                1h 50m    1h 48m\n"
        "  downtimes             10        12\n"
        "MTTR = MTTD + MTTI + MTTF, over the downtimes with all three parts timed.\n"
        "\n"
        "Owner                 Open   Overdue\n"
        "(no owner)               1         0\n"
        "Adam                     2         1\n"
    )
    data = json.loads(stats.as_json(figures))
    assert data["severity"] == {"SEV1": 6, "SEV2": 6, "(none)": 1}
    assert data["last_ten"] == {
        "split_downtimes": 10,
        "all_downtimes": 10,
        "day_only_left_out": 0,
        "seconds": {
            "MTTD": 1200, "MTTI": 1800, "MTTF": 3600, "MTTR": 6600, "MTTR_all_downtimes": 6600
        },
        "shown": {
            "MTTD": "20m", "MTTI": "30m", "MTTF": "1h", "MTTR": "1h 50m",
            "MTTR_all_downtimes": "1h 50m",
        },
        "about": [],
    }  # fmt: skip
    assert data["overall"]["seconds"] == {
        "MTTD": 1100, "MTTI": 1800, "MTTF": 3600, "MTTR": 6500, "MTTR_all_downtimes": 6500
    }  # fmt: skip
    assert data["actions"]["Adam"] == {"open": 2, "overdue": 1}
    assert len(data["problems"]) == 1 and data["unreadable"] == 1


def test_an_empty_folder():
    figures = stats.summarise([])
    assert figures.reviews == 0 and figures.last == figures.overall == stats.Means()
    assert figures.last.split == {name: stats.Mean() for name in stats.METRICS}
    text = stats.as_text(figures, Path("."))
    assert "MTTR" + " " * 21 + "—" + " " * 9 + "—" in text
    assert "  downtimes" + " " * 14 + "0" + " " * 9 + "0" in text
    data = json.loads(stats.as_json(figures))["overall"]
    assert data["seconds"] == data["shown"] == dict.fromkeys([*stats.METRICS, stats.EVERY])


def test_a_date_only_downtime_is_in_no_mean_and_the_start_may_be_the_field(tmp_path):
    """A review whose impact start is a date alone is a downtime known to the day only: left
    out of the means of hours, and counted. One with only `started_at` is placed by it among
    the last ten like any other."""
    day_only = generated(1)
    day_only.timeline[0].place(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    day_only.timeline[0].day_only = True
    store.save(day_only, tmp_path / "day.toml")
    from_field = generated(2)
    from_field.incident.started_at = from_field.timeline[0].at
    from_field.timeline[0].milestone = []
    store.save(from_field, tmp_path / "field.toml")
    figures = stats.collect(tmp_path, TODAY)
    # from the field: 10:00 → 11:40 is 100m; the day-only one (00:00 → 11:40) is left out
    assert (
        figures.last
        == figures.overall
        == stats.Means(
            split=means(detect=10, isolate=30, fix=60, recover=100),
            split_downtimes=1,
            every=stats.Mean(minutes(100)),
            downtimes=1,
            day_only=1,
        )
    )
    assert stats.METRICS == {"MTTD": "detect", "MTTI": "isolate", "MTTF": "fix", "MTTR": "recover"}


def test_quiz_answers_of_replays_are_tallied_by_learner(tmp_path):
    def class_with(*answers: tuple[str, bool]) -> Review:
        return Review.model_validate(
            {
                "incident": {"title": "dojo"},
                "quiz_answers": [
                    {"question": f"Q{n}", "learner": who, "answer": "x", "right": right}
                    for n, (who, right) in enumerate(answers)
                ],
            }
        )

    store.save(class_with(("Sam", True), ("Alex", False)), tmp_path / "monday.toml")
    store.save(class_with(("Sam", True), ("the room", True)), tmp_path / "tuesday.toml")
    figures = stats.collect(tmp_path, TODAY)
    assert figures.learners == {"Sam": [2, 2], "Alex": [0, 1], "the room": [1, 1]}
    assert json.loads(stats.as_json(figures))["quiz_answers"]["Alex"] == {"right": 0, "answered": 1}
    lines = stats.as_text(figures, tmp_path).splitlines()
    assert any(line.split() == ["Sam", "2", "2"] for line in lines)
    plain = Review.model_validate({"incident": {"title": "no class"}})
    store.save(plain, tmp_path / "monday.toml")
    store.save(plain, tmp_path / "tuesday.toml")
    assert "Quiz answers" not in stats.as_text(stats.collect(tmp_path, TODAY), tmp_path)


def dated(day: int, *actions: Action, started: bool = False) -> Review:
    """A review dated 2026-10-`day`: by its incident's start, or else by its review date."""
    incident = {"title": f"r{day}"}
    if started:
        incident["started_at"] = dt.datetime(2026, 10, day, 9, 0, tzinfo=dt.UTC)
    else:
        incident["review_date"] = dt.date(2026, 10, day)
    return Review.model_validate({"incident": incident, "actions": list(actions)})


def due(day: int, **fields) -> Action:
    return Action(id=fields.pop("id", "A1"), title="t", due=dt.date(2026, 11, day), **fields)


def test_actions_on_time_over_the_last_ten_reviews_by_their_own_date(tmp_path):
    done_on = lambda day: {"status": "done", "done_on": dt.date(2026, 11, day)}  # noqa: E731
    reviews = {
        # the two oldest fall out of the last ten, whatever their files' names
        "z-oldest.toml": dated(1, due(1, **done_on(1))),
        "z-older.toml": dated(2, due(1)),  # overdue, but before the last ten
        "a.toml": dated(3, due(10, **done_on(10)), due(10, id="A2", **done_on(11))),
        "b.toml": dated(4, due(19), due(20, id="A2"), due(25, id="A3", status="in progress")),
        "c.toml": dated(5, due(5, status="won't do"), Action(id="A2", title="no due date")),
        "d.toml": dated(6, due(9, status="done"), started=True),  # done, no day: left out
        **{f"e{day}.toml": dated(day) for day in range(7, 13)},
    }
    for name, review in reviews.items():
        store.save(review, tmp_path / name)
    figures = stats.collect(tmp_path, TODAY)
    # on time: a.A1; late: a.A2; overdue: b.A1 (due the 19th; b.A2 is due today)
    assert figures.deadlines == stats.Deadlines(on_time=1, late=1, overdue=1, undated=1)
    data = json.loads(stats.as_json(figures))["actions_on_time"]
    assert data == {
        "on_time": 1, "late": 1, "overdue": 1, "counted": 3, "share": 1 / 3, "done_undated": 1
    }  # fmt: skip
    lines = stats.as_text(figures, tmp_path).splitlines()
    at = lines.index("Actions due        Last 10")
    assert lines[at:] == [
        "Actions due        Last 10",
        "  done on time           1",
        "  done late              1",
        "  overdue                1",
        "  on time              33%",
        "  left out               1",
        "Actions due: in the last 10 reviews, those with a due date, done or overdue.",
        "Left out: actions done with no day done (done_on), in no count.",
    ]


def test_a_review_started_later_counts_among_the_last_ten_before_an_older_review_date(tmp_path):
    """The incident's start dates a review before its review date does: started on the
    12th, reviewed on the 1st, it is among the last ten; the one reviewed on the 2nd is not."""
    on_time = due(1, status="done", done_on=dt.date(2026, 11, 1))
    store.save(dated(2, on_time), tmp_path / "reviewed-2nd.toml")
    late_start = dated(12, due(2, id="A9"), started=True)
    late_start.incident.review_date = dt.date(2026, 10, 1)
    store.save(late_start, tmp_path / "started-12th.toml")
    for day in range(3, 12):
        store.save(dated(day), tmp_path / f"r{day}.toml")
    assert stats.collect(tmp_path, TODAY).deadlines == stats.Deadlines(overdue=1)


def test_no_action_due_in_the_last_reviews_adds_no_lines_and_a_null_share(tmp_path):
    no_due = Action(id="A1", title="no due date")
    store.save(dated(1, no_due, due(1, id="A2", status="won't do")), tmp_path / "r.toml")
    store.save(dated(2, due(30)), tmp_path / "s.toml")  # not due yet
    figures = stats.collect(tmp_path, TODAY)
    assert figures.deadlines == stats.Deadlines()
    assert "Actions due" not in stats.as_text(figures, tmp_path)
    assert json.loads(stats.as_json(figures))["actions_on_time"]["share"] is None


def test_a_very_long_name_is_cut_in_the_text(tmp_path):
    """Every table shares the first column's width: one owner of two million characters
    made `stats` print 38 MB."""
    owner = "o" * 2_000_000
    review = Review(incident={"severity": "s" * 2_000_000})
    review.actions = [Action(id="A1", title="t", owner=owner)]
    store.save(review, tmp_path / "r.toml")
    text = stats.as_text(stats.collect(tmp_path, TODAY), tmp_path)
    assert max(map(len, text.splitlines())) < 400
    assert "o" * 119 + "…" in text and "s" * 119 + "…" in text


def test_an_action_owned_by_co_owners_only_counts_under_the_first(tmp_path):
    """It counted under "(no owner)", while `actions` and the exports name its owners."""
    review = generated(1)
    review.actions = [Action(id="A1", title="t", owners=["Bea", "Cy"], due=dt.date(2026, 11, 1))]
    store.save(review, tmp_path / "r.toml")
    assert stats.collect(tmp_path, TODAY).owners == {"Bea": [1, 1]}


def test_one_severity_written_several_ways_is_one_row(tmp_path):
    """sev2, SEV-2 and 2 were three rows of one; check reads them all as SEV2."""
    for n, severity in enumerate(["sev2", "SEV-2", "2", "Sev 1", "Blue"]):
        review = generated(n + 1)
        review.incident.severity = severity
        store.save(review, tmp_path / f"r{n}.toml")
    assert dict(stats.collect(tmp_path, TODAY).severity) == {"SEV2": 3, "SEV1": 1, "Blue": 1}

"""The `pmtui` command: parse, call one function, print, return an exit code.

Exit codes: 0 fine, 1 the review has findings (`check`), 2 cannot proceed.
Only opening the app imports Textual, so `check` and `export` start fast.
Every line goes out through `say`, so no control character from a review reaches the
terminal raw.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Protocol, TextIO, TypeVar

from pmtui import __version__
from pmtui.cli.exit_codes import CANNOT, FINDINGS, OK
from pmtui.cli.frame_at_launch import frame_at_launch
from pmtui.cli.typed_at_launch import keys_as_typed
from pmtui.document.printable import escaped, one_line
from pmtui.document.today import Day, now, today, today_in
from pmtui.errors import OneLineError
from pmtui.export import FORMATS
from pmtui.files import locations

# Each command imports what it uses when it runs: `pmtui FILE` opens the app without
# waiting for the export layouts, the chat readers or the document model.

COMMANDS = (
    "new",
    "check",
    "export",
    "templates",
    "sample",
    "open",
    "stats",
    "actions",
    "list",
    "import-chat",
    "serve",
    "replay",
    "diff",
    "merge",
)


class Found(Protocol):
    problems: list[str]


T = TypeVar("T", bound=Found)


class CommandError(OneLineError):
    """A command that cannot proceed; `str()` is the one line to print."""


def say(text: str, *, end: str = "\n", json: bool = False, error: bool = False) -> None:
    """Print one command's output (or, with `error`, a line on stderr) for a terminal.

    Review content can hold ESC, OSC 52 (writes the clipboard), BEL or C1 controls: each is
    written as a visible escape (`\\x1b`; `\\u001b` in JSON, which stays valid JSON).
    """
    text = escaped(text + end, json=json)
    if error:
        with _saying_nothing_if_it_cannot():
            sys.stderr.write(text)
        return
    with _writing_out():
        sys.stdout.write(text)


@contextlib.contextmanager
def _writing_out():
    """Around a write to standard output: one it cannot take (a full disk, `> /dev/full`)
    is the command's one line and exit 2, never a traceback.

    A reader that stopped reading (`pmtui diff A B | head -1`) has all it wanted: the
    command goes on, its output to nowhere, to the exit code its result means (1, they
    differ), never 0 for a result it did not reach."""
    try:
        yield
    except BrokenPipeError:
        _to_nowhere(sys.stdout)
    except OSError as problem:
        _to_nowhere(sys.stdout)
        raise CommandError(f"cannot write the output ({problem.strerror or problem})") from None


@contextlib.contextmanager
def _saying_nothing_if_it_cannot():
    """Around a write to standard error: one it cannot take (`2>/dev/full`) leaves nothing
    to say it with, so the command just ends with its exit code, not a traceback."""
    try:
        yield
    except OSError:
        _to_nowhere(sys.stderr)


def _to_nowhere(stream: TextIO) -> None:
    """`stream` goes to /dev/null from here on, what its buffer still holds too, so
    Python's flush as it exits has nothing to complain about."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, stream.fileno())
    os.close(nowhere)


def complain(problem: str) -> None:
    """`pmtui: …` on stderr, one line per problem (a scenario lists each of its own)."""
    for line in problem.split("\n"):
        say(f"pmtui: {line}", error=True)


def main(argv: Sequence[str] | None = None, *, end: Callable[[int], object] | None = None) -> int:
    """Run the command `argv` names and return its exit code. `end`, given by the `pmtui`
    script: called with the exit code as soon as the output of a command that reads and
    reports (`REPORTS`) is written, to end the process there (`cli.ended_at_once`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.stderr is None:  # `2>&-`: nothing can be said; the exit code alone tells
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  # open while the command runs
    if sys.stdout is None:  # `pmtui new r.toml >&-`: said before the command does anything
        complain("cannot write the output (standard output is closed)")
        return CANNOT
    try:
        try:
            args = _with_the_command(args)
            parsed = _parser().parse_args(args)  # --help and --version say theirs here
            with _collector_off_unless(parsed.run is run_serve):
                exit_code = parsed.run(parsed)
                if end is not None and parsed.run in REPORTS:
                    end(_all_written(exit_code))  # with the collector still off
        except FileNotFoundError:  # from `Path.cwd`, or a relative name's `resolve`
            locations.current_folder()  # its one line when the current folder is gone
            raise
    except OneLineError as error:
        complain(str(error))
        exit_code = CANNOT
    return _all_written(exit_code)


def _with_the_command(args: list[str]) -> list[str]:
    """`args` led by the command they name: `open` where they name none (`pmtui FILE`,
    `pmtui --dir reviews/`, `pmtui` alone). A command mistyped (`pmtui lsit`, `pmtui chek
    r.toml`) is refused rather than opened as a new review of that name."""
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        return args
    if args and (meant := _mistyped_command(args[0])):
        raise CommandError(f"unknown command '{args[0]}' (did you mean {meant}?)")
    return ["open", *args]


def _mistyped_command(word: str) -> str | None:
    """The command `word` is a slip for (`lsit`: list, `help`: --help), or None: it is not
    close to one, or it names a review to open (a file there, or `word.toml`), or it has a
    suffix or a folder, as only a file's name would."""
    import difflib

    from pmtui.files import store

    if word.startswith("-") or Path(word).suffix or os.sep in word:
        return None
    close = difflib.get_close_matches(word, [*COMMANDS, "help"], n=1)
    if not close or store.exists(Path(word)) or store.exists(Path(f"{word}.toml")):
        return None
    return "--help" if close[0] == "help" else close[0]


def _all_written(exit_code: int) -> int:
    """`exit_code` once the output is all written, or 2 and its one line: a short output
    waits in the buffer, so `> /dev/full` fails only now."""
    try:
        with _writing_out():
            sys.stdout.flush()
    except CommandError as error:
        complain(str(error))
        return CANNOT
    return exit_code


@contextlib.contextmanager
def _collector_off_unless(long_running: bool):
    """Every command but `serve` runs without Python's cycle collector: what it makes
    (modules, the reviews it reads) lives until it ends, so collecting cycles among it only
    slows it down (about 0.1 s of a 10,000-event review's export; ~45 ms of the sample's
    start-up). The app turns it back on once the review is on screen. After the command it
    is as it was found, for a caller that goes on (a test)."""
    was_on = gc.isenabled()
    if not long_running:
        gc.disable()
    try:
        yield
    finally:
        (gc.enable if was_on else gc.disable)()


class _Parser(argparse.ArgumentParser):
    """argparse, whose messages can quote an argument (a file name a glob picked up)."""

    def _print_message(self, message: str, file=None) -> None:
        if message and file is sys.stdout:  # --help, --version: output as any command's
            say(message, end="")
            with _writing_out():
                sys.stdout.flush()  # before argparse's `exit`, which skips `main`'s flush
        elif message:  # usage and errors
            say(message, end="", error=True)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pmtui",
        description="Post-incident reviews in the terminal. `pmtui FILE` opens a review.",
    )
    parser.add_argument("--version", action="version", version=f"pmtui {__version__}")
    commands = parser.add_subparsers(metavar="COMMAND", required=True)

    opener = commands.add_parser("open", help="open a review in the app (the default)")
    opener.add_argument("file", nargs="?", type=Path, help="review file (TOML)")
    opener.add_argument("--dir", type=Path, help="folder whose reviews the start screen lists")
    opener.set_defaults(run=run_open)

    new = commands.add_parser("new", help="start a new review file from a template")
    new.add_argument("file", type=Path)
    new.add_argument(
        "--template",
        default="default",
        help="a template's name (`pmtui templates` lists them) or a .toml path",
    )
    new.add_argument("--title", default="")
    new.add_argument("--severity", default="")
    new.set_defaults(run=run_new)

    check = commands.add_parser("check", help="durations and findings; exit 1 on findings")
    check.add_argument("files", nargs="+", type=Path)
    _add_report_options(check)
    check.set_defaults(run=run_check)

    stats = commands.add_parser("stats", help="figures across every review under a folder")
    stats.add_argument(
        "folder", nargs="?", type=Path, default=Path("."), help="default: the current folder"
    )
    _add_report_options(stats)
    stats.set_defaults(run=run_stats)

    actions = commands.add_parser(
        "actions", help="open actions across every review under a folder, overdue first"
    )
    actions.add_argument(
        "folder", nargs="?", type=Path, default=Path("."), help="default: the current folder"
    )
    actions.add_argument("--owner", default="", help="only this owner's (or co-owner's)")
    actions.add_argument("--overdue", action="store_true", help="only the overdue ones")
    actions.add_argument(
        "--due-before", type=_day, metavar="DATE", help="only those due before this day"
    )
    _add_report_options(actions, formats=("text", "csv", "json"))
    actions.set_defaults(run=run_actions)

    export = commands.add_parser("export", help="write a review as Markdown, CSV or JSON")
    export.add_argument("file", type=Path)
    export.add_argument(
        "--template",
        help="Markdown in this template's layout (name or .toml; see `pmtui templates`)",
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        default="markdown",
        dest="form",
        help="markdown (default); csv or json: the action items, for a tracker or a script",
    )
    export.add_argument("-o", "--output", default="-", help="output file, or - for stdout")
    export.add_argument(
        "--force", action="store_true", help="replace an existing output file (a regular file only)"
    )
    export.add_argument(
        "--anonymise", action="store_true", help="roles instead of participants' names"
    )
    export.add_argument(
        "--all",
        action="store_true",
        dest="every",
        help="csv: every action, done and won't-do ones too (left out by default)",
    )
    export.set_defaults(run=run_export)

    listing = commands.add_parser("templates", help="list the built-in and your own templates")
    listing.set_defaults(run=run_templates)

    sample = commands.add_parser(
        "sample", help="copy a bundled sample review here (unless present) and open it"
    )
    sample.add_argument("name", nargs="?", help="sample name; none lists them")
    sample.add_argument("--no-open", action="store_true", help="copy only")
    sample.set_defaults(run=run_sample)

    lister = commands.add_parser("list", help="list the reviews under a folder, newest first")
    lister.add_argument("dir", nargs="?", type=Path, default=Path("."))
    lister.add_argument("--format", choices=("text", "json"), default="text")
    lister.set_defaults(run=run_list)

    chat = commands.add_parser("import-chat", help="add an incident chat to a review's timeline")
    chat.add_argument("file", type=Path, help="review file (TOML)")
    chat.add_argument("chat", type=Path, help="Slack channel folder or day file, or a text log")
    pick = chat.add_mutually_exclusive_group()
    pick.add_argument("--all", action="store_true", help="every message (the default)")
    pick.add_argument("--from", dest="names", nargs="+", default=[], metavar="NAME")
    pick.add_argument("--grep", default="", metavar="WORD", help="messages with this word")
    chat.add_argument("--no-people", action="store_true", help="add no new participants")
    chat.set_defaults(run=run_import_chat)

    serve = commands.add_parser(
        "serve", help="serve the app to a browser on 127.0.0.1, behind a secret link"
    )
    serve.add_argument("file", type=Path, help="review file (TOML)")
    serve.add_argument("--port", type=_port, default=8000, help="port, 1-65535 (default 8000)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1); one other machines reach needs "
        "--allow-remote",
    )
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="let --host be an address other machines can reach (anyone with the link can edit)",
    )
    serve.set_defaults(run=run_serve)

    replay = commands.add_parser("replay", help="replay a training scenario into a review")
    replay.add_argument("file", type=Path, help="review file (made from the scenario if new)")
    replay.add_argument("--scenario", help="scenario file or bundled name (default: by name)")
    replay.add_argument(
        "--learner",
        action="append",
        default=[],
        help="a learner's name: replaces [student]; repeat it to record each one's quiz answers",
    )
    replay.add_argument("--scene", type=int, help="start at scene N (1 is the first)")
    replay.add_argument(
        "--pace", help="typing pace: slow, normal, fast, lines, or characters per second"
    )
    replay.set_defaults(run=run_replay)

    differ = commands.add_parser(
        "diff", help="what changed between two versions of a review; exit 1 when they differ"
    )
    differ.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="the older and the newer review; with --git, the arguments git passes",
    )
    differ.add_argument(
        "--git",
        action="store_true",
        help="as git's diff driver (diff.pmtui.command): PATH OLD HEX MODE NEW HEX MODE",
    )
    differ.add_argument("--format", choices=("text", "json"), default="text")
    differ.set_defaults(run=run_diff)

    merger = commands.add_parser(
        "merge",
        help="merge two versions of a review by item (git's merge driver: %%O %%A %%B --name %%P); "
        "exit 1 when a conflict is left to settle",
    )
    merger.add_argument("base", type=Path, help="the common ancestor")
    merger.add_argument("ours", type=Path, help="our version: the merged review is written here")
    merger.add_argument("theirs", type=Path, help="their version")
    merger.add_argument(
        "--name",
        metavar="PATH",
        help="the review's own path, to name in messages instead of git's temporary files "
        "(git's %%P)",
    )
    merger.set_defaults(run=run_merge)
    return parser


def run_new(args: argparse.Namespace) -> int:
    from pmtui import templates
    from pmtui.files import store
    from pmtui.files.session import ReviewSession

    if store.is_folder(args.file):
        raise CommandError(f"{args.file}: is a folder; name the review's file, like review.toml")
    path = review_file(str(args.file))  # `.toml` added: the start screen and `list` find it
    if store.exists(path):
        raise CommandError(f"{path}: already exists; not overwriting it")
    template = templates.load_template(args.template)
    day = now().date()  # the app's day for a new review: its clock, in the review's UTC
    review = templates.new_review(template, title=args.title, severity=args.severity, today=day)
    ReviewSession(review, None).save_as(path)  # checked again right before the file appears
    say(f"created {path} from template {template.name}")
    return OK


def _day(text: str) -> dt.date:
    """A day on the command line, as YYYY-MM-DD (argparse names the option when it fails)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD"
        ) from None


def _port(text: str) -> int:
    """A TCP port to serve on. Not 0, which the system would swap for a free port: the link
    and the Host check name the port asked for."""
    with contextlib.suppress(ValueError):
        if 1 <= (port := int(text)) <= 65535:
            return port
    raise argparse.ArgumentTypeError(f"{text!r} is not a port; give a number from 1 to 65535")


def _add_report_options(
    command: argparse.ArgumentParser, formats: tuple[str, ...] = ("text", "json")
) -> None:
    command.add_argument("--format", choices=formats, default="text")
    command.add_argument(
        "--today",
        type=_day,
        help="count overdue actions as of this date (default: today, or $PMTUI_TODAY)",
    )


def run_check(args: argparse.Namespace) -> int:
    from pmtui.files import parse_cache

    with parse_cache.parsing_ahead(args.files):  # while the checks load
        from pmtui.analysis import report

        given = args.today
        reports = report.check_files(args.files, (lambda _zone: given) if given else today_in)
    for line in (line for r in reports for line in (r.error or r.newer, *r.more_errors) if line):
        complain(line)
    if args.format == "json":
        say(report.as_json(reports), end="", json=True)
    else:
        say(report.as_text(reports), end="")
    return report.exit_code(reports)


def _read_folder(args: argparse.Namespace, collect: Callable[[Path, Day], T]) -> T:
    """What `collect` finds in the reviews under the command's folder, as of its day
    (`--today`, or the day in each review's timezone, as `check` counts it); each review it
    could not read is said on stderr (the command then exits 2)."""
    need_a_folder(args.folder)
    found = collect(args.folder, args.today or today_in)
    for problem in found.problems:
        complain(problem)
    return found


def run_stats(args: argparse.Namespace) -> int:
    from pmtui.analysis import stats

    figures = _read_folder(args, stats.collect)
    if args.format == "json":
        say(stats.as_json(figures), json=True)
    else:
        say(stats.as_text(figures, args.folder))
    return CANNOT if figures.problems else OK


def run_actions(args: argparse.Namespace) -> int:
    from pmtui.analysis import followups

    found = _read_folder(args, followups.under)
    wanted = {"owner": args.owner, "overdue": args.overdue, "due_before": args.due_before}
    rows = followups.filtered(found.rows, **wanted)
    if args.format == "json":
        say(followups.as_json(rows), json=True)
    elif args.format == "csv":
        say(followups.as_csv(rows), end="")
    else:
        say(followups.as_text(rows, followups.asked(**wanted)), end="")
    return CANNOT if found.problems else OK


def run_export(args: argparse.Namespace) -> int:
    from pmtui.files import parse_cache

    with parse_cache.parsing_ahead([args.file]):  # while the model and the layouts load
        from pmtui.document import anonymise
        from pmtui.export import formats
        from pmtui.files import export_target, store

        output = None if args.output == "-" else Path(args.output)
        if output is not None:
            try:
                export_target.check(
                    output,
                    args.file,
                    replace=args.force,
                    instead="give another file name, or -o - for stdout",
                )
            except export_target.AlreadyThere:
                raise CommandError(
                    f"{output}: already exists; add --force to overwrite it"
                ) from None
        review = store.only_a_review(store.load(args.file), args.file)
    if newer := store.newer_schema_line(review.schema_version, args.file):
        complain(newer)
    if args.anonymise:
        review = anonymise.anonymised(review)
    text = formats.export(review, args.form, args.template, every=args.every)
    if output is None:
        say(text, end="", json=args.form == "json")
        return OK
    store.write_atomically(output, text)
    say(f"wrote {output}")
    return OK


def run_templates(args: argparse.Namespace) -> int:
    from pmtui import templates

    worst = OK
    for name in [*templates.builtin_names(), *templates.user_templates()]:
        try:
            template = templates.load_template(name)
        except templates.TemplateError as error:
            complain(str(error))
            worst = CANNOT
        else:
            mine = f"  ({templates.user_templates()[name]})" if template.folder else ""
            say(f"{name:<12} {template.description}{mine}")
    return worst


def run_sample(args: argparse.Namespace) -> int:
    from pmtui.files import locations, store
    from pmtui.training import samples

    if not args.name:
        for name in locations.samples():
            say(name)
        return OK
    copy, made = samples.copy_sample(args.name, Path.cwd())
    if args.no_open and not made:  # what opening it would refuse, refused here
        store.a_review_or_nothing(store.load(copy), copy)
    say(f"copied the {args.name} sample to {copy.name}" if made else f"your copy: {copy.name}")
    if args.no_open:
        return OK
    return run_open(argparse.Namespace(file=copy, dir=None))


def run_list(args: argparse.Namespace) -> int:
    """The reviews under the folder; each one (or folder) it cannot read is a row and, as
    `stats` and `actions` say it, a line on stderr (the command then exits 2)."""
    need_a_folder(args.dir)
    from pmtui.cli import listing
    from pmtui.files import catalog

    entries = catalog.reviews_under(args.dir)
    unreadable = [entry for entry in entries if entry.problem]
    for entry in unreadable:
        complain(entry.problem_line)
    if args.format == "json":
        say(listing.as_json(entries, args.dir), json=True)
    else:
        say(listing.as_table(entries, args.dir), end="")
    return CANNOT if unreadable else OK


def run_import_chat(args: argparse.Namespace) -> int:
    from pmtui.chat import command

    result, log = command.import_chat_file(
        args.file,
        args.chat,
        names=args.names,
        word=args.grep,
        add_people=not args.no_people,
        today=today(),
        now=now(),
    )
    say(command.summary(result, log))
    return OK


EXPORT_SUFFIXES = frozenset({".md", ".markdown", ".json", ".csv", ".html", ".txt"})
"""What an export writes: a review created under one of these names would pass for one."""


def review_file(name: str) -> Path:
    """The review file a name on the command line means: the file of that name if there is
    one, else `.toml` added unless it ends so (`pmtui replay pet-clinic-dojo` writes
    `pet-clinic-dojo.toml`, `new incident-4.2` writes `incident-4.2.toml`, `pmtui review`
    opens `review.toml`). A new file with
    a name an export would have (`r5.md`) is refused."""
    path = Path(name)
    if path.suffix.lower() == ".toml":  # no document model to import before keys are held
        return path
    from pmtui.files import store

    if store.exists(path):
        return path
    if path.suffix.lower() in EXPORT_SUFFIXES:
        stem = path.with_suffix("")  # `r5.toml.md` → `r5.toml`, not `r5.toml.toml`
        like = stem if stem.suffix.lower() == ".toml" else stem.with_name(f"{stem.name}.toml")
        raise CommandError(
            f"{name}: a review is a .toml file (exports are {path.suffix}); "
            f"name it like {like.name}"
        )
    return path.with_name(f"{path.name}.toml")


def need_a_folder(path: Path) -> None:
    """A folder named on the command line is one (its one line if it cannot be looked at)."""
    from pmtui.files import store

    if not store.is_folder(path):
        raise CommandError(f"{path}: not a folder")


def run_replay(args: argparse.Namespace) -> int:
    with keys_as_typed():
        from pmtui.training.pace import read_pace
        from pmtui.training.scenario_files import find
        from pmtui.tui.replay import make_replay_app  # Textual only when the app opens

        review = review_file(str(args.file))
        found = find(review, args.scenario)  # none: its one line now, before any screen
        return _run_app(
            make_replay_app(
                review,
                scenario_name=str(found),
                learners=args.learner,
                scene=args.scene,
                chars_per_second=None if args.pace is None else read_pace(args.pace),
                as_command=True,
            )
        )


def run_open(args: argparse.Namespace) -> int:
    if args.dir is not None:
        need_a_folder(args.dir)
    file = None if args.file is None else review_file(str(args.file))
    from pmtui.files import parse_cache

    with parse_cache.parsing_ahead([] if file is None else [file]):  # while Textual loads
        return _opened(args, file)


def _opened(args: argparse.Namespace, file: Path | None) -> int:
    """`pmtui FILE` once its parse is under way: the frame kept of its screen, the app, and
    the painter once it ends."""
    # The frame goes where the app itself will draw: on a terminal, not under `pmtui serve`.
    on_a_terminal = not os.environ.get("TEXTUAL_DRIVER") and not _not_terminals()
    with keys_as_typed(), frame_at_launch(file if on_a_terminal else None) as painted:
        from pmtui.tui.app import make_app  # Textual only when the app opens

        app = make_app(
            file, folder=args.dir, as_command=True, launch=painted.launch, painted=painted.shown
        )
        if painted.size is not None:  # its terminal closed, the next launch is painted too
            closes = partial(_paint_as_its_terminal_closes, app, file, painted.size)
            app.safekeeping.at_hangup = closes
        try:
            ended = _run_app(app)
        finally:
            if painted.shown and app.screen_taken:
                painted.hand_over()  # Textual gave the screen back as it ended
    if file is not None and on_a_terminal and ended == OK and app.problem is None:
        from pmtui.cli.paint_ahead import paint_ahead

        paint_ahead(file)  # the review as saved, for the next launch to put up at once
    return ended


def _paint_as_its_terminal_closes(app, file: Path, size: tuple[int, int]) -> None:
    """Its terminal closed (SIGHUP): the painter starts now, as after ctrl+q, at the size
    the app was launched at (a closed terminal tells none)."""
    from pmtui.cli.paint_ahead import start_painter
    from pmtui.files import kept_frames

    if app.problem is None:
        start_painter(file, kept_frames.launch(file, size))


def _need_a_terminal() -> None:
    """The app draws on a terminal and reads its keys there: started from a script, a pipe
    or cron it would write escape codes into the pipe and spin. Under `pmtui serve`,
    textual-serve names its own driver (TEXTUAL_DRIVER) and talks to it over pipes."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    elsewhere = _not_terminals()
    if elsewhere:
        which = " and ".join(f"standard {name}" for name in elsewhere)
        raise CommandError(
            f"the app needs a terminal ({which} {'is' if len(elsewhere) == 1 else 'are'} not "
            "one: it reads keys from standard input and draws on standard error); "
            "for scripts use check, export, list or stats"
        )


def _not_terminals() -> list[str]:
    """Which of standard input, output and error are no terminal."""
    streams = {"input": sys.stdin, "output": sys.stdout, "error": sys.stderr}
    return [name for name, stream in streams.items() if not (stream and stream.isatty())]


def _run_app(app) -> int:
    """Run the app to its end; say where rescued edits went (a signal or a crash)."""
    _need_a_terminal()
    from pmtui.tui.meeting.input_guard import install  # Textual only when the app runs

    install(app.driver_class)  # pasted text stays text, never key presses
    try:
        app.run()
    finally:
        app.safekeeping.stand_down()
    if app.safekeeping.rescued is not None:
        complain(f"unsaved edits kept in {app.safekeeping.rescued}")
    if app.problem is not None:
        complain(app.problem)
    return app.return_code or OK


def run_diff(args: argparse.Namespace) -> int:
    """Exit 0 when the two reviews hold the same, 1 when they differ, 2 when one cannot be
    read, as `diff` does."""
    from pmtui.analysis import review_diff
    from pmtui.files import store

    if args.git:
        return _git_diff(args.files)
    if len(args.files) != 2:
        raise CommandError("diff compares two reviews: pmtui diff OLD.toml NEW.toml")
    paths = [Path(name) for name in args.files]
    read = (store.only_a_review(store.compared(p, store.read_text(p)), p) for p in paths)
    lines = review_diff.changes(*read)
    if args.format == "json":
        import json

        say(json.dumps(lines, ensure_ascii=False, indent=2), json=True)
    else:
        for line in lines:
            say(line)
    return FINDINGS if lines else OK


def run_merge(args: argparse.Namespace) -> int:
    """Write the merge of BASE, OURS and THEIRS over OURS (as git's merge driver does), in
    OURS' own style; exit 1 when conflicts are left (each said here, kept in the file), 2
    when a version cannot be read (OURS untouched)."""
    from pmtui.analysis.findings import merge_conflicts
    from pmtui.analysis.merge import merge
    from pmtui.document import item_ids
    from pmtui.files import store
    from pmtui.files.session import ReviewSession

    with _named_as(_merge_names(args)):
        base, theirs = (
            store.compared(path, store.read_text(path)) for path in (args.base, args.theirs)
        )
        session = ReviewSession.open(args.ours)
        for path, review in ((args.ours, session.review), (args.theirs, theirs)):
            store.only_a_review(review, path)
        for path, review in ((args.base, base), (args.ours, session.review), (args.theirs, theirs)):
            store.refuse_newer(review.schema_version, path, doing="merge")
        before = list(session.review.conflicts)
        written = session.base.data if session.base is not None else None
        ours = item_ids.unnamed_as_written(session.review, written)
        merged = item_ids.numbered_as(merge(base, ours, theirs), session.review, written)
        new = [conflict for conflict in merged.conflicts if conflict not in before]
        places = {conflict.where for conflict in new}
        # A new disagreement where one was settled (dismissed) before is to be settled again.
        again = {finding.key for finding in merge_conflicts(merged) if finding.where in places}
        merged.dismissed = [key for key in merged.dismissed if key not in again]
        if merged != session.review:
            session.review.become(merged)
            session.changed("merged")
            session.save_now()
    ours = args.name or args.ours
    for conflict in new:
        kept, other = conflict.ours, conflict.theirs
        complain(one_line(f"{ours}: conflict: {conflict.where}: {kept!r} kept, other {other!r}"))
    dismissed = set(session.review.dismissed)
    unsettled = [f for f in merge_conflicts(session.review) if f.key not in dismissed]
    for finding in unsettled:
        if finding.where not in places:  # from an earlier merge, still unsettled
            complain(one_line(f"{ours}: conflict still to settle: {finding.line}"))
    return FINDINGS if unsettled else OK


def _merge_names(args: argparse.Namespace) -> dict[str, str]:
    """How each version's file is named in messages: by itself, or, given `--name` (git's
    temporary files: `.merge_file_YyC6fC`), by the review's path and which version it is."""
    if not args.name:
        return {}
    return {
        str(args.base): f"{args.name} (base)",
        str(args.ours): args.name,
        str(args.theirs): f"{args.name} (theirs)",
    }


@contextlib.contextmanager
def _named_as(names: dict[str, str]):
    """Around reading and writing files: a problem with one names it as `names` says."""
    try:
        yield
    except OneLineError as problem:
        line = str(problem)
        for file, name in names.items():
            line = line.replace(file, name)
        raise CommandError(line) from None


def _git_diff(arguments: list[str]) -> int:
    """The changes to one review as git's external diff: git passes PATH OLD-FILE OLD-HEX
    OLD-MODE NEW-FILE NEW-HEX NEW-MODE (and NEW-PATH and a rename note when it was
    renamed), /dev/null for a side that does not exist, or PATH alone while it is
    unmerged. Git stops at an external diff that does not exit 0: a review that cannot
    be read gets its problem and a plain diff of its text instead, and a file that is not
    there or is no file (a folder) its problem alone; the exit is 0 all the same."""
    from pmtui.analysis import review_diff
    from pmtui.files import store

    if len(arguments) == 1:
        say(f"* Unmerged path {arguments[0]}")
        return OK
    if len(arguments) not in (7, 9):
        raise CommandError(
            f"diff --git takes the 7 or 9 arguments git passes an external diff, not "
            f"{len(arguments)}: set it up with git config diff.pmtui.command 'pmtui diff --git'"
        )
    path, old, new = arguments[0], arguments[1], arguments[4]
    shown = arguments[7] if len(arguments) == 9 else path
    say(f"diff --pmtui a/{path} b/{shown}")
    if os.devnull in (old, new):
        say("new review" if old == os.devnull else "review deleted")
    try:
        sides = [store.read_bytes(Path(file)) for file in (old, new)]
    except store.ReviewFileError as problem:  # no file, or a folder: no text to show either
        complain(str(problem))
        return OK
    try:
        lines = review_diff.changes(
            *(_as_named(file, raw, path) for file, raw in zip((old, new), sides, strict=True))
        )
    except store.ReviewFileError as problem:
        complain(str(problem))
        say(_text_diff(sides, path, shown), end="")
        return OK
    for line in lines or ["the same review (only the file's layout or comments changed)"]:
        say(line)
    return OK


def _as_named(file: str, raw: bytes, path: str):
    """The review in `raw`, read from git's temporary `file`, what is wrong in it (a file
    that is no review, too) named by its `path` in the repository. (A file that cannot be
    read at all keeps its own name: the problem is that file's, not the review's.) The
    /dev/null git passes for a side that does not exist stands for an empty review: the
    review is new, or deleted."""
    from pmtui.files import store

    try:
        review = store.compared(Path(file), store.text_of(Path(file), raw))
    except store.ReviewFileError as problem:
        raise store.ReviewFileError(str(problem).replace(file, path)) from None
    return review if file == os.devnull else store.only_a_review(review, Path(path))


def _text_diff(sides: list[bytes], path: str, shown: str) -> str:
    import difflib
    import io

    texts = (io.TextIOWrapper(io.BytesIO(raw), "utf-8", errors="replace").read() for raw in sides)
    before, after = (text.splitlines(keepends=True) for text in texts)
    return "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{shown}"))


def run_serve(args: argparse.Namespace) -> int:
    from pmtui.tui.serve import serve

    serve(args.file, args.port, host=args.host, allow_remote=args.allow_remote, say=say)
    return OK


REPORTS = frozenset(
    {run_check, run_stats, run_actions, run_export, run_templates, run_list, run_diff}
)
"""The commands that read reviews and report, and are done once their output is written:
no app, no review file written, and no thread or process of theirs left running (`export`
writes its output, `stats` joins its workers, `check` and `export` stop their parse-ahead
children, before they return)."""

"""The `pmtui` command: parse, call one function, print, return an exit code.

Exit codes: 0 fine, 1 the review has findings (`check`), 2 cannot proceed.
Only opening the app imports Textual, so `check` and `export` start fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pmtui import __version__
from pmtui.errors import OneLineError
from pmtui.export import FORMATS
from pmtui.printable import printable
from pmtui.today import today

# Each command imports what it uses when it runs: `pmtui FILE` opens the app without
# waiting for the export layouts, the chat readers or the document model.

OK, FINDINGS, CANNOT = 0, 1, 2
COMMANDS = (
    "new",
    "check",
    "export",
    "templates",
    "sample",
    "open",
    "stats",
    "list",
    "import-chat",
    "serve",
    "replay",
)


class CommandError(OneLineError):
    """A command that cannot proceed; `str()` is the one line to print."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "open")
    parsed = _parser().parse_args(args)
    try:
        return parsed.run(parsed)
    except OneLineError as error:
        print(f"pmtui: {printable(str(error))}", file=sys.stderr)  # a path can hold ESC
        return CANNOT
    except KeyboardInterrupt:
        return CANNOT
    except BrokenPipeError:  # `pmtui list | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    new.add_argument("--template", default="default", help="template name or .toml path")
    new.add_argument("--title", default="")
    new.add_argument("--severity", default="")
    new.set_defaults(run=run_new)

    check = commands.add_parser("check", help="durations and findings; exit 1 on findings")
    check.add_argument("files", nargs="+", type=Path)
    _add_report_options(check)
    check.set_defaults(run=run_check)

    stats = commands.add_parser("stats", help="figures across every review under a folder")
    stats.add_argument("folder", type=Path)
    _add_report_options(stats)
    stats.set_defaults(run=run_stats)

    export = commands.add_parser("export", help="write a review as Markdown, CSV or JSON")
    export.add_argument("file", type=Path)
    export.add_argument("--template", help="Markdown in this template's layout (name or .toml)")
    export.add_argument(
        "--format",
        choices=FORMATS,
        default="markdown",
        dest="form",
        help="markdown (default); csv or json: the action items, for a tracker or a script",
    )
    export.add_argument("-o", "--output", default="-", help="output file, or - for stdout")
    export.add_argument("--force", action="store_true", help="overwrite the output file")
    export.add_argument(
        "--anonymise", action="store_true", help="roles instead of participants' names"
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

    serve = commands.add_parser("serve", help="serve the app to a browser on 127.0.0.1")
    serve.add_argument("file", type=Path, help="review file (TOML)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.set_defaults(run=run_serve)

    replay = commands.add_parser("replay", help="replay a training scenario into a review")
    replay.add_argument("file", type=Path, help="review file (made from the scenario if new)")
    replay.add_argument("--scenario", help="scenario file or bundled name (default: by name)")
    replay.add_argument("--learner", default="", help="the name that replaces [student]")
    replay.set_defaults(run=run_replay)
    return parser


def run_new(args: argparse.Namespace) -> int:
    from pmtui import store, templates

    path: Path = args.file
    if path.exists():
        raise CommandError(f"{path}: already exists; not overwriting it")
    template = templates.load_template(args.template)
    review = templates.new_review(template, title=args.title, severity=args.severity, today=today())
    store.save(review, path)
    print(f"created {path} from template {template.name}")
    return OK


def _add_report_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        help="count overdue actions as of this date (default: today, or $PMTUI_TODAY)",
    )


def run_check(args: argparse.Namespace) -> int:
    from pmtui.analysis import report

    reports = report.check_files(args.files, args.today or today())
    for failed in (r for r in reports if r.error):
        print(f"pmtui: {failed.error}", file=sys.stderr)
    print(report.as_json(reports) if args.format == "json" else report.as_text(reports), end="")
    return report.exit_code(reports)


def run_stats(args: argparse.Namespace) -> int:
    from pmtui.analysis import stats

    if not args.folder.is_dir():
        raise CommandError(f"{args.folder}: not a folder")
    figures = stats.collect(args.folder, args.today or today())
    for problem in figures.problems:
        print(f"pmtui: {problem}", file=sys.stderr)
    print(stats.as_json(figures) if args.format == "json" else stats.as_text(figures, args.folder))
    return CANNOT if figures.problems else OK


def run_export(args: argparse.Namespace) -> int:
    from pmtui import anonymise, store
    from pmtui.export import formats

    review = store.load(args.file)
    if args.anonymise:
        review = anonymise.anonymised(review)
    text = formats.export(review, args.form, args.template)
    if args.output == "-":
        sys.stdout.write(text)
        return OK
    output = Path(args.output)
    if output.exists() and not args.force:
        raise CommandError(f"{output}: already exists; add --force to overwrite it")
    store.write_atomically(output, text)
    print(f"wrote {output}")
    return OK


def run_templates(args: argparse.Namespace) -> int:
    from pmtui import templates

    worst = OK
    for name in [*templates.builtin_names(), *templates.user_templates()]:
        try:
            template = templates.load_template(name)
        except templates.TemplateError as error:
            print(f"pmtui: {error}", file=sys.stderr)
            worst = CANNOT
        else:
            mine = f"  ({templates.user_templates()[name]})" if template.folder else ""
            print(f"{name:<12} {template.description}{mine}")
    return worst


def run_sample(args: argparse.Namespace) -> int:
    from pmtui import locations, samples

    if not args.name:
        for name in locations.samples():
            print(name)
        return OK
    copy, made = samples.copy_sample(args.name, Path.cwd())
    print(
        f"copied the {args.name} sample to {copy.name}"
        if made
        else f"opening your copy {copy.name}"
    )
    if args.no_open:
        return OK
    return run_open(argparse.Namespace(file=copy, dir=None))


def run_list(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        raise CommandError(f"{args.dir}: not a folder")
    from pmtui import catalog, listing

    entries = catalog.reviews_under(args.dir)
    render = listing.as_json if args.format == "json" else listing.as_table
    print(render(entries, args.dir), end="" if args.format == "text" else "\n")
    return OK


def run_import_chat(args: argparse.Namespace) -> int:
    from pmtui.chat import command

    result, log = command.import_chat_file(
        args.file,
        args.chat,
        names=args.names,
        word=args.grep,
        add_people=not args.no_people,
        today=today(),
    )
    print(command.summary(result, log))
    return OK


def run_replay(args: argparse.Namespace) -> int:
    from pmtui.tui.replay import make_replay_app  # Textual only when the app opens

    return _run_app(make_replay_app(args.file, scenario_name=args.scenario, learner=args.learner))


def run_open(args: argparse.Namespace) -> int:
    if args.dir is not None and not args.dir.is_dir():
        raise CommandError(f"{args.dir}: not a folder")
    # Start-up makes objects that live as long as the app (modules, the review): collecting
    # cycles among them only slows it down (~45 ms for the sample, ~110 ms for a 10,000-
    # event review). The app turns the collector back on once the review is on screen.
    gc.disable()
    from pmtui.tui.app import make_app  # Textual only when the app opens

    return _run_app(make_app(args.file, folder=args.dir, load_after_first_frame=True))


def _run_app(app) -> int:
    """Run the app to its end; say where rescued edits went (a signal or a crash)."""
    try:
        app.run()
    finally:
        app.safekeeping.stand_down()
    if app.safekeeping.rescued is not None:
        print(f"pmtui: unsaved edits kept in {app.safekeeping.rescued}", file=sys.stderr)
    if app.problem is not None:
        print(f"pmtui: {printable(app.problem)}", file=sys.stderr)
    return app.return_code or OK


def run_serve(args: argparse.Namespace) -> int:
    from pmtui.serve import ServeError, serve

    try:
        serve(args.file, args.port)
    except ServeError as error:
        raise CommandError(str(error)) from None
    return OK

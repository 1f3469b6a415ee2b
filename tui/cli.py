"""The ``chronology`` command: the TUI by default, and subcommands for scripts and quick answers.

Every subcommand has ``--help`` (a test checks). Errors are one line on stderr and a non-zero exit:
1 for a problem with data or the store, 2 for a usage error; never a traceback.

Subcommands live in modules that expose ``register(subparsers, common)``; each parser sets
``func(args, ctx) -> int`` via ``set_defaults``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TextIO

from chronology.db.models import ChronologyError
from chronology.db.store import Store, StoreError, TimelineRow, default_path

from .i18n import resolve_lang, translator
from .present.event_view import EventView
from .present.formatting import format_day, format_duration, format_edtf
from .present.labels import (
    event_place,
    event_title,
    kind_label,
    pick,
    status_label,
    tally_phrase,
)
from .present.plain import plain_lines

# Modules adding subcommands (each has register(subparsers, common)).
COMMAND_MODULES: list[str] = ["chronology.tui.cmd_io", "chronology.tui.cmd_search"]


def package_version() -> str:
    try:
        return version("chronology")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled checkout
        return "0+unknown"


@dataclass
class Context:
    """What a subcommand gets: the options, the UI language, its ``_`` and the output stream."""

    args: argparse.Namespace
    lang: str
    out: TextIO

    def _(self, message: str) -> str:
        return translator(self.lang)(message)

    @property
    def db_path(self) -> Path:
        return Path(self.args.db).expanduser() if self.args.db else default_path()

    @property
    def db_explicit(self) -> bool:
        """Whether the user named the store (--db, $CHRONOLOGY_DB): then its folder must already exist."""
        return bool(self.args.db or os.environ.get("CHRONOLOGY_DB"))

    def open_store(self) -> Store:
        """The store named by --db / $CHRONOLOGY_DB / the default; built from the seed on first use.
        Only the default data folder is created; a folder the user named must exist (a typo makes none)."""
        return Store.open_or_build(self.db_path, create_folder=not self.db_explicit)

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does but without the usage dump
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    common = ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="store file (default: $CHRONOLOGY_DB, else chronology.db in the user data folder; "
        "built from the bundled seed on first use)",
    )
    common.add_argument(
        "--lang",
        metavar="LANG",
        default=argparse.SUPPRESS,
        help="UI language: uk (default) or en; else $CHRONOLOGY_LANG or the locale",
    )
    parser = ArgumentParser(
        prog="chronology",
        parents=[common],
        description="Browse the chronology of US–Russia talks on the war in Ukraine: who met whom, when, "
        "for how long, who said what, and in which source. With no command, opens the terminal app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    parser.set_defaults(func=run_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser(
        "list",
        parents=[common],
        help="print the whole chronology in date order, one line per event",
        description="Print every event in date order: date, kind, place, duration as the source gives it, title.",
    )
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "show",
        parents=[common],
        help="print one event in full",
        description="Print one event in full: participants, duration, summary, outcome, quotes with their "
        "speakers, and the cited source passages.",
    )
    p.add_argument(
        "event_id", metavar="ID", help="event id, as `chronology list` prints it (in brackets at the end of each line)"
    )
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("tui", parents=[common], help="open the terminal app (the default)")
    p.set_defaults(func=run_app)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


# ---------------------------------------------------------------------- list
def _row_cells(row: TimelineRow, ctx: Context) -> list[str]:
    lang = ctx.lang
    date = format_edtf(row.date, lang)
    if row.date_phrase and lang == "uk" and "~" in row.date:
        date = row.date_phrase
    place = event_place(row, lang) or "?"
    duration = format_duration(row.duration_minutes, row.duration_qualifier, row.duration_phrase, lang) or "?"
    title = event_title(row, lang)
    if row.status != "held":
        title += f" [{status_label(row.status, lang)}"
        if row.status_as_of:
            title += f", {ctx._('as of')} {format_day(dt.date.fromisoformat(row.status_as_of), lang)}"
        title += "]"
    return [date, kind_label(row.kind, lang), place, duration, title]


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.open_store() as store:
        rows = store.timeline()
        if not rows:
            ctx.print(ctx._("The store is empty. Add events with `chronology import FILE`."))
            return 0
        table = [[*_row_cells(r, ctx), r.id] for r in rows]
        widths = [max(len(cells[i]) for cells in table) for i in range(4)]
        year = None
        for row, cells in zip(rows, table, strict=True):
            if row.year != year:
                year = row.year
                ctx.print(f"{'' if row.pos == 0 else chr(10)}── {year} ──")
            line = "  ".join(c.ljust(w) for c, w in zip(cells[:4], widths, strict=True))
            ctx.print(f"{line}  {cells[4]}  ({cells[5]})")
        tallies = store.tallies()
        if tallies:
            ctx.print()
            for t in tallies:
                subject = pick(t.subject, t.subject_en, ctx.lang)
                ctx.print(f"{subject}: {tally_phrase(t.stated, len(t.event_ids), ctx.lang)}")
    return 0


# ---------------------------------------------------------------------- show
def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.open_store() as store:
        detail = store.event(args.event_id)
        if detail is None:
            ids = store.event_ids()
            close = [i for i in ids if args.event_id in i][:5]
            hint = f"; did you mean: {', '.join(close)}" if close else "; `chronology list` prints the ids"
            raise CliError(f"no event {args.event_id!r}{hint}")
        for line in plain_lines(EventView.build(detail, ctx.lang)):
            ctx.print(line)
    return 0


# ---------------------------------------------------------------------- the app
def run_app(args: argparse.Namespace, ctx: Context) -> int:
    from .app import make_app

    store = ctx.open_store()
    try:
        make_app(store, lang=ctx.lang).run()
    finally:
        store.close()
    return 0


# ---------------------------------------------------------------------- entry point
class CliError(Exception):
    """A user-facing error: printed as one line, exit code ``code``."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("db", "lang"):
        if not hasattr(args, name):
            setattr(args, name, None)
    err: Callable[[str], None] = lambda msg: print(f"chronology: error: {msg}", file=sys.stderr)  # noqa: E731
    try:
        lang = resolve_lang(args.lang)
    except ValueError as exc:
        err(str(exc))
        return 2
    ctx = Context(args=args, lang=lang, out=out or sys.stdout)
    try:
        return int(args.func(args, ctx) or 0)
    except CliError as exc:
        err(str(exc))
        return exc.code
    except (StoreError, ChronologyError) as exc:
        err(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `chronology list | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    # Run the imported module's main, so subcommand modules and this entry point share one CliError class.
    from chronology.tui.cli import main as _main

    sys.exit(_main())

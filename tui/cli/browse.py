"""Subcommands ``list``, ``show`` and ``tui``: read the chronology, line by line, one event in full, or in the
terminal app (the default with no subcommand)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..i18n import N_
from ..present.as_json import ROW_KEYS
from .context import CliError, Context

# The presentation (Babel's dates and numbers, the event's view) is imported by the commands that print it, so
# that every other command (draft, search …) starts without it: the CLI imports this module to build its parser.
if TYPE_CHECKING:
    from chronology.db.store import TimelineRow


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    _: Callable[[str], str],
) -> None:
    p = subparsers.add_parser(
        "list",
        parents=[common],
        help=_("print the whole chronology in date order, one line per event"),
        description=_("Print every event in date order: date, kind, place, duration as the source gives it, title."),
    )
    # Only the ids, one a line: what shell completion asks for (chronology completion), so not in --help.
    p.add_argument("--ids", action="store_true", help=argparse.SUPPRESS)
    p.add_argument(
        "--json",
        action="store_true",
        help=_(
            "print a JSON array instead, one object per event in date order, with the keys {keys} (machine "
            "values as stored; *_text, place and title in --lang)"
        ).format(keys=", ".join(ROW_KEYS)),
    )
    p.set_defaults(func=cmd_list)

    p = subparsers.add_parser(
        "show",
        parents=[common],
        help=_("print one event in full"),
        description=_(
            "Print one event in full: participants, duration, summary, outcome, quotes with their "
            "speakers, and the cited source passages."
        ),
    )
    p.add_argument(
        "event_id",
        metavar=_("ID"),
        help=_("event id, as `chronology list` prints it (in brackets at the end of each line)"),
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=_(
            "print a JSON object instead: id, date (EDTF), date_text, title, gap_days, duration_minutes, "
            "duration_qualifier, and sections: what show prints, in its order, each with its key and label"
        ),
    )
    p.set_defaults(func=cmd_show)

    p = subparsers.add_parser("tui", parents=[common], help=_("open the terminal app (the default)"))
    p.set_defaults(func=run_app)


# ---------------------------------------------------------------------- list
def _row_cells(row: TimelineRow, ctx: Context) -> list[str]:
    from ..present.formatting import format_day, format_duration, format_edtf  # Babel: not at start-up
    from ..present.labels import event_place, event_title, kind_label, status_label

    lang = ctx.lang
    date = format_edtf(row.date, lang)
    if row.date_phrase and lang == "uk" and "~" in row.date:
        date = row.date_phrase
    place = event_place(row, lang) or "?"
    duration = format_duration(row.duration_minutes, row.duration_qualifier, row.duration_phrase, lang) or "?"
    title = event_title(row, lang)
    if row.status != "held":
        title += f" [{status_label(row.status, lang, row.kind)}"
        if row.status_as_of:
            title += f", {ctx._('as of')} {format_day(dt.date.fromisoformat(row.status_as_of), lang)}"
        title += "]"
    return [date, kind_label(row.kind, lang), place, duration, title]


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from ..present.as_json import row_json
    from ..present.labels import pick, tally_phrase  # Babel: not at start-up

    if args.ids:
        with ctx.open_store() as store:
            ctx.print("\n".join(store.event_ids()))
        return 0
    with ctx.open_store() as store:
        rows = store.timeline()
        if args.json:
            ctx.print(json.dumps([row_json(r, ctx.lang) for r in rows], ensure_ascii=False, indent=2))
            return 0
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
    from ..present.as_json import view_json
    from ..present.event_view import EventView  # Babel and the event's view: not at start-up
    from ..present.plain import plain_lines

    with ctx.open_store() as store:
        detail = store.event(args.event_id)
        if detail is None:
            ids = store.event_ids()
            close = [i for i in ids if args.event_id in i][:5]
            if close:
                raise CliError(N_("no event {id!r}; did you mean: {close}"), id=args.event_id, close=", ".join(close))
            raise CliError(N_("no event {id!r}; `chronology list` prints the ids"), id=args.event_id)
        view = EventView.build(detail, ctx.lang)
        if args.json:
            ctx.print(json.dumps(view_json(view), ensure_ascii=False, indent=2))
            return 0
        for line in plain_lines(view):
            ctx.print(line)
    return 0


# ---------------------------------------------------------------------- the app
NO_TERMINAL = N_(
    "the terminal app needs a terminal (standard input and output are not one); for a script, run "
    "`chronology list`, `chronology show ID` or `chronology search WORDS`"
)


def run_app(args: argparse.Namespace, ctx: Context) -> int:
    from ..app import make_app  # Textual loads only for the app, not for list or show

    # Without a terminal Textual would wait for ever for its answer; `serve` runs the app with a driver of its own.
    if not os.environ.get("TEXTUAL_DRIVER") and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError(NO_TERMINAL, code=2)
    store = ctx.open_store()
    try:
        make_app(store, lang=ctx.lang).run()
    finally:
        store.close()
    return 0

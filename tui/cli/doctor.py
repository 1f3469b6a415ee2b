"""``chronology doctor``: check the store's file and its search index; ``--repair`` rebuilds the index.

One line per problem (``the file: SQLite's integrity check: …``, ``search_rows: the search index does not
match …``); exit 0 when the store is sound, 1 otherwise. ``--repair`` backs the store up, rebuilds the
search index (and the full-text tables for Datasette and sqlite-utils) from the records, and checks again.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..i18n import N_, say
from .context import Context

SOUND = N_("The store is sound: its file passes SQLite's integrity check and its search index matches its records.")
REPAIRED = N_("Backed up to {backup}; the search index was rebuilt from the records.")
STILL = N_("Problems remain that rebuilding the index cannot mend: restore a backup or import an export.")


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    _: Callable[[str], str],
) -> None:
    p = subparsers.add_parser(
        "doctor",
        parents=[common],
        help=_("check the store's file and its search index (--repair rebuilds the index)"),
        description=_(
            "Check the store's file (SQLite's integrity check), the full-text indexes' own integrity, and that the "
            "search index holds exactly what the records give. Prints one line per problem; exits 0 when the store "
            "is sound, 1 otherwise. With --repair, backs the store up beside it, then rebuilds the search index "
            "from the records and checks again."
        ),
    )
    p.add_argument(
        "--repair", action="store_true", help=_("back the store up, then rebuild the search index from the records")
    )
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args: argparse.Namespace, ctx: Context) -> int:
    from chronology.db.doctor import examine, repair

    _ = ctx._
    with ctx.open_store() as store:
        problems = examine(store)
        if problems and args.repair:
            for problem in problems:
                ctx.print(say(problem, ctx.lang))
            backup = repair(store)
            ctx.print(_(REPAIRED).format(backup=backup.name if backup else "-"))
            problems = examine(store)
            if problems:
                ctx.print(_(STILL))
    for problem in problems:
        ctx.print(say(problem, ctx.lang))
    if not problems:
        ctx.print(_(SOUND))
    return 1 if problems else 0

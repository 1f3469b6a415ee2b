"""``chronology check``: lint the whole store against the rules that keep it true to its sources.

One line per finding, naming the record and the field (``events[ID].date_phrase: …``), or ``--json``; exit
0 when the store is clean, 1 when there are findings. The rules are the ones every import applies
(:mod:`chronology.db.rules`), plus what only the whole store shows (:mod:`chronology.db.check`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from ..i18n import ngettext, say
from .context import Context


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    _: Callable[[str], str],
) -> None:
    p = subparsers.add_parser(
        "check",
        parents=[common],
        help=_("check that the store is true to its sources (one line per finding)"),
        description=_(
            "Check the whole store against the rules every import applies: quotes and citations "
            "verbatim at their offsets; the source's words (`date_phrase`, `duration.phrase`, `given_as`, «…» in the "
            "curator's text) verbatim in the record's cited passages; each quote inside a passage its event cites; "
            "references that resolve; and an event's `before` that its dates allow. Prints one line per finding, "
            "naming the record and the field; exits 0 when there is none, 1 otherwise."
        ),
    )
    p.add_argument(
        "--json", action="store_true", help=_("print a JSON array of findings (record, field, message in English)")
    )
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from chronology.db.check import check_store  # the rules load pydantic: only for this command

    with ctx.open_store() as store:
        findings = check_store(store)
        records = sum(len(store.record_ids(kind)) for kind in ("sources", "actors", "events", "quotes", "tallies"))
    if args.json:
        ctx.print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            ctx.print(f"{finding.where}: " + "; ".join(say(m, ctx.lang) for m in finding.messages))
        if findings:
            ctx.print(ngettext("{n} finding.", "{n} findings.", len(findings), ctx.lang))
        else:
            ctx.print(
                ngettext("No findings: {n} record checked.", "No findings: {n} records checked.", records, ctx.lang)
            )
    return 1 if findings else 0

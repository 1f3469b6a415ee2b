"""Subcommands ``import``, ``export`` and ``schema``: data in and out of the store.

``import`` into a store that does not exist yet builds it from the bundled seed plus the files (like
every other command, the seed is where a store starts), or from the files alone with ``--no-seed``; the
new store appears only if the import succeeds. ``--dry-run`` never creates or changes a file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from chronology.db.errors import NO_FOLDER_CREATE_IT, ImportRefused, StoreError
from chronology.db.store import Store

from ..i18n import N_, ngettext, translator
from ..present.exports import FORMATS, export
from .context import CliError, Context, check_output, print_error, write_atomically
from .publish import export_sqlite

# db.io and the models load pydantic (a quarter of a second), the search engine and the exports' views more:
# imported by the commands that use them, so that the others (list, show, search, draft) start without them.
if TYPE_CHECKING:
    from chronology.db.io import ImportPlan
    from chronology.db.models import Chronology

KIND_NAMES = {
    "sources": N_("sources"),
    "actors": N_("people"),
    "events": N_("events"),
    "quotes": N_("quotes"),
    "tallies": N_("counts"),
}


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    _: Callable[[str], str],
) -> None:
    p = subparsers.add_parser(
        "import",
        parents=[common],
        help=_("add or update records from JSON files (all or nothing)"),
        description=_(
            "Add or update records from JSON files in the chronology format (see `chronology schema`; "
            "`chronology export` writes it). Records with an id already in the store are replaced; importing the "
            "same file twice changes nothing. All files go in one transaction: if any record has a problem "
            "(invalid JSON, an impossible date, a reference to nothing, a quote not verbatim in its source), "
            "nothing is imported and each problem is printed on its own line."
        ),
    )
    p.add_argument("files", nargs="+", metavar=_("FILE"), help=_("JSON file(s) to import; - reads standard input"))
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=_("check the files and report what would be added, updated or left unchanged, without writing"),
    )
    p.add_argument(
        "--no-seed",
        action="store_true",
        help=_(
            "if the store does not exist yet, create it with only these files (default: the bundled seed plus "
            "these files)"
        ),
    )
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser(
        "export",
        parents=[common],
        help=_("write the chronology (or what a search finds) as JSON, CSV, Markdown, TimelineJS, HTML or SQLite"),
        description=_(
            "Write the whole chronology, or with --query only the events a search finds, to standard output or a "
            "file. json: the import format (for backups and sharing; a --query export carries the events' sources, "
            "people, quotes and counts, and imports into an empty store); csv: one row per event, for spreadsheets; "
            "md: a readable chronology for reports; timelinejs: Knight Lab TimelineJS3 JSON, to publish as a web "
            "timeline; html: one web page showing that timeline (it loads TimelineJS from its CDN); sqlite: a "
            "read-only copy of the store in one file, for Datasette or read-only media, with its Datasette metadata "
            "beside it (NAME.metadata.json; needs -o). Dates and labels follow --lang (Ukrainian by default)."
        ),
    )
    p.add_argument("--format", choices=FORMATS, default="json", help=_("output format (default: json)"))
    p.add_argument(
        "--query",
        metavar=_("QUERY"),
        help=_(
            "export only the events this search finds (the syntax of `chronology search`, e.g. "
            "'місце:Москва рік:2025'); nothing found: exit status 1 and nothing written"
        ),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        help=_(
            "write to FILE instead of standard output (replaced in one step, never half-written; CSV files "
            "start with a byte-order mark so spreadsheet programs read the Cyrillic right)"
        ),
    )
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser(
        "schema",
        parents=[common],
        help=_("print the JSON Schema of the import format"),
        description=_(
            "Print the JSON Schema (draft 2020-12) of the files `chronology import` reads, so an editor "
            "can check a file while you write it."
        ),
    )
    p.add_argument("-o", "--output", metavar=_("FILE"), help=_("write to FILE instead of standard output"))
    p.set_defaults(func=cmd_schema)


# ---------------------------------------------------------------------- import
def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from chronology.db.io import import_files, imported_document, read_import_files
    from chronology.db.models import Chronology

    try:
        path = ctx.db_path
        new_store = not path.exists()
        if new_store and ctx.db_explicit and not path.parent.is_dir():
            raise StoreError(NO_FOLDER_CREATE_IT, folder=path.parent, name=path.name)
        files = read_import_files(args.files)
        if not new_store:
            with Store.open(path) as store:
                plan = import_files(store, files, dry_run=args.dry_run)
        else:
            base = Chronology() if args.no_seed else _seed()
            doc, plan = imported_document(base, files)
            if not args.dry_run:
                Store.build(path, doc, create_folder=not ctx.db_explicit).close()
    except ImportRefused as exc:
        _report_problems(exc.problems, ctx.lang)
        return 1
    names = ", ".join(f.name for f in files)
    _report_plan(plan, ctx=ctx)
    _ = ctx._
    if new_store:
        if args.dry_run:
            note = (
                _("Dry run: {store} does not exist yet and was not created (compared with an empty store).")
                if args.no_seed
                else _("Dry run: {store} does not exist yet and was not created (compared with the bundled seed).")
            )
        else:
            note = (
                _("Created {store} from {files}.")
                if args.no_seed
                else _("Created {store} from the bundled seed and {files}.")
            )
    elif not plan.total.total:
        note = _("The files hold no records; nothing to import.")
    elif args.dry_run:
        note = _("Dry run: nothing was written to {store}.")
    elif plan.changed:
        note = _("Imported {files} into {store}.")
    else:
        note = _("Everything is already in {store}; nothing changed.")
    ctx.print(note.format(store=path, files=names))
    return 0


def _seed() -> Chronology:
    from chronology.db.seeds import load_seed

    return load_seed()


def _report_problems(problems: list[str], lang: str) -> None:
    from chronology.db.io import MAX_PROBLEMS

    _ = translator(lang)
    for p in problems[:MAX_PROBLEMS]:
        print_error(p, lang)
    if len(problems) > MAX_PROBLEMS:
        print_error(_("… and {n} more problems").format(n=len(problems) - MAX_PROBLEMS), lang)
    n = len(problems)
    nothing = ngettext(
        "chronology: nothing was imported ({n} problem); the store was left as it is",
        "chronology: nothing was imported ({n} problems); the store was left as it is",
        n,
        lang,
    )
    print(nothing, file=sys.stderr)


def _report_plan(plan: ImportPlan, *, ctx: Context) -> None:
    """One line per record list the files touch: how many records are added, updated, unchanged."""
    from chronology.db.io import KINDS

    _ = ctx._
    for kind in KINDS:
        c = plan.counts[kind]
        if c.total:
            ctx.print(
                _("{kind}: {added} added, {updated} updated, {unchanged} unchanged").format(
                    kind=_(KIND_NAMES[kind]), added=c.added, updated=c.updated, unchanged=c.unchanged
                )
            )


# ---------------------------------------------------------------------- export and schema
def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    store_path = ctx.db_path
    if args.output == "-":
        args.output = None
    if args.format == "sqlite":
        return export_sqlite(args, ctx)
    if args.output:
        check_output(Path(args.output), store_path)
    with ctx.open_store() as store:
        event_ids = None if args.query is None else _found_events(store, args.query, ctx)
        text = export(store, args.format, ctx.lang, event_ids=event_ids)
    if args.output:
        data = (("\ufeff" if args.format == "csv" else "") + text).encode("utf-8")
        write_atomically(Path(args.output), data, store_path=store_path)
    else:
        ctx.out.write(text)
        ctx.out.flush()
    return 0


def _found_events(store: Store, text: str, ctx: Context) -> list[str]:
    """The ids of the events ``text`` finds (whole words, as `chronology search`), in date order."""
    from chronology.db.search import parse_query, search  # the search engine: only for --query

    query = parse_query(text)
    if query.is_empty:
        raise CliError(N_("nothing to search for: give words to find (see chronology search --help)"), code=2)
    results = search(store, query, limit=0)
    if not results.event_positions:
        raise CliError(N_("no events match «{query}»; nothing was exported"), query=text.strip())
    return [row.id for row in store.rows_at(results.event_positions)]


def cmd_schema(args: argparse.Namespace, ctx: Context) -> int:
    from chronology.db.io import dumps_schema

    text = dumps_schema()
    if args.output and args.output != "-":
        path = Path(args.output)
        check_output(path, ctx.db_path)
        write_atomically(path, text.encode("utf-8"), store_path=ctx.db_path)
    else:
        ctx.out.write(text)
    return 0

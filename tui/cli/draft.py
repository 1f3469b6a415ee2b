"""Subcommands ``draft`` and ``add``: a new article into the chronology (issue #12).

``draft`` writes the import document the drafting engine makes of an article — drafted against the store's
people and events, so it is valid for ``chronology import --dry-run`` as it stands; ``add`` opens the app's
review screen on the same draft, where the records are accepted, edited and written in one transaction.
Help and messages are in the UI language (``register`` gets the parser's ``_``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..i18n import N_
from ..logic.article import Article, ArticleError, load_article
from .context import CliError, Context, check_output, write_atomically


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    _: Callable[[str], str],
) -> None:
    helps = {
        "draft": (
            _("draft an import document from an article (JSON for `chronology import`)"),
            _(
                "Read a Ukrainian news article (UTF-8 text) and write the import document it gives: the article as "
                "a source, its events with dates, status, place, duration and participants, its quotes with their "
                "speakers, and the people new to the store, every passage cited with its exact offset. Events the "
                "store already has are updated, not duplicated; where the article disagrees with the store, both "
                "claims are kept with their passages. Nothing is written to the store: check the document with "
                "`chronology import --dry-run FILE`, or review it in the app with `chronology add`."
            ),
            _("the article: a UTF-8 text file; - reads standard input"),
        ),
        "add": (
            _("review an article's drafted records in the app and add the ones you accept"),
            _(
                "Draft the article's events, quotes and new people (as `chronology draft` does) and open them for "
                "review in the terminal app: the article with what was found highlighted beside the proposed "
                "records. Accept, reject or edit each record, re-point quotes, merge events into stored ones; the "
                "accepted records are written in one transaction when you save, nothing before."
            ),
            _("the article: a UTF-8 text file"),
        ),
    }
    for name, func in (("draft", cmd_draft), ("add", cmd_add)):
        summary, description, article = helps[name]
        p = subparsers.add_parser(name, parents=[common], help=summary, description=description)
        p.add_argument("article", metavar=_("ARTICLE"), help=article)
        p.add_argument(
            "--published",
            metavar=_("YYYY-MM-DD"),
            required=True,
            help=_("the article's publication date, YYYY-MM-DD (relative dates such as 'вчора' count from it)"),
        )
        p.add_argument("--outlet", metavar=_("NAME"), help=_("who published it (default: 'видання не вказане')"))
        p.add_argument("--title", metavar=_("TITLE"), help=_("the article's title (default: its first line)"))
        p.add_argument("--url", metavar="URL", help=_("the article's address"))
        if name == "draft":
            p.add_argument(
                "-o",
                "--output",
                metavar=_("FILE"),
                help=_(
                    "write to FILE instead of standard output (replaced in one step, never half-written); - is "
                    "standard output"
                ),
            )
        p.set_defaults(func=func)


def _article(args: argparse.Namespace, ctx: Context) -> Article:
    try:
        return load_article(args.article, args.published, outlet=args.outlet, title=args.title, url=args.url)
    except ArticleError as exc:
        raise CliError(exc.msgid, code=2 if exc.field == "published" else 1, **exc.values) from None


def cmd_draft(args: argparse.Namespace, ctx: Context) -> int:
    article = _article(args, ctx)
    output = args.output if args.output and args.output != "-" else None
    store_path = ctx.db_path
    if output:
        check_output(Path(output), store_path)
    from chronology.db.draft import draft_document  # Babel's and pymorphy3's data: only for this command

    with ctx.open_store() as store:
        result = draft_document(
            article.text, article.published, outlet=article.outlet, title=article.title, url=article.url, known=store
        )
    text = result.to_json()
    if output:
        write_atomically(Path(output), text.encode("utf-8"), store_path=store_path)
    else:
        ctx.out.write(text)
        ctx.out.flush()
    _ = ctx._
    data = result.data
    updates = sum(1 for e in result.events if e.existing_id)
    print(
        _(
            "Drafted from {article}: events {events} (of them updates of stored events: {updates}), quotes {quotes}, "
            "new people {actors}."
        ).format(
            article=article.name if article.name != "-" else _("standard input"),
            events=len(data["events"]),
            updates=updates,
            quotes=len(data["quotes"]),
            actors=len(data["actors"]),
        ),
        file=sys.stderr,
    )
    disputed = [event for event in data["events"] if event.get("claims")]
    if disputed:
        from ..present.event_view import claim_field_label, claim_value_text  # Babel: only to word a disagreement
    for event in disputed:
        fields: dict[str, list[str]] = {}
        for claim in event["claims"]:
            text = claim_value_text(claim["field"], claim["value"], claim.get("duration"), ctx.lang, event["kind"])
            fields.setdefault(claim["field"], []).append(text)
        for field, values in fields.items():
            print(
                _(
                    "{event}: {field}: {values} (the sources disagree: both claims are kept, each with its passage)"
                ).format(event=event["id"], field=claim_field_label(field, ctx.lang), values=" / ".join(values)),
                file=sys.stderr,
            )
    return 0


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    if args.article.strip() == "-":  # the review needs the terminal's input for its keys
        raise CliError(N_("the review reads its keys from the terminal: give the article as a file"), code=2)
    article = _article(args, ctx)
    from ..app import make_app  # Textual loads only for the app

    store = ctx.open_store()
    try:
        make_app(store, lang=ctx.lang, article=article).run()
    finally:
        store.close()
    return 0

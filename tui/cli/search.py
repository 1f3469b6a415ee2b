"""``chronology search QUERY``: full-text search from the command line (readable lines or ``--json``)."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..i18n import N_, hits_and_events
from ..present.safe import safe_line
from .context import CliError, Context

# The search engine and Babel's dates load when a search runs: the CLI imports this module at every start.
if TYPE_CHECKING:
    from chronology.db.search import Hit, SearchResults

DEFAULT_LIMIT = 20
MAX_LIMIT = 1 << 31  # a --limit above this means "all" (SQLite takes no integer past 2**63)
NOTHING_FOUND = 1  # the exit status when nothing matched, as grep's
BOLD, RESET = "\x1b[1m", "\x1b[0m"

# What a hit is, by the field it matched in (shown in brackets before the snippet).
FIELD_LABELS = {
    "text": N_("quote"),
    "title": N_("title"),
    "summary": N_("summary"),
    "outcome": N_("outcome"),
    "place": N_("place"),
    "citation": N_("source"),
    "participants": N_("participant"),
}

DESCRIPTION = N_("""\
Search quotes, event titles, summaries, outcomes, places, participants (by any
alias) and the source passages each event cites. Case, apostrophes (' ’ ʼ),
stress marks and Latin look-alike letters do not matter, and a word finds all
its forms: "Путіна" finds "путіним", "Женева" finds "у Женеві", "Putin's"
finds "Putin". Words are whole words here; the app's search bar and palette
also match the word you are still typing as a prefix ("женев").

  words           all in one record:        Віткофф Москва
  "a phrase"      exact, word for word:     "у Женеві"   (also «…»)
  A OR B          either (also АБО):        Кушнер OR Дмітрієв
  -word           leave out events with it: Віткофф -Кушнер
  prefix*         words starting so:        зустр*

Field filters look at the event's own field, not at mentions elsewhere; names
and values in Ukrainian or English, values in any form:

  місце:  place:  where it took place:      місце:Москві   place:Geneva
  вид:    kind:   meeting, talks, …:        вид:зустріч    kind:talks
  учасник: with:  who took part:            учасник:Кушнером   with:Witkoff
  статус: status: held, planned, cancelled: статус:заплановано
  рік:    year:   the year (or years):      рік:2025   year:2025-2026

They combine with words, OR and -: "place:Moscow -December", "-місце:Москва",
"Віткофф рік:2026". A month or a season ("грудня", "December", "восени") also
finds the events dated in it, and "заплановано"/"скасовано" the events with
that status. Events that match filters alone are listed by their titles.

Anything else is taken literally. A record is one quote, title, summary,
outcome, place, cited passage or participant's names; each hit leads to its
event (the id in brackets, for `chronology show ID`).

Exit status: 0 if something matched, 1 if nothing did (as grep), 2 for a usage
error (nothing to search for).""")


def count_line(results: SearchResults, ctx: Context) -> str:
    """ "3 збіги · 2 події" / "3 hits · 2 events" (the app's search bar says it the same way)."""
    line = hits_and_events(results.total_hits, results.total_events, ctx.lang)
    if len(results.hits) < results.total_hits:
        line += " " + ctx._("(first {shown} shown; --limit N for more)").format(shown=len(results.hits))
    return line


def _highlight(text: str, spans: list[tuple[int, int]], color: bool) -> str:
    """The snippet on one line, its data shown safely (:func:`safe_line`), matches in bold if ``color``."""
    if not color or not spans:
        return safe_line(text)
    out, at = [], 0
    for s, e in spans:
        out += [safe_line(text[at:s]), BOLD, safe_line(text[s:e]), RESET]
        at = e
    out.append(safe_line(text[at:]))
    return "".join(out)


def hit_line(hit: Hit, names: dict[str, str], ctx: Context, *, color: bool) -> str:
    """``13 березня 2025 р.  [цитата] Юрій Ушаков: «…»  (event-id)``."""
    from ..present.formatting import format_edtf  # Babel: not at start-up

    date = format_edtf(hit.event_date, ctx.lang)
    label = ctx._(FIELD_LABELS.get(hit.field, hit.field))
    who = ""
    if hit.kind == "quote":
        who = (names.get(hit.speaker_id, hit.speaker_id) if hit.speaker_id else ctx._("unknown speaker")) + ": "
    return (
        safe_line(f"{date}  [{label}] {who}")
        + f"{_highlight(hit.snippet, hit.spans, color)}  ({safe_line(hit.event_id)})"
    )


def _use_color(ctx: Context, choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(ctx.out, "isatty", None)
    return bool(isatty and isatty())


def _limit(_: Callable[[str], str]) -> Callable[[str], int]:
    """The type of ``--limit``: a count, 0 or more; its complaints in the UI language."""

    def limit(value: str) -> int:
        if not ((value.isascii() and value.strip().isdigit()) or value.strip().startswith("-")):
            raise argparse.ArgumentTypeError(_("not a number: {value!r}").format(value=value))
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(_("not a number: {value!r}").format(value=value)) from None
        if n < 0:
            raise argparse.ArgumentTypeError(_("must be 0 or more, not {n}").format(n=n))
        return min(n, MAX_LIMIT)  # more than any store holds: all of them

    return limit


def hit_json(hit: Hit) -> dict[str, Any]:
    return hit.to_json()


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    from chronology.db.search import parse_query, reindex, search  # the engine: not at start-up

    from ..present.labels import actor_name

    text = " ".join(args.query)
    if args.reindex:
        with ctx.open_store() as store:
            reindex(store)
        if not text.strip():
            ctx.print(ctx._("Search index rebuilt."))
            return 0
    query = parse_query(text)
    if query.is_empty:
        if query.excluded:
            raise CliError(N_("nothing to search for: -word leaves words out, add a word to find"), code=2)
        raise CliError(N_("nothing to search for: give words to find (see chronology search --help)"), code=2)
    limit = None if args.limit == 0 else args.limit
    with ctx.open_store() as store:
        results = search(store, query, limit=limit)
        names = {a.id: actor_name(a, ctx.lang) for a in store.actors()}
    found = NOTHING_FOUND if results.total_hits == 0 else 0  # as grep: 1 when nothing matched
    if args.json:
        ctx.print(json.dumps([hit_json(h) for h in results.hits], ensure_ascii=False, indent=2))
        return found
    if not results.hits:
        ctx.print(ctx._("Nothing found for «{query}».").format(query=text.strip()))
        return found
    color = _use_color(ctx, args.color)
    for hit in results.hits:
        ctx.print_trusted(hit_line(hit, names, ctx, color=color))  # its data made safe, its bold our own
    ctx.print()
    ctx.print(count_line(results, ctx))
    return 0


def _words_may_start_with_minus(parser: argparse.ArgumentParser) -> None:
    """Let ``-Кушнер`` (leave out) be part of the query rather than an unknown option."""
    original = parser._parse_optional

    def parse_optional(arg: str) -> Any:  # argparse private protocol: None means "a positional"
        if (
            len(arg) > 1
            and arg[0] == "-"
            and arg[1] != "-"
            and arg not in parser._option_string_actions
            and arg[:2] not in parser._option_string_actions
        ):
            return None  # a positional: part of the query
        return original(arg)

    parser._parse_optional = parse_optional  # type: ignore[method-assign,assignment]


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    _: Callable[[str], str],
) -> None:
    p = subparsers.add_parser(
        "search",
        parents=[common],
        help=_("search quotes, events, sources and participants (Ukrainian word forms, aliases)"),
        description=_(DESCRIPTION),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "query",
        nargs="*",
        metavar=_("QUERY"),
        help=_("what to look for (several words: all must match; field filters such as місце:Москва)"),
    )
    p.add_argument("--json", action="store_true", help=_("print a JSON array of hits instead of lines"))
    p.add_argument(
        "--limit",
        type=_limit(_),
        default=DEFAULT_LIMIT,
        metavar="N",
        help=_("show at most N hits, best first (default {default}; 0: all)").format(default=DEFAULT_LIMIT),
    )
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help=_("highlight matched words in bold: auto (on a terminal, unless $NO_COLOR), always, never"),
    )
    p.add_argument("--reindex", action="store_true", help=_("rebuild the search index first (e.g. after an upgrade)"))
    _words_may_start_with_minus(p)
    p.set_defaults(func=cmd_search)

"""Full-text search over the chronology (SQLite FTS5), the way Ukrainian works. Never imports Textual.

What is indexed, one row per record field, so that every hit leads to an event:

* quotes (``kind="quote"``, field ``text``),
* event titles, summaries, outcomes and places, Ukrainian and English (``kind="event"``),
* the source passages each event cites (``kind="passage"``, field ``citation``),
* actors by every name and alias (``kind="actor"``, field ``participants``): one row per actor, expanded at
  query time to the events the actor took part in.

Each row has two columns per weight group, the words as written and their normal forms
(:mod:`.indexing`). The groups are ``q`` (quotes), ``t`` (Ukrainian titles and names) and ``b``
(background: summaries, outcomes, places, passages, English counterparts); bm25 weighs them 4 : 2 : 1. A
row's rowid encodes its tier (quotes, titles, background, actors), its length and its event
(:mod:`.schema`), so counting hits and finding the timeline positions of every matching event needs no
join, and the candidates for ranking come in a useful order (see ``RANK_CANDIDATES``).

Ranking (:mod:`.rank`): hits are ordered by weighted bm25; participant hits (an actor's names; they say
less than the same words in a quote or title) follow all others, in timeline order. A query matching more
than ``RANK_CANDIDATES`` records ranks only that many candidates, taken quotes first, then titles, then
background text, shortest first; ``total_hits`` and ``event_positions`` are always complete.

Speed (measured by ``benchmarks/search_bench.py``): ``search_terms`` lists every indexed word, so a prefix
is spelled out as the words it stands for with one lookup; a search of a store in a file runs its three reads
at once on side connections (:func:`search`); a query of one prefix gets FTS5's bm25 worked out from its
candidates' text (:func:`.rank.rank_one_prefix`, bit for bit the same scores); and the event rowids of a
common word's 100k+ hits are parsed and marked in a bitmap by numpy.

A word that is one of an actor's one-word names ("Уіткофф", "Дмитрієв", "Witkoff") also finds the actor's
other names in the texts (:func:`expand_aliases`); ``SearchResults.parsed`` is that expanded query, for
highlighting with :func:`match_spans`.

Query syntax (:func:`parse_query`; no input ever raises):

* ``путін женева``: every word must match, in any of its forms, in the same record (a quote, a title,
  a passage …); each record that matches is a hit;
* ``"у Женеві"`` (or «…», “…”): an exact phrase, word for word (case and apostrophes still folded);
* ``Віткофф OR Кушнер`` (or ``АБО``): either; OR binds tighter than the implicit AND;
* ``-Кушнер``: leave out events that mention the word anywhere;
* ``зустр*``: a prefix (of a word or of one of its normal forms);
* ``місце:Москві`` / ``place:``, ``вид:`` / ``kind:``, ``учасник:`` / ``with:``, ``статус:`` / ``status:``,
  ``рік:`` / ``year:``: a field filter, matching the event's own field (not mentions elsewhere), with
  values in either language and any form (:mod:`.fields`, :mod:`.filters`); combinable with words, OR
  and ``-`` (``-місце:Москва``). Events matching filters alone are hits on their titles;
* a month or a season ("грудня", "December", "восени") also matches the events dated in it, and a status
  other than held ("заплановано", "cancelled") the events with it — as words and as exclusions
  ("Moscow -December");
* English possessives find the name: "Putin's" finds "Putin" and the other way round.

Everything else is literal text (an unknown ``name:`` too). With ``typing=True`` (the app's search bar and
palette) the last word, unless quoted or followed by a space, also matches as a prefix ("женев" finds
"Женеві"); the command line keeps whole words unless ``*`` is typed.

The parts: the lower ones take a connection and are what the store uses to keep its index —
:mod:`.schema` (tables, rowid layout), :mod:`.morphology` (normal forms, pymorphy3) and :mod:`.indexing`
(writing rows); the upper ones search — :mod:`.query` (parsing, FTS5 expressions, highlights),
:mod:`.fields` (the words of field filters, months and statuses), :mod:`.filters` (the events a filter
matches), :mod:`.hits` (results), :mod:`.rank` (bm25), :mod:`.state` (what searches of a store share) and
:mod:`.engine` (a search of a :class:`~chronology.db.store.Store`, above the store).

This package loads each name below from its module on first use: the store imports the lower parts, and
importing them must load neither the engine (it imports the store) nor anything a timeline does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .engine import reindex, search, warm_up
    from .hits import Hit, SearchResults
    from .indexing import index_document
    from .morphology import lemmas
    from .query import Query, Term, expand_aliases, fts_expression, match_spans, parse_query, snippet
    from .schema import create_index, has_index

_MODULES = {
    "search": "engine",
    "warm_up": "engine",
    "reindex": "engine",
    "Hit": "hits",
    "SearchResults": "hits",
    "Query": "query",
    "Term": "query",
    "parse_query": "query",
    "fts_expression": "query",
    "expand_aliases": "query",
    "match_spans": "query",
    "snippet": "query",
    "lemmas": "morphology",
    "index_document": "indexing",
    "create_index": "schema",
    "has_index": "schema",
}

__all__ = [
    "Hit",
    "Query",
    "SearchResults",
    "Term",
    "create_index",
    "expand_aliases",
    "fts_expression",
    "has_index",
    "index_document",
    "lemmas",
    "match_spans",
    "parse_query",
    "reindex",
    "search",
    "snippet",
    "warm_up",
]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        module, attr = _MODULES[name], name
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), attr)
    globals()[name] = value  # found once: later uses do not come here
    return value

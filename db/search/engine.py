"""Searching a store: the reads of one search, run at once on side connections, and what searches of a
store share. Sits above the store (:class:`~chronology.db.store.Store`)."""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from functools import partial
from itertools import combinations
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import NO_SEARCH_INDEX, SearchCancelled, StoreError
from ..store import Store
from .fields import vocabulary_loaded
from .filters import Expand, field_events, int_array
from .hits import Hit, Ranked, SearchResults, direct_hits, events_info, make_hit, title_hits
from .indexing import rebuild
from .morphology import analyzer
from .query import Query, Term, expand_aliases, fts_expression, parse_query, prefix_expander
from .rank import bm25_idf, one_prefix_words, rank, rank_one_prefix, typed_words
from .schema import ACTOR_BASE, BACKGROUND_BASE, EVENT_MASK, EVENT_OF, EVENT_SHIFT, create_index, has_index
from .state import _State, _state, _states  # noqa: F401  (_states: what the searches of each store share)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray


def _event_hits(conn: sqlite3.Connection, expr: str, lo: int = 0, hi: int = ACTOR_BASE) -> NDArray[np.int64]:
    """The event rowid of every direct hit (one per hit) among the index rows ``lo <= rowid < hi``.

    A common word matches a fifth of a 100k store: the rowids come as one text, parsed by numpy at C speed.
    """
    row = conn.execute(
        f"SELECT group_concat({EVENT_OF}) FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? AND rowid < ?",
        (expr, lo, hi),
    ).fetchone()
    return int_array(row[0] if row else None)


def _matching_actors(conn: sqlite3.Connection, state: _State, expr: str) -> tuple[list[str], int]:
    """The ids of the actors whose names match, and how many actor rows match (stale ones included, as
    FTS5 counts them)."""
    actor_rows = [
        (r >> EVENT_SHIFT) & EVENT_MASK
        for (r,) in conn.execute(
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= {ACTOR_BASE} ORDER BY rowid",
            (expr,),
        )
    ]
    return [state.actor_ids[a] for a in actor_rows if a in state.actor_ids], len(actor_rows)


def _matching_events(conn: sqlite3.Connection, state: _State, expr: str) -> tuple[NDArray[np.int64], list[str], int]:
    """:func:`_event_hits` of every direct hit and :func:`_matching_actors`, on one connection."""
    return (_event_hits(conn, expr), *_matching_actors(conn, state, expr))


def _positions(state: _State, event_lists: Sequence[Any]) -> array[int]:
    """The sorted timeline positions of the events in ``event_lists`` (arrays or lists of event rowids,
    with repeats; rowids of events off the timeline or gone are ignored).

    A common word matches a fifth of a 100k store: the events are marked in a bitmap over event rowids
    and read in timeline order with numpy, at C speed.
    """
    if not state.size:
        return array("q")
    seen = state.mark(event_lists)
    return array("q", state.positions[seen[state.order - state.base]].astype("=i8").tobytes())


def warm_up(store: Store) -> None:
    """Load what a first search of ``store`` needs: numpy, pymorphy3's dictionaries, the store's timeline and
    actors' names, its side connections (the app calls this when the search bar opens, so that the first
    query typed is as fast as the next)."""
    import numpy  # noqa: F401  (its first import takes longer than a search)

    analyzer()
    vocabulary_loaded()
    with store.lock:
        _state(store)
        if not store.conn.in_transaction:
            store.side_readers(2)


_pool_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _search_pool() -> ThreadPoolExecutor:
    """The threads that run a search's side reads (see :func:`search`) beside the caller's thread."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chronology-search")
        return _pool


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


# A query's groups that an event's field can satisfy instead of its words ("грудня": dated in December, or
# the word in a text) are searched as separate parts, one per combination: at most this many such groups
# (2³ parts); beyond them a group is searched for its words only.
MIXED_GROUPS = 3


@dataclass
class _Part:
    """Records to find: each of ``groups`` matching in the record, none of ``without``'s, in one of the
    ``allowed`` events (sorted rowids; None: any event). The parts of a query find disjoint records."""

    groups: tuple[tuple[Term, ...], ...]
    without: tuple[tuple[Term, ...], ...] = ()
    allowed: NDArray[np.int64] | None = None


def _filter_events(conn: sqlite3.Connection, state: _State, terms: Sequence[Term], expand: Expand | None) -> Any:
    """The events (sorted rowids) any of ``terms`` (field filters) matches."""

    def actor_events(rowid: int) -> NDArray[np.int64]:
        aid = state.actor_ids.get(rowid)
        return state.actor_events(conn, aid) if aid is not None else int_array(None)

    find = partial(field_events, conn, expand=expand, actor_events=actor_events)
    found = [state.filter_events(t, find) for t in terms]
    return found[0] if len(found) == 1 else state.union(found)


def _both(state: _State, a: NDArray[np.int64] | None, b: NDArray[np.int64]) -> NDArray[np.int64]:
    """The events in both ``a`` (None: every event) and ``b``."""
    return b if a is None else state.select(b, state.mark([a]), keep=True)


def _plan(
    conn: sqlite3.Connection, state: _State, q: Query, expand: Expand | None
) -> tuple[list[_Part], NDArray[np.int64] | None]:
    """The parts a query is searched in, and the events it finds by their fields alone (None: none).

    A group of field filters alone narrows every part to the events it matches. A group of words that an
    event's field may also satisfy (a month, a status) makes two parts: records with the words, and
    records without them in the events whose field does; if no other words are left, those events are
    found by their fields alone (each one hit)."""
    texts: list[tuple[Term, ...]] = []
    mixed: list[tuple[tuple[Term, ...], NDArray[np.int64]]] = []
    allowed: NDArray[np.int64] | None = None
    for group in q.groups:
        words = tuple(t for t in group if t.field is None)
        fields = [t for t in group if t.field is not None]
        if not fields or (words and len(mixed) >= MIXED_GROUPS):
            texts.append(words)
        elif not words:
            allowed = _both(state, allowed, _filter_events(conn, state, fields, expand))
        else:
            mixed.append((words, _filter_events(conn, state, fields, expand)))
    parts: list[_Part] = []
    by_fields: NDArray[np.int64] | None = None
    for size in range(len(mixed) + 1):
        for chosen in combinations(range(len(mixed)), size):
            events = allowed
            for i in chosen:
                events = _both(state, events, mixed[i][1])
            if events is not None and not len(events):
                continue
            groups = (*texts, *(m[0] for i, m in enumerate(mixed) if i not in chosen))
            if groups:
                parts.append(_Part(groups, tuple(mixed[i][0] for i in chosen), events))
            else:
                by_fields = events
    return parts, by_fields


def _excluded(conn: sqlite3.Connection, state: _State, q: Query, expand: Expand | None) -> NDArray[np.int64]:
    """The events ``-term`` leaves out (sorted rowids): mentioned anywhere (participants included), or, for a
    field filter and a word naming a field, matched by their field."""
    found: list[Any] = []
    words = [t for t in q.excluded if t.field is None]
    if words:
        events, actors, _ = _matching_events(conn, state, fts_expression([words], expand))
        found += [events, *(state.actor_events(conn, aid) for aid in actors)]
    fields = [t for t in q.excluded if t.field is not None]
    if fields:
        found.append(_filter_events(conn, state, fields, expand))
    return state.union(found)


def search(
    store: Store,
    query: str | Query,
    *,
    limit: int | None = 50,
    typing: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> SearchResults:
    """Ranked hits for what the user typed; never raises for any input (an empty query finds nothing).

    ``typing``: the query is being typed (the app's search bar and palette): its last word matches as a
    prefix too (see :func:`~.query.parse_query`). Ignored when ``query`` is already parsed. ``cancelled``:
    asked between the search's reads; once it says so the search raises
    :class:`~chronology.db.errors.SearchCancelled` (the app also interrupts the read under way, see
    :meth:`~chronology.db.store.Store.interrupt`).

    Direct hits (quotes, titles, summaries, outcomes, places, passages) come by bm25 score; then events
    found by their fields alone (field filters, a month, a status: each one hit on its title), then
    participant hits (an actor's names; rank 0), both in timeline order. ``total_hits`` and
    ``event_positions`` count every hit.

    Two reads make up a search: listing every match (for the count and the timeline positions) and ranking
    the first page. For a store in a file they run at the same time on the store's
    :meth:`~chronology.db.store.Store.side_readers` in pool threads (SQLite runs without Python's GIL):
    the ranking on one, the matches among background text on another, the rest on the store's own
    connection. If another process changed the store meanwhile, the search is repeated on one connection.
    """
    q = query if isinstance(query, Query) else parse_query(query, typing=typing)
    if q.is_empty or (limit is not None and limit < 0):
        return SearchResults(q.text, [], 0, [], q)

    with store.lock:
        conn = store.conn
        if not has_index(conn):
            raise StoreError(NO_SEARCH_INDEX)
        state = _state(store)
        q = expand_aliases(q, state.names)
        expand = prefix_expander(conn) if any(t.prefix for g in (*q.groups, q.excluded) for t in g) else None
        # The sets of events kept for later searches (an actor's, a filter's) are read where a newer query's
        # interrupt does not reach: read at every letter and interrupted at the next, they would never be kept.
        steady = store.steady_reader()
        out = _excluded(steady, state, q, expand)
        parts, by_fields = _plan(steady, state, q, expand)
        one = len(parts) == 1 and parts[0].allowed is None and not parts[0].without
        words = one_prefix_words(q, expand) if one and limit is not None else None
        ranked: list[Hit] = []
        directs: list[NDArray[np.int64]] = []
        actor_hits: list[tuple[str, NDArray[np.int64]]] = []
        for part in parts:
            _check(cancelled)
            found = _search_part(store, state, q, part, out, limit, expand, words, cancelled)
            ranked += found[0]
            directs.append(found[1])
            actor_hits += found[2]
        if len(parts) > 1:
            ranked.sort(key=lambda hit: hit.rank)  # stable: each part's own order among equal ranks
            ranked = ranked if limit is None else ranked[:limit]
        field_only = int_array(None)
        if by_fields is not None:  # events with no other hit, not left out
            found_any = state.mark([*directs, *(evs for _, evs in actor_hits), out])
            field_only = state.select(by_fields, found_any, keep=False)
        total = sum(map(len, directs)) + sum(len(evs) for _, evs in actor_hits) + len(field_only)
        _check(cancelled)
        positions = _positions(state, [*directs, *(evs for _, evs in actor_hits), field_only])
        hits = _top_hits(conn, state, q, ranked, _positions(state, [field_only]), actor_hits, limit)
    return SearchResults(q.text, hits, total, positions, q)


def _search_part(
    store: Store,
    state: _State,
    q: Query,
    part: _Part,
    out: NDArray[np.int64],
    limit: int | None,
    expand: Expand | None,
    words: list[str] | None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[list[Hit], NDArray[np.int64], list[tuple[str, NDArray[np.int64]]]]:
    """One part's ranked first page, the events of its direct hits (one per hit) and its participant hits,
    the excluded events left out."""
    import numpy as np

    conn = store.conn
    expr = fts_expression(part.groups, expand, without=part.without)
    # Ranking keeps a prefix whole (one bm25 term): listed as words, the rarest would outrank the rest. Not
    # while the query is typed: FTS5 finds a prefix's rows twice to rank them, and each key must be fast.
    ranked_expr = fts_expression(part.groups, without=part.without) if expand and not q.typing else expr
    # The first page: ranked, and its snippets made, in one task. One prefix: bm25 worked out here (see
    # rank_one_prefix); its IDF is applied once the hits are counted.
    excluded = set(out.tolist())
    allowed = None if part.allowed is None else part.allowed.tolist()
    ranking_rows: Callable[[sqlite3.Connection], list[Ranked]]
    if words is not None and limit is not None:
        ranking_rows = partial(rank_one_prefix, expr=expr, words=words, excluded=excluded, limit=limit)
    elif q.typing and limit is not None:  # as one term (see rank_one_prefix)
        typed, prefixes = typed_words(part.groups, expand)
        ranking_rows = partial(
            rank_one_prefix, expr=expr, words=typed, excluded=excluded, limit=limit, allowed=allowed, prefixes=prefixes
        )
    else:
        ranking_rows = partial(rank, expr=ranked_expr, excluded=excluded, limit=limit, allowed=allowed)
    first_page = partial(_ranked_hits, ranking=ranking_rows, q=q)
    matches: tuple[NDArray[np.int64], list[str], int] | None = None
    ranked: list[Hit] | None = None
    sides = store.side_readers(2) if not conn.in_transaction else []
    if len(sides) == 2:
        # Three reads at once: the first page ranked, and the matches in two parts of the index.
        version = _data_version(conn)
        pool = _search_pool()
        ranking = pool.submit(first_page, sides[0])
        background = pool.submit(_event_hits, sides[1], expr, BACKGROUND_BASE, ACTOR_BASE)
        side_reads: list[Future[Any]] = [ranking, background]
        try:
            direct = _event_hits(conn, expr, 0, BACKGROUND_BASE)
            actors, actor_rows = _matching_actors(conn, state, expr)
        finally:
            wait(side_reads)  # the side connections are free again before the lock is
        ranked = _parallel_result(ranking)
        more = _parallel_result(background)
        if ranked is not None and more is not None and _data_version(conn) == version:
            matches = (np.concatenate((direct, more)), actors, actor_rows)
        else:  # a side read failed, or another process changed the store meanwhile
            ranked = None
    if ranked is None or matches is None:
        _check(cancelled)  # a side read interrupted for a newer query is not read again here
        ranked = first_page(conn)  # one connection: one consistent state
        matches = _matching_events(conn, state, expr)
    direct, actors, actor_rows = matches
    if words is not None:  # ranked by rank_one_prefix
        idf = bm25_idf(conn, len(direct) + actor_rows)
        ranked = [replace(hit, rank=hit.rank * idf) for hit in ranked]
    wanted = _wanted(state, out, part.allowed)
    if wanted is not None:
        direct = state.select(direct, wanted, keep=True)
    steady = store.steady_reader()
    actor_hits = [(aid, state.actor_events(steady, aid)) for aid in actors]
    if wanted is not None:
        actor_hits = [(aid, state.select(evs, wanted, keep=True)) for aid, evs in actor_hits]
    return ranked, direct, actor_hits


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise SearchCancelled


def _wanted(state: _State, out: NDArray[np.int64], allowed: NDArray[np.int64] | None) -> NDArray[np.bool_] | None:
    """A bitmap of the events a part's hits may be in: not left out, and ``allowed`` if given (None: any)."""
    if allowed is None and not len(out):
        return None
    wanted = state.mark([allowed]) if allowed is not None else ~state.mark([])
    if len(out):
        wanted &= ~state.mark([out])
    return wanted


_T = TypeVar("_T")


def _parallel_result(future: Future[_T]) -> _T | None:
    """What a side read returned; None if it failed (then it is done again on the main connection)."""
    try:
        return future.result()
    except sqlite3.Error:
        return None


def _ranked_hits(
    conn: sqlite3.Connection, ranking: Callable[[sqlite3.Connection], list[Ranked]], q: Query
) -> list[Hit]:
    """The first page's direct hits, ranked by ``ranking``, with their snippets."""
    return direct_hits(q, ranking(conn))


def _top_hits(
    conn: sqlite3.Connection,
    state: _State,
    q: Query,
    ranked: list[Hit],
    field_only: Sequence[int],
    actor_hits: list[tuple[str, NDArray[np.int64]]],
    limit: int | None,
) -> list[Hit]:
    """The page: the ranked direct hits, then the events found by their fields alone (a hit on the title),
    then participant hits (an actor's names), both in timeline order."""
    if limit == 0:
        return []
    hits = list(ranked)
    room = None if limit is None else limit - len(hits)
    if field_only and (room is None or room > 0):
        hits += title_hits(conn, q, field_only if room is None else field_only[:room])
    wanted: list[tuple[str, int]] = []
    for aid, evs in actor_hits:
        room = None if limit is None else limit - len(hits) - len(wanted)
        if room is not None and room <= 0:
            break
        wanted += [(aid, ev) for ev in (evs if room is None else evs[:room]).tolist()]
    if wanted:
        info = events_info(conn, [ev for _, ev in wanted])
        for aid, ev in wanted:
            if ev in info and aid in state.actor_texts:
                text = state.actor_texts[aid]
                hits.append(make_hit(q, info[ev], "actor", "participants", "uk", aid, text, None, 0.0))
    return hits


def reindex(store: Store) -> None:
    """Rebuild the whole index from the store's records (after a change of normaliser or dictionaries)."""
    with store.lock:
        if not has_index(store.conn):
            create_index(store.conn)  # executescript: outside the transaction
    with store.transaction():
        rebuild(store.conn)

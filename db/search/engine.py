"""Searching a store: the reads of one search, run at once on side connections, and what searches of a
store share. Sits above the store (:class:`~chronology.db.store.Store`)."""

from __future__ import annotations

import json
import sqlite3
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import NO_SEARCH_INDEX, StoreError
from ..store import Store
from .hits import Hit, Ranked, SearchResults, direct_hits, events_info, make_hit
from .indexing import names_text, rebuild
from .morphology import analyzer
from .query import Query, expand_aliases, fts_expression, name_keys, parse_query, prefix_expander
from .rank import bm25_idf, one_prefix_words, rank, rank_one_prefix
from .schema import ACTOR_BASE, BACKGROUND_BASE, EVENT_MASK, EVENT_OF, EVENT_SHIFT, create_index, has_index

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray


class _State:
    """What searches of one store share until its data changes: the timeline (event rowids in position
    order), the actors' names and the events each actor took part in."""

    def __init__(self, conn: sqlite3.Connection, key: tuple[int, int]):
        self.key = key
        rows = conn.execute("SELECT rowid, pos FROM events WHERE pos IS NOT NULL ORDER BY pos").fetchall()
        import numpy as np

        # Event rowids in timeline order, and their positions; a bitmap over event rowids covers
        # base … base + size - 1 (SQLite allows negative rowids).
        self.order = np.array([r for r, _ in rows], dtype=np.int64)
        self.positions = np.array([p for _, p in rows], dtype=np.int64)
        self.base = int(self.order.min()) if rows else 0
        self.size = int(self.order.max()) - self.base + 1 if rows else 0
        self.names: list[tuple[str, tuple[str, ...]]] = []
        self.actor_ids: dict[int, str] = {}
        self.actor_texts: dict[str, str] = {}
        for rowid, aid, name_uk, name_en, aliases in conn.execute(
            "SELECT rowid, id, name_uk, name_en, aliases FROM actors ORDER BY id"
        ):
            self.actor_ids[rowid] = aid
            try:
                extra = [a for a in json.loads(aliases) if isinstance(a, str)]
            except (TypeError, ValueError):
                extra = []
            self.actor_texts[aid] = names_text(name_uk, [name_en, *extra])
            keys = name_keys([name_uk, name_en, *extra])
            if keys:
                self.names.append((aid, keys))
        self._actor_events: dict[str, NDArray[np.int64]] = {}

    def actor_events(self, conn: sqlite3.Connection, actor_id: str) -> NDArray[np.int64]:
        """The rowids of the events the actor took part in, in timeline order."""
        if actor_id not in self._actor_events:
            row = conn.execute(
                "SELECT group_concat(r) FROM (SELECT e.rowid AS r FROM event_actors ea JOIN events e "
                "ON e.id = ea.event_id WHERE ea.actor_id = ? AND e.pos IS NOT NULL ORDER BY e.pos)",
                (actor_id,),
            ).fetchone()
            self._actor_events[actor_id] = _int_array(row[0] if row else None)
        return self._actor_events[actor_id]


_states: weakref.WeakKeyDictionary[Any, _State] = weakref.WeakKeyDictionary()


def _state(store: Store) -> _State:
    conn = store.conn
    key = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    state = _states.get(store)
    if state is None or state.key != key:
        state = _State(conn, key)
        _states[store] = state
    return state


def _event_hits(conn: sqlite3.Connection, expr: str, lo: int = 0, hi: int = ACTOR_BASE) -> NDArray[np.int64]:
    """The event rowid of every direct hit (one per hit) among the index rows ``lo <= rowid < hi``.

    A common word matches a fifth of a 100k store: the rowids come as one text, parsed by numpy at C speed.
    """
    row = conn.execute(
        f"SELECT group_concat({EVENT_OF}) FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? AND rowid < ?",
        (expr, lo, hi),
    ).fetchone()
    return _int_array(row[0] if row else None)


def _int_array(text: str | None) -> NDArray[np.int64]:
    """The integers of an SQL ``group_concat`` (None when no row matched), parsed by numpy at C speed."""
    import numpy as np

    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


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


def _positions(state: _State, event_lists: Sequence[Any]) -> list[int]:
    """The sorted timeline positions of the events in ``event_lists`` (arrays or lists of event rowids,
    with repeats; rowids of events off the timeline or gone are ignored).

    A common word matches a fifth of a 100k store: the events are marked in a bitmap over event rowids
    and read in timeline order with numpy, at C speed.
    """
    import numpy as np

    if not state.size:
        return []
    seen = np.zeros(state.size, dtype=bool)
    for events in event_lists:
        index = np.asarray(events, dtype=np.int64) - state.base
        seen[index[(index >= 0) & (index < state.size)]] = True
    found: list[int] = state.positions[seen[state.order - state.base]].tolist()
    return found


def warm_up(store: Store) -> None:
    """Load what a first search of ``store`` needs: numpy, pymorphy3's dictionaries, the store's timeline and
    actors' names, its side connections (the app calls this when the search bar opens, so that the first
    query typed is as fast as the next)."""
    import numpy  # noqa: F401  (its first import takes longer than a search)

    analyzer()
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


def search(store: Store, query: str | Query, *, limit: int | None = 50) -> SearchResults:
    """Ranked hits for what the user typed; never raises for any input (an empty query finds nothing).

    Direct hits (quotes, titles, summaries, outcomes, places, passages) come by bm25 score; participant
    hits (an actor's names; rank 0) after them, in timeline order. ``total_hits`` and ``event_positions``
    count every hit.

    Two reads make up a search: listing every match (for the count and the timeline positions) and ranking
    the first page. For a store in a file they run at the same time on the store's
    :meth:`~chronology.db.store.Store.side_readers` in pool threads (SQLite runs without Python's GIL):
    the ranking on one, the matches among background text on another, the rest on the store's own
    connection. If another process changed the store meanwhile, the search is repeated on one connection.
    """
    q = query if isinstance(query, Query) else parse_query(query)
    if q.is_empty or (limit is not None and limit < 0):
        return SearchResults(q.text, [], 0, [], q)
    import numpy as np

    with store.lock:
        conn = store.conn
        if not has_index(conn):
            raise StoreError(NO_SEARCH_INDEX)
        state = _state(store)
        q = expand_aliases(q, state.names)
        expand = prefix_expander(conn) if any(t.prefix for g in (*q.groups, q.excluded) for t in g) else None
        excluded: set[int] = set()
        if q.excluded:
            neg_events, neg_actors, _ = _matching_events(conn, state, fts_expression([q.excluded], expand))
            excluded.update(neg_events.tolist())
            for aid in neg_actors:
                excluded.update(state.actor_events(conn, aid).tolist())
        expr = fts_expression(q.groups, expand)
        # Ranking keeps a prefix whole (one bm25 term): listed as words, the rarest would outrank the rest.
        ranked_expr = fts_expression(q.groups) if expand else expr
        # The first page: ranked, and its snippets made, in one task. One prefix: bm25 worked out here (see
        # rank_one_prefix); its IDF is applied once the hits are counted.
        words = one_prefix_words(q, expand) if limit is not None else None
        ranking_rows: Callable[[sqlite3.Connection], list[Ranked]]
        if words is not None and limit is not None:
            ranking_rows = partial(rank_one_prefix, expr=expr, words=words, excluded=excluded, limit=limit)
        else:
            ranking_rows = partial(rank, expr=ranked_expr, excluded=excluded, limit=limit)
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
            ranked = first_page(conn)  # one connection: one consistent state
            matches = _matching_events(conn, state, expr)
        direct, actors, actor_rows = matches
        if words is not None:  # ranked by rank_one_prefix
            idf = bm25_idf(conn, len(direct) + actor_rows)
            ranked = [replace(hit, rank=hit.rank * idf) for hit in ranked]
        out = np.fromiter(excluded, np.int64, len(excluded)) if excluded else None
        if out is not None:
            direct = direct[np.isin(direct, out, invert=True)]
        total = len(direct)
        actor_hits: list[tuple[str, NDArray[np.int64]]] = []
        for aid in actors:
            evs = state.actor_events(conn, aid)
            if out is not None:
                evs = evs[np.isin(evs, out, invert=True)]
            actor_hits.append((aid, evs))
            total += len(evs)
        positions = _positions(state, [direct, *(evs for _, evs in actor_hits)])
        hits = _top_hits(conn, state, q, ranked, actor_hits, limit)
    return SearchResults(q.text, hits, total, positions, q)


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
    actor_hits: list[tuple[str, NDArray[np.int64]]],
    limit: int | None,
) -> list[Hit]:
    """The page: the ranked direct hits, then participant hits (an actor's names) in timeline order."""
    if limit == 0:
        return []
    hits = list(ranked)
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

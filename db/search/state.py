"""What searches of one store share until its data changes: the timeline (event rowids in position order),
the actors' names, the events each actor took part in, and the events each field filter matched."""

from __future__ import annotations

import json
import sqlite3
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .filters import int_array
from .indexing import names_text
from .query import Term, name_keys

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray

    from ..store import Store

# Field filters remembered per store (a query typed letter by letter repeats its filters at every key).
FILTERS_KEPT = 64


class _State:
    """The timeline, the actors and the filters' events of one store, as of ``key`` (its data version)."""

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
        self._filters: OrderedDict[Term, NDArray[np.int64]] = OrderedDict()

    def actor_events(self, conn: sqlite3.Connection, actor_id: str) -> NDArray[np.int64]:
        """The rowids of the events the actor took part in, in timeline order."""
        if actor_id not in self._actor_events:
            row = conn.execute(
                "SELECT group_concat(r) FROM (SELECT e.rowid AS r FROM event_actors ea JOIN events e "
                "ON e.id = ea.event_id WHERE ea.actor_id = ? AND e.pos IS NOT NULL ORDER BY e.pos)",
                (actor_id,),
            ).fetchone()
            self._actor_events[actor_id] = int_array(row[0] if row else None)
        return self._actor_events[actor_id]

    def filter_events(self, term: Term, find: Callable[[Term], NDArray[np.int64]]) -> NDArray[np.int64]:
        """The events a field filter matches (sorted, each once): ``find(term)`` the first time, then
        remembered (the last :data:`FILTERS_KEPT` filters)."""
        found = self._filters.get(term)
        if found is None:
            found = self.union([find(term)])
            self._filters[term] = found
            if len(self._filters) > FILTERS_KEPT:
                self._filters.popitem(last=False)
        else:
            self._filters.move_to_end(term)
        return found

    # Sets of events as bitmaps over event rowids: a common word or filter matches a fifth of a 100k store,
    # and marking and reading a bitmap takes numpy a fraction of the time sorting does.
    def mark(self, event_lists: Iterable[Any]) -> NDArray[np.bool_]:
        """A bitmap of the timeline's events among ``event_lists`` (rowids, repeats and others ignored)."""
        import numpy as np

        seen = np.zeros(self.size, dtype=bool)
        for events in event_lists:
            index = np.asarray(events, dtype=np.int64) - self.base
            seen[index[(index >= 0) & (index < self.size)]] = True
        return seen

    def union(self, event_lists: Iterable[Any]) -> NDArray[np.int64]:
        """The timeline's events among ``event_lists``, each once (sorted rowids)."""
        import numpy as np

        return np.flatnonzero(self.mark(event_lists)) + self.base

    def select(self, events: NDArray[np.int64], seen: NDArray[np.bool_], *, keep: bool) -> NDArray[np.int64]:
        """``events`` (in their order, repeats kept) that are marked in ``seen`` (``keep``) or that are not;
        events off the timeline are left out either way."""
        index = events - self.base
        inside = (index >= 0) & (index < self.size)
        marked = seen[index[inside]]
        return events[inside][marked if keep else ~marked]


_states: weakref.WeakKeyDictionary[Any, _State] = weakref.WeakKeyDictionary()


def _state(store: Store) -> _State:
    conn = store.conn
    key = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    state = _states.get(store)
    if state is None or state.key != key:
        state = _State(conn, key)
        _states[store] = state
    return state

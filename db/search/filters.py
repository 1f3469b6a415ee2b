"""The events a field filter matches (``місце:``, ``вид:``, ``учасник:``, ``статус:``, ``рік:``, and a month
or a season named by a plain word), as arrays of event rowids.

Each looks at the event's own field, never at mentions elsewhere:

* place: the event's place (Ukrainian or English) by the search index's place rows, so a value matches in
  any form, as a prefix or as a phrase, like any word ("місце:Москві" finds "Москва");
* with: the events the actors whose names match took part in (any name, any form: "учасник:Кушнером");
* kind, status: the values :mod:`.fields` reads the words as, by the index ``events_kind``/``events_status``;
* year: ``events.year`` (one year, a range "2025-2026", or a prefix while typed: "рік:202"), not a date known
  only by a bound;
* date: events dated in a month (day or month precision) or in a season (its months, and the events dated
  by that season), by the index ``events_month``.

Every read uses an index: none scans the events (a scan of 100,000 takes 100–250 ms).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from .fields import DATE, SEASON_MONTHS, values, year_range
from .query import Term, fts_expression
from .schema import ACTOR_BASE, BACKGROUND_BASE, EVENT_MASK, EVENT_OF, EVENT_SHIFT, SLOT_MASK, SLOTS

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray

Expand = Callable[[str], "list[str] | None"]
_PLACE_SLOTS = (SLOTS[("place", "uk")], SLOTS[("place", "en")])


def int_array(text: str | None) -> NDArray[np.int64]:
    """The integers of an SQL ``group_concat`` (None when no row matched), parsed by numpy at C speed."""
    import numpy as np

    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _concat(conn: sqlite3.Connection, sql: str, params: tuple[object, ...] | list[object] = ()) -> NDArray[np.int64]:
    row = conn.execute(sql, params).fetchone()
    return int_array(row[0] if row else None)


def value_expression(term: Term, expand: Expand | None) -> str:
    """The FTS5 expression of a filter's value: each word in any form (the last a prefix if the term is
    one), or the quoted phrase."""
    if term.exact:
        return fts_expression([[Term(term.keys, prefix=term.prefix, exact=True)]], expand)
    last = len(term.keys) - 1
    groups = [[Term((k,), prefix=term.prefix and i == last)] for i, k in enumerate(term.keys)]
    return fts_expression(groups, expand)


def _place(conn: sqlite3.Connection, term: Term, expand: Expand | None) -> NDArray[np.int64]:
    expr = value_expression(term, expand)
    slots = ", ".join(map(str, _PLACE_SLOTS))
    return _concat(
        conn,
        f"SELECT group_concat({EVENT_OF}) FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? AND rowid < ? "
        f"AND (rowid & {SLOT_MASK}) IN ({slots})",
        (expr, BACKGROUND_BASE, ACTOR_BASE),
    )


def matching_actor_rowids(conn: sqlite3.Connection, term: Term, expand: Expand | None) -> list[int]:
    """The rowids of the actors one of whose names the filter's value matches."""
    expr = value_expression(term, expand)
    return [
        (r >> EVENT_SHIFT) & EVENT_MASK
        for (r,) in conn.execute(
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= {ACTOR_BASE}", (expr,)
        )
    ]


def _in(column: str, found: tuple[object, ...]) -> tuple[str, list[object]]:
    return f"{column} IN ({', '.join('?' * len(found))})", list(found)


# Not a date known only by a bound ("[..2026-01-21]": no later than): the source does not say in which month or
# even which year such an event took place, so no month, season or year filter claims it.
_DATED = "substr(date, 1, 1) <> '['"


def _years(conn: sqlite3.Connection, term: Term) -> NDArray[np.int64]:
    span = year_range(term.keys)
    if span is None:
        return int_array(None)
    lo, hi = span
    last = term.keys[-1]
    if term.prefix and len(last) < 4 and last.isdigit():  # "рік:202" being typed: 2020–2029
        lo, hi = min(lo, int(last.ljust(4, "0"))), max(hi, int(last.ljust(4, "9")))
    sql = f"SELECT group_concat(rowid) FROM events WHERE year BETWEEN ? AND ? AND {_DATED}"
    return _concat(conn, sql, (lo, hi))


def _dates(conn: sqlite3.Connection, term: Term) -> NDArray[np.int64]:
    """Events dated in the months and seasons the word names (any form: "грудня", "December", "восени")."""
    found = values(DATE, term.keys[0]) if len(term.keys) == 1 else ()
    months: set[int] = set()
    seasons: set[int] = set()
    for value in found:
        assert isinstance(value, int)
        if value in SEASON_MONTHS:
            seasons.add(value)
            months.update(SEASON_MONTHS[value])
        else:
            months.add(value)
    if not months:
        return int_array(None)
    where, params = _in("substr(date_lower, 6, 2)", tuple(f"{m:02d}" for m in sorted(months)))
    sql = f"SELECT rowid FROM events WHERE {where} AND precision IN ('day', 'month') AND {_DATED}"
    if seasons:  # a season's events start on its first month
        first, more = _in("substr(date_lower, 6, 2)", tuple(f"{SEASON_MONTHS[s][0]:02d}" for s in sorted(seasons)))
        sql += f" UNION ALL SELECT rowid FROM events WHERE {first} AND precision = 'season' AND {_DATED}"
        params += more
    return _concat(conn, f"SELECT group_concat(rowid) FROM ({sql})", params)


def field_events(
    conn: sqlite3.Connection,
    term: Term,
    expand: Expand | None,
    actor_events: Callable[[int], NDArray[np.int64]],
) -> NDArray[np.int64]:
    """The rowids of the events ``term`` (a field filter) matches, each once or more, in no order.
    ``actor_events(actor rowid)``: the events an actor took part in."""
    import numpy as np

    field = term.field
    if field == "place":
        return _place(conn, term, expand)
    if field == "with":
        found = [actor_events(a) for a in matching_actor_rowids(conn, term, expand)]
        return np.concatenate(found) if found else int_array(None)
    if field == "year":
        return _years(conn, term)
    if field == DATE:
        return _dates(conn, term)
    if field in ("kind", "status") and term.keys and not term.exact:
        found_values = values(field, " ".join(term.keys), prefix=term.prefix)
        if not found_values:
            return int_array(None)
        where, params = _in(field, found_values)
        return _concat(conn, f"SELECT group_concat(rowid) FROM events WHERE {where}", params)
    return int_array(None)

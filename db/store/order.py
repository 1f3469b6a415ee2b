"""Each event's place in the chronology, and the gap since the previous round. Takes a connection.

**Order.** By sort date (:attr:`~chronology.db.edtf.EdtfDate.sort`: the first day of the date, or of its
bound for "[..X]"); among events with the same sort date, ``before`` constraints come first (an event
the source says came before another is placed before it: a stable topological order), then the order in
which their source tells them (first citation), then the id. A ``before`` that contradicts the dates (it
names an event dated earlier) or closes a cycle is left out of the order; ``chronology check`` reports it.

**Gaps.** A round (meeting, talks, visit) dated to the day, with no qualifier, gets the days since the
previous such round that was held (its *anchor*), the anchor's date, and whether rounds without an exact
date may lie between them (:data:`UNDATED_NONE`, :data:`UNDATED_MAYBE`, :data:`UNDATED_CERTAIN`):

* a held round dated by a range (a month, a season, a year, or a day marked ``~``/``?``) may lie between
  when its range meets the interval, and certainly lies between when its range (unqualified) falls
  strictly inside it;
* a held round known only by one bound ("[..X]": on or before X) is taken from where the chronology
  places it: its open side reaches back to the previous anchor (or on to the next), not beyond, so it
  counts for the gap it is placed in, not for every earlier one.
"""

from __future__ import annotations

import datetime as dt
import heapq
import sqlite3
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .rounds import HELD, ROUND_KINDS

UNDATED_NONE, UNDATED_MAYBE, UNDATED_CERTAIN = 0, 1, 2
OPEN_LOWER = dt.date.min.isoformat()
OPEN_UPPER = dt.date.max.isoformat()


@dataclass(slots=True)
class _Row:
    id: str
    kind: str
    status: str
    date: str
    precision: str
    lower: str
    upper: str
    sort: str
    before: str | None

    @property
    def exact_day(self) -> bool:
        """A day with no qualifier and no open end (the text of "[..X]" ends in "]", a qualifier is not a digit)."""
        return self.precision == "day" and self.date[-1].isdigit()

    @property
    def qualified(self) -> bool:
        return any(q in self.date for q in "~?%")

    @property
    def is_round(self) -> bool:
        return self.kind in ROUND_KINDS


def place_in_order(rows: list[_Row]) -> list[_Row]:
    """``rows`` (already sorted by sort date, source order, id) with ``before`` constraints applied within each
    sort date: a stable topological order (Kahn's, by earliest original place first)."""
    out: list[_Row] = []
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end].sort == rows[start].sort:
            end += 1
        group = rows[start:end]
        start = end
        index = {r.id: i for i, r in enumerate(group)}
        edges = [(i, index[r.before]) for i, r in enumerate(group) if r.before in index and r.before != r.id]
        if not edges:
            out += group
            continue
        after: dict[int, list[int]] = {}
        waiting = [0] * len(group)
        for a, b in edges:
            after.setdefault(a, []).append(b)
            waiting[b] += 1
        ready = [i for i in range(len(group)) if not waiting[i]]
        heapq.heapify(ready)
        placed: list[int] = []
        while ready:
            i = heapq.heappop(ready)
            placed.append(i)
            for j in after.get(i, ()):
                waiting[j] -= 1
                if not waiting[j]:
                    heapq.heappush(ready, j)
        done = set(placed)
        placed += [i for i in range(len(group)) if i not in done]  # a cycle: the rest in their original order
        out += [group[i] for i in placed]
    return out


@dataclass(frozen=True, slots=True)
class Gap:
    days: int
    since: str  # ISO date of the anchor
    undated: int  # UNDATED_NONE / UNDATED_MAYBE / UNDATED_CERTAIN


def gaps(order: list[_Row]) -> dict[str, Gap]:
    """The gap of every round dated to the day that has an anchor before it, by event id."""
    anchor_pos: list[int] = []  # positions of the held rounds dated to the day, in order
    anchor_day: list[str] = []
    for pos, r in enumerate(order):
        if r.is_round and r.exact_day and r.status == HELD:
            anchor_pos.append(pos)
            anchor_day.append(r.lower)
    if not anchor_pos:
        return {}
    slots = len(anchor_pos)  # slot i: after anchor i, up to and including anchor i + 1
    cover = [0] * (slots + 1)  # difference array: undated rounds that may lie in every gap of a slot
    edge: dict[int, list[tuple[int, str]]] = {}  # slot → (pos, lower) of rounds to check gap by gap
    inside: dict[int, list[str]] = {}  # slot → upper of rounds that lie strictly after its anchor

    def anchors_before(day: str, pos: int) -> int:
        """How many anchors come before (``day``, ``pos``): earlier day, or the same day placed earlier."""
        lo, hi = bisect_left(anchor_day, day), bisect_right(anchor_day, day)
        return bisect_left(anchor_pos, pos, lo, hi)

    for pos, r in enumerate(order):
        if not r.is_round or r.exact_day or r.status != HELD:
            continue
        k = bisect_left(anchor_pos, pos)  # the anchors placed before this round
        lower = anchor_day[k - 1] if r.lower == OPEN_LOWER and k else r.lower
        upper = anchor_day[k] if r.upper == OPEN_UPPER and k < slots else r.upper
        last = anchors_before(upper, pos) - 1  # the last anchor it may come after
        first_full = anchors_before(lower, pos)  # from this slot on, it may come before every gap's end
        if first_full <= last:
            cover[first_full] += 1
            cover[last + 1] -= 1
        if 0 <= first_full - 1 <= last:
            edge.setdefault(first_full - 1, []).append((pos, lower))
        bounded = r.lower != OPEN_LOWER and r.upper != OPEN_UPPER and not r.qualified
        if bounded and k and anchor_day[k - 1] < r.lower:
            inside.setdefault(k - 1, []).append(r.upper)

    found: dict[str, Gap] = {}
    slot, running = -1, 0
    for pos, r in enumerate(order):
        while slot + 1 < slots and anchor_pos[slot + 1] < pos:
            slot += 1
            running += cover[slot]
        if slot < 0 or not (r.is_round and r.exact_day):
            continue
        day = r.lower
        undated = UNDATED_NONE
        if running > 0 or any(lo < day or (lo == day and p < pos) for p, lo in edge.get(slot, ())):
            undated = UNDATED_MAYBE
        if any(up < day for up in inside.get(slot, ())):
            undated = UNDATED_CERTAIN
        since = anchor_day[slot]
        found[r.id] = Gap((dt.date.fromisoformat(day) - dt.date.fromisoformat(since)).days, since, undated)
    return found


def renumber(conn: sqlite3.Connection) -> None:
    """Recompute each event's place in the chronology and its gap (inside the caller's transaction)."""
    rows = [
        _Row(*r)
        for r in conn.execute(
            "SELECT e.id, e.kind, e.status, e.date, e.precision, e.date_lower, e.date_upper, e.date_sort, "
            "e.before_id FROM events e LEFT JOIN citations c ON c.event_id = e.id AND c.ord = 0 "
            "ORDER BY e.date_sort, c.source_id, c.offset, e.id"
        )
    ]
    order = place_in_order(rows)
    found = gaps(order)
    updates: list[tuple[int, int | None, str | None, int, str]] = []
    for pos, r in enumerate(order):
        gap = found.get(r.id)
        updates.append((pos, gap.days if gap else None, gap.since if gap else None, gap.undated if gap else 0, r.id))
    # Two passes keep the UNIQUE index on pos satisfied while positions shift.
    conn.execute("UPDATE events SET pos = -1 - pos WHERE pos IS NOT NULL")
    conn.executemany("UPDATE events SET pos = ?, gap_days = ?, gap_from = ?, gap_undated = ? WHERE id = ?", updates)

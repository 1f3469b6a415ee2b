"""Rounds among the events the timeline shows: the meetings, talks and visits of the chronology, held or planned
(not statements, plans or announcements). Which kinds are rounds is the store's one definition,
:data:`chronology.db.store.rounds.ROUND_KINDS`.

With every event shown, the main screen asks the store (``Store.next_round``, ``previous_round``,
``latest_held_round``: index look-ups). During a search it looks among the matches shown with
:func:`find_round`, reading their rows in growing windows from the cursor, so a step costs one or two small
reads even among 100,000 events.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from chronology.db.store.rounds import HELD, ROUND_KINDS

if TYPE_CHECKING:
    from chronology.db.store import TimelineRow

FIRST_WINDOW = 32
LAST_WINDOW = 4096

RowsAt = Callable[[Sequence[int]], Sequence["TimelineRow | None"]]
"""The rows of the events shown at these indexes (None for one that is gone)."""


def is_round(row: TimelineRow | None, *, held: bool = False) -> bool:
    """Whether ``row`` is a round (and, with ``held``, one that took place)."""
    return row is not None and row.kind in ROUND_KINDS and (not held or row.status == HELD)


def find_round(count: int, rows_at: RowsAt, start: int, step: int, *, held: bool = False) -> int | None:
    """The index of the first round among ``count`` events shown, from index ``start`` (included) going
    ``step`` (+1 later, -1 earlier); None if there is none that way."""
    window = FIRST_WINDOW
    index = start
    while 0 <= index < count:
        stop = min(count, index + window) if step > 0 else max(-1, index - window)
        indexes = range(index, stop, step)
        for i, row in zip(indexes, rows_at(indexes), strict=True):
            if is_round(row, held=held):
                return i
        index = stop
        window = min(LAST_WINDOW, window * 2)
    return None


def latest_held_round(count: int, rows_at: RowsAt) -> int | None:
    """The index of the latest round that took place among ``count`` events shown."""
    return find_round(count, rows_at, count - 1, -1, held=True)

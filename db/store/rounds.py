"""Rounds of talks: which events are rounds, and moving between them on the timeline. Takes a connection.

A *round* is an event of one of :data:`ROUND_KINDS` (meetings, talks and visits), held or planned;
statements, plans, announcements, consultations, deadlines and context are not. The gap since the previous
round (``events.gap_days``), "the latest round that took place" and moving to the next or previous round
all use this one list.

Each read is a few index look-ups (``events_kind`` on ``(kind, pos)``, one per round kind), never a scan
of the timeline: as fast at 100,000 events as at 16.
"""

from __future__ import annotations

import sqlite3

# Kinds that count as a round of talks (EventKind values): for gaps, the latest round, next/previous round.
ROUND_KINDS = ("meeting", "talks", "visit")
HELD = "held"  # Status.HELD: the round took place


def _one(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> int | None:
    row = conn.execute(sql, params).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def next_round(conn: sqlite3.Connection, pos: int) -> int | None:
    """The timeline position of the first round after ``pos`` (any status), or None."""
    found = [_one(conn, "SELECT min(pos) FROM events WHERE kind = ? AND pos > ?", (kind, pos)) for kind in ROUND_KINDS]
    return min((p for p in found if p is not None), default=None)


def previous_round(conn: sqlite3.Connection, pos: int) -> int | None:
    """The timeline position of the last round before ``pos`` (any status), or None."""
    found = [_one(conn, "SELECT max(pos) FROM events WHERE kind = ? AND pos < ?", (kind, pos)) for kind in ROUND_KINDS]
    return max((p for p in found if p is not None), default=None)


def latest_held_round(conn: sqlite3.Connection) -> int | None:
    """The timeline position of the latest round that took place (status held), or None.

    Read backwards from the end of each round kind: the rounds after it (planned, cancelled) are few."""
    found = [
        _one(
            conn,
            "SELECT pos FROM events WHERE kind = ? AND status = ? ORDER BY pos DESC LIMIT 1",
            (kind, HELD),
        )
        for kind in ROUND_KINDS
    ]
    return max((p for p in found if p is not None), default=None)

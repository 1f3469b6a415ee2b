"""The claims of sources that disagree about an event (:class:`~chronology.db.models.Claim`, issue #12): their
rows in the ``claims`` table, written with their events and read back with them (as records: :mod:`.rows`).
Takes a connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .rows import duration_record, passage_record

if TYPE_CHECKING:
    from ..models import Event

CLAIM_COLUMNS = (
    "event_id, ord, field, value, duration_minutes, duration_qualifier, duration_phrase, source_id, offset, text"
)


def write_claims(conn: sqlite3.Connection, events: Iterable[Event]) -> None:
    """Replace the claims of ``events`` by theirs (the caller holds the transaction)."""
    rows = []
    for e in events:
        conn.execute("DELETE FROM claims WHERE event_id = ?", (e.id,))
        for i, c in enumerate(e.claims):
            d = c.duration
            rows.append(
                (
                    e.id,
                    i,
                    c.field.value,
                    c.value,
                    d.minutes if d else None,
                    d.qualifier.value if d else None,
                    d.phrase if d else None,
                    c.passage.source_id,
                    c.passage.offset,
                    c.passage.text,
                )
            )
    if rows:
        conn.executemany(f"INSERT INTO claims ({CLAIM_COLUMNS}) VALUES ({', '.join('?' * 10)})", rows)


def claim_records(conn: sqlite3.Connection, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The claims of these events (at most 500 ids: one query), by event id, in their order, as JSON data (what
    ``Claim.model_dump(mode="json")`` gives; the models are validated over them with their events)."""
    if not event_ids:
        return {}
    marks = ",".join("?" * len(event_ids))
    found: dict[str, list[dict[str, Any]]] = {}
    for eid, _ord, field, value, minutes, qualifier, phrase, src, offset, text in conn.execute(
        f"SELECT {CLAIM_COLUMNS} FROM claims WHERE event_id IN ({marks}) ORDER BY event_id, ord", list(event_ids)
    ):
        found.setdefault(eid, []).append(
            {
                "field": field,
                "value": value,
                "duration": duration_record(minutes, qualifier, phrase),
                "passage": passage_record(src, offset, text),
            }
        )
    return found

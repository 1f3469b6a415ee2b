"""The store's writes: all-or-nothing transactions, upserting a checked document (and its search index
rows), and each event's place in date order."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CANNOT_WRITE
from ..search.indexing import index_document
from .claims import write_claims
from .files import is_busy, is_read_only, read_only_error, store_error
from .rows import actor_row, event_row, source_row, tally_row

# sqlite-utils and pydantic (the models) are imported where first needed: the TUI's start-up loads neither.
if TYPE_CHECKING:
    import sqlite_utils

    from ..models import Chronology

# Kinds that count as a round of talks for "how long since they last met".
ROUND_KINDS = ("meeting", "talks")  # EventKind values
HELD = "held"  # Status.HELD


class StoreWrites:
    """The writes of :class:`~chronology.db.store.Store`."""

    conn: sqlite3.Connection
    path: Path | None
    lock: threading.RLock
    read_only: bool
    _db: sqlite_utils.Database | None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection (imported on first write)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing transaction. Raises a one-line :class:`StoreError` when the store is read-only
        or another process keeps it locked past the busy timeout; nothing is written then."""
        with self.lock:
            if self.read_only:
                raise read_only_error(self.path)
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise store_error(exc, self.path, CANNOT_WRITE) from None
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and (is_busy(exc) or is_read_only(exc)):
                    raise store_error(exc, self.path, CANNOT_WRITE) from None
                raise

    def write(self, doc: Chronology) -> None:
        """Upsert every record of an already checked ``doc`` in one all-or-nothing transaction."""
        with self.transaction():
            self._write(doc)
            self.renumber()

    def _write(self, doc: Chronology) -> None:
        """Upsert every record of ``doc`` (caller holds the transaction; ``doc`` is already checked)."""
        db = self.db
        db.table("sources").upsert_all((source_row(s) for s in doc.sources), pk="id")
        db.table("actors").upsert_all((actor_row(a) for a in doc.actors), pk="id")
        for e in doc.events:
            self.conn.execute("DELETE FROM event_actors WHERE event_id = ?", (e.id,))
            self.conn.execute("DELETE FROM citations WHERE event_id = ?", (e.id,))
        db.table("events").upsert_all((event_row(e) for e in doc.events), pk="id")
        db.table("event_actors").insert_all(
            ({"event_id": e.id, "actor_id": a, "ord": i} for e in doc.events for i, a in enumerate(e.participants)),
            pk=("event_id", "actor_id"),
        )
        db.table("citations").insert_all(
            (
                {"event_id": e.id, "ord": i, "source_id": c.source_id, "offset": c.offset, "text": c.text}
                for e in doc.events
                for i, c in enumerate(e.citations)
            ),
            pk=("event_id", "ord"),
        )
        write_claims(self.conn, doc.events)
        db.table("quotes").upsert_all((q.model_dump(mode="json") for q in doc.quotes), pk="id")
        for t in doc.tallies:
            self.conn.execute("DELETE FROM tally_events WHERE tally_id = ?", (t.id,))
        db.table("tallies").upsert_all((tally_row(t) for t in doc.tallies), pk="id")
        db.table("tally_events").insert_all(
            ({"tally_id": t.id, "event_id": ev, "ord": i} for t in doc.tallies for i, ev in enumerate(t.event_ids)),
            pk=("tally_id", "event_id"),
        )
        index_document(self.conn, doc)

    def renumber(self) -> None:
        """Recompute each event's place in date order and the gap since the previous held round."""
        rows = self.conn.execute(
            # Events on the same date keep the order in which their source tells them (first citation).
            "SELECT e.id, e.kind, e.status, e.precision, e.date_lower, e.date FROM events e "
            "LEFT JOIN citations c ON c.event_id = e.id AND c.ord = 0 "
            "ORDER BY e.date_lower, c.source_id, c.offset, e.id"
        ).fetchall()
        updates: list[tuple[int, int | None, str]] = []
        last_round: dt.date | None = None
        for pos, (eid, kind, status, precision, lower, date) in enumerate(rows):
            gap = None
            # Only rounds dated to the day, without ~ or ? qualifiers, measure or anchor a gap.
            if kind in ROUND_KINDS and precision == "day" and date[-1].isdigit():
                day = dt.date.fromisoformat(lower)
                if last_round is not None:
                    gap = (day - last_round).days
                if status == HELD:
                    last_round = day
            updates.append((pos, gap, eid))
        # Two passes keep the UNIQUE index on pos satisfied while positions shift.
        self.conn.execute("UPDATE events SET pos = -1 - pos WHERE pos IS NOT NULL")
        self.conn.executemany("UPDATE events SET pos = ?, gap_days = ? WHERE id = ?", updates)

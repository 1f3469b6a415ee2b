"""The store's writes: all-or-nothing transactions, upserting a checked document (and its search index
rows), and each event's place in date order."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CANNOT_WRITE
from ..search.indexing import index_document
from .claims import write_claims
from .files import is_busy, is_read_only, read_only_error, store_error
from .order import renumber
from .rows import actor_row, event_row, source_row, tally_row
from .tool_fts import bulk

# sqlite-utils and pydantic (the models) are imported where first needed: the TUI's start-up loads neither.
if TYPE_CHECKING:
    import sqlite_utils

    from ..models import Chronology


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
        # Many records: the full-text tables for other tools are filled in one pass after the write.
        with bulk(self.conn, len(doc.events) + len(doc.quotes)):
            self._upsert(doc)
        index_document(self.conn, doc)

    def _upsert(self, doc: Chronology) -> None:
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

    def renumber(self) -> None:
        """Recompute each event's place in the chronology and its gap (see :mod:`.order`)."""
        renumber(self.conn)

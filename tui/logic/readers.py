"""Reading the store for the main screen: read connections per purpose, and the snapshot read at start-up.

File stores give each worker (search, detail) a read connection of its own, so a long search never holds
the connection the timeline draws from. At start-up a plain thread reads the store's shape and the first
screenful while Textual sets itself up (SQLite releases the GIL, so the two overlap).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from chronology.db.store import Store, TallyRow, TimelineRow


@dataclass
class StoreSnapshot:
    """What the screen needs to draw: the store's shape and, optionally, the first rows."""

    data_version: int
    total: int
    year_starts: list[tuple[int, int, int]]
    tallies: list[TallyRow]
    rows: list[TimelineRow]

    @classmethod
    def read(cls, store: Store, *, first_rows: int = 0) -> StoreSnapshot:
        version = store.data_version()
        total = store.count_events()
        year_starts = store.year_starts()
        tallies = store.tally_rows()
        rows = store.timeline(0, first_rows) if first_rows else []
        return cls(version, total, year_starts, tallies, rows)


class Preload:
    """A :class:`StoreSnapshot` read in a thread of its own, started at once."""

    def __init__(self, store: Store, *, first_rows: int) -> None:
        self._store = store
        self._first_rows = first_rows
        self._result: StoreSnapshot | BaseException | None = None
        self._thread = threading.Thread(target=self._read, name="chronology-preload", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._result = StoreSnapshot.read(self._store, first_rows=self._first_rows)
        except BaseException as exc:  # handed over by take(): the caller reads the store itself
            self._result = exc

    def take(self) -> StoreSnapshot | None:
        """The snapshot, once read (waits for it); None if reading failed (the caller reads the store again,
        and meets the error there) or it was taken already."""
        self._thread.join()
        result, self._result = self._result, None
        return result if isinstance(result, StoreSnapshot) else None


class StoreReaders:
    """Read connections of their own, one per purpose ("search", "detail"), opened when first asked for.
    A store in memory has only its one connection: every purpose shares it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._readers: dict[str, Store] = {}
        self._lock = threading.Lock()  # workers and the palette's threads may ask at the same time

    def get(self, purpose: str) -> Store:
        """The read connection for ``purpose`` (the same one each time, until :meth:`close`)."""
        if self.store.path is None:
            return self.store
        with self._lock:
            reader = self._readers.get(purpose)
            if reader is None:
                reader = self._readers[purpose] = Store.open(self.store.path)
            return reader

    def close(self) -> None:
        """Close every connection opened (the shared store stays open: it is not ours)."""
        with self._lock:
            for reader in self._readers.values():
                reader.close()
            self._readers.clear()

"""The store: a connection to one chronology store and its lock; the reads and writes it serves come from
:class:`~.reads.StoreReads` and :class:`~.writes.StoreWrites`."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .files import build_file, check_folder, connect, open_file, open_side_reader
from .publish import write_copy
from .reads import StoreReads
from .schema import create_schema
from .writes import StoreWrites

if TYPE_CHECKING:
    import sqlite_utils

    from ..models import Chronology


class Store(StoreReads, StoreWrites):
    """A chronology store. Thread-safe: calls are serialised on one connection (TUI workers use it)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None, *, read_only: bool = False):
        self.conn = conn
        self.path = path
        self.read_only = read_only  # opened from a read-only file or folder: reads work, writes are refused
        self.backup: Path | None = None  # the copy made before a schema upgrade on open, if there was one
        self._db: sqlite_utils.Database | None = None
        self.lock = threading.RLock()
        self._side: list[sqlite3.Connection] = []  # see side_readers()
        self._steady: sqlite3.Connection | None = None  # see steady_reader()
        self._side_failed = False

    # ----------------------------------------------------------------- opening and building
    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open an existing store, refusing (without writing to it) anything that is not one we can read
        (see :func:`~.files.open_file`). ``read_only``: opened from a read-only file or folder; ``backup``:
        the copy made before an upgrade of an older schema."""
        path = Path(path)
        conn, read_only, backup = open_file(path)
        store = cls(conn, path, read_only=read_only)
        store.backup = backup
        return store

    @classmethod
    def build(cls, path: str | Path, doc: Chronology, *, create_folder: bool = True) -> Store:
        """Create a new store at ``path`` holding ``doc``; refuse if anything is already there.

        ``create_folder``: create missing parent folders (the default data folder); else refuse with a
        message naming the missing folder (a path the user typed: a typo should not make folders).
        """
        path = Path(path)

        def fill(conn: sqlite3.Connection) -> None:
            store = cls(conn)
            create_schema(conn)
            conn.execute("BEGIN")
            store._write(doc)
            store.renumber()
            conn.execute("COMMIT")

        build_file(path, fill, create_folder=create_folder)
        return cls.open(path)

    @classmethod
    def open_or_build(cls, path: str | Path, seed: Chronology | None = None, *, create_folder: bool = True) -> Store:
        """Open the store at ``path``; on first use build it from the bundled seed (see :meth:`build`)."""
        path = Path(path)
        if path.exists():
            return cls.open(path)
        if not create_folder:
            check_folder(path)
        if seed is None:
            from ..seeds import load_seed  # pydantic and the seed file: only when a store is built

            seed = load_seed()
        return cls.build(path, seed, create_folder=create_folder)

    @classmethod
    def memory(cls, doc: Chronology | None = None) -> Store:
        """An in-memory store (tests, benchmarks)."""
        conn = connect(":memory:")
        store = cls(conn)
        create_schema(conn)
        if doc is not None:
            with store.transaction():
                store._write(doc)
                store.renumber()
        return store

    def side_readers(self, count: int) -> list[sqlite3.Connection]:
        """Up to ``count`` more connections to the same file, read-only, for reads that run in other
        threads beside one on :attr:`conn` (a search ranks its first page and lists part of its matches on
        them while :attr:`conn` lists the rest).

        Opened on first use and closed with the store; none for an in-memory store or when the file cannot
        be opened again. Use them only while holding :attr:`lock`, each from one thread at a time. They
        see committed data only: check that :attr:`conn` is not inside a transaction first.
        """
        with self.lock:
            if self.path is None or self._side_failed:
                return []
            while len(self._side) < count:
                conn = open_side_reader(self.path, self.read_only)
                if conn is None:
                    self._side_failed = True
                    break
                self._side.append(conn)
            return self._side[:count]

    def steady_reader(self) -> sqlite3.Connection:
        """A read connection that :meth:`interrupt` leaves alone, for reads whose result is kept (a search's
        sets of an actor's or a filter's events): one interrupted at every letter typed would never be kept.
        :attr:`conn` itself for a store in memory, when the file cannot be opened again, or while
        :attr:`conn` is inside a transaction (the other sees committed data only). Use it holding :attr:`lock`."""
        with self.lock:
            if self.conn.in_transaction or self.path is None or self._side_failed:
                return self.conn
            if self._steady is None:
                self._steady = open_side_reader(self.path, self.read_only)
            return self._steady or self.conn

    def interrupt(self) -> None:
        """Stop the statements running now on this store's connections (its own and its side readers), from
        any thread, without its lock (the search being stopped holds it): a search made stale by a newer
        query gives up instead of finishing (a one-letter prefix reads for over a second at 100,000
        events). The statement stopped raises ``sqlite3.OperationalError``; the connections stay usable.
        Meant for a reader's store: a write interrupted is rolled back."""
        for conn in (self.conn, *list(self._side)):
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
                conn.interrupt()

    def write_copy(self, target: str | Path) -> None:
        """A read-only copy of the store at ``target``, in one file (see :func:`~.publish.write_copy`)."""
        with self.lock:
            write_copy(self.conn, Path(target))

    def close(self) -> None:
        with self.lock:
            for side in self._side:
                side.close()
            self._side.clear()
            if self._steady is not None:
                self._steady.close()
                self._steady = None
            self._side_failed = True  # closed for good
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

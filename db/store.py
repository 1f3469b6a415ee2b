"""The SQLite store: one API that the CLI and the TUI both use. Never imports Textual.

Plain SQLite (readable by any SQLite tool) through sqlite-utils: tables ``sources``, ``actors``,
``events``, ``quotes``, ``tallies`` and link tables; foreign keys on; WAL; the schema version in
``PRAGMA user_version``. A new store is built in one transaction into a temporary file beside the target
and linked into place, so a crash never leaves half a store and an existing file is never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .edtf import parse_edtf
from .errors import StoreError as StoreError
from .search.indexing import index_document
from .search.schema import add_terms_table, create_index

# pydantic (the models), sqlite-utils and the search engine are imported where first needed: the TUI
# draws its timeline from plain rows, so its start-up loads none of them.
if TYPE_CHECKING:
    import sqlite_utils

    from .models import Actor, Chronology, Event, Passage, Quote, Source, Tally

SCHEMA_VERSION = 2
APP_ID = 0x4348524E  # "CHRN" in PRAGMA application_id: marks a file as a chronology store
SQLITE_MAGIC = b"SQLite format 3\x00"
# How long to wait for another writer (e.g. a `chronology import` in another terminal) before giving up;
# $CHRONOLOGY_BUSY_TIMEOUT (seconds) overrides it.
BUSY_TIMEOUT = 5.0
BUSY_MESSAGE = "store is busy (locked by another chronology?); try again"


# Schema upgrades: MIGRATIONS[n] takes a store from version n to n + 1. It runs inside the upgrade's one
# transaction (so it must not commit: no executescript) after the file was copied to a timestamped backup.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: add_terms_table,  # the search index's word list (fast prefix search)
}
# Kinds that count as a round of talks for "how long since they last met".
ROUND_KINDS = ("meeting", "talks")  # EventKind values
HELD = "held"  # Status.HELD

SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY, outlet TEXT NOT NULL, cites TEXT NOT NULL, title TEXT NOT NULL,
    published TEXT NOT NULL, language TEXT NOT NULL, url TEXT, text TEXT NOT NULL
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name_uk TEXT NOT NULL, name_en TEXT NOT NULL, aliases TEXT NOT NULL,
    role TEXT NOT NULL, role_en TEXT, side TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, date TEXT NOT NULL, date_phrase TEXT,
    date_lower TEXT NOT NULL, date_upper TEXT NOT NULL, precision TEXT NOT NULL, year INTEGER NOT NULL,
    status TEXT NOT NULL, status_as_of TEXT, place TEXT, place_en TEXT,
    duration_minutes INTEGER, duration_qualifier TEXT, duration_phrase TEXT,
    title TEXT NOT NULL, title_en TEXT, summary TEXT NOT NULL, summary_en TEXT,
    outcome TEXT, outcome_en TEXT,
    pos INTEGER,            -- 0-based place in date order, kept by Store.renumber()
    gap_days INTEGER        -- days since the previous held round (meeting/talks), day precision only
);
CREATE INDEX events_order ON events (date_lower, id);
CREATE UNIQUE INDEX events_pos ON events (pos);
CREATE INDEX events_year ON events (year);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    ord INTEGER NOT NULL,
    PRIMARY KEY (event_id, actor_id)
);
CREATE INDEX event_actors_actor ON event_actors (actor_id);
CREATE TABLE citations (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    offset INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (event_id, ord)
);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    speaker_id TEXT REFERENCES actors(id),
    text TEXT NOT NULL, given_as TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id), offset INTEGER NOT NULL
);
CREATE INDEX quotes_event ON quotes (event_id);
CREATE TABLE tallies (
    id TEXT PRIMARY KEY, subject TEXT NOT NULL, subject_en TEXT, period TEXT NOT NULL,
    stated INTEGER NOT NULL, source_id TEXT NOT NULL REFERENCES sources(id),
    offset INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE tally_events (
    tally_id TEXT NOT NULL REFERENCES tallies(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id),
    ord INTEGER NOT NULL,
    PRIMARY KEY (tally_id, event_id)
);
"""


def default_path() -> Path:
    """``$CHRONOLOGY_DB``, else ``chronology.db`` in the user's data directory."""
    env = os.environ.get("CHRONOLOGY_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("chronology", appauthor=False) / "chronology.db"


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """What one timeline line needs, read without loading the whole event."""

    pos: int
    id: str
    kind: str
    date: str
    date_phrase: str | None
    year: int
    status: str
    status_as_of: str | None
    place: str | None
    place_en: str | None
    duration_minutes: int | None
    duration_qualifier: str | None
    duration_phrase: str | None
    title: str
    title_en: str | None
    gap_days: int | None


@dataclass(frozen=True, slots=True)
class TallyRow:
    """A tally as stored: the count the source states and the events it dates."""

    id: str
    subject: str
    subject_en: str | None
    period: str
    stated: int
    event_ids: list[str]
    source_id: str
    offset: int
    text: str


@dataclass(frozen=True, slots=True)
class TallyView:
    tally: Tally
    dated: int  # how many of the counted events the source dates (len(event_ids))


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event in full, with everything the detail view and ``show`` print."""

    event: Event
    pos: int
    gap_days: int | None
    actors: dict[str, Actor]  # participants and quote speakers, by id
    quotes: list[Quote]
    sources: dict[str, Source]  # cited sources, by id (text included: passages are slices of it)
    tallies: list[TallyView]  # counts this event belongs to


_ROW_COLUMNS = (
    "pos, id, kind, date, date_phrase, year, status, status_as_of, place, place_en, duration_minutes, "
    "duration_qualifier, duration_phrase, title, title_en, gap_days"
)


def _busy_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("CHRONOLOGY_BUSY_TIMEOUT", BUSY_TIMEOUT)))
    except ValueError:
        return BUSY_TIMEOUT


def _connect(path: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), uri=uri, check_same_thread=False, isolation_level=None, timeout=_busy_timeout())
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_read_only(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _store_error(exc: sqlite3.Error, path: Path | None, doing: str) -> StoreError:
    """One line for the user from an SQLite error met while ``doing`` something to the store at ``path``."""
    where = str(path) if path is not None else "the store"
    if _is_busy(exc):
        return StoreError(f"{where}: {BUSY_MESSAGE}")
    if _is_read_only(exc):
        return _read_only_error(path)
    return StoreError(f"{where}: cannot {doing} ({exc})")


def _read_only_error(path: Path | None) -> StoreError:
    where = str(path) if path is not None else "the store"
    folder = path.parent if path is not None else "its folder"
    return StoreError(f"{where}: cannot write: the store or its folder {folder} is read-only; nothing was changed")


def _writable(path: Path) -> bool:
    """Whether a writer could change the store: the file and (for the journal) its folder are writable."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_connection(path: Path) -> tuple[sqlite3.Connection, bool, int, int]:
    """Connect and read (user_version, application_id), without writing to the file.

    A store in a read-only folder cannot get WAL's shared-memory file, so a normal connection fails; then
    it is opened read-only (``mode=ro``), and failing that as ``immutable`` (nobody can write there).
    Returns (connection, read_only, user_version, application_id).
    """
    uri = "file:" + urllib.parse.quote(str(path.absolute()))
    attempts: list[tuple[str | Path, bool, bool]] = [(path, False, not _writable(path))]
    attempts += [(f"{uri}?mode=ro", True, True), (f"{uri}?immutable=1", True, True)]
    last: sqlite3.Error | None = None
    for target, uri_mode, read_only in attempts:
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(target, uri=uri_mode)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if _is_busy(exc):
                raise StoreError(f"{path}: {BUSY_MESSAGE}") from None
            if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
                raise StoreError(f"{path} is damaged or not a SQLite database ({exc}); it was left as it is") from None
            last = exc
            continue
        return conn, read_only, int(version), int(app_id)
    raise StoreError(f"{path}: cannot open the store ({last})")


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    """``<name>.backup-YYYYmmdd-HHMMSS.db`` beside ``path`` (with -2, -3 … if that name is taken)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}.db")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{n}.db")
        n += 1
    return candidate


def backup_store(conn: sqlite3.Connection, path: Path) -> Path:
    """Copy the open store to a new timestamped file beside it (SQLite's backup API: a consistent copy,
    WAL content included) and return its path. The copy is a plain single-file database."""
    target = backup_path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            conn.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        try:
            os.link(tmp, target)  # never overwrite an earlier backup
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT, exFAT on a USB stick)
            if target.exists():
                raise FileExistsError(target) from None
            os.replace(tmp, target)
    except FileExistsError:
        raise StoreError(f"{path}: cannot back up the store: {target} appeared meanwhile; try again") from None
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StoreError(
            f"{path}: cannot back up the store before upgrading it ({reason}); nothing was changed"
        ) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return target


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Upgrade the store from ``version`` to SCHEMA_VERSION: back it up, then migrate in one transaction."""
    missing = [v for v in range(version, SCHEMA_VERSION) if v not in MIGRATIONS]
    if missing:
        raise StoreError(
            f"{path} has schema version {version}, and this program cannot upgrade it "
            f"(no upgrade from version {missing[0]}); it was left as it is"
        )
    backup = backup_store(conn, path)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise _store_error(exc, path, "upgrade the store") from None
    try:
        for v in range(version, SCHEMA_VERSION):
            MIGRATIONS[v](conn)
            conn.execute(f"PRAGMA user_version = {v + 1}")
        conn.execute("COMMIT")
    except Exception as exc:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise StoreError(
            f"{path}: upgrading the store from schema version {version} failed ({exc}); "
            f"it was left as it was (a copy is at {backup.name})"
        ) from None
    return backup


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a chronology store") from None
    except PermissionError:
        raise StoreError(f"{path}: permission denied") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a SQLite database (not a chronology store); it was left as it is")


class Store:
    """A chronology store. Thread-safe: calls are serialised on one connection (TUI workers use it)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None, *, read_only: bool = False):
        self.conn = conn
        self.path = path
        self.read_only = read_only  # opened from a read-only file or folder: reads work, writes are refused
        self.backup: Path | None = None  # the copy made before a schema upgrade on open, if there was one
        self._db: sqlite_utils.Database | None = None
        self.lock = threading.RLock()
        self._side: list[sqlite3.Connection] = []  # see side_readers()
        self._side_failed = False

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection (imported on first write)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # ----------------------------------------------------------------- opening and building
    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open an existing store, refusing (without writing to it) anything that is not one we can read.

        Refused with a one-line :class:`StoreError`, the file left byte for byte as it was: a missing file
        or folder, a folder, a file that is not SQLite or not a chronology store, a store with a newer
        schema than this program knows, a store another process holds locked. A store in a read-only
        file or folder opens read-only (``read_only``). An older schema is upgraded after a backup copy.
        """
        path = Path(path)
        if not path.exists():
            if not path.parent.is_dir():
                raise StoreError(f"no folder {path.parent} (for the store {path.name})")
            raise StoreError(f"no store at {path}")
        _check_header(path)
        conn, read_only, version, app_id = _open_connection(path)
        try:
            if app_id != APP_ID:
                raise StoreError(f"{path} is a SQLite database but not a chronology store; it was left as it is")
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{path} has schema version {version}, newer than this program knows ({SCHEMA_VERSION}); "
                    "upgrade chronology; the store was left as it is"
                )
            backup = None
            if version < SCHEMA_VERSION:
                if read_only:
                    raise StoreError(
                        f"{path} has schema version {version} and needs an upgrade to {SCHEMA_VERSION}, "
                        f"but it or its folder {path.parent} is read-only; it was left as it is"
                    )
                backup = _migrate(conn, path, version)
            if not read_only:
                with contextlib.suppress(sqlite3.OperationalError):  # only a store that is not WAL yet
                    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                        conn.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            conn.close()
            raise
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
        if path.exists():
            raise StoreError(f"{path} already exists; it was left as it is")
        if not create_folder and not path.parent.is_dir():
            raise StoreError(f"no folder {path.parent} (for the store {path.name}); create it first")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create folder {path.parent}: {exc.strerror or exc}") from None
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            conn = _connect(tmp)
            try:
                store = cls(conn, tmp)
                store._create_schema()
                conn.execute("BEGIN")
                store._write(doc)
                store.renumber()
                conn.execute("COMMIT")
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
            try:
                os.link(tmp, path)  # fails if path appeared meanwhile: never overwrite
            except FileExistsError:
                raise StoreError(f"{path} already exists; it was left as it is") from None
            except OSError:
                if path.exists():
                    raise StoreError(f"{path} already exists; it was left as it is") from None
                os.replace(tmp, path)
        except sqlite3.Error as exc:
            if not os.access(path.parent, os.W_OK | os.X_OK):
                raise StoreError(f"cannot write in {path.parent}: permission denied (read-only folder)") from None
            raise StoreError(f"cannot build the store at {path}: {exc}") from None
        except PermissionError:
            raise StoreError(f"cannot write in {path.parent}: permission denied") from None
        except OSError as exc:
            raise StoreError(f"cannot build the store at {path}: {exc.strerror or exc}") from None
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        return cls.open(path)

    @classmethod
    def open_or_build(cls, path: str | Path, seed: Chronology | None = None, *, create_folder: bool = True) -> Store:
        """Open the store at ``path``; on first use build it from the bundled seed (see :meth:`build`)."""
        path = Path(path)
        if path.exists():
            return cls.open(path)
        if not create_folder and not path.parent.is_dir():
            raise StoreError(f"no folder {path.parent} (for the store {path.name}); create it first")
        if seed is None:
            from .seeds import load_seed

            seed = load_seed()
        return cls.build(path, seed, create_folder=create_folder)

    @classmethod
    def memory(cls, doc: Chronology | None = None) -> Store:
        """An in-memory store (tests, benchmarks)."""
        conn = _connect(":memory:")
        store = cls(conn)
        store._create_schema()
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
            uri = "file:" + urllib.parse.quote(str(self.path.absolute()))
            targets = [f"{uri}?mode=ro"] + ([f"{uri}?immutable=1"] if self.read_only else [])
            while len(self._side) < count:
                for target in targets:
                    conn: sqlite3.Connection | None = None
                    try:
                        conn = _connect(target, uri=True)
                        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                    except sqlite3.Error:
                        if conn is not None:
                            conn.close()
                        continue
                    self._side.append(conn)
                    break
                else:
                    self._side_failed = True
                    break
            return self._side[:count]

    def close(self) -> None:
        with self.lock:
            for side in self._side:
                side.close()
            self._side.clear()
            self._side_failed = True  # closed for good
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing transaction. Raises a one-line :class:`StoreError` when the store is read-only
        or another process keeps it locked past the busy timeout; nothing is written then."""
        with self.lock:
            if self.read_only:
                raise _read_only_error(self.path)
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _store_error(exc, self.path, "write to the store") from None
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and (_is_busy(exc) or _is_read_only(exc)):
                    raise _store_error(exc, self.path, "write to the store") from None
                raise

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: every read inside sees the same committed state (dry runs, exports)."""
        with self.lock:
            try:
                self.conn.execute("BEGIN")
            except sqlite3.Error as exc:
                raise _store_error(exc, self.path, "read the store") from None
            try:
                yield
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")

    def _create_schema(self) -> None:
        self.conn.executescript(SCHEMA)
        create_index(self.conn)
        self.conn.execute(f"PRAGMA application_id = {APP_ID}")
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # ----------------------------------------------------------------- writing
    def write(self, doc: Chronology) -> None:
        """Upsert every record of an already checked ``doc`` in one all-or-nothing transaction."""
        with self.transaction():
            self._write(doc)
            self.renumber()

    def _write(self, doc: Chronology) -> None:
        """Upsert every record of ``doc`` (caller holds the transaction; ``doc`` is already checked)."""
        db = self.db
        db.table("sources").upsert_all(
            (
                {**s.model_dump(mode="json", exclude={"cites"}), "cites": json.dumps(s.cites, ensure_ascii=False)}
                for s in doc.sources
            ),
            pk="id",
        )
        db.table("actors").upsert_all(
            (
                {
                    **a.model_dump(mode="json", exclude={"aliases"}),
                    "aliases": json.dumps(a.aliases, ensure_ascii=False),
                }
                for a in doc.actors
            ),
            pk="id",
        )
        for e in doc.events:
            self.conn.execute("DELETE FROM event_actors WHERE event_id = ?", (e.id,))
            self.conn.execute("DELETE FROM citations WHERE event_id = ?", (e.id,))
        db.table("events").upsert_all((_event_row(e) for e in doc.events), pk="id")
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
        db.table("quotes").upsert_all((q.model_dump(mode="json") for q in doc.quotes), pk="id")
        for t in doc.tallies:
            self.conn.execute("DELETE FROM tally_events WHERE tally_id = ?", (t.id,))
        db.table("tallies").upsert_all(
            (
                {
                    "id": t.id,
                    "subject": t.subject,
                    "subject_en": t.subject_en,
                    "period": t.period,
                    "stated": t.stated,
                    "source_id": t.citation.source_id,
                    "offset": t.citation.offset,
                    "text": t.citation.text,
                }
                for t in doc.tallies
            ),
            pk="id",
        )
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

    # ----------------------------------------------------------------- reading
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def count_events(self) -> int:
        return int(self._query("SELECT count(*) FROM events")[0][0])

    def timeline(self, start: int = 0, limit: int = -1) -> list[TimelineRow]:
        """Rows ``start`` … ``start + limit - 1`` in date order (an index range, cheap at any depth)."""
        if limit < 0:
            rows = self._query(f"SELECT {_ROW_COLUMNS} FROM events WHERE pos >= ? ORDER BY pos", (start,))
        else:
            rows = self._query(
                f"SELECT {_ROW_COLUMNS} FROM events WHERE pos >= ? AND pos < ? ORDER BY pos", (start, start + limit)
            )
        return [TimelineRow(*r) for r in rows]

    def rows_at(self, positions: Sequence[int]) -> list[TimelineRow]:
        """The rows at the given positions, in the order given (a filtered timeline's window)."""
        if not positions:
            return []
        found: dict[int, TimelineRow] = {}
        for chunk_start in range(0, len(positions), 500):
            chunk = list(positions[chunk_start : chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for r in self._query(f"SELECT {_ROW_COLUMNS} FROM events WHERE pos IN ({marks})", chunk):
                found[r[0]] = TimelineRow(*r)
        return [found[p] for p in positions if p in found]

    def data_version(self) -> int:
        """Changes whenever another connection (e.g. `chronology import` elsewhere) commits to the file."""
        return int(self._query("PRAGMA data_version")[0][0])

    def position(self, event_id: str) -> int | None:
        rows = self._query("SELECT pos FROM events WHERE id = ?", (event_id,))
        return rows[0][0] if rows else None

    def year_starts(self) -> list[tuple[int, int, int]]:
        """(year, first position, number of events) for every year, in order."""
        return [
            (int(y), int(p), int(n))
            for y, p, n in self._query("SELECT year, min(pos), count(*) FROM events GROUP BY year ORDER BY year")
        ]

    def event_ids(self) -> list[str]:
        return [r[0] for r in self._query("SELECT id FROM events ORDER BY pos")]

    def event(self, event_id: str) -> EventDetail | None:
        """One event in full, or None if there is no such id."""
        from .models import Passage

        with self.lock:
            row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
            if row is None:
                return None
            cols = [d[0] for d in self.conn.execute("SELECT * FROM events LIMIT 0").description]
            data = dict(zip(cols, row, strict=True))
            participants = [
                r[0]
                for r in self.conn.execute(
                    "SELECT actor_id FROM event_actors WHERE event_id = ? ORDER BY ord", (event_id,)
                )
            ]
            citations = [
                Passage(source_id=s, offset=o, text=t)
                for s, o, t in self.conn.execute(
                    "SELECT source_id, offset, text FROM citations WHERE event_id = ? ORDER BY ord", (event_id,)
                )
            ]
            quotes = [
                _quote(r)
                for r in self.conn.execute(
                    "SELECT id, event_id, speaker_id, text, given_as, source_id, offset FROM quotes "
                    "WHERE event_id = ? ORDER BY offset, id",
                    (event_id,),
                )
            ]
            event = _event_from_row(data, participants, citations)
            actor_ids = set(participants) | {q.speaker_id for q in quotes if q.speaker_id}
            actors = {a.id: a for a in self._actors(actor_ids)}
            source_ids = {c.source_id for c in citations} | {q.source_id for q in quotes}
            sources = {s.id: s for s in self._sources(source_ids)}
            tallies = [TallyView(t, len(t.event_ids)) for t in self.tallies() if event_id in t.event_ids]
            return EventDetail(event, data["pos"], data["gap_days"], actors, quotes, sources, tallies)

    def _rows_for(self, sql: str, ids: set[str] | None) -> list[tuple[Any, ...]]:
        """``sql`` (a SELECT without WHERE) for every row, or only the rows whose id is in ``ids``
        (filtered in SQLite, so a detail view never reads every source's text), ordered by id."""
        if ids is None:
            return self._query(sql + " ORDER BY id")
        rows: list[tuple[Any, ...]] = []
        wanted = sorted(ids)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows += self._query(f"{sql} WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk)
        return sorted(rows, key=lambda r: r[0])

    def _actors(self, ids: set[str] | None = None) -> list[Actor]:
        from .models import Actor

        rows = self._rows_for("SELECT id, name_uk, name_en, aliases, role, role_en, side FROM actors", ids)
        return [
            Actor(id=i, name_uk=nu, name_en=ne, aliases=json.loads(al), role=r, role_en=re_, side=s)
            for i, nu, ne, al, r, re_, s in rows
        ]

    def actors(self) -> list[Actor]:
        return self._actors()

    def _sources(self, ids: set[str] | None = None) -> list[Source]:
        from .models import Source

        rows = self._rows_for("SELECT id, outlet, cites, title, published, language, url, text FROM sources", ids)
        return [
            Source(id=i, outlet=o, cites=json.loads(c), title=t, published=p, language=lang, url=u, text=x)
            for i, o, c, t, p, lang, u, x in rows
        ]

    def sources(self) -> list[Source]:
        return self._sources()

    def source_texts(self) -> dict[str, str]:
        return dict(self._query("SELECT id, text FROM sources"))

    def record_ids(self, kind: str) -> set[str]:
        """The ids in one of the record lists: ``sources``, ``actors``, ``events``, ``quotes``, ``tallies``."""
        if kind not in ("sources", "actors", "events", "quotes", "tallies"):
            raise ValueError(f"no record list {kind!r}")
        return {r[0] for r in self._query(f"SELECT id FROM {kind}")}

    def passages_of(self, source_id: str) -> list[tuple[str, int, str]]:
        """Every passage the store takes from a source, as (where, offset, text), ``where`` named like
        :func:`~chronology.db.models.check_document` names it: ``events[ID].citations[0]``, ``quotes[ID]``."""
        rows = self._query(
            "SELECT 'events[' || event_id || '].citations[' || ord || ']', offset, text FROM citations "
            "WHERE source_id = ? UNION ALL "
            "SELECT 'quotes[' || id || ']', offset, text FROM quotes WHERE source_id = ? UNION ALL "
            "SELECT 'tallies[' || id || '].citation', offset, text FROM tallies WHERE source_id = ? "
            "ORDER BY 1",
            (source_id, source_id, source_id),
        )
        return [(w, int(o), t) for w, o, t in rows]

    def tally_rows(self) -> list[TallyRow]:
        """The tallies as plain rows (what the timeline's year headings need; no pydantic)."""
        with self.lock:
            links: dict[str, list[str]] = {}
            for tid, eid in self.conn.execute("SELECT tally_id, event_id FROM tally_events ORDER BY tally_id, ord"):
                links.setdefault(tid, []).append(eid)
            rows = self.conn.execute(
                "SELECT id, subject, subject_en, period, stated, source_id, offset, text FROM tallies ORDER BY id"
            ).fetchall()
        return [TallyRow(i, s, se, p, n, links.get(i, []), src, o, t) for i, s, se, p, n, src, o, t in rows]

    def tallies(self) -> list[Tally]:
        from .models import Passage, Tally

        return [
            Tally(
                id=r.id,
                subject=r.subject,
                subject_en=r.subject_en,
                period=r.period,
                stated=r.stated,
                event_ids=r.event_ids,
                citation=Passage(source_id=r.source_id, offset=r.offset, text=r.text),
            )
            for r in self.tally_rows()
        ]

    def events(self) -> Iterator[Event]:
        """Every event in date order, in full (exports); read 500 at a time."""
        ids = self.event_ids()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = self.events_by_id(chunk)
            yield from (found[eid] for eid in chunk if eid in found)

    def events_by_id(self, ids: Sequence[str]) -> dict[str, Event]:
        """The events with these ids, in full, read in bulk (three queries per 500 ids); unknown ids are left out."""
        from .models import Passage

        found: dict[str, Event] = {}
        wanted = list(dict.fromkeys(ids))
        with self.lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                cur = self.conn.execute(f"SELECT * FROM events WHERE id IN ({marks})", chunk)
                cols = [d[0] for d in cur.description]
                rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
                participants: dict[str, list[str]] = {}
                for eid, aid in self.conn.execute(
                    f"SELECT event_id, actor_id FROM event_actors WHERE event_id IN ({marks}) ORDER BY event_id, ord",
                    chunk,
                ):
                    participants.setdefault(eid, []).append(aid)
                citations: dict[str, list[Passage]] = {}
                for eid, s, o, t in self.conn.execute(
                    f"SELECT event_id, source_id, offset, text FROM citations WHERE event_id IN ({marks}) "
                    "ORDER BY event_id, ord",
                    chunk,
                ):
                    citations.setdefault(eid, []).append(Passage(source_id=s, offset=o, text=t))
                for data in rows:
                    eid = data["id"]
                    found[eid] = _event_from_row(data, participants.get(eid, []), citations.get(eid, []))
        return found

    def quotes(self) -> list[Quote]:
        return [
            _quote(r)
            for r in self._query(
                "SELECT q.id, q.event_id, q.speaker_id, q.text, q.given_as, q.source_id, q.offset "
                "FROM quotes q JOIN events e ON e.id = q.event_id ORDER BY e.pos, q.offset, q.id"
            )
        ]

    def to_document(self) -> Chronology:
        """The whole store as one document (the import/export format)."""
        from .models import Chronology

        return Chronology(
            sources=self.sources(),
            actors=self.actors(),
            events=list(self.events()),
            quotes=self.quotes(),
            tallies=self.tallies(),
        )


def _event_row(e: Event) -> dict[str, Any]:
    d = parse_edtf(e.date)
    return {
        "id": e.id,
        "kind": e.kind.value,
        "date": e.date,
        "date_phrase": e.date_phrase,
        "date_lower": d.lower.isoformat(),
        "date_upper": d.upper.isoformat(),
        "precision": d.precision.value,
        "year": d.year,
        "status": e.status.value,
        "status_as_of": e.status_as_of.isoformat() if e.status_as_of else None,
        "place": e.place,
        "place_en": e.place_en,
        "duration_minutes": e.duration.minutes if e.duration else None,
        "duration_qualifier": e.duration.qualifier.value if e.duration else None,
        "duration_phrase": e.duration.phrase if e.duration else None,
        "title": e.title,
        "title_en": e.title_en,
        "summary": e.summary,
        "summary_en": e.summary_en,
        "outcome": e.outcome,
        "outcome_en": e.outcome_en,
    }


def _event_from_row(data: dict[str, Any], participants: list[str], citations: list[Passage]) -> Event:
    from .models import Duration, Event

    duration = None
    if data["duration_minutes"] is not None:
        duration = Duration(
            minutes=data["duration_minutes"], qualifier=data["duration_qualifier"], phrase=data["duration_phrase"]
        )
    return Event(
        id=data["id"],
        kind=data["kind"],
        date=data["date"],
        date_phrase=data["date_phrase"],
        status=data["status"],
        status_as_of=data["status_as_of"],
        place=data["place"],
        place_en=data["place_en"],
        duration=duration,
        participants=participants,
        title=data["title"],
        title_en=data["title_en"],
        summary=data["summary"],
        summary_en=data["summary_en"],
        outcome=data["outcome"],
        outcome_en=data["outcome_en"],
        citations=citations,
    )


def _quote(r: tuple[Any, ...]) -> Quote:
    from .models import Quote

    i, e, s, t, g, src, o = r
    return Quote(id=i, event_id=e, speaker_id=s, text=t, given_as=g, source_id=src, offset=o)

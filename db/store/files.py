"""The store's file: where it is, connecting, opening it (read-only when it must), backing it up and
upgrading it, and building a new one atomically.

A store in a read-only file or folder opens read-only. A new store is built in one transaction into a
temporary file beside the target and linked into place, so a crash never leaves half a store and an
existing file is never overwritten. Every refusal is a one-line :class:`~chronology.db.errors.StoreError`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from ..errors import (
    ALREADY_EXISTS,
    BACKUP_APPEARED,
    BACKUP_FAILED,
    BUSY,
    CANNOT_BUILD,
    CANNOT_CREATE_FOLDER,
    CANNOT_OPEN,
    CANNOT_READ_FILE,
    CANNOT_UPGRADE,
    CANNOT_WRITE_IN,
    CANNOT_WRITE_IN_READ_ONLY,
    DAMAGED,
    IS_A_FOLDER,
    ITS_FOLDER,
    NEWER_SCHEMA,
    NO_FOLDER,
    NO_FOLDER_CREATE_IT,
    NO_STORE,
    NO_UPGRADE,
    NOT_A_STORE,
    NOT_SQLITE,
    PERMISSION_DENIED,
    READ_ONLY,
    STORE_NOT_REGULAR,
    THE_STORE,
    UPGRADE_FAILED,
    UPGRADE_READ_ONLY,
    StoreError,
)
from . import leftovers, schema

SQLITE_MAGIC = b"SQLite format 3\x00"
# How long to wait for another writer (e.g. a `chronology import` in another terminal) before giving up;
# $CHRONOLOGY_BUSY_TIMEOUT (seconds) overrides it.
BUSY_TIMEOUT = 5.0


def default_path() -> Path:
    """``$CHRONOLOGY_DB``, else ``chronology.db`` in the user's data directory."""
    env = os.environ.get("CHRONOLOGY_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when no store was named

    return platformdirs.user_data_path("chronology", appauthor=False) / "chronology.db"


def _busy_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("CHRONOLOGY_BUSY_TIMEOUT", BUSY_TIMEOUT)))
    except ValueError:
        return BUSY_TIMEOUT


def connect(path: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    """A connection as the store uses it: any thread, autocommit (transactions are explicit), foreign keys."""
    conn = sqlite3.connect(str(path), uri=uri, check_same_thread=False, isolation_level=None, timeout=_busy_timeout())
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def is_read_only(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _where(path: Path | None) -> str:
    return str(path) if path is not None else THE_STORE


def store_error(exc: sqlite3.Error, path: Path | None, template: str) -> StoreError:
    """One line for the user from an SQLite error met on the store at ``path``: busy, read-only, or
    ``template`` (with ``where`` and ``error``) for anything else."""
    if is_busy(exc):
        return StoreError(BUSY, where=_where(path))
    if is_read_only(exc):
        return read_only_error(path)
    return StoreError(template, where=_where(path), error=exc)


def read_only_error(path: Path | None) -> StoreError:
    folder = path.parent if path is not None else ITS_FOLDER
    return StoreError(READ_ONLY, where=_where(path), folder=folder)


def _writable(path: Path) -> bool:
    """Whether a writer could change the store: the file and (for the journal) its folder are writable. A
    file that nobody may write (a published read-only copy) counts as read-only for root too, who could."""
    try:
        if path.stat().st_mode & 0o222 == 0:
            return False
    except OSError:
        return False
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _uri(path: Path) -> str:
    return "file:" + urllib.parse.quote(os.fsencode(path.absolute()))  # bytes: a name that is not UTF-8 too


def _open_connection(path: Path) -> tuple[sqlite3.Connection, bool, int, int]:
    """Connect and read (user_version, application_id), without writing to the file.

    A store in a read-only folder cannot get WAL's shared-memory file, so a normal connection fails; then
    it is opened read-only (``mode=ro``), and failing that as ``immutable`` (nobody can write there).
    Returns (connection, read_only, user_version, application_id).
    """
    uri = _uri(path)
    attempts: list[tuple[str | Path, bool, bool]] = [(path, False, not _writable(path))]
    attempts += [(f"{uri}?mode=ro", True, True), (f"{uri}?immutable=1", True, True)]
    last: sqlite3.Error | None = None
    for target, uri_mode, read_only in attempts:
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(target, uri=uri_mode)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if is_busy(exc):
                raise StoreError(BUSY, where=path) from None
            if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
                raise StoreError(DAMAGED, path=path, error=exc) from None
            last = exc
            continue
        return conn, read_only, int(version), int(app_id)
    raise StoreError(CANNOT_OPEN, path=path, error=last)


def open_side_reader(path: Path, read_only: bool) -> sqlite3.Connection | None:
    """One more connection to the store at ``path``, read-only (``immutable`` too if the store was opened
    read-only); None if the file cannot be opened again."""
    uri = _uri(path)
    targets = [f"{uri}?mode=ro"] + ([f"{uri}?immutable=1"] if read_only else [])
    for target in targets:
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(target, uri=True)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            if conn is not None:
                conn.close()
            continue
        return conn
    return None


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except IsADirectoryError:
        raise StoreError(IS_A_FOLDER, path=path) from None
    except PermissionError:
        raise StoreError(PERMISSION_DENIED, path=path) from None
    except OSError as exc:
        raise StoreError(CANNOT_READ_FILE, path=path, error=exc.strerror or exc) from None
    if head != SQLITE_MAGIC:
        raise StoreError(NOT_SQLITE, path=path)


def open_file(path: Path) -> tuple[sqlite3.Connection, bool, Path | None]:
    """Open an existing store, refusing (without writing to it) anything that is not one we can read.

    Refused with a one-line :class:`StoreError`, the file left byte for byte as it was: a missing file
    or folder, a folder, a file that is not SQLite or not a chronology store, a store with a newer
    schema than this program knows, a store another process holds locked. A store in a read-only
    file or folder opens read-only. An older schema is upgraded after a backup copy.
    Returns (connection, read_only, the backup made before an upgrade or None).
    """
    if not path.exists():
        if not path.parent.is_dir():
            raise StoreError(NO_FOLDER, folder=path.parent, name=path.name)
        raise StoreError(NO_STORE, path=path)
    if path.exists() and not path.is_dir() and not path.is_file():  # a FIFO would block the open for ever
        raise StoreError(STORE_NOT_REGULAR, path=path)
    _check_header(path)
    conn, read_only, version, app_id = _open_connection(path)
    try:
        if app_id != schema.APP_ID:
            raise StoreError(NOT_A_STORE, path=path)
        if version > schema.SCHEMA_VERSION:
            raise StoreError(NEWER_SCHEMA, path=path, version=version, known=schema.SCHEMA_VERSION)
        backup = None
        if version < schema.SCHEMA_VERSION:
            if read_only:
                raise StoreError(
                    UPGRADE_READ_ONLY, path=path, version=version, known=schema.SCHEMA_VERSION, folder=path.parent
                )
            backup = _migrate(conn, path, version)
        if not read_only:
            leftovers.clean(path)  # what a killed build or upgrade left beside it
            with contextlib.suppress(sqlite3.OperationalError):  # only a store that is not WAL yet
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        conn.close()
        raise
    return conn, read_only, backup


# ---------------------------------------------------------------------------------------------- upgrading
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
        raise StoreError(BACKUP_APPEARED, path=path, target=target) from None
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StoreError(BACKUP_FAILED, path=path, error=reason) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return target


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Upgrade the store from ``version`` to SCHEMA_VERSION: back it up, then migrate in one transaction."""
    target, migrations = schema.SCHEMA_VERSION, schema.MIGRATIONS
    missing = [v for v in range(version, target) if v not in migrations]
    if missing:
        raise StoreError(NO_UPGRADE, path=path, version=version, missing=missing[0])
    backup = backup_store(conn, path)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise store_error(exc, path, CANNOT_UPGRADE) from None
    try:
        for v in range(version, target):
            migrations[v](conn)
            conn.execute(f"PRAGMA user_version = {v + 1}")
        conn.execute("COMMIT")
    except Exception as exc:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise StoreError(UPGRADE_FAILED, path=path, version=version, error=exc, backup=backup.name) from None
    return backup


# ---------------------------------------------------------------------------------------------- building
def check_folder(path: Path) -> None:
    """Refuse a store path whose folder does not exist (a path the user typed: a typo should not make
    folders)."""
    if not path.parent.is_dir():
        raise StoreError(NO_FOLDER_CREATE_IT, folder=path.parent, name=path.name)


def build_file(path: Path, fill: Callable[[sqlite3.Connection], None], *, create_folder: bool = True) -> None:
    """Create a new store file at ``path``, filled by ``fill(conn)`` (which creates the schema and writes
    in one transaction); refuse if anything is already there.

    ``create_folder``: create missing parent folders (the default data folder); else refuse with a
    message naming the missing folder.
    """
    if path.exists():
        raise StoreError(ALREADY_EXISTS, path=path)
    if not create_folder:
        check_folder(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(CANNOT_CREATE_FOLDER, folder=path.parent, error=exc.strerror or exc) from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        conn = connect(tmp)
        try:
            fill(conn)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        try:
            os.link(tmp, path)  # fails if path appeared meanwhile: never overwrite
        except FileExistsError:
            raise StoreError(ALREADY_EXISTS, path=path) from None
        except OSError:
            if path.exists():
                raise StoreError(ALREADY_EXISTS, path=path) from None
            os.replace(tmp, path)
    except sqlite3.Error as exc:
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise StoreError(CANNOT_WRITE_IN_READ_ONLY, folder=path.parent) from None
        raise StoreError(CANNOT_BUILD, path=path, error=exc) from None
    except PermissionError:
        raise StoreError(CANNOT_WRITE_IN, folder=path.parent) from None
    except OSError as exc:
        raise StoreError(CANNOT_BUILD, path=path, error=exc.strerror or exc) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()

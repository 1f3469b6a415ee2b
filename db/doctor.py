"""``chronology doctor``: is the store's file sound, and does its search index say what its tables hold?

Three checks, each a :class:`~chronology.db.errors.Problem` when it fails:

* SQLite's ``PRAGMA integrity_check`` (pages, b-trees, indexes of the tables);
* the full-text tables' own ``integrity-check`` (the search index, and the tables for Datasette and
  sqlite-utils), which finds an index that no longer matches its rows;
* the search rows against the records: the rows the records give, made anew inside a transaction that is
  rolled back, against the rows the store holds.

:func:`repair` backs the store up first, then rebuilds the search index and the tools' full-text tables
from the records. It cannot mend damaged pages of the records themselves: that needs the backup or an export.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from . import errors as e
from .errors import Problem
from .search import indexing
from .search.schema import create_index, has_index
from .store import Store, tool_fts
from .store.files import backup_store

ROWS = "SELECT rowid, kind, field, lang, ev, ref, n, qx, ql, tx, tl, bx, bl FROM search_rows ORDER BY rowid"


def _fts_tables(conn: sqlite3.Connection) -> list[str]:
    names = ["search_fts"] if has_index(conn) else []
    if tool_fts.has_tool_fts(conn):
        names += [tool_fts.fts_name(table) for table in tool_fts.TABLES]
    return names


def _integrity(conn: sqlite3.Connection) -> Iterator[Problem]:
    try:
        lines = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        yield Problem(e.THE_FILE, e.INTEGRITY_FAILED, error=exc)
        return
    for line in lines:
        if line != "ok":
            yield Problem(e.THE_FILE, e.INTEGRITY_FAILED, error=line)


def _fts(conn: sqlite3.Connection) -> Iterator[Problem]:
    for name in _fts_tables(conn):
        try:
            conn.execute(f"INSERT INTO {name} ({name}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            yield Problem(name, e.INDEX_DAMAGED, error=exc)


def _rows(conn: sqlite3.Connection) -> Iterator[Problem]:
    if not has_index(conn):
        yield Problem("search_rows", e.NO_INDEX)
        return
    try:
        held = set(conn.execute(ROWS))
        conn.execute("SAVEPOINT doctor")
        try:
            indexing.rebuild(conn)
            made = set(conn.execute(ROWS))
        finally:
            conn.execute("ROLLBACK TO doctor")
            conn.execute("RELEASE doctor")
    except sqlite3.DatabaseError as exc:
        yield Problem("search_rows", e.INDEX_DAMAGED, error=exc)
        return
    if held != made:
        yield Problem("search_rows", e.INDEX_STALE, missing=len(made - held), extra=len(held - made))


def examine(store: Store) -> list[Problem]:
    """What is wrong with ``store``'s file and its index (nothing: it is sound). Reads only: the index is made
    anew inside a transaction that is rolled back."""
    with store.lock:
        conn = store.conn
        problems = list(_integrity(conn))
        conn.execute("BEGIN")
        try:
            problems += _fts(conn)
            problems += _rows(conn)
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
    return problems


def repair(store: Store) -> Path | None:
    """Back ``store`` up, then rebuild its search index and the tools' full-text tables from its records, in
    one transaction; return the backup (None for a store in memory)."""
    backup = backup_store(store.conn, store.path) if store.path is not None else None
    with store.lock:
        if not has_index(store.conn):
            create_index(store.conn)  # executescript: outside the transaction
    with store.transaction():
        conn = store.conn
        indexing.rebuild(conn)
        if tool_fts.has_tool_fts(conn):
            tool_fts.rebuild(conn)
    return backup

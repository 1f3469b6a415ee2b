"""Full-text tables for other SQLite tools: Datasette's ``?_search=`` and ``sqlite-utils search``.

The app searches its own index (:mod:`chronology.db.search.schema`: folded words and their normal forms, one
row per field, rowids that encode the event). Other tools cannot use it: they look for an FTS table declared
over the table they show, in the form sqlite-utils writes (``content="events"``), whose rowids are that
table's rowids. So each table with text people search gets one here, exactly as ``sqlite-utils enable-fts
--create-triggers`` would make it (same names, same triggers, so ``sqlite-utils rebuild-fts`` works too):

* ``events_fts`` over the events' titles, summaries, outcomes and places (Ukrainian and English);
* ``quotes_fts`` over the quotes and how they were given;
* ``citations_fts`` over the passages each event cites;
* ``actors_fts`` over people's names, spellings and roles.

They hold the original words (a plain tokenizer: no normal forms), and their triggers keep them in step with
every change, by chronology or any other tool. A write of many records drops the triggers and rebuilds the
tables in one pass instead (see :func:`bulk`), as the app's own index does.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

# Case-folded words, diacritics kept (й is not и, ї is not і), combining marks inside words; every apostrophe
# (' ’ ʼ) separates, so "п’ятниця" typed with any of them finds the others.
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*' separators 'ʼ'"

# The searched columns of each table (only text columns: FTS5 reads them back from the table).
TABLES: dict[str, tuple[str, ...]] = {
    "events": ("title", "summary", "outcome", "place", "title_en", "summary_en", "outcome_en", "place_en"),
    "quotes": ("text", "given_as"),
    "citations": ("text",),
    "actors": ("name_uk", "name_en", "aliases", "role", "role_en"),
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def fts_name(table: str) -> str:
    return f"{table}_fts"


def table_sql(table: str) -> str:
    """The FTS5 table of ``table``, declared as sqlite-utils declares it (what Datasette and sqlite-utils detect;
    SQLite keeps the statement without its IF NOT EXISTS)."""
    columns = ", ".join(_q(c) for c in TABLES[table])
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {_q(fts_name(table))} USING FTS5 (\n"
        f"    {columns},\n"
        f'    tokenize="{TOKENIZER}",\n'
        f"    content={_q(table)}\n"
        ")"
    )


def trigger_sql(table: str) -> list[str]:
    """The three triggers sqlite-utils creates with ``--create-triggers`` (``<table>_ai``, ``_ad``, ``_au``),
    the update trigger only for the indexed columns (renumbering the events' places must not re-index them)."""
    cols = TABLES[table]
    names = ", ".join(_q(c) for c in cols)
    old = ", ".join(f"old.{_q(c)}" for c in cols)
    new = ", ".join(f"new.{_q(c)}" for c in cols)
    t, fts = _q(table), _q(fts_name(table))
    return [
        f"CREATE TRIGGER IF NOT EXISTS {_q(table + '_ai')} AFTER INSERT ON {t} BEGIN\n"
        f"  INSERT INTO {fts} (rowid, {names}) VALUES (new.rowid, {new});\nEND",
        f"CREATE TRIGGER IF NOT EXISTS {_q(table + '_ad')} AFTER DELETE ON {t} BEGIN\n"
        f"  INSERT INTO {fts} ({fts}, rowid, {names}) VALUES('delete', old.rowid, {old});\nEND",
        f"CREATE TRIGGER IF NOT EXISTS {_q(table + '_au')} AFTER UPDATE OF {names} ON {t} BEGIN\n"
        f"  INSERT INTO {fts} ({fts}, rowid, {names}) VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO {fts} (rowid, {names}) VALUES (new.rowid, {new});\nEND",
    ]


def _drop_triggers(conn: sqlite3.Connection, table: str) -> None:
    for suffix in ("_ai", "_ad", "_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {_q(table + suffix)}")


def _create_triggers(conn: sqlite3.Connection, table: str) -> None:
    for sql in trigger_sql(table):
        conn.execute(sql)


def rebuild(conn: sqlite3.Connection) -> None:
    """Index every row of the tables anew (FTS5's ``rebuild``); the caller holds the transaction."""
    for table in TABLES:
        fts = _q(fts_name(table))
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def create_tool_fts(conn: sqlite3.Connection) -> None:
    """Create the tables and their triggers, and index what the store already holds (part of a new store's
    schema, and the schema upgrade that adds them). Statement by statement: it never commits, so it can run
    inside the upgrade's transaction."""
    for table in TABLES:
        conn.execute(table_sql(table))
        _create_triggers(conn, table)
    rebuild(conn)


def has_tool_fts(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events_fts'").fetchone() is not None


@contextlib.contextmanager
def bulk(conn: sqlite3.Connection, records: int) -> Iterator[None]:
    """Writing ``records`` rows (inside the caller's transaction): if that is more than the store holds (a new
    store, a first big import), the triggers are dropped for the write and the tables rebuilt in one pass
    after it (several times faster than row by row); else the triggers do the work. DDL is transactional in
    SQLite: a rollback restores the triggers."""
    if not has_tool_fts(conn):
        yield
        return
    held = (
        conn.execute("SELECT count(*) FROM events").fetchone()[0]
        + conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    )
    if records <= held:
        yield
        return
    for table in TABLES:
        _drop_triggers(conn, table)
    yield
    rebuild(conn)
    for table in TABLES:
        _create_triggers(conn, table)

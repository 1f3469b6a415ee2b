"""The store's tables, its schema version and the upgrades from older versions. Takes a connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..edtf import parse_edtf
from ..search.schema import add_terms_table, create_index
from .order import renumber
from .tool_fts import create_tool_fts

# Opening a store reads SCHEMA_VERSION and MIGRATIONS from this module when it opens (tests change them).
SCHEMA_VERSION = 6
APP_ID = 0x4348524E  # "CHRN" in PRAGMA application_id: marks a file as a chronology store


def add_source_words_columns(conn: sqlite3.Connection) -> None:
    """Schema upgrade 2 → 3: the columns of the source-words rules (English companions, curator's notes,
    ``before``, actor and quote kinds, the title's origin), each event's sort date, and the gap's anchor
    and its undated rounds; then every event's place and gap anew. Existing records keep their values (an
    old store's findings are for ``chronology check`` to report; nothing is rewritten)."""
    for table, column in (
        ("sources", "outlet_en TEXT"),
        ("sources", "title_origin TEXT NOT NULL DEFAULT 'curator'"),
        ("actors", "type TEXT NOT NULL DEFAULT 'person'"),
        ("events", "date_phrase_en TEXT"),
        ("events", "date_sort TEXT"),
        ("events", "before_id TEXT"),
        ("events", "note TEXT"),
        ("events", "note_en TEXT"),
        ("events", "gap_from TEXT"),
        ("events", "gap_undated INTEGER NOT NULL DEFAULT 0"),
        ("quotes", "kind TEXT NOT NULL DEFAULT 'speech'"),
        ("quotes", "given_as_en TEXT"),
    ):
        if column.split()[0] not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    conn.executemany(
        "UPDATE events SET date_sort = ? WHERE id = ?",
        [(parse_edtf(date).sort.isoformat(), eid) for eid, date in conn.execute("SELECT id, date FROM events")],
    )
    conn.execute("DROP INDEX IF EXISTS events_order")
    conn.execute("CREATE INDEX events_order ON events (date_sort, id)")
    renumber(conn)


# Indexes for the search's field filters (kind, status, month) and for moving between rounds (kind, pos): each
# reads a few index entries instead of scanning the events (a scan of 100,000 events takes 100–250 ms).
EVENT_INDEXES = """
CREATE INDEX IF NOT EXISTS events_kind ON events (kind, pos);
CREATE INDEX IF NOT EXISTS events_status ON events (status, pos);
CREATE INDEX IF NOT EXISTS events_month ON events (substr(date_lower, 6, 2), precision);
"""


def add_event_indexes(conn: sqlite3.Connection) -> None:
    """Schema upgrade 4 → 5: :data:`EVENT_INDEXES` (inside the upgrade's transaction: no executescript)."""
    for statement in EVENT_INDEXES.split(";"):
        if statement.strip():
            conn.execute(statement)


# Issue #12: where sources disagree about an event's date, status, place or duration, each claim is kept with
# its passage (Event.claims), one row per claim in the event's order.
CLAIMS_TABLE = """
CREATE TABLE IF NOT EXISTS claims (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    field TEXT NOT NULL, value TEXT NOT NULL,
    duration_minutes INTEGER, duration_qualifier TEXT, duration_phrase TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id),
    offset INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (event_id, ord)
)
"""


def add_claims_table(conn: sqlite3.Connection) -> None:
    """Schema upgrade 5 → 6 (issue #12): the ``claims`` table, empty — no store had claims before it.
    Idempotent, and one statement (a migration runs inside the upgrade's transaction, so no executescript)."""
    conn.execute(CLAIMS_TABLE)


# Schema upgrades: MIGRATIONS[n] takes a store from version n to n + 1. It runs inside the upgrade's one
# transaction (so it must not commit: no executescript) after the file was copied to a timestamped backup.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: add_terms_table,  # the search index's word list (fast prefix search)
    2: add_source_words_columns,  # truth to source: notes, English companions, before, kinds, gaps
    3: create_tool_fts,  # full-text tables in the form Datasette and sqlite-utils detect (issue #13)
    4: add_event_indexes,  # field filters and moving between rounds without scans
    5: add_claims_table,  # issue #12: the claims of sources that disagree
}

SCHEMA = f"""
CREATE TABLE sources (
    id TEXT PRIMARY KEY, outlet TEXT NOT NULL, cites TEXT NOT NULL, title TEXT NOT NULL,
    published TEXT NOT NULL, language TEXT NOT NULL, url TEXT, text TEXT NOT NULL,
    outlet_en TEXT, title_origin TEXT NOT NULL DEFAULT 'curator'
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name_uk TEXT NOT NULL, name_en TEXT NOT NULL, aliases TEXT NOT NULL,
    role TEXT NOT NULL,     -- '' when the source does not say
    role_en TEXT, side TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT 'person'
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, date TEXT NOT NULL, date_phrase TEXT,
    date_lower TEXT NOT NULL, date_upper TEXT NOT NULL, precision TEXT NOT NULL, year INTEGER NOT NULL,
    status TEXT NOT NULL, status_as_of TEXT, place TEXT, place_en TEXT,
    duration_minutes INTEGER, duration_qualifier TEXT, duration_phrase TEXT,
    title TEXT NOT NULL, title_en TEXT, summary TEXT NOT NULL, summary_en TEXT,
    outcome TEXT, outcome_en TEXT,
    pos INTEGER,            -- 0-based place in the chronology, kept by renumber() (store/order.py)
    gap_days INTEGER,       -- days since the previous held round dated to the day (its anchor)
    date_phrase_en TEXT,
    date_sort TEXT,         -- where the date is placed: its first day (its bound's, for [..X])
    before_id TEXT,         -- the event the source says this one came before
    note TEXT, note_en TEXT,  -- the curator's note
    gap_from TEXT,          -- the anchor's date
    gap_undated INTEGER NOT NULL DEFAULT 0  -- rounds without an exact date between: 0 none, 1 maybe, 2 certainly
);
CREATE INDEX events_order ON events (date_sort, id);
CREATE UNIQUE INDEX events_pos ON events (pos);
CREATE INDEX events_year ON events (year);
{EVENT_INDEXES.strip()}
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
    source_id TEXT NOT NULL REFERENCES sources(id), offset INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'speech', given_as_en TEXT
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


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables of a new, empty store (the search index's too) and mark it as a chronology store of
    this schema version."""
    conn.executescript(SCHEMA)
    add_claims_table(conn)
    create_index(conn)
    create_tool_fts(conn)
    conn.execute(f"PRAGMA application_id = {APP_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

"""The store's tables, its schema version and the upgrades from older versions. Takes a connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..search.schema import add_terms_table, create_index

# Opening a store reads SCHEMA_VERSION and MIGRATIONS from this module when it opens (tests change them).
SCHEMA_VERSION = 3
APP_ID = 0x4348524E  # "CHRN" in PRAGMA application_id: marks a file as a chronology store

# Indexes for the search's field filters (kind, status, month) and for moving between rounds (kind, pos): each
# reads a few index entries instead of scanning the events (a scan of 100,000 events takes 100–250 ms).
EVENT_INDEXES = """
CREATE INDEX IF NOT EXISTS events_kind ON events (kind, pos);
CREATE INDEX IF NOT EXISTS events_status ON events (status, pos);
CREATE INDEX IF NOT EXISTS events_month ON events (substr(date_lower, 6, 2), precision);
"""


def add_event_indexes(conn: sqlite3.Connection) -> None:
    """Schema upgrade 2 → 3: :data:`EVENT_INDEXES` (inside the upgrade's transaction: no executescript)."""
    for statement in EVENT_INDEXES.split(";"):
        if statement.strip():
            conn.execute(statement)


# Schema upgrades: MIGRATIONS[n] takes a store from version n to n + 1. It runs inside the upgrade's one
# transaction (so it must not commit: no executescript) after the file was copied to a timestamped backup.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: add_terms_table,  # the search index's word list (fast prefix search)
    2: add_event_indexes,  # field filters and moving between rounds without scans
}

SCHEMA = f"""
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


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables of a new, empty store (the search index's too) and mark it as a chronology store of
    this schema version."""
    conn.executescript(SCHEMA)
    create_index(conn)
    conn.execute(f"PRAGMA application_id = {APP_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

"""The store's tables, its schema version and the upgrades from older versions. Takes a connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..search.schema import add_terms_table, create_index

# Opening a store reads SCHEMA_VERSION and MIGRATIONS from this module when it opens (tests change them).
SCHEMA_VERSION = 3
APP_ID = 0x4348524E  # "CHRN" in PRAGMA application_id: marks a file as a chronology store

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
    """Migration (issue #12): the ``claims`` table, empty — no store had claims before it. Idempotent, and
    one statement (a migration runs inside the upgrade's transaction, so no executescript)."""
    conn.execute(CLAIMS_TABLE)


# Schema upgrades: MIGRATIONS[n] takes a store from version n to n + 1. It runs inside the upgrade's one
# transaction (so it must not commit: no executescript) after the file was copied to a timestamped backup.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: add_terms_table,  # the search index's word list (fast prefix search)
    2: add_claims_table,  # issue #12: the claims of sources that disagree (the lead renumbers on merge)
}

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


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables of a new, empty store (the search index's too) and mark it as a chronology store of
    this schema version."""
    conn.executescript(SCHEMA)
    add_claims_table(conn)
    create_index(conn)
    conn.execute(f"PRAGMA application_id = {APP_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

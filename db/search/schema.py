"""The search index's tables in a store, and how its rowids are laid out. Takes a connection; no store.

One row of ``search_rows`` per record field (see :mod:`chronology.db.search`), each with two columns per
weight group: ``…x`` the folded words in order, ``…l`` their normal forms. The FTS5 table ``search_fts``
is an external-content table over it, kept in step by triggers; deleting an event, quote or actor
anywhere (any SQLite tool) deletes its index rows. ``search_terms`` lists every word indexed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ..errors import OUTSIDE_INDEX_RANGE, StoreError

WEIGHTS = {"q": 4.0, "t": 2.0, "b": 1.0}  # bm25 weight per column group: quotes, titles and names, background
COLUMNS = ("qx", "ql", "tx", "tl", "bx", "bl")
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '''' categories 'L* N* Co M*'"

# Index rowids say where a row ranks and which event it leads to, so queries need no joins:
#   tier << 56 | length << 48 | event rowid << 20 | slot
# tier: 0 quotes, 1 titles, 2 background, 7 actors (then the actor's rowid in place of the event's);
# length: the row's word count (capped at 255); slot: the field within the event (see SLOTS). In rowid
# order the candidates for ranking come quotes first, shortest first.
TIER_QUOTE, TIER_TITLE, TIER_BACKGROUND, TIER_ACTOR = 0, 1, 2, 7
EVENT_SHIFT, EVENT_MASK = 20, (1 << 28) - 1
SLOT_MASK = (1 << EVENT_SHIFT) - 1
ACTOR_BASE = TIER_ACTOR << 56  # rowids from here on are actor rows
SLOTS = {
    ("title", "uk"): 0,
    ("title", "en"): 1,
    ("summary", "uk"): 2,
    ("summary", "en"): 3,
    ("outcome", "uk"): 4,
    ("outcome", "en"): 5,
    ("place", "uk"): 6,
    ("place", "en"): 7,
}
CITATION_SLOT = 256  # + the citation's number
QUOTE_SLOT = 1 << 16  # + a number unique among the event's quotes
BACKGROUND_BASE = TIER_BACKGROUND << 56  # rowids from here to ACTOR_BASE are background rows
EVENT_OF = f"((rowid >> {EVENT_SHIFT}) & {EVENT_MASK})"  # SQL: the event rowid of an index rowid

INSERT_TRIGGER = """CREATE TRIGGER IF NOT EXISTS search_rows_ai AFTER INSERT ON search_rows BEGIN
    INSERT INTO search_fts (rowid, qx, ql, tx, tl, bx, bl)
    VALUES (new.rowid, new.qx, new.ql, new.tx, new.tl, new.bx, new.bl);
END"""
INDEX_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS search_rows (
    rowid INTEGER PRIMARY KEY,   -- tier << 56 | length << 48 | event rowid << 20 | slot
    kind TEXT NOT NULL,          -- quote | event | passage | actor
    field TEXT NOT NULL,         -- text | title | summary | outcome | place | citation | participants
    lang TEXT NOT NULL,          -- uk: the original field; en: its English counterpart (title_en …)
    ev INTEGER,                  -- events.rowid of the event a hit leads to (NULL for actors)
    ref TEXT NOT NULL,           -- the record: quote id, event id, actor id
    n INTEGER NOT NULL DEFAULT 0,  -- citation number or quote number within the event
    qx TEXT, ql TEXT, tx TEXT, tl TEXT, bx TEXT, bl TEXT
);
CREATE INDEX IF NOT EXISTS search_rows_ev ON search_rows (ev);
CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;  -- every word indexed (see TERMS)
CREATE INDEX IF NOT EXISTS search_rows_ref ON search_rows (ref, kind);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    qx, ql, tx, tl, bx, bl, content='search_rows', content_rowid='rowid', tokenize="{TOKENIZER}"
);
{INSERT_TRIGGER};
CREATE TRIGGER IF NOT EXISTS search_rows_ad AFTER DELETE ON search_rows BEGIN
    INSERT INTO search_fts (search_fts, rowid, qx, ql, tx, tl, bx, bl)
    VALUES ('delete', old.rowid, old.qx, old.ql, old.tx, old.tl, old.bx, old.bl);
END;
CREATE TRIGGER IF NOT EXISTS search_rows_au AFTER UPDATE ON search_rows BEGIN
    INSERT INTO search_fts (search_fts, rowid, qx, ql, tx, tl, bx, bl)
    VALUES ('delete', old.rowid, old.qx, old.ql, old.tx, old.tl, old.bx, old.bl);
    INSERT INTO search_fts (rowid, qx, ql, tx, tl, bx, bl)
    VALUES (new.rowid, new.qx, new.ql, new.tx, new.tl, new.bx, new.bl);
END;
CREATE TRIGGER IF NOT EXISTS search_events_ad AFTER DELETE ON events BEGIN
    DELETE FROM search_rows WHERE ev = old.rowid;
END;
CREATE TRIGGER IF NOT EXISTS search_quotes_ad AFTER DELETE ON quotes BEGIN
    DELETE FROM search_rows WHERE ref = old.id AND kind = 'quote';
END;
CREATE TRIGGER IF NOT EXISTS search_actors_ad AFTER DELETE ON actors BEGIN
    DELETE FROM search_rows WHERE ref = old.id AND kind = 'actor';
END;
"""


def create_index(conn: sqlite3.Connection) -> None:
    """Create the search tables (part of a new store's schema)."""
    conn.executescript(INDEX_SCHEMA)


def has_index(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").fetchone() is not None


def encode_rowid(tier: int, length: int, ev: int, slot: int) -> int:
    """The rowid of an index row: ``tier << 56 | length << 48 | event rowid << 20 | slot``."""
    if not 0 < ev <= EVENT_MASK or not 0 <= slot <= SLOT_MASK:
        raise StoreError(OUTSIDE_INDEX_RANGE, ev=ev, slot=slot)
    return tier << 56 | min(length, 255) << 48 | ev << EVENT_SHIFT | slot


def column_words(terms: set[str], columns: Iterable[str | None]) -> None:
    """Add the words of index columns (``qx … bl`` values; None for an empty one) to ``terms``."""
    for column in columns:
        if column:
            terms.update(column.split(" "))


def insert_terms(conn: sqlite3.Connection, terms: Iterable[str]) -> None:
    conn.executemany("INSERT OR IGNORE INTO search_terms (term) VALUES (?)", ((t,) for t in sorted(terms)))


def add_terms_table(conn: sqlite3.Connection) -> None:
    """Schema upgrade 1 → 2: the ``search_terms`` table, filled from the index (inside the upgrade's
    transaction: no commit)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_rows'").fetchone():
        return  # no search index: `chronology search --reindex` creates it whole
    conn.execute("CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID")
    terms: set[str] = set()
    for columns in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM search_rows"):
        column_words(terms, columns)
    insert_terms(conn, terms)

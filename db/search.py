"""Full-text search over the chronology (SQLite FTS5), the way Ukrainian works. Never imports Textual.

What is indexed, one row per record field, so that every hit leads to an event:

* quotes (``kind="quote"``, field ``text``),
* event titles, summaries, outcomes and places, Ukrainian and English (``kind="event"``),
* the source passages each event cites (``kind="passage"``, field ``citation``),
* actors by every name and alias (``kind="actor"``, field ``participants``): one row per actor, expanded at
  query time to the events the actor took part in.

How text becomes index terms: :func:`chronology.db.text.tokens` splits the original text into words and
folds each (case, apostrophes, stress, look-alike letters). Each row has two columns per weight group: an
``…x`` column holding the folded words in order (exact forms, phrases, prefixes) and an ``…l`` column
holding every normal form pymorphy3 gives for each word ("києві" → "кий київ"), so a word matches any form
of itself. The groups are ``q`` (quotes), ``t`` (Ukrainian titles and names) and ``b`` (background:
summaries, outcomes, places, passages, English counterparts); bm25 weighs them 4 : 2 : 1.

The FTS5 table is an external-content table over ``search_rows``; triggers keep them in step, and
deleting an event, quote or actor anywhere (any SQLite tool) deletes its index rows. A row's rowid encodes
its tier (quotes, titles, background, actors), its length and its event, so counting hits and finding the
timeline positions of every matching event needs no join, and the candidates for ranking come in a useful
order (see ``RANK_CANDIDATES``).

Ranking: hits are ordered by weighted bm25; participant hits (an actor's names) follow all others. A query
matching more than ``RANK_CANDIDATES`` records ranks only that many candidates, taken quotes first, then
titles, then background text, shortest first; ``total_hits`` and ``event_positions`` are always complete.

Speed (measured by ``benchmarks/search_bench.py``): ``search_terms`` lists every indexed word, so a prefix
is spelled out as the words it stands for with one lookup; a search of a store in a file runs its three reads
at once on side connections (:func:`search`); a query of one prefix gets FTS5's bm25 worked out from its
candidates' text (:func:`_rank_one_prefix`, bit for bit the same scores); and the event rowids of a common
word's 100k+ hits are parsed and marked in a bitmap by numpy.

A word that is one of an actor's one-word names ("Уіткофф", "Дмитрієв", "Witkoff") also finds the actor's
other names in the texts (:func:`expand_aliases`); ``SearchResults.parsed`` is that expanded query, for
highlighting with :func:`match_spans`.

Query syntax (:func:`parse_query`; no input ever raises):

* ``путін женева``: every word must match, in any of its forms, in the same record (a quote, a title,
  a passage …); each record that matches is a hit;
* ``"у Женеві"`` (or «…», “…”): an exact phrase, word for word (case and apostrophes still folded);
* ``Віткофф OR Кушнер`` (or ``АБО``): either; OR binds tighter than the implicit AND;
* ``-Кушнер``: leave out events that mention the word anywhere;
* ``зустр*``: a prefix (of a word or of one of its normal forms).

Everything else is literal text.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import StoreError
from .text import nfc, tokens, words

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray

    from .models import Actor, Chronology, Event
    from .store import Store

KINDS = ("quote", "event", "passage", "actor")
WEIGHTS = {"q": 4.0, "t": 2.0, "b": 1.0}  # bm25 weight per column group: quotes, titles and names, background
COLUMNS = ("qx", "ql", "tx", "tl", "bx", "bl")
# A participant hit says less than the same words in a quote or title: participant hits are listed after
# the others (rank 0), in timeline order.
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '''' categories 'L* N* Co M*'"

# Index rowids say where a row ranks and which event it leads to, so queries need no joins:
#   tier << 56 | length << 48 | event rowid << 20 | slot
# tier: 0 quotes, 1 titles, 2 background, 7 actors (then the actor's rowid in place of the event's);
# length: the row's word count (capped at 255); slot: the field within the event (see _SLOTS). In rowid
# order the candidates for ranking come quotes first, shortest first.
TIER_QUOTE, TIER_TITLE, TIER_BACKGROUND, TIER_ACTOR = 0, 1, 2, 7
EVENT_SHIFT, EVENT_MASK = 20, (1 << 28) - 1
SLOT_MASK = (1 << EVENT_SHIFT) - 1
ACTOR_BASE = TIER_ACTOR << 56  # rowids from here on are actor rows
_SLOTS = {
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
# Queries matching more rows than this rank (bm25) the first this many in rowid order: quotes before
# titles before background, shorter before longer. Counts and event positions are always complete.
RANK_CANDIDATES = 2000

_INSERT_TRIGGER = """CREATE TRIGGER IF NOT EXISTS search_rows_ai AFTER INSERT ON search_rows BEGIN
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
{_INSERT_TRIGGER};
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


# ---------------------------------------------------------------------------------------------- lemmas
_morph_lock = threading.Lock()
_morph: Any = None


def _analyzer() -> Any:
    """pymorphy3's Ukrainian analyzer, loaded on first use (never at import) and shared."""
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer(lang="uk")
    return _morph


# Words pymorphy3 can analyse: Cyrillic letters with apostrophes inside ("інтерв'ю"). Anything else (numbers,
# Latin names, other scripts, mixtures) is its own normal form.
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:'[\u0400-\u04ff]+)*")


@lru_cache(maxsize=500_000)
def lemmas(key: str) -> tuple[str, ...]:
    """Every normal form pymorphy3 gives for a folded word ("києві" → ("кий", "київ")), folded; cached.

    Words that are not all Cyrillic (numbers, Latin names, other scripts) are their own normal form.
    """
    if not _CYRILLIC_WORD.fullmatch(key):
        return (key,)
    try:
        parses = _analyzer().parse(key)
    except Exception:  # pragma: no cover - pymorphy3 failing on a word must not fail indexing or a query
        return (key,)
    forms: set[str] = set()
    for parse in parses:
        found = tokens(parse.normal_form)
        if len(found) == 1:
            forms.add(found[0].key)
    return tuple(sorted(forms)) if forms else (key,)


@lru_cache(maxsize=500_000)
def _lemma_text(key: str) -> str:
    return " ".join(lemmas(key))


# ---------------------------------------------------------------------------------------------- indexing
@dataclass(frozen=True, slots=True)
class _Row:
    kind: str
    field: str
    lang: str
    ref: str  # quote id, event id, actor id
    text: str
    group: str  # column group: q, t, b
    tier: int
    n: int = 0  # citation number or quote number


def _columns(text: str, group: str) -> tuple[int, dict[str, str | None]]:
    """The index columns of a text in one column group (``q``, ``t`` or ``b``): only that group's two columns
    are filled (:func:`_rank_one_prefix` relies on it)."""
    keys = words(text)
    cols: dict[str, str | None] = dict.fromkeys(COLUMNS)
    cols[f"{group}x"] = " ".join(keys)
    cols[f"{group}l"] = " ".join(map(_lemma_text, keys))
    return len(keys), cols


def actor_text(actor: Actor) -> str:
    """An actor's names as one text: "Стівен Віткофф (Steve Witkoff, Віткофф, Уіткофф, …)"."""
    return _names_text(actor.name_uk, [actor.name_en, *actor.aliases])


def _names_text(name: str, other_names: Iterable[str]) -> str:
    others: list[str] = []
    for other in other_names:
        if other and other != name and other not in others:
            others.append(other)
    return f"{name} ({', '.join(others)})" if others else name


def _event_rows(e: Event) -> Iterable[_Row]:
    fields = (
        ("title", "uk", e.title),
        ("title", "en", e.title_en),
        ("summary", "uk", e.summary),
        ("summary", "en", e.summary_en),
        ("outcome", "uk", e.outcome),
        ("outcome", "en", e.outcome_en),
        ("place", "uk", e.place),
        ("place", "en", e.place_en),
    )
    for name, lang, text in fields:
        if not text:
            continue
        if name == "title" and lang == "uk":  # English counterparts weigh as background text
            yield _Row("event", name, lang, e.id, text, "t", TIER_TITLE)
        else:
            yield _Row("event", name, lang, e.id, text, "b", TIER_BACKGROUND)
    for i, c in enumerate(e.citations):
        yield _Row("passage", "citation", "uk", e.id, c.text, "b", TIER_BACKGROUND, i)


def _slot(row: _Row) -> int:
    if row.kind == "quote":
        return QUOTE_SLOT + row.n
    if row.kind == "passage":
        return CITATION_SLOT + row.n
    return _SLOTS[(row.field, row.lang)]


def _rowid(tier: int, length: int, ev: int, slot: int) -> int:
    if not 0 < ev <= EVENT_MASK or not 0 <= slot <= SLOT_MASK:
        raise StoreError(f"cannot index record number {ev} (slot {slot}): outside the search index's range")
    return tier << 56 | min(length, 255) << 48 | ev << EVENT_SHIFT | slot


_INSERT = (
    "INSERT INTO search_rows (rowid, kind, field, lang, ev, ref, n, qx, ql, tx, tl, bx, bl) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _row_params(row: _Row, ev: int) -> tuple[Any, ...]:
    """The search_rows values of a row; ``ev`` is the event's rowid (the actor's for actor rows)."""
    length, cols = _columns(row.text, row.group)
    if row.kind == "actor":
        rowid, ev_col = _rowid(TIER_ACTOR, 0, ev, 0), None
    else:
        rowid, ev_col = _rowid(row.tier, length, ev, _slot(row)), ev
    return (rowid, row.kind, row.field, row.lang, ev_col, row.ref, row.n, *(cols[c] for c in COLUMNS))


def _rowids(conn: sqlite3.Connection, table: str, ids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(f"SELECT id, rowid FROM {table} WHERE id IN ({marks})", chunk).fetchall())
    return found


def create_index(conn: sqlite3.Connection) -> None:
    """Create the search tables (part of a new store's schema)."""
    conn.executescript(INDEX_SCHEMA)


def has_index(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").fetchone() is not None


def index_document(conn: sqlite3.Connection, doc: Chronology) -> None:
    """Index (or re-index) every record of ``doc``, already written to the store's tables; the caller holds
    the transaction. Upserted records replace their old index rows: an event's title, summary, outcome,
    place and passages, a quote, an actor's names."""
    fresh = conn.execute("SELECT 1 FROM search_rows LIMIT 1").fetchone() is None
    # Many new rows: write them without the insert trigger and build the FTS index in one pass (twice as
    # fast as row by row). DDL is transactional in SQLite: a rollback restores the trigger.
    bulk = fresh or len(doc.quotes) + len(doc.events) > conn.execute("SELECT count(*) FROM search_rows").fetchone()[0]
    if bulk:
        conn.execute("DROP TRIGGER IF EXISTS search_rows_ai")
    if not fresh:
        conn.executemany("DELETE FROM search_rows WHERE ref = ? AND kind = 'actor'", ((a.id,) for a in doc.actors))
        conn.executemany(
            "DELETE FROM search_rows WHERE ref = ? AND kind IN ('event', 'passage')", ((e.id,) for e in doc.events)
        )
        conn.executemany("DELETE FROM search_rows WHERE ref = ? AND kind = 'quote'", ((q.id,) for q in doc.quotes))
    terms: set[str] = set()  # every word written to the index's columns (for search_terms)

    def _params(row: _Row, ev: int) -> tuple[Any, ...]:
        params = _row_params(row, ev)
        _column_words(terms, params[-len(COLUMNS) :])
        return params

    actors = _rowids(conn, "actors", [a.id for a in doc.actors])
    conn.executemany(
        _INSERT,
        (
            _params(_Row("actor", "participants", "uk", a.id, actor_text(a), "t", TIER_ACTOR), actors[a.id])
            for a in doc.actors
        ),
    )
    events = _rowids(conn, "events", sorted({e.id for e in doc.events} | {q.event_id for q in doc.quotes}))
    conn.executemany(_INSERT, (_params(row, events[e.id]) for e in doc.events for row in _event_rows(e)))
    # Quote numbers: unique within the event, not reused while the event is indexed.
    next_n: dict[str, int] = {}
    if not fresh:
        for eid in {q.event_id for q in doc.quotes}:
            top = conn.execute(
                "SELECT max(n) FROM search_rows WHERE ev = ? AND kind = 'quote'", (events[eid],)
            ).fetchone()[0]
            next_n[eid] = 0 if top is None else top + 1

    def quote_params() -> Iterable[tuple[Any, ...]]:
        for q in doc.quotes:
            ev = events[q.event_id]
            n = next_n.get(q.event_id, 0)
            if QUOTE_SLOT + n > SLOT_MASK:  # numbers used up by re-imports: take the lowest free one
                used = {r[0] for r in conn.execute("SELECT n FROM search_rows WHERE ev = ? AND kind = 'quote'", (ev,))}
                n = next(i for i in range(SLOT_MASK - QUOTE_SLOT + 1) if i not in used)
            next_n[q.event_id] = n + 1
            yield _params(_Row("quote", "text", "uk", q.id, q.text, "q", TIER_QUOTE, n), ev)

    conn.executemany(_INSERT, quote_params())
    _insert_terms(conn, terms)
    if bulk:
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
        conn.execute(_INSERT_TRIGGER)


def reindex(store: Store) -> None:
    """Rebuild the whole index from the store's records (after a change of normaliser or dictionaries)."""
    with store.lock:
        if not has_index(store.conn):
            create_index(store.conn)  # executescript: outside the transaction
    with store.transaction():
        conn = store.conn
        conn.execute("DELETE FROM search_rows")
        conn.execute("DELETE FROM search_terms")
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
        index_document(conn, _indexed_records(store))


def _indexed_records(store: Store) -> Chronology:
    """What the index holds of every record, read in bulk (unvalidated: the store's rows already were)."""
    from .models import Chronology, Event, Passage, Quote

    conn = store.conn
    citations: dict[str, list[Passage]] = {}
    for eid, source_id, offset, text in conn.execute(
        "SELECT event_id, source_id, offset, text FROM citations ORDER BY event_id, ord"
    ):
        citations.setdefault(eid, []).append(Passage.model_construct(source_id=source_id, offset=offset, text=text))
    columns = ("id", "title", "title_en", "summary", "summary_en", "outcome", "outcome_en", "place", "place_en")
    events = [
        Event.model_construct(**dict(zip(columns, row, strict=True)), citations=citations.get(row[0], []))
        for row in conn.execute(f"SELECT {', '.join(columns)} FROM events ORDER BY rowid")
    ]
    quotes = [
        Quote.model_construct(id=i, event_id=e, text=t)
        for i, e, t in conn.execute("SELECT id, event_id, text FROM quotes ORDER BY rowid")
    ]
    return Chronology.model_construct(sources=[], actors=store.actors(), events=events, quotes=quotes, tallies=[])


# ---------------------------------------------------------------------------------------------- queries
@dataclass(frozen=True, slots=True)
class Term:
    """One thing to look for: a word (any of its forms), a prefix, or an exact phrase."""

    keys: tuple[str, ...]  # folded words
    prefix: bool = False  # the last word is a prefix
    exact: bool = False  # quoted: the words exactly as typed (folded), in this order

    @property
    def is_word(self) -> bool:
        return len(self.keys) == 1 and not self.exact and not self.prefix


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (a group matches if any of its terms does); excluded terms
    remove the events they occur in."""

    text: str
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing to look for (blank, only punctuation, or only exclusions)."""
        return not self.groups

    @property
    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]


_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“", "”": "”"}
_OR_WORDS = ("OR", "АБО")


@dataclass
class _Item:
    term: Term | None = None
    negated: bool = False
    raw: str = ""  # the typed text (for OR kept literally)
    is_or: bool = False


def _term(text: str, *, exact: bool, prefix: bool) -> Term | None:
    keys = tuple(t.key for t in tokens(text))
    if not keys:
        return None
    return Term(keys, prefix=prefix, exact=exact or len(keys) > 1)


def _scan(text: str) -> list[_Item]:
    items: list[_Item] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch == "-" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
            ch = text[i]
        if ch in _QUOTES:
            close = text.find(_QUOTES[ch], i + 1)
            end = n if close < 0 else close
            body = text[i + 1 : end]
            i = end + 1
            prefix = i < n and text[i] == "*"
            if prefix:
                i += 1
            items.append(_Item(_term(body, exact=True, prefix=prefix), negated, body))
            continue
        start = i
        while i < n and not text[i].isspace():
            i += 1
        word = text[start:i]
        if not negated and word in _OR_WORDS:
            items.append(_Item(None, False, word, is_or=True))
            continue
        prefix = word.endswith("*")
        items.append(_Item(_term(word, exact=False, prefix=prefix), negated, word))
    return items


def parse_query(text: str) -> Query:
    """Parse what the user typed; never raises. See the module docstring for the syntax."""
    if not isinstance(text, str):
        text = ""
    text = nfc(text)
    items = _scan(text)
    # An OR counts only between two wanted terms; anywhere else it is the word "or"/"або".
    for k, item in enumerate(items):
        if item.is_or:
            before = items[k - 1] if k > 0 else None
            after = items[k + 1] if k + 1 < len(items) else None
            ok = (
                before is not None
                and after is not None
                and not before.is_or
                and not after.is_or
                and not before.negated
                and not after.negated
                and before.term is not None
                and after.term is not None
            )
            if not ok:
                item.is_or = False
                item.term = _term(item.raw, exact=False, prefix=False)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for item in items:
        if item.is_or:
            join_next = True
            continue
        if item.term is None:
            continue
        if item.negated:
            if item.term not in excluded:
                excluded.append(item.term)
        elif join_next and groups:
            if item.term not in groups[-1]:
                groups[-1].append(item.term)
        else:
            groups.append([item.term])
        join_next = False
    unique: list[tuple[Term, ...]] = []
    for g in groups:
        if tuple(g) not in unique:
            unique.append(tuple(g))
    return Query(text, tuple(unique), tuple(excluded))


def _quote_fts(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


_X = "{qx tx bx}"  # folded words as written: exact phrases (not across the normal forms' columns)


def _group_fts(group: Sequence[Term], expand: Callable[[str], list[str] | None] | None) -> str:
    """One OR-group: the words' normal forms together, then each prefix and phrase."""
    forms: list[str] = []
    parts: list[str] = []
    for t in group:
        if t.is_word:
            forms += [f for f in lemmas(t.keys[0]) if f not in forms]
        elif len(t.keys) == 1 and t.prefix and not t.exact:
            terms = expand(t.keys[0]) if expand else None
            if terms is None:
                parts.append(f"{_quote_fts(t.keys[0])} *")
            elif terms:
                parts.append(" OR ".join(_quote_fts(x) for x in terms))
            else:
                parts.append('""')  # no indexed word starts so: matches nothing
        else:
            parts.append(f"{_X} : {_quote_fts(' '.join(t.keys))}" + (" *" if t.prefix else ""))
    if forms:
        # Any column: a word as written is one of its normal forms too (and then counts twice for bm25).
        parts.insert(0, " OR ".join(_quote_fts(f) for f in forms))
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(f"({p})" for p in parts) + ")"


def fts_expression(groups: Sequence[Sequence[Term]], expand: Callable[[str], list[str] | None] | None = None) -> str:
    """The FTS5 MATCH expression for AND-ed groups of OR-ed terms (every string quoted: no syntax leaks).

    ``expand(prefix)`` may list the indexed words a prefix stands for (None: too many, let FTS5 do it).
    """
    return " AND ".join(f"({_group_fts(g, expand)})" for g in groups if g)


# A prefix standing for at most this many indexed words is searched as those words: FTS5 merges the
# documents of a prefix at every use, twice as slowly as it looks up a few words.
PREFIX_WORDS = 64
# TERMS: ``search_terms`` lists every word ever written to the index's columns, so that a prefix is spelled
# out with one lookup in a small table (FTS5's own vocabulary table counts every word's documents on the way,
# which takes longer than the search). Words of deleted records stay until a reindex; they match nothing.


def _prefix_expander(conn: sqlite3.Connection) -> Callable[[str], list[str] | None]:
    def expand(prefix: str) -> list[str] | None:
        terms = [
            t
            for (t,) in conn.execute(
                "SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
                (prefix, prefix + "\U0010ffff", PREFIX_WORDS + 1),
            )
        ]
        return None if len(terms) > PREFIX_WORDS else terms

    return expand


def _column_words(terms: set[str], columns: Iterable[str | None]) -> None:
    """Add the words of index columns (``qx … bl`` values; None for an empty one) to ``terms``."""
    for column in columns:
        if column:
            terms.update(column.split(" "))


def _insert_terms(conn: sqlite3.Connection, terms: Iterable[str]) -> None:
    conn.executemany("INSERT OR IGNORE INTO search_terms (term) VALUES (?)", ((t,) for t in sorted(terms)))


def add_terms_table(conn: sqlite3.Connection) -> None:
    """Schema upgrade 1 → 2: the ``search_terms`` table, filled from the index (inside the upgrade's
    transaction: no commit)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_rows'").fetchone():
        return  # no search index: `chronology search --reindex` creates it whole
    conn.execute("CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID")
    terms: set[str] = set()
    for columns in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM search_rows"):
        _column_words(terms, columns)
    _insert_terms(conn, terms)


# ---------------------------------------------------------------------------------------------- highlights
def _token_matches(term: Term, key: str) -> bool:
    if term.prefix:
        p = term.keys[-1]
        return key.startswith(p) or (not term.exact and any(f.startswith(p) for f in lemmas(key)))
    if term.exact:
        return key == term.keys[-1]
    wanted = lemmas(term.keys[0])
    if key == term.keys[0] or key in wanted:
        return True
    return any(f in wanted for f in lemmas(key))


def match_spans(query: str | Query, text: str) -> list[tuple[int, int]]:
    """Where the query's words (any form), prefixes and phrases occur in ``text`` (original, unfolded):
    sorted, non-overlapping ``(start, end)`` character ranges. Excluded terms are not highlighted."""
    q = query if isinstance(query, Query) else parse_query(query)
    if q.is_empty or not text:
        return []
    toks = tokens(text)
    keys = [t.key for t in toks]
    found: list[tuple[int, int]] = []
    for term in q.terms:
        n = len(term.keys)
        if n == 1:
            found += [(t.start, t.end) for t in toks if _token_matches(term, t.key)]
            continue
        for i in range(len(toks) - n + 1):
            if keys[i : i + n - 1] == list(term.keys[:-1]) and _token_matches(term, keys[i + n - 1]):
                found.append((toks[i].start, toks[i + n - 1].end))
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


SNIPPET_WORDS = 10
ELLIPSIS = "…"


def snippet(
    text: str, spans: Sequence[tuple[int, int]], words: int = SNIPPET_WORDS
) -> tuple[str, list[tuple[int, int]]]:
    """About ``words`` words of ``text`` around its first highlighted span, on one line, with the spans
    moved into the excerpt ("…" marks cut ends)."""
    toks = tokens(text)
    one_line = "".join(" " if ch.isspace() else ch for ch in text)  # same length: offsets still hold
    if len(toks) <= words:
        start, end = 0, len(text)
    else:
        anchor = spans[0][0] if spans else 0
        first = next((i for i, t in enumerate(toks) if t.end > anchor), 0)
        lo = max(0, first - words // 3)
        hi = min(len(toks), lo + words)
        lo = max(0, hi - words)
        start = 0 if lo == 0 else toks[lo].start
        end = len(text) if hi == len(toks) else toks[hi - 1].end
        if spans:  # never cut a highlighted phrase in half
            end = max(end, min(len(text), spans[0][1]))
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    body = one_line[start:end]
    shift = len(lead) - start
    moved = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end]
    return lead + body + tail, moved


# ---------------------------------------------------------------------------------------------- search
# ---------------------------------------------------------------------------------------------- search
@dataclass(frozen=True)
class Hit:
    event_id: str
    event_date: str  # EDTF
    event_pos: int  # the event's timeline position (events.pos)
    kind: str  # "quote" | "event" | "passage" | "actor"
    speaker_id: str | None  # for quotes
    text: str  # the matched record's original text (quote text, passage text, title…)
    field: str  # "text", "title", "summary", "outcome", "place", "participants", "citation"
    snippet: str  # plain text excerpt around the match
    spans: list[tuple[int, int]]  # highlighted ranges within `snippet`
    rank: float  # lower is better (bm25, weighted)
    lang: str = "uk"  # "en" when the match is in an English counterpart (title_en …)
    ref: str = ""  # the matched record's id (quote id, event id, actor id)

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "event_date": self.event_date,
            "event_pos": self.event_pos,
            "kind": self.kind,
            "field": self.field,
            "lang": self.lang,
            "ref": self.ref,
            "speaker": self.speaker_id,
            "text": self.text,
            "snippet": self.snippet,
            "spans": [list(s) for s in self.spans],
            "rank": self.rank,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[Hit]  # ranked, at most `limit`
    total_hits: int  # all hits, not limited
    event_positions: list[int] = field(default_factory=list)  # sorted positions of ALL matching events
    # The query as searched: names expanded to every alias of the actor. Pass it to match_spans() to
    # highlight "Дмітрієвим" in a text found by typing "Дмитрієв".
    parsed: Query | None = None

    @property
    def total_events(self) -> int:
        return len(self.event_positions)


def _name_keys(names: Iterable[str]) -> tuple[str, ...]:
    """The one-word names among ``names`` as folded words ("Віткофф", "Witkoff"; not "Стівен Віткофф")."""
    keys: list[str] = []
    for name in names:
        found = tokens(name)
        if len(found) == 1 and found[0].key not in keys:
            keys.append(found[0].key)
    return tuple(keys)


def _script(word: str) -> str:
    return "cyrillic" if _CYRILLIC_WORD.search(word) else "other"


def _same_word(a: str, b: str) -> bool:
    return a == b or not set(lemmas(a)).isdisjoint(lemmas(b))


def expand_aliases(q: Query, names: Sequence[tuple[str, tuple[str, ...]]]) -> Query:
    """Let a word that is an actor's one-word name (in any form) find every other name of the actor:
    "Дмитрієв" also finds "Дмітрієвим", "Уіткофф" finds "Віткоффа" and "Witkoff". ``names``: each actor's
    id and one-word names, folded."""

    def expand(term: Term) -> list[Term]:
        if not term.is_word:
            return [term]
        out = [term]
        script = _script(term.keys[0])
        for _aid, keys in names:
            if any(_same_word(term.keys[0], k) for k in keys):
                # Names in the typed word's script: "Уіткофф" finds "Віткоффа", "Witkoff" finds "Witkoff's".
                # (A Latin name's rarity would otherwise rank English counterparts above Ukrainian text.)
                out += [Term((k,)) for k in keys if _script(k) == script and Term((k,)) not in out]
        return out

    groups = []
    for group in q.groups:
        alts: list[Term] = []
        for t in group:
            alts += [x for x in expand(t) if x not in alts]
        groups.append(tuple(alts))
    excluded: list[Term] = []
    for t in q.excluded:
        excluded += [x for x in expand(t) if x not in excluded]
    return Query(q.text, tuple(groups), tuple(excluded))


class _State:
    """What searches of one store share until its data changes: the timeline (event rowids in position
    order), the actors' names and the events each actor took part in."""

    def __init__(self, conn: sqlite3.Connection, key: tuple[int, int]):
        self.key = key
        rows = conn.execute("SELECT rowid, pos FROM events WHERE pos IS NOT NULL ORDER BY pos").fetchall()
        import numpy as np

        # Event rowids in timeline order, and their positions; a bitmap over event rowids covers
        # base … base + size - 1 (SQLite allows negative rowids).
        self.order = np.array([r for r, _ in rows], dtype=np.int64)
        self.positions = np.array([p for _, p in rows], dtype=np.int64)
        self.base = int(self.order.min()) if rows else 0
        self.size = int(self.order.max()) - self.base + 1 if rows else 0
        self.names: list[tuple[str, tuple[str, ...]]] = []
        self.actor_ids: dict[int, str] = {}
        self.actor_texts: dict[str, str] = {}
        for rowid, aid, name_uk, name_en, aliases in conn.execute(
            "SELECT rowid, id, name_uk, name_en, aliases FROM actors ORDER BY id"
        ):
            self.actor_ids[rowid] = aid
            try:
                extra = [a for a in json.loads(aliases) if isinstance(a, str)]
            except (TypeError, ValueError):
                extra = []
            self.actor_texts[aid] = _names_text(name_uk, [name_en, *extra])
            keys = _name_keys([name_uk, name_en, *extra])
            if keys:
                self.names.append((aid, keys))
        self._actor_events: dict[str, NDArray[np.int64]] = {}

    def actor_events(self, conn: sqlite3.Connection, actor_id: str) -> NDArray[np.int64]:
        """The rowids of the events the actor took part in, in timeline order."""
        if actor_id not in self._actor_events:
            row = conn.execute(
                "SELECT group_concat(r) FROM (SELECT e.rowid AS r FROM event_actors ea JOIN events e "
                "ON e.id = ea.event_id WHERE ea.actor_id = ? AND e.pos IS NOT NULL ORDER BY e.pos)",
                (actor_id,),
            ).fetchone()
            self._actor_events[actor_id] = _int_array(row[0] if row else None)
        return self._actor_events[actor_id]


_states: weakref.WeakKeyDictionary[Any, _State] = weakref.WeakKeyDictionary()


def _state(store: Store) -> _State:
    conn = store.conn
    key = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    state = _states.get(store)
    if state is None or state.key != key:
        state = _State(conn, key)
        _states[store] = state
    return state


_BM25 = "bm25(search_fts, " + ", ".join(str(WEIGHTS[c[0]]) for c in COLUMNS) + ")"
_EVENT_OF = f"((rowid >> {EVENT_SHIFT}) & {EVENT_MASK})"


BACKGROUND_BASE = TIER_BACKGROUND << 56  # rowids from here to ACTOR_BASE are background rows


def _event_hits(conn: sqlite3.Connection, expr: str, lo: int = 0, hi: int = ACTOR_BASE) -> NDArray[np.int64]:
    """The event rowid of every direct hit (one per hit) among the index rows ``lo <= rowid < hi``.

    A common word matches a fifth of a 100k store: the rowids come as one text, parsed by numpy at C speed.
    """
    row = conn.execute(
        f"SELECT group_concat({_EVENT_OF}) FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? AND rowid < ?",
        (expr, lo, hi),
    ).fetchone()
    return _int_array(row[0] if row else None)


def _int_array(text: str | None) -> NDArray[np.int64]:
    """The integers of an SQL ``group_concat`` (None when no row matched), parsed by numpy at C speed."""
    import numpy as np

    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _matching_actors(conn: sqlite3.Connection, state: _State, expr: str) -> tuple[list[str], int]:
    """The ids of the actors whose names match, and how many actor rows match (stale ones included, as
    FTS5 counts them)."""
    actor_rows = [
        (r >> EVENT_SHIFT) & EVENT_MASK
        for (r,) in conn.execute(
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= {ACTOR_BASE} ORDER BY rowid",
            (expr,),
        )
    ]
    return [state.actor_ids[a] for a in actor_rows if a in state.actor_ids], len(actor_rows)


def _matching_events(conn: sqlite3.Connection, state: _State, expr: str) -> tuple[NDArray[np.int64], list[str], int]:
    """:func:`_event_hits` of every direct hit and :func:`_matching_actors`, on one connection."""
    return (_event_hits(conn, expr), *_matching_actors(conn, state, expr))


def _positions(state: _State, event_lists: Sequence[Any]) -> list[int]:
    """The sorted timeline positions of the events in ``event_lists`` (arrays or lists of event rowids,
    with repeats; rowids of events off the timeline or gone are ignored).

    A common word matches a fifth of a 100k store: the events are marked in a bitmap over event rowids
    and read in timeline order with numpy, at C speed.
    """
    import numpy as np

    if not state.size:
        return []
    seen = np.zeros(state.size, dtype=bool)
    for events in event_lists:
        index = np.asarray(events, dtype=np.int64) - state.base
        seen[index[(index >= 0) & (index < state.size)]] = True
    found: list[int] = state.positions[seen[state.order - state.base]].tolist()
    return found


def warm_up(store: Store) -> None:
    """Load what a first search of ``store`` needs: numpy, pymorphy3's dictionaries, the store's timeline and
    actors' names, its side connections (the app calls this when the search bar opens, so that the first
    query typed is as fast as the next)."""
    import numpy  # noqa: F401  (its first import takes longer than a search)

    _analyzer()
    with store.lock:
        _state(store)
        if not store.conn.in_transaction:
            store.side_readers(2)


_pool_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _search_pool() -> ThreadPoolExecutor:
    """The threads that run a search's side reads (see :func:`search`) beside the caller's thread."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chronology-search")
        return _pool


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def search(store: Store, query: str | Query, *, limit: int | None = 50) -> SearchResults:
    """Ranked hits for what the user typed; never raises for any input (an empty query finds nothing).

    Direct hits (quotes, titles, summaries, outcomes, places, passages) come by bm25 score; participant
    hits (an actor's names; rank 0) after them, in timeline order. ``total_hits`` and ``event_positions``
    count every hit.

    Two reads make up a search: listing every match (for the count and the timeline positions) and ranking
    the first page. For a store in a file they run at the same time on the store's
    :meth:`~chronology.db.store.Store.side_readers` in pool threads (SQLite runs without Python's GIL):
    the ranking on one, the matches among background text on another, the rest on the store's own
    connection. If another process changed the store meanwhile, the search is repeated on one connection.
    """
    q = query if isinstance(query, Query) else parse_query(query)
    if q.is_empty or (limit is not None and limit < 0):
        return SearchResults(q.text, [], 0, [], q)
    import numpy as np

    with store.lock:
        conn = store.conn
        if not has_index(conn):
            raise StoreError("this store has no search index; rebuild it with `chronology search --reindex`")
        state = _state(store)
        q = expand_aliases(q, state.names)
        expand = _prefix_expander(conn) if any(t.prefix for g in (*q.groups, q.excluded) for t in g) else None
        excluded: set[int] = set()
        if q.excluded:
            neg_events, neg_actors, _ = _matching_events(conn, state, fts_expression([q.excluded], expand))
            excluded.update(neg_events.tolist())
            for aid in neg_actors:
                excluded.update(state.actor_events(conn, aid).tolist())
        expr = fts_expression(q.groups, expand)
        # Ranking keeps a prefix whole (one bm25 term): listed as words, the rarest would outrank the rest.
        ranked_expr = fts_expression(q.groups) if expand else expr
        # The first page: ranked, and its snippets made, in one task. One prefix: bm25 worked out here (see
        # _rank_one_prefix); its IDF is applied once the hits are counted.
        words = _one_prefix_words(q, expand) if limit is not None else None
        ranking_rows: Callable[[sqlite3.Connection], list[_Ranked]]
        if words is not None and limit is not None:
            ranking_rows = partial(_rank_one_prefix, expr=expr, words=words, excluded=excluded, limit=limit)
        else:
            ranking_rows = partial(_rank, expr=ranked_expr, excluded=excluded, limit=limit)
        rank = partial(_ranked_hits, rank=ranking_rows, q=q)
        matches: tuple[NDArray[np.int64], list[str], int] | None = None
        ranked: list[Hit] | None = None
        sides = store.side_readers(2) if not conn.in_transaction else []
        if len(sides) == 2:
            # Three reads at once: the first page ranked, and the matches in two parts of the index.
            version = _data_version(conn)
            pool = _search_pool()
            ranking = pool.submit(rank, sides[0])
            background = pool.submit(_event_hits, sides[1], expr, BACKGROUND_BASE, ACTOR_BASE)
            side_reads: list[Future[Any]] = [ranking, background]
            try:
                direct = _event_hits(conn, expr, 0, BACKGROUND_BASE)
                actors, actor_rows = _matching_actors(conn, state, expr)
            finally:
                wait(side_reads)  # the side connections are free again before the lock is
            ranked = _parallel_result(ranking)
            more = _parallel_result(background)
            if ranked is not None and more is not None and _data_version(conn) == version:
                matches = (np.concatenate((direct, more)), actors, actor_rows)
            else:  # a side read failed, or another process changed the store meanwhile
                ranked = None
        if ranked is None or matches is None:
            ranked = rank(conn)  # one connection: one consistent state
            matches = _matching_events(conn, state, expr)
        direct, actors, actor_rows = matches
        if words is not None:  # ranked by _rank_one_prefix
            idf = _idf(conn, len(direct) + actor_rows)
            ranked = [replace(hit, rank=hit.rank * idf) for hit in ranked]
        out = np.fromiter(excluded, np.int64, len(excluded)) if excluded else None
        if out is not None:
            direct = direct[np.isin(direct, out, invert=True)]
        total = len(direct)
        actor_hits: list[tuple[str, NDArray[np.int64]]] = []
        for aid in actors:
            evs = state.actor_events(conn, aid)
            if out is not None:
                evs = evs[np.isin(evs, out, invert=True)]
            actor_hits.append((aid, evs))
            total += len(evs)
        positions = _positions(state, [direct, *(evs for _, evs in actor_hits)])
        hits = _top_hits(conn, state, q, ranked, actor_hits, limit)
    return SearchResults(q.text, hits, total, positions, q)


_T = TypeVar("_T")
# A ranked direct hit: (search_rows rowid, bm25 score, the _DIRECT_HITS row or None if it is gone).
_Ranked = tuple[int, float, "tuple[Any, ...] | None"]


def _parallel_result(future: Future[_T]) -> _T | None:
    """What a side read returned; None if it failed (then it is done again on the main connection)."""
    try:
        return future.result()
    except sqlite3.Error:
        return None


def _direct_rows(expr: str, excluded: set[int]) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) of the direct hits of ``expr``, without excluded events."""
    where = f"search_fts MATCH ? AND rowid < {ACTOR_BASE}"
    if not excluded:
        return where, [expr]
    return f"{where} AND {_EVENT_OF} NOT IN (SELECT value FROM json_each(?))", [expr, json.dumps(sorted(excluded))]


def _candidates(limit: int) -> int:
    """How many direct hits, the first in rowid order, are ranked for a page of ``limit``."""
    return max(RANK_CANDIDATES, 4 * limit)


def _with_records(conn: sqlite3.Connection, top: Sequence[tuple[int, float]]) -> list[_Ranked]:
    """The ranked ``(rowid, score)`` pairs with what the page shows of each record (_DIRECT_HITS)."""
    if not top:
        return []
    found = {row[0]: row for row in conn.execute(_DIRECT_HITS, (json.dumps([r for r, _ in top]),))}
    return [(rowid, score, found.get(rowid)) for rowid, score in top]


def _rank(conn: sqlite3.Connection, expr: str, excluded: set[int], limit: int | None) -> list[_Ranked]:
    """The best direct hits by weighted bm25 (at most ``limit``), with what the page shows of each."""
    if limit == 0:
        return []
    where, params = _direct_rows(expr, excluded)
    inner = f"SELECT rowid, {_BM25} AS score FROM search_fts WHERE {where}"
    if limit is None:
        sql = inner + " ORDER BY score, rowid"
    else:
        sql = f"SELECT rowid, score FROM ({inner} ORDER BY rowid LIMIT ?) ORDER BY score, rowid LIMIT ?"
        params += [_candidates(limit), limit]
    return _with_records(conn, conn.execute(sql, params).fetchall())


# bm25 as FTS5 computes it (fts5_aux.c): k1, b.
_K1, _B = 1.2, 0.75


def _varints(blob: bytes) -> list[int]:
    """SQLite's big-endian varints (FTS5's records are written with them)."""
    values, i, n = [], 0, len(blob)
    while i < n:
        value = 0
        for k in range(9):
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80 or i >= n:
                break
        values.append(value)
    return values


def _averages(conn: sqlite3.Connection) -> tuple[int, float]:
    """(rows, average tokens per row) of the index, as bm25 reads them from FTS5's averages record."""
    found = conn.execute("SELECT block FROM search_fts_data WHERE id = 1").fetchone()
    totals = _varints(found[0]) if found and found[0] else [0]
    n_rows = totals[0]
    return n_rows, (sum(totals[1:]) / n_rows if n_rows else 1.0)


def _idf(conn: sqlite3.Connection, n_hit: int) -> float:
    """bm25's IDF of a term found in ``n_hit`` rows of the index (as FTS5 computes it)."""
    n_rows, _ = _averages(conn)
    idf = math.log((n_rows - n_hit + 0.5) / (n_hit + 0.5)) if n_rows else 0.0
    return idf if idf > 0.0 else 1e-6


def _one_prefix_words(q: Query, expand: Callable[[str], list[str] | None] | None) -> list[str] | None:
    """The indexed words a query of one prefix and nothing else stands for (None for other queries, and
    for a prefix of too many words)."""
    if expand is None or len(q.groups) != 1 or len(q.groups[0]) != 1:
        return None
    term = q.groups[0][0]
    if not term.prefix or term.exact or len(term.keys) != 1:
        return None
    return expand(term.keys[0])


def _rank_one_prefix(
    conn: sqlite3.Connection, expr: str, words: Sequence[str], excluded: set[int], limit: int
) -> list[_Ranked]:
    """:func:`_rank` for a query that is one prefix (``перегов*``): ``words`` are the indexed words it
    stands for, ``expr`` their FTS5 expression. The same order, and the same scores once multiplied by the
    prefix's IDF (:func:`_idf`; the caller counts the rows), several times faster.

    FTS5's bm25 keeps a prefix as one term but finds its rows twice (to match, then to count them for
    its IDF), merging the word lists of every word with the prefix each time. Here the candidates come
    from the spelled-out words and bm25 is worked out from their text; with one term, the IDF scales
    every score alike. Checked against FTS5's own bm25 by the tests.
    """
    if limit == 0:
        return []
    wanted = set(words)
    where, params = _direct_rows(expr, excluded)
    # Each row fills one column group (see _columns): its weight, and its words as written and normal forms.
    found = conn.execute(
        "SELECT json_group_array(json_array(s.rowid, "
        "CASE WHEN s.qx IS NOT NULL THEN 0 WHEN s.tx IS NOT NULL THEN 1 ELSE 2 END, "
        "coalesce(s.qx, s.tx, s.bx, '') || ' ' || coalesce(s.ql, s.tl, s.bl, ''))) FROM ("
        f"SELECT rowid FROM search_fts WHERE {where} ORDER BY rowid LIMIT ?) f JOIN search_rows s ON s.rowid = f.rowid",
        [*params, _candidates(limit)],
    ).fetchone()[0]
    candidates = json.loads(found) if found else []
    if not candidates:
        return []
    _, avgdl = _averages(conn)
    weights = (WEIGHTS["q"], WEIGHTS["t"], WEIGHTS["b"])
    matches = wanted.__contains__
    scored: list[tuple[float, int]] = []
    for rowid, group, text in candidates:
        terms = text.split()
        freq = weights[group] * sum(map(matches, terms))  # bm25 adds the column's weight per instance
        score = -1.0 * (freq * (_K1 + 1.0)) / (freq + _K1 * (1 - _B + _B * len(terms) / avgdl))
        scored.append((score, rowid))
    scored.sort()
    return _with_records(conn, [(rowid, score) for score, rowid in scored[:limit]])


def _ranked_hits(conn: sqlite3.Connection, rank: Callable[[sqlite3.Connection], list[_Ranked]], q: Query) -> list[Hit]:
    """The first page's direct hits, ranked by ``rank``, with their snippets."""
    return _direct_hits(q, rank(conn))


def _top_hits(
    conn: sqlite3.Connection,
    state: _State,
    q: Query,
    ranked: list[Hit],
    actor_hits: list[tuple[str, NDArray[np.int64]]],
    limit: int | None,
) -> list[Hit]:
    """The page: the ranked direct hits, then participant hits (an actor's names) in timeline order."""
    if limit == 0:
        return []
    hits = list(ranked)
    wanted: list[tuple[str, int]] = []
    for aid, evs in actor_hits:
        room = None if limit is None else limit - len(hits) - len(wanted)
        if room is not None and room <= 0:
            break
        wanted += [(aid, ev) for ev in (evs if room is None else evs[:room]).tolist()]
    if wanted:
        info = _events_info(conn, [ev for _, ev in wanted])
        for aid, ev in wanted:
            if ev in info and aid in state.actor_texts:
                text = state.actor_texts[aid]
                hits.append(_make_hit(q, info[ev], "actor", "participants", "uk", aid, text, None, 0.0))
    return hits


def _events_info(conn: sqlite3.Connection, evs: Sequence[int]) -> dict[int, tuple[str, str, int]]:
    """events.rowid → (id, EDTF date, timeline position)."""
    rows = conn.execute(
        "SELECT rowid, id, date, pos FROM events WHERE rowid IN (SELECT value FROM json_each(?)) AND pos IS NOT NULL",
        (json.dumps(list(evs)),),
    )
    return {r: (i, d, int(p)) for r, i, d, p in rows}


def _make_hit(
    q: Query,
    info: tuple[str, str, int],
    kind: str,
    fld: str,
    lang: str,
    ref: str,
    text: str,
    speaker: str | None,
    score: float,
) -> Hit:
    spans = match_spans(q, text)
    snip, snip_spans = snippet(text, spans)
    event_id, date, pos = info
    return Hit(event_id, date, pos, kind, speaker, text, fld, snip, snip_spans, float(score), lang, ref)


_FIELD_TEXT = (
    "CASE s.field || '/' || s.lang "
    + " ".join(f"WHEN '{f}/{lang}' THEN e.{f if lang == 'uk' else f + '_en'}" for f, lang in _SLOTS)
    + " END"
)
# The matched records of the top rows, in one query: event, original text, speaker.
_DIRECT_HITS = f"""
SELECT s.rowid, s.kind, s.field, s.lang, s.ref, e.id, e.date, e.pos,
       CASE s.kind WHEN 'quote' THEN q.text WHEN 'passage' THEN c.text ELSE {_FIELD_TEXT} END,
       q.speaker_id
FROM search_rows s JOIN events e ON e.rowid = s.ev
LEFT JOIN quotes q ON s.kind = 'quote' AND q.id = s.ref
LEFT JOIN citations c ON s.kind = 'passage' AND c.event_id = s.ref AND c.ord = s.n
WHERE s.rowid IN (SELECT value FROM json_each(?)) AND e.pos IS NOT NULL
"""


def _direct_hits(q: Query, ranked: list[_Ranked]) -> list[Hit]:
    hits = []
    for _rowid, score, row in ranked:
        if row is None or not row[8]:  # a stale row (the record changed behind the index's back)
            continue
        _, kind, fld, lang, ref, event_id, date, pos, text, speaker = row
        hits.append(_make_hit(q, (event_id, date, int(pos)), kind, fld, lang, ref, text, speaker, score))
    return hits

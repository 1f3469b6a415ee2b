"""Writing a store's records into the search index (the store calls it inside its write transaction).

How text becomes index terms: :func:`chronology.db.text.tokens` splits the original text into words and
folds each (case, apostrophes, stress, look-alike letters). A row fills the two columns of one weight
group: ``…x`` the folded words in order (exact forms, phrases, prefixes), ``…l`` every normal form
pymorphy3 gives for each word ("києві" → "кий київ"), so that a word matches any form of itself.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..text import words
from .morphology import lemma_text
from .schema import (
    CITATION_SLOT,
    COLUMNS,
    INSERT_TRIGGER,
    QUOTE_SLOT,
    SLOT_MASK,
    SLOTS,
    TIER_ACTOR,
    TIER_BACKGROUND,
    TIER_QUOTE,
    TIER_TITLE,
    column_words,
    encode_rowid,
    insert_terms,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Actor, Chronology, Event


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
    are filled (:func:`rank_one_prefix` relies on it)."""
    keys = words(text)
    cols: dict[str, str | None] = dict.fromkeys(COLUMNS)
    cols[f"{group}x"] = " ".join(keys)
    cols[f"{group}l"] = " ".join(map(lemma_text, keys))
    return len(keys), cols


def actor_text(actor: Actor) -> str:
    """An actor's names as one text: "Стівен Віткофф (Steve Witkoff, Віткофф, Уіткофф, …)"."""
    return names_text(actor.name_uk, [actor.name_en, *actor.aliases])


def names_text(name: str, other_names: Iterable[str]) -> str:
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
    return SLOTS[(row.field, row.lang)]


_INSERT = (
    "INSERT INTO search_rows (rowid, kind, field, lang, ev, ref, n, qx, ql, tx, tl, bx, bl) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _row_params(row: _Row, ev: int) -> tuple[Any, ...]:
    """The search_rows values of a row; ``ev`` is the event's rowid (the actor's for actor rows)."""
    length, cols = _columns(row.text, row.group)
    if row.kind == "actor":
        rowid, ev_col = encode_rowid(TIER_ACTOR, 0, ev, 0), None
    else:
        rowid, ev_col = encode_rowid(row.tier, length, ev, _slot(row)), ev
    return (rowid, row.kind, row.field, row.lang, ev_col, row.ref, row.n, *(cols[c] for c in COLUMNS))


def _rowids(conn: sqlite3.Connection, table: str, ids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(f"SELECT id, rowid FROM {table} WHERE id IN ({marks})", chunk).fetchall())
    return found


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
        column_words(terms, params[-len(COLUMNS) :])
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
    insert_terms(conn, terms)
    if bulk:
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
        conn.execute(INSERT_TRIGGER)


def rebuild(conn: sqlite3.Connection) -> None:
    """Index every record of the store anew (after a change of normaliser or dictionaries); the caller holds
    the transaction."""
    conn.execute("DELETE FROM search_rows")
    conn.execute("DELETE FROM search_terms")
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
    index_document(conn, _indexed_records(conn))


def _indexed_records(conn: sqlite3.Connection) -> Chronology:
    """What the index holds of every record, read in bulk (unvalidated: the store's rows already were)."""
    from ..models import Actor, Chronology, Event, Passage, Quote  # pydantic: not at import (start-up)

    actors = [
        Actor.model_construct(id=i, name_uk=name_uk, name_en=name_en, aliases=json.loads(aliases))
        for i, name_uk, name_en, aliases in conn.execute("SELECT id, name_uk, name_en, aliases FROM actors ORDER BY id")
    ]
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
    return Chronology.model_construct(sources=[], actors=actors, events=events, quotes=quotes, tallies=[])

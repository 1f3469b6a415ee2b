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
of itself. The groups are ``q`` (quotes), ``t`` (titles and names) and ``b`` (background: summaries,
outcomes, places, passages); bm25 weighs them 4 : 2 : 1.

The FTS5 table is an external-content table over ``search_rows``; triggers keep them in step, and
deleting an event, quote or actor anywhere (any SQLite tool) deletes its index rows.

Query syntax (:func:`parse_query`; no input ever raises):

* ``путін женева``: every word must match, in any of its forms;
* ``"у Женеві"`` (or «…», “…”): an exact phrase, word for word (case and apostrophes still folded);
* ``Віткофф OR Кушнер`` (or ``АБО``): either; OR binds tighter than the implicit AND;
* ``-Кушнер``: leave out events that mention the word anywhere;
* ``зустр*``: a prefix (of a word or of one of its normal forms).

Everything else is literal text.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .text import nfc, tokens

if TYPE_CHECKING:  # pragma: no cover
    from .models import Actor, Chronology, Event, Quote
    from .store import Store

KINDS = ("quote", "event", "passage", "actor")
# Weight groups: column prefix per kind of text, and bm25 weight per group (exact-form and lemma columns).
GROUP = {"quote": "q", "event": "b", "passage": "b", "actor": "t"}
TITLE_GROUP = "t"  # event titles rank with names, above summaries
WEIGHTS = {"q": 4.0, "t": 2.0, "b": 1.0}
COLUMNS = ("qx", "ql", "tx", "tl", "bx", "bl")
# A participant hit says less than the same words in a quote or title: its score is scaled by this.
ACTOR_FACTOR = 0.5
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '''' categories 'L* N* Co M*'"

INDEX_SCHEMA = f"""
CREATE TABLE search_rows (
    rowid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,          -- quote | event | passage | actor
    field TEXT NOT NULL,         -- text | title | summary | outcome | place | citation | participants
    lang TEXT NOT NULL,          -- uk: the original field; en: its English counterpart (title_en …)
    event_id TEXT,               -- the event a hit leads to (NULL for actors: expanded via event_actors)
    ref TEXT NOT NULL,           -- the record: quote id, event id, actor id
    n INTEGER NOT NULL DEFAULT 0,  -- citation number within the event
    qx TEXT, ql TEXT, tx TEXT, tl TEXT, bx TEXT, bl TEXT
);
CREATE INDEX search_rows_event ON search_rows (event_id);
CREATE INDEX search_rows_ref ON search_rows (ref, kind);
CREATE VIRTUAL TABLE search_fts USING fts5(
    qx, ql, tx, tl, bx, bl, content='search_rows', content_rowid='rowid', tokenize="{TOKENIZER}"
);
CREATE TRIGGER search_rows_ai AFTER INSERT ON search_rows BEGIN
    INSERT INTO search_fts (rowid, qx, ql, tx, tl, bx, bl)
    VALUES (new.rowid, new.qx, new.ql, new.tx, new.tl, new.bx, new.bl);
END;
CREATE TRIGGER search_rows_ad AFTER DELETE ON search_rows BEGIN
    INSERT INTO search_fts (search_fts, rowid, qx, ql, tx, tl, bx, bl)
    VALUES ('delete', old.rowid, old.qx, old.ql, old.tx, old.tl, old.bx, old.bl);
END;
CREATE TRIGGER search_rows_au AFTER UPDATE ON search_rows BEGIN
    INSERT INTO search_fts (search_fts, rowid, qx, ql, tx, tl, bx, bl)
    VALUES ('delete', old.rowid, old.qx, old.ql, old.tx, old.tl, old.bx, old.bl);
    INSERT INTO search_fts (rowid, qx, ql, tx, tl, bx, bl)
    VALUES (new.rowid, new.qx, new.ql, new.tx, new.tl, new.bx, new.bl);
END;
CREATE TRIGGER search_events_ad AFTER DELETE ON events BEGIN
    DELETE FROM search_rows WHERE event_id = old.id;
END;
CREATE TRIGGER search_quotes_ad AFTER DELETE ON quotes BEGIN
    DELETE FROM search_rows WHERE ref = old.id AND kind = 'quote';
END;
CREATE TRIGGER search_actors_ad AFTER DELETE ON actors BEGIN
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


_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=500_000)
def lemmas(key: str) -> tuple[str, ...]:
    """Every normal form pymorphy3 gives for a folded word ("києві" → ("кий", "київ")), folded; cached.

    Words without Cyrillic letters (numbers, Latin names) are their own normal form.
    """
    if not _HAS_CYRILLIC.search(key):
        return (key,)
    forms: set[str] = set()
    for parse in _analyzer().parse(key):
        found = tokens(parse.normal_form)
        if len(found) == 1:
            forms.add(found[0].key)
    return tuple(sorted(forms)) if forms else (key,)


# ---------------------------------------------------------------------------------------------- indexing
@dataclass(frozen=True, slots=True)
class _Row:
    kind: str
    field: str
    lang: str
    event_id: str | None
    ref: str
    n: int
    text: str
    group: str


def _columns(text: str, group: str) -> dict[str, str | None]:
    keys = [t.key for t in tokens(text)]
    cols: dict[str, str | None] = dict.fromkeys(COLUMNS)
    cols[f"{group}x"] = " ".join(keys)
    cols[f"{group}l"] = " ".join(" ".join(lemmas(k)) for k in keys)
    return cols


def actor_text(actor: Actor) -> str:
    """An actor's names as one text: "Стівен Віткофф (Steve Witkoff, Віткофф, Уіткофф, …)"."""
    others: list[str] = []
    for name in (actor.name_en, *actor.aliases):
        if name and name != actor.name_uk and name not in others:
            others.append(name)
    return f"{actor.name_uk} ({', '.join(others)})" if others else actor.name_uk


def _event_rows(e: Event) -> Iterable[_Row]:
    fields = (
        ("title", "uk", e.title, TITLE_GROUP),
        ("title", "en", e.title_en, TITLE_GROUP),
        ("summary", "uk", e.summary, "b"),
        ("summary", "en", e.summary_en, "b"),
        ("outcome", "uk", e.outcome, "b"),
        ("outcome", "en", e.outcome_en, "b"),
        ("place", "uk", e.place, "b"),
        ("place", "en", e.place_en, "b"),
    )
    for name, lang, text, group in fields:
        if text:
            yield _Row("event", name, lang, e.id, e.id, 0, text, group)
    for i, c in enumerate(e.citations):
        yield _Row("passage", "citation", "uk", e.id, e.id, i, c.text, "b")


def _quote_row(q: Quote) -> _Row:
    return _Row("quote", "text", "uk", q.event_id, q.id, 0, q.text, "q")


def _actor_row(a: Actor) -> _Row:
    return _Row("actor", "participants", "uk", None, a.id, 0, actor_text(a), "t")


_INSERT = (
    "INSERT INTO search_rows (kind, field, lang, event_id, ref, n, qx, ql, tx, tl, bx, bl) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert(conn: sqlite3.Connection, rows: Iterable[_Row]) -> None:
    def params() -> Iterable[tuple[Any, ...]]:
        for r in rows:
            cols = _columns(r.text, r.group)
            yield (r.kind, r.field, r.lang, r.event_id, r.ref, r.n, *(cols[c] for c in COLUMNS))

    conn.executemany(_INSERT, params())


def create_index(conn: sqlite3.Connection) -> None:
    """Create the search tables (part of a new store's schema)."""
    conn.executescript(INDEX_SCHEMA)


def has_index(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").fetchone() is not None


def index_document(conn: sqlite3.Connection, doc: Chronology) -> None:
    """Index (or re-index) every record of ``doc``; the caller holds the transaction.

    Upserted records replace their old index rows: an event's title/summary/… and passages, a quote,
    an actor's names.
    """
    fresh = conn.execute("SELECT 1 FROM search_rows LIMIT 1").fetchone() is None
    if not fresh:
        conn.executemany("DELETE FROM search_rows WHERE ref = ? AND kind = 'actor'", ((a.id,) for a in doc.actors))
        conn.executemany(
            "DELETE FROM search_rows WHERE event_id = ? AND kind IN ('event', 'passage')",
            ((e.id,) for e in doc.events),
        )
        conn.executemany("DELETE FROM search_rows WHERE ref = ? AND kind = 'quote'", ((q.id,) for q in doc.quotes))
    _insert(conn, (_actor_row(a) for a in doc.actors))
    _insert(conn, (row for e in doc.events for row in _event_rows(e)))
    _insert(conn, (_quote_row(q) for q in doc.quotes))


def reindex(store: Store) -> None:
    """Rebuild the whole index from the store's records (after a change of normaliser or dictionaries)."""
    from .models import Chronology

    with store.transaction():
        conn = store.conn
        if not has_index(conn):
            create_index(conn)
        conn.execute("DELETE FROM search_rows")
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
        doc = Chronology(actors=store.actors(), events=list(store.events()), quotes=store.quotes())
        index_document(conn, doc)


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


_X = "{qx tx bx}"
_L = "{ql tl bl}"
_XL = "{qx ql tx tl bx bl}"


def _term_fts(t: Term) -> str:
    if t.is_word:
        forms = " OR ".join(_quote_fts(f) for f in lemmas(t.keys[0]))
        return f"({_X} : {_quote_fts(t.keys[0])} OR {_L} : ({forms}))"
    star = " *" if t.prefix else ""
    if len(t.keys) == 1 and t.prefix and not t.exact:
        return f"({_XL} : {_quote_fts(t.keys[0])}{star})"
    return f"({_X} : {_quote_fts(' '.join(t.keys))}{star})"


def fts_expression(terms: Sequence[Sequence[Term]]) -> str:
    """The FTS5 MATCH expression for AND-ed groups of OR-ed terms (every string quoted: no syntax leaks)."""
    parts = []
    for group in terms:
        alts = [_term_fts(t) for t in group]
        parts.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    return " AND ".join(parts)


# ---------------------------------------------------------------------------------------------- highlights
def _token_matches(term: Term, key: str) -> bool:
    if term.prefix:
        p = term.keys[-1]
        return key.startswith(p) or (not term.exact and any(f.startswith(p) for f in lemmas(key)))
    if term.exact:
        return key == term.keys[-1]
    if key == term.keys[0]:
        return True
    wanted = lemmas(term.keys[0])
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

    @property
    def total_events(self) -> int:
        return len(self.event_positions)


_BM25 = "bm25(search_fts, " + ", ".join(str(WEIGHTS[c[0]]) for c in COLUMNS) + ")"

# All hits of a MATCH: direct rows lead to their event; actor rows to each event the actor took part in.
_HITS = f"""
WITH m AS MATERIALIZED (
    SELECT rowid AS rid, {_BM25} AS score FROM search_fts WHERE search_fts MATCH :q
), neg AS MATERIALIZED (
    SELECT s.event_id AS id FROM search_fts JOIN search_rows s ON s.rowid = search_fts.rowid
    WHERE search_fts MATCH :neg AND s.event_id IS NOT NULL
    UNION
    SELECT ea.event_id FROM search_fts JOIN search_rows s ON s.rowid = search_fts.rowid
    JOIN event_actors ea ON ea.actor_id = s.ref
    WHERE search_fts MATCH :neg AND s.kind = 'actor'
), hits AS (
    SELECT m.rid, m.score, e.pos, e.id AS event_id, e.date, s.kind
    FROM m JOIN search_rows s ON s.rowid = m.rid JOIN events e ON e.id = s.event_id
    WHERE s.kind != 'actor' AND e.pos IS NOT NULL
    UNION ALL
    SELECT m.rid, m.score * {ACTOR_FACTOR}, e.pos, e.id, e.date, s.kind
    FROM m JOIN search_rows s ON s.rowid = m.rid
    JOIN event_actors ea ON ea.actor_id = s.ref JOIN events e ON e.id = ea.event_id
    WHERE s.kind = 'actor' AND e.pos IS NOT NULL
), kept AS (
    SELECT * FROM hits WHERE event_id NOT IN (SELECT id FROM neg)
)
"""
_TOP = _HITS + "SELECT rid, score, pos, event_id, date FROM kept ORDER BY score, pos, rid LIMIT :limit"
_EVENTS = _HITS + "SELECT pos, count(*) FROM kept GROUP BY pos ORDER BY pos"


def search(store: Store, query: str | Query, *, limit: int | None = 50) -> SearchResults:
    """Ranked hits for what the user typed; never raises for any input (an empty query finds nothing)."""
    q = query if isinstance(query, Query) else parse_query(query)
    if q.is_empty or (limit is not None and limit < 0):
        return SearchResults(q.text, [], 0, [])
    expr = fts_expression(q.groups)
    neg = fts_expression([[t] for t in q.excluded]).replace(" AND ", " OR ") if q.excluded else '""'
    params = {"q": expr, "neg": neg, "limit": -1 if limit is None else limit}
    with store.lock:
        conn = store.conn
        if not has_index(conn):
            from .store import StoreError

            raise StoreError("this store has no search index; rebuild it with `chronology search --reindex`")
        per_event = conn.execute(_EVENTS, params).fetchall()
        top = conn.execute(_TOP, params).fetchall() if limit != 0 else []
        hits = [h for h in (_hit(conn, q, *row) for row in top) if h is not None]
    positions = [int(p) for p, _ in per_event]
    total = sum(int(c) for _, c in per_event)
    return SearchResults(q.text, hits, total, positions)


def _hit(conn: sqlite3.Connection, q: Query, rid: int, score: float, pos: int, event_id: str, date: str) -> Hit | None:
    kind, fld, lang, ref, n = conn.execute(
        "SELECT kind, field, lang, ref, n FROM search_rows WHERE rowid = ?", (rid,)
    ).fetchone()
    speaker = None
    text: str | None = None
    if kind == "quote":
        row = conn.execute("SELECT text, speaker_id FROM quotes WHERE id = ?", (ref,)).fetchone()
        if row:
            text, speaker = row
    elif kind == "passage":
        row = conn.execute("SELECT text FROM citations WHERE event_id = ? AND ord = ?", (ref, n)).fetchone()
        text = row[0] if row else None
    elif kind == "event":
        column = fld if lang == "uk" else f"{fld}_en"
        if column in {"title", "summary", "outcome", "place", "title_en", "summary_en", "outcome_en", "place_en"}:
            row = conn.execute(f"SELECT {column} FROM events WHERE id = ?", (ref,)).fetchone()
            text = row[0] if row else None
    elif kind == "actor":
        from .models import Actor

        row = conn.execute(
            "SELECT id, name_uk, name_en, aliases, role, role_en, side FROM actors WHERE id = ?", (ref,)
        ).fetchone()
        if row:
            i, nu, ne, al, r, re_, s = row
            text = actor_text(Actor(id=i, name_uk=nu, name_en=ne, aliases=json.loads(al), role=r, role_en=re_, side=s))
    if text is None:
        return None
    spans = match_spans(q, text)
    snip, snip_spans = snippet(text, spans)
    return Hit(event_id, date, int(pos), kind, speaker, text, fld, snip, snip_spans, float(score), lang, ref)

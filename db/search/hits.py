"""What a search returns: hits with their snippets, and the read of the records a page of hits shows."""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .query import Query, match_spans, snippet
from .schema import SLOTS


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
    # The sorted positions of ALL matching events: an array of 64-bit integers, compact and, unlike a list of
    # 100,000 ints, not walked by Python's garbage collector (each full collection while typing took ~10 ms
    # longer per list the app held).
    event_positions: Sequence[int] = field(default_factory=lambda: array("q"))
    # The query as searched: names expanded to every alias of the actor. Pass it to match_spans() to
    # highlight "Дмітрієвим" in a text found by typing "Дмитрієв".
    parsed: Query | None = None

    @property
    def total_events(self) -> int:
        return len(self.event_positions)


# A ranked direct hit: (search_rows rowid, bm25 score, the _DIRECT_HITS row or None if it is gone).
Ranked = tuple[int, float, "tuple[Any, ...] | None"]


def with_records(conn: sqlite3.Connection, top: Sequence[tuple[int, float]]) -> list[Ranked]:
    """The ranked ``(rowid, score)`` pairs with what the page shows of each record (_DIRECT_HITS)."""
    if not top:
        return []
    found = {row[0]: row for row in conn.execute(_DIRECT_HITS, (json.dumps([r for r, _ in top]),))}
    return [(rowid, score, found.get(rowid)) for rowid, score in top]


def events_info(conn: sqlite3.Connection, evs: Sequence[int]) -> dict[int, tuple[str, str, int]]:
    """events.rowid → (id, EDTF date, timeline position)."""
    rows = conn.execute(
        "SELECT rowid, id, date, pos FROM events WHERE rowid IN (SELECT value FROM json_each(?)) AND pos IS NOT NULL",
        (json.dumps(list(evs)),),
    )
    return {r: (i, d, int(p)) for r, i, d, p in rows}


def make_hit(
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
    + " ".join(f"WHEN '{f}/{lang}' THEN e.{f if lang == 'uk' else f + '_en'}" for f, lang in SLOTS)
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


def direct_hits(q: Query, ranked: list[Ranked]) -> list[Hit]:
    hits = []
    for _rowid, score, row in ranked:
        if row is None or not row[8]:  # a stale row (the record changed behind the index's back)
            continue
        _, kind, fld, lang, ref, event_id, date, pos, text, speaker = row
        hits.append(make_hit(q, (event_id, date, int(pos)), kind, fld, lang, ref, text, speaker, score))
    return hits


def title_hits(conn: sqlite3.Connection, q: Query, positions: Sequence[int]) -> list[Hit]:
    """One hit on the title of each event at ``positions`` (found by its fields alone), in that order."""
    if not positions:
        return []
    found = {
        pos: (event_id, date, title)
        for pos, event_id, date, title in conn.execute(
            "SELECT pos, id, date, title FROM events WHERE pos IN (SELECT value FROM json_each(?))",
            (json.dumps(list(positions)),),
        )
    }
    return [
        make_hit(q, (found[p][0], found[p][1], p), "event", "title", "uk", found[p][0], found[p][2], None, 0.0)
        for p in positions
        if p in found
    ]

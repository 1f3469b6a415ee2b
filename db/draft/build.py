"""From an article to an import document: :func:`draft_document` runs the readers (dates, places,
durations, people, quotes), assembles the events, matches them against a store, and writes the records
— the source verbatim, new actors, events and quotes, every citation with its exact offset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..text import nfc, verbatim_in
from .cite import cite_dates, cite_quotes
from .dates import DateMention, find_dates
from .draft_event import DraftEvent
from .durations import DurationMention, find_durations
from .events import build_events
from .lexicon import key, month_genitive, words
from .merge import Conflict, Known, Record, StoreReader, match_existing
from .people import Person, PersonMention, find_people
from .places import PlaceMention, find_places
from .quotes import QuoteMention, find_quotes
from .records import Kind, State
from .segments import Segments
from .tense import Tense, clause_tense

if TYPE_CHECKING:
    from ..models import Chronology

# Settings that are acts of their own (an interview is an event; a post "у телеграмі" comments on one).
_STANDALONE = words("інтерв'ю зверненні відеозверненні брифінгу пресконференції ефірі виступі промові")
_KIND_TITLE = {
    Kind.MEETING: "Зустріч",
    Kind.TALKS: "Переговори",
    Kind.VISIT: "Візит",
    Kind.CONSULTATION: "Консультації",
    Kind.STATEMENT: "Заява",
    Kind.ANNOUNCEMENT: "Оголошення",
    Kind.PLAN: "План",
    Kind.DEADLINE: "Дедлайн",
    Kind.CONTEXT: "Контекст",
}
_ID_DATE = re.compile(r"[~?%\[\].]")  # "[..2026-01-21]" → "2026-01-21" in an id
# The model's quote kinds (QuoteKind) for the engine's: a fragment of someone's speech is speech too.
_QUOTE_KIND = {"speech": "speech", "partial": "speech", "paraphrase": "paraphrase", "term": "term"}
_LATIN = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
        [
            "a",
            "b",
            "v",
            "h",
            "g",
            "d",
            "e",
            "ie",
            "zh",
            "z",
            "y",
            "i",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "iu",
            "ia",
            "_",
        ],
        strict=True,
    )
)


@dataclass(frozen=True)
class Span:
    """A found passage for the review screen to highlight: ``kind`` is date, place, duration, person or
    quote; ``label`` what it was read as (EDTF, nominative, minutes, name, speaker)."""

    kind: str
    start: int
    end: int
    label: str


@dataclass
class DraftResult:
    """A drafted import document and what the review needs beside it.

    ``data`` is the import document as JSON data (what ``chronology import`` reads); :attr:`document` is
    the same validated as a :class:`~chronology.db.models.Chronology` (pydantic is loaded only then).
    """

    data: dict[str, list[Record]]
    spans: list[Span]
    events: list[DraftEvent]  # the drafted events (``existing_id`` set on those that update the store)
    quote_kinds: dict[str, str]  # quote id → speech, partial, paraphrase or term
    updates: dict[str, str]  # drafted event id → the stored event it updates
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def new_actors(self) -> list[Record]:
        return self.data["actors"]

    @cached_property
    def document(self) -> Chronology:
        from ..models import parse_document

        return parse_document(self.data)

    def to_json(self) -> str:
        """The import JSON, formatted as the exports are (two-space indent, UTF-8 as is, final newline)."""
        return json.dumps(self.data, ensure_ascii=False, indent=2) + "\n"


def slug(text: str) -> str:
    """A record id part from Ukrainian text: "Абу-Дабі" → "abu-dabi"."""
    out = "".join(_LATIN.get(ch, ch) for ch in key(text))
    out = re.sub(r"[^a-z0-9]+", "-", out.replace("_", "")).strip("-")
    return out or "x"


def latin_name(name: str) -> str:
    """A name in Latin letters (Ukrainian national transliteration) for ``name_en`` until someone edits it."""
    return " ".join(slug(part).replace("-", " ").title().replace(" ", "-") for part in name.split())


def draft_document(
    text: str,
    published: dt.date,
    *,
    outlet: str,
    title: str | None = None,
    url: str | None = None,
    known: StoreReader | None = None,
) -> DraftResult:
    """Draft an import document from a Ukrainian article published on ``published``.

    ``known``: a store whose actors are matched by name and whose events are updated rather than
    duplicated (see :mod:`.merge`). Nothing is written anywhere.
    """
    return _draft(nfc(text), published, outlet, title, url, Known.of(known))


def _draft(text: str, published: dt.date, outlet: str, title: str | None, url: str | None, known: Known) -> DraftResult:
    seg = Segments(text)

    def tense_at(pos: int) -> Tense:
        s = seg.sentence_at(pos)
        return clause_tense(text, s.start, s.end, pos) if s else Tense.UNKNOWN

    dates = find_dates(seg, published, tense_at)
    places = find_places(seg, known.places)
    durations = find_durations(seg)
    people, mentions = find_people(seg, known.actors, [(p.start, p.end) for p in places])
    quotes = find_quotes(seg, people, mentions)
    events = build_events(seg, published, dates, places, durations, people, mentions, quotes)
    by_key = {p.key: p for p in people}
    _place_quotes(seg, events, quotes, published)
    cite_quotes(seg, events)
    cite_dates(seg, events)

    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    source_id = f"{slug(outlet)[:40]}-{published.isoformat()}-{digest}"
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), outlet)
    source: Record = {
        "id": source_id,
        "outlet": nfc(outlet),
        "cites": [],
        "title": nfc(title or first_line[:200]),
        "published": published.isoformat(),
        "language": "uk",
        "url": url,
        "text": text,
    }

    actor_ids: dict[str, str] = {}
    new_actors: list[Record] = []
    taken = {a.id for a in known.actors}
    used = {p for e in events for p in e.participants} | {q.speaker for q in quotes if q.speaker and q.is_speech}
    for p in people:
        if p.actor_id:
            actor_ids[p.key] = p.actor_id
        elif p.key in used:
            actor = _new_actor(p, text, taken)
            taken.add(actor["id"])
            actor_ids[p.key] = actor["id"]
            new_actors.append(actor)

    records: list[Record] = []
    ids: set[str] = set()
    for e in events:
        records.append(_event_record(e, source_id, digest, published, actor_ids, by_key, text, ids))
    updated, renamed, conflicts = match_existing(records, known)
    for e, r in zip(events, records, strict=True):
        e.existing_id = renamed.get(r["id"])

    quote_records: list[Record] = []
    kinds: dict[str, str] = {}
    event_of: dict[int, str] = {}
    for e, r in zip(events, records, strict=True):
        for q in e.quotes:
            event_of[id(q)] = str(renamed.get(r["id"], r["id"]))
    for n, q in enumerate(quotes, 1):
        if id(q) not in event_of:
            continue
        qid = f"{source_id}-q{n}"
        kinds[qid] = q.kind
        quote_records.append(
            {
                "id": qid,
                "event_id": event_of[id(q)],
                "kind": _QUOTE_KIND[q.kind],
                "speaker_id": actor_ids.get(q.speaker) if q.speaker and q.kind != "term" else None,
                "text": text[q.start : q.end],
                "given_as": q.given_as if q.is_speech else None,
                "source_id": source_id,
                "offset": q.start,
            }
        )
    data = {"sources": [source], "actors": new_actors, "events": updated, "quotes": quote_records, "tallies": []}
    spans = _spans(dates, places, durations, mentions, quotes, by_key)
    return DraftResult(data, spans, events, kinds, renamed, conflicts)


def _place_quotes(seg: Segments, events: list[DraftEvent], quotes: list[QuoteMention], published: dt.date) -> None:
    """Give every quote an event: the event its sentence tells of, else one told in its paragraph, else a
    statement of its own (an interview, an address) or the event told just before."""

    def paragraph(pos: int) -> int:
        s = seg.sentence_at(pos)
        return s.paragraph if s else -1

    for q in quotes:
        par = paragraph(q.start)
        same = [e for e in events if any(s.start <= q.start < s.end for s in e.sentences)]
        if not same:
            same = [e for e in events if any(s.paragraph == par for s in e.sentences)]
        if same:
            before = [e for e in same if min(s.start for s in e.sentences) <= q.start]
            (before[-1] if before else same[0]).quotes.append(q)
            continue
        setting = key(q.given_as or "")
        if q.is_speech and q.speaker and any(w in _STANDALONE for w in setting.split()):
            s = seg.sentence_at(q.start)
            assert s is not None
            stated = next(
                (
                    e
                    for e in events
                    if e.kind is Kind.STATEMENT
                    and q.speaker in e.participants
                    and any(x.paragraph == par for x in e.sentences)
                ),
                None,
            )
            if stated is None:
                implied = said_on(seg, q.start, published)
                stated = DraftEvent(implied, Kind.STATEMENT, State.HELD, [s], participants=[q.speaker])
                events.append(stated)
            stated.quotes.append(q)
            continue
        earlier = [e for e in events if min(s.start for s in e.sentences) <= q.start]
        target = earlier[-1] if earlier else (events[0] if events else None)
        if target is None:
            s = seg.sentence_at(q.start)
            assert s is not None
            implied = said_on(seg, q.start, published)
            target = DraftEvent(
                implied, Kind.STATEMENT, State.HELD, [s], participants=[q.speaker] if q.speaker and q.is_speech else []
            )
            events.append(target)
        target.quotes.append(q)
    events.sort(key=lambda e: min(s.start for s in e.sentences))


_TODAY = re.compile(r"(?<!\w)(?:сьогодні\w*|ранков\w+|вечірн\w+|нічн\w+|вранці|увечері|зранку)(?!\w)", re.IGNORECASE)
_STAMP = re.compile(r"\s*\d{1,2}[:.]\d{2}\s*")  # a live blog's entry: "21:40" on a line of its own


def said_on(seg: Segments, at: int, published: dt.date) -> DateMention:
    """The date of a statement the article tells without a date ("Віткофф повідомив …"). Said "today" (in the
    morning address, "сьогодні") or in a live blog's timed entry: the publication day; otherwise on or before
    it, as the model marks it (EDTF ``[..YYYY-MM-DD]``, with no words of the article to show)."""
    s = seg.sentence_at(at)
    if s is not None:
        today = _TODAY.search(seg.text, s.start, s.end)
        if today:
            return DateMention(today.start(), today.end(), published.isoformat(), today.group(0), relative=True)
        lo, _ = seg.paragraph_span(s.paragraph)
        lines = seg.text[:lo].rstrip("\n").rsplit("\n", 1)
        if lines and _STAMP.fullmatch(lines[-1]):
            return DateMention(at, at, published.isoformat(), "", relative=True, flags=["stamp"])
    return DateMention(at, at, f"[..{published.isoformat()}]", "", relative=True)


def _new_actor(p: Person, text: str, taken: set[str]) -> Record:
    base = slug(p.name)[:60] or "person"
    aid, n = base, 2
    while aid in taken:
        aid, n = f"{base}-{n}", n + 1
    aliases: list[str] = []
    for m in p.mentions:
        form = text[m.start : m.end]
        if form not in aliases and form != p.name:
            aliases.append(form)
    return {
        "id": aid,
        "name_uk": p.name,
        "name_en": latin_name(p.name),
        "aliases": aliases,
        "role": p.role or "роль у джерелі не вказана",
        "role_en": None,
        "side": p.side.value,
    }


def _event_record(
    e: DraftEvent,
    source_id: str,
    digest: str,
    published: dt.date,
    actor_ids: dict[str, str],
    people: dict[str, Person],
    text: str,
    ids: set[str],
) -> Record:
    date = e.date.edtf
    place_part = slug(e.place.name) if e.place else e.kind.value
    base = f"{_ID_DATE.sub('', date)}-{place_part}-{digest}"
    eid, n = base, 2
    while eid in ids:
        eid, n = f"{base}-{n}", n + 1
    ids.add(eid)
    note = None
    if e.date.phrase:
        date_phrase = e.date.phrase if e.date.vague else None
    elif "paragraph" in e.date.flags:
        date_phrase = None
        note = "Дата не вказана; з абзацу, де подію названо поруч з іншою, датованою."
    elif "stamp" in e.date.flags:
        date_phrase = None
        note = "Дата — день матеріалу: запис онлайн-трансляції з позначкою часу."
    else:
        # the article does not say when: known only to have happened by its publication ([..published])
        date_phrase = None
        note = f"Дата не вказана; відомо лише з матеріалу від {published.day} {month_genitive(published.month)} "
        note += f"{published.year} р."
    d = e.duration
    duration = {"minutes": d.minutes, "qualifier": d.model_qualifier, "phrase": d.phrase} if d else None
    participants = [actor_ids[p] for p in e.participants if p in actor_ids]
    names = [people[p].name.split()[-1] for p in e.participants if p in people]
    title = _KIND_TITLE[e.kind] + (": " + ", ".join(names) if names else "") + (f" — {e.place.name}" if e.place else "")
    citations = [{"source_id": source_id, "offset": s.start, "text": text[s.start : s.end]} for s in e.sentences]
    if date_phrase and not any(verbatim_in(date_phrase, text[s.start : s.end]) for s in e.sentences):
        note, date_phrase = f"Дата — за словами джерела поза цитованими уривками: {date_phrase}.", None
    return {
        "id": eid,
        "kind": e.kind.value,
        "date": date,
        "date_phrase": date_phrase,
        "note": note,
        "status": e.status.value,
        "status_as_of": published.isoformat(),
        "place": e.place.name if e.place else None,
        "place_en": None,
        "duration": duration,
        "participants": list(dict.fromkeys(participants)),
        "title": title,
        "title_en": None,
        "summary": "",
        "summary_en": None,
        "outcome": None,
        "outcome_en": None,
        "citations": citations,
        "claims": [],
    }


def _spans(
    dates: list[DateMention],
    places: list[PlaceMention],
    durations: list[DurationMention],
    mentions: list[PersonMention],
    quotes: list[QuoteMention],
    people: dict[str, Person],
) -> list[Span]:
    out = [Span("date", d.start, d.end, d.edtf) for d in dates]
    out += [Span("place", p.start, p.end, p.name) for p in places]
    out += [Span("duration", d.start, d.end, f"{d.minutes} {d.qualifier}") for d in durations]
    out += [Span("person", m.start, m.end, people[m.person].name) for m in mentions]
    out += [
        Span("quote", q.start, q.end, people[q.speaker].name if q.speaker and q.is_speech else q.kind) for q in quotes
    ]
    out.sort(key=lambda s: (s.start, -s.end))
    return out

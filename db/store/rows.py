"""What the store's reads return, and the conversions between the models and the store's rows.

The timeline's rows (:class:`TimelineRow`, :class:`TallyRow`) are plain dataclasses: the TUI draws its
timeline from them, so its start-up loads no pydantic. The models are imported where first needed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..edtf import parse_edtf

if TYPE_CHECKING:
    from ..models import Actor, Event, Quote, Source, Tally


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """What one timeline line needs, read without loading the whole event."""

    pos: int
    id: str
    kind: str
    date: str
    date_phrase: str | None
    year: int
    status: str
    status_as_of: str | None
    place: str | None
    place_en: str | None
    duration_minutes: int | None
    duration_qualifier: str | None
    duration_phrase: str | None
    title: str
    title_en: str | None
    gap_days: int | None
    gap_from: str | None  # ISO date of the round the gap is measured from
    gap_undated: int  # rounds without an exact date between: 0 none, 1 maybe, 2 certainly (see order.py)


# The columns of a TimelineRow, in its order.
ROW_COLUMNS = (
    "pos, id, kind, date, date_phrase, year, status, status_as_of, place, place_en, duration_minutes, "
    "duration_qualifier, duration_phrase, title, title_en, gap_days, gap_from, gap_undated"
)


@dataclass(frozen=True, slots=True)
class TallyRow:
    """A tally as stored: the count the source states and the events it dates."""

    id: str
    subject: str
    subject_en: str | None
    period: str
    stated: int
    event_ids: list[str]
    source_id: str
    offset: int
    text: str


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor's names and role as stored, read without pydantic (what the drafting engine matches)."""

    id: str
    type: str  # person, institution or group
    name_uk: str
    name_en: str
    aliases: list[str]
    role: str | None  # None: the source does not say
    role_en: str | None
    side: str


@dataclass(frozen=True, slots=True)
class EventKey:
    """What tells one stored event from another, read without pydantic: day, place and participants (the
    drafting engine's "is this one of the store's events?")."""

    id: str
    date: str
    place: str | None
    participants: list[str]


@dataclass(frozen=True, slots=True)
class DateBin:
    """How many events share a period (a day, month or year), a kind and a status (the time axis's counts).

    ``lower`` and ``upper`` are the bins of the first and last day the events' dates can mean, as ISO
    prefixes ("2025-03-13", "2025-03" or "2025"); ``ranged`` says the dates are periods (a month, a season,
    a year), not days; ``first_pos`` is the timeline position of the first of them; ``open`` says the dates are
    known by one bound only (:data:`OPEN_NONE`, :data:`OPEN_BEFORE` "[..X]": on or before X, :data:`OPEN_AFTER`
    "[X..]"), counted at that bound."""

    lower: str
    upper: str
    ranged: bool
    kind: str
    status: str
    count: int
    first_pos: int
    open: int = 0


OPEN_NONE, OPEN_BEFORE, OPEN_AFTER = 0, 1, 2  # DateBin.open


@dataclass(frozen=True, slots=True)
class TallyView:
    tally: Tally
    dated: int  # how many of the counted events the source dates (len(event_ids))


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event in full, with everything the detail view and ``show`` print."""

    event: Event
    pos: int
    gap_days: int | None
    actors: dict[str, Actor]  # participants and quote speakers, by id
    quotes: list[Quote]
    sources: dict[str, Source]  # cited sources, by id (text included: passages are slices of it)
    tallies: list[TallyView]  # counts this event belongs to
    gap_from: str | None = None  # ISO date of the round the gap is measured from
    gap_undated: int = 0  # rounds without an exact date between: 0 none, 1 maybe, 2 certainly
    before_title: tuple[str, str | None] | None = None  # (title, title_en) of the event ``before`` names


# ---------------------------------------------------------------------------------------------- models → rows
def source_row(s: Source) -> dict[str, Any]:
    return {**s.model_dump(mode="json", exclude={"cites"}), "cites": json.dumps(s.cites, ensure_ascii=False)}


def actor_row(a: Actor) -> dict[str, Any]:
    """The ``actors`` row (a role the source does not give is stored as '': the column is NOT NULL)."""
    row = a.model_dump(mode="json", exclude={"aliases"})
    return {**row, "role": a.role or "", "aliases": json.dumps(a.aliases, ensure_ascii=False)}


def event_row(e: Event) -> dict[str, Any]:
    """The ``events`` row of an event (its place in date order and its gap are set by ``renumber``)."""
    d = parse_edtf(e.date)
    return {
        "id": e.id,
        "kind": e.kind.value,
        "date": e.date,
        "date_phrase": e.date_phrase,
        "date_phrase_en": e.date_phrase_en,
        "before_id": e.before,
        "note": e.note,
        "note_en": e.note_en,
        "date_sort": d.sort.isoformat(),
        "date_lower": d.lower.isoformat(),
        "date_upper": d.upper.isoformat(),
        "precision": d.precision.value,
        "year": d.year,
        "status": e.status.value,
        "status_as_of": e.status_as_of.isoformat() if e.status_as_of else None,
        "place": e.place,
        "place_en": e.place_en,
        "duration_minutes": e.duration.minutes if e.duration else None,
        "duration_qualifier": e.duration.qualifier.value if e.duration else None,
        "duration_phrase": e.duration.phrase if e.duration else None,
        "title": e.title,
        "title_en": e.title_en,
        "summary": e.summary,
        "summary_en": e.summary_en,
        "outcome": e.outcome,
        "outcome_en": e.outcome_en,
    }


def tally_row(t: Tally) -> dict[str, Any]:
    return {
        "id": t.id,
        "subject": t.subject,
        "subject_en": t.subject_en,
        "period": t.period,
        "stated": t.stated,
        "source_id": t.citation.source_id,
        "offset": t.citation.offset,
        "text": t.citation.text,
    }


# ---------------------------------------------------------------------------------------------- rows → records
# An event read from its rows is first a record: the plain JSON data ``Event.model_dump(mode="json")`` gives (the
# same keys in the same order, enums and dates as strings, nested records as dicts). The drafting engine reads
# stored events so, without pydantic; :meth:`StoreReads.events_by_id` validates the models over the same records.

# The columns of the ``events`` row that make an event's record (event_record), in its order.
EVENT_COLUMNS = (
    "id, kind, date, date_phrase, date_phrase_en, before_id, note, note_en, status, status_as_of, place, place_en, "
    "duration_minutes, duration_qualifier, duration_phrase, title, title_en, summary, summary_en, outcome, outcome_en"
)


def passage_record(source_id: str, offset: int, text: str) -> dict[str, Any]:
    """A :class:`~chronology.db.models.Passage` as JSON data."""
    return {"source_id": source_id, "offset": offset, "text": text}


def duration_record(minutes: int | None, qualifier: str | None, phrase: str | None) -> dict[str, Any] | None:
    """A :class:`~chronology.db.models.Duration` as JSON data from its three columns (None: no duration)."""
    return None if minutes is None else {"minutes": minutes, "qualifier": qualifier, "phrase": phrase}


def event_record(
    row: Sequence[Any], participants: list[str], citations: list[dict[str, Any]], claims: list[dict[str, Any]]
) -> dict[str, Any]:
    """An :class:`~chronology.db.models.Event` as JSON data, from its :data:`EVENT_COLUMNS`, its participants'
    ids, and its citations and claims as records."""
    i, kind, date, dp, dp_en, before, note, note_en, status, as_of, place, place_en, *rest = row
    minutes, qualifier, phrase, title, title_en, summary, summary_en, outcome, outcome_en = rest
    return {
        "id": i,
        "kind": kind,
        "date": date,
        "date_phrase": dp,
        "date_phrase_en": dp_en,
        "before": before,
        "note": note,
        "note_en": note_en,
        "status": status,
        "status_as_of": as_of,
        "place": place,
        "place_en": place_en,
        "duration": duration_record(minutes, qualifier, phrase),
        "participants": participants,
        "title": title,
        "title_en": title_en,
        "summary": summary,
        "summary_en": summary_en,
        "outcome": outcome,
        "outcome_en": outcome_en,
        "citations": citations,
        "claims": claims,
    }


# ---------------------------------------------------------------------------------------------- rows → models
QUOTE_COLUMNS = "id, event_id, kind, speaker_id, text, given_as, given_as_en, source_id, offset"


def quote_from_row(r: tuple[Any, ...]) -> Quote:
    """A quote from its :data:`QUOTE_COLUMNS`."""
    from ..models import Quote

    i, e, k, s, t, g, ge, src, o = r
    return Quote(id=i, event_id=e, kind=k, speaker_id=s, text=t, given_as=g, given_as_en=ge, source_id=src, offset=o)


ACTOR_COLUMNS = "id, type, name_uk, name_en, aliases, role, role_en, side"


def actor_from_row(r: tuple[Any, ...]) -> Actor:
    """An actor from its :data:`ACTOR_COLUMNS`."""
    from ..models import Actor

    i, kind, nu, ne, al, role, role_en, side = r
    return Actor(
        id=i, type=kind, name_uk=nu, name_en=ne, aliases=json.loads(al), role=role or None, role_en=role_en, side=side
    )


SOURCE_COLUMNS = "id, outlet, outlet_en, cites, title, title_origin, published, language, url, text"


def source_from_row(r: tuple[Any, ...]) -> Source:
    """A source from its :data:`SOURCE_COLUMNS`."""
    from ..models import Source

    i, o, oe, c, t, to, p, lang, u, x = r
    return Source(
        id=i,
        outlet=o,
        outlet_en=oe,
        cites=json.loads(c),
        title=t,
        title_origin=to,
        published=p,
        language=lang,
        url=u,
        text=x,
    )


def tally_from_row(r: TallyRow) -> Tally:
    from ..models import Passage, Tally

    return Tally(
        id=r.id,
        subject=r.subject,
        subject_en=r.subject_en,
        period=r.period,
        stated=r.stated,
        event_ids=r.event_ids,
        citation=Passage(source_id=r.source_id, offset=r.offset, text=r.text),
    )

"""The chronology's records (pydantic v2) and the checks that keep them true to their sources.

A :class:`Chronology` is one document: the seed, an import file, an export. Each record validates on
its own (shape, dates, enums); :func:`check_document` then checks what needs the whole picture: ids used
once, references that resolve, and every quote and citation found verbatim at its offset in its source.
Errors name the record and the field, e.g. ``quotes[q-cnbc-1].offset: text not found verbatim …``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from .edtf import parse_edtf
from .errors import ChronologyError, EdtfError
from .text import nfc

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", min_length=1, max_length=120)]


class Side(StrEnum):
    US = "US"
    RU = "RU"
    UA = "UA"
    OTHER = "other"


class EventKind(StrEnum):
    MEETING = "meeting"
    TALKS = "talks"
    CONSULTATION = "consultation"
    STATEMENT = "statement"  # an interview or a statement
    ANNOUNCEMENT = "announcement"
    PLAN = "plan"


class Status(StrEnum):
    HELD = "held"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class DurationQualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"  # "понад 12 годин": more than


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=False)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        if isinstance(value, str):
            return nfc(value)
        if isinstance(value, list):
            return [nfc(v) if isinstance(v, str) else v for v in value]
        return value


def _edtf(value: str) -> str:
    try:
        parse_edtf(value)
    except EdtfError as exc:
        raise ValueError(str(exc)) from None
    return value


class Source(Record):
    """A published text the chronology cites, kept verbatim."""

    id: Id
    outlet: str = Field(description="Who published it, e.g. УНН")
    cites: list[str] = Field(default_factory=list, description="Outlets it reports from: CNBC, Reuters, …")
    title: str
    published: dt.date
    language: str = Field(default="uk", pattern=r"^[a-z]{2,3}$")
    url: str | None = None
    text: str = Field(min_length=1, description="The full text, verbatim (stored NFC)")


class Actor(Record):
    id: Id
    name_uk: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list, description="Other spellings, as sources write them")
    role: str = Field(description="Role, in Ukrainian")
    role_en: str | None = None
    side: Side


class Passage(Record):
    """An exact passage of a source, located by character offset (Python str index into NFC text)."""

    source_id: Id
    offset: int = Field(ge=0)
    text: str = Field(min_length=1)

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


class Duration(Record):
    minutes: int = Field(gt=0)
    qualifier: DurationQualifier
    phrase: str | None = Field(default=None, description="The source's own words: 'понад 12 годин'")


class ClaimField(StrEnum):
    """The facts of an event sources may disagree about."""

    DATE = "date"
    STATUS = "status"
    PLACE = "place"
    DURATION = "duration"


class Claim(Record):
    """What one source says about a fact of an event where sources disagree ("понад шість годин" against
    "близько п'яти годин"): every claim is kept with the passage that makes it, checked verbatim like a
    citation. The event's own field holds the value the chronology goes by."""

    field: ClaimField
    value: str = Field(
        min_length=1,
        description="An EDTF date, a status, a place (nominative) or a duration in the source's words",
    )
    duration: Duration | None = Field(default=None, description="A duration claim's minutes and qualifier")
    passage: Passage

    @model_validator(mode="after")
    def _value_fits_field(self) -> Claim:
        if self.field is ClaimField.DATE:
            _edtf(self.value)
        elif self.field is ClaimField.STATUS and self.value not in {s.value for s in Status}:
            raise ValueError(f"status claim {self.value!r} is not one of {', '.join(s.value for s in Status)}")
        elif self.field is ClaimField.DURATION and self.duration is None:
            raise ValueError("a duration claim needs its duration (minutes and qualifier)")
        return self


class Event(Record):
    id: Id
    kind: EventKind
    date: str = Field(description="EDTF: 2025-03-13, 2025-08, 2025-23 (autumn), 2026-01~")
    date_phrase: str | None = Field(default=None, description="The source's words where the date is vague")
    status: Status = Status.HELD
    status_as_of: dt.date | None = Field(default=None, description="When the status was known to hold")
    place: str | None = Field(default=None, description="None: the source does not say")
    place_en: str | None = None
    duration: Duration | None = Field(default=None, description="None: the source does not say")
    participants: list[Id] = Field(default_factory=list)
    title: str = Field(min_length=1)
    title_en: str | None = None
    summary: str = ""
    summary_en: str | None = None
    outcome: str | None = Field(default=None, description="None: the source does not say")
    outcome_en: str | None = None
    citations: list[Passage] = Field(min_length=1, description="The passages the event is taken from")
    claims: list[Claim] = Field(default_factory=list, description="Where sources disagree: each claim with its passage")

    @field_validator("date")
    @classmethod
    def _check_date(cls, value: str) -> str:
        return _edtf(value)

    @model_validator(mode="after")
    def _status_has_date(self) -> Event:
        if self.status is not Status.HELD and self.status_as_of is None:
            raise ValueError(f"status {self.status.value!r} needs status_as_of (the date it is known as of)")
        if len(set(self.participants)) != len(self.participants):
            raise ValueError("participants lists an actor twice")
        return self


class Quote(Record):
    id: Id
    event_id: Id
    speaker_id: Id | None = Field(default=None, description="None: the source does not say who")
    text: str = Field(min_length=1)
    given_as: str | None = Field(default=None, description="How it was given: 'в інтерв'ю CNBC'")
    source_id: Id
    offset: int = Field(ge=0)

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


class Tally(Record):
    """A count the source states, with the events it actually dates ("шість разів", four dated)."""

    id: Id
    subject: str = Field(description="What is counted, in Ukrainian")
    subject_en: str | None = None
    period: str = Field(description="EDTF period the count covers")
    stated: int = Field(ge=0, description="The count as the source states it")
    event_ids: list[Id] = Field(default_factory=list, description="The events the source dates")
    citation: Passage

    @field_validator("period")
    @classmethod
    def _check_period(cls, value: str) -> str:
        return _edtf(value)


class Chronology(Record):
    """One document: the seed, an import file or an export."""

    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    tallies: list[Tally] = Field(default_factory=list)


def parse_document(data: Any) -> Chronology:
    """Validate a decoded JSON document; raise :class:`ChronologyError` naming record and field."""
    try:
        return Chronology.model_validate(data)
    except ValidationError as exc:
        raise ChronologyError([_describe(err, data) for err in exc.errors()]) from None


def _describe(err: Any, data: Any) -> str:
    """``events[ev-2025-03-13].date: impossible date …`` from a pydantic error location."""
    parts: list[str] = []
    node = data
    for step in err["loc"]:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            rid = item.get("id") if isinstance(item, dict) else None
            parts.append(f"[{rid}]" if isinstance(rid, str) and rid else f"[{step}]")
            node = item
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    msg = err["msg"].removeprefix("Value error, ")
    return f"{''.join(parts) or 'document'}: {msg}"


def check_document(
    doc: Chronology,
    *,
    known_sources: Mapping[str, str] | None = None,
    known_actors: Iterable[str] = (),
    known_events: Iterable[str] = (),
) -> None:
    """Check what needs the whole picture; raise :class:`ChronologyError` listing every problem.

    ``known_*`` are records already in a store (an import resolves references against both):
    ``known_sources`` maps source id to its text.
    """
    problems: list[str] = []
    for name in ("sources", "actors", "events", "quotes", "tallies"):
        seen: set[str] = set()
        for rec in getattr(doc, name):
            if rec.id in seen:
                problems.append(f"{name}[{rec.id}].id: id used twice")
            seen.add(rec.id)

    texts: dict[str, str] = dict(known_sources or {})
    texts.update({s.id: s.text for s in doc.sources})
    actors = set(known_actors) | {a.id for a in doc.actors}
    events = set(known_events) | {e.id for e in doc.events}

    def passage(where: str, source_id: str, offset: int, text: str) -> None:
        if source_id not in texts:
            problems.append(f"{where}.source_id: no source {source_id!r}")
            return
        found = texts[source_id][offset : offset + len(text)]
        if found != text:
            at = texts[source_id].find(text)
            hint = f" (it is at offset {at})" if at >= 0 else " (it is nowhere in the source)"
            problems.append(f"{where}.text: not found verbatim at offset {offset} of {source_id!r}{hint}")

    for e in doc.events:
        for actor in e.participants:
            if actor not in actors:
                problems.append(f"events[{e.id}].participants: no actor {actor!r}")
        for i, c in enumerate(e.citations):
            passage(f"events[{e.id}].citations[{i}]", c.source_id, c.offset, c.text)
        for i, claim in enumerate(e.claims):
            p = claim.passage
            passage(f"events[{e.id}].claims[{i}].passage", p.source_id, p.offset, p.text)
    for q in doc.quotes:
        if q.event_id not in events:
            problems.append(f"quotes[{q.id}].event_id: no event {q.event_id!r}")
        if q.speaker_id is not None and q.speaker_id not in actors:
            problems.append(f"quotes[{q.id}].speaker_id: no actor {q.speaker_id!r}")
        passage(f"quotes[{q.id}]", q.source_id, q.offset, q.text)
    for t in doc.tallies:
        for ev in t.event_ids:
            if ev not in events:
                problems.append(f"tallies[{t.id}].event_ids: no event {ev!r}")
        c = t.citation
        passage(f"tallies[{t.id}].citation", c.source_id, c.offset, c.text)
    if problems:
        raise ChronologyError(problems)

"""The chronology's records (pydantic v2) and the checks that keep them true to their sources.

A :class:`Chronology` is one document: the seed, an import file, an export. Each record validates on
its own (shape, dates, enums); :func:`chronology.db.rules.check_document` then checks what needs the whole
picture: ids used once, references that resolve, every quote and citation verbatim at its offset in its
source, and every field that claims to be the source's words verbatim in the record's cited passages.
Errors name the record and the field, e.g. ``quotes[q-cnbc-1].offset: text not found verbatim …``; each is
a :class:`~chronology.db.errors.Problem` (a template from :mod:`chronology.db.errors` and its values), so
that it can be said in the UI's language.

Two kinds of text live in these records. **The source's words** (``Event.date_phrase``,
``Duration.phrase``, ``Quote.text``, ``Quote.given_as``, passages) are verbatim and shown in «»; their
``…_en`` companions are the curator's translations, shown after the original in the English UI, never
instead of it. **The curator's text** (titles, summaries, outcomes, notes, names, roles) is ours: it
explains, and is never shown as the source's.
"""

from __future__ import annotations

import datetime as dt
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

from .controls import is_web_address
from .edtf import parse_edtf
from .errors import (
    ACTOR_TWICE,
    BEFORE_ITSELF,
    CLAIM_NOT_A_STATUS,
    CLAIM_WITHOUT_DURATION,
    DOCUMENT,
    NEEDS_STATUS_AS_OF,
    NO_ORIGINAL,
    NOT_A_WEB_ADDRESS,
    TERM_WITH_SPEAKER,
    ChronologyError,
    InvalidRecord,
    Problem,
)
from .problems import pydantic_problem
from .text import nfc

# Counts and offsets: whole JSON numbers only (strict: not true, not 34.0), below SQLite's 2**63.
MAX_OFFSET = 1 << 31  # a character index into a source text (far past any text cap)
MAX_MINUTES = 10**7  # 19 years
MAX_COUNT = 10**9
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", min_length=1, max_length=120)]


class Side(StrEnum):
    US = "US"
    RU = "RU"
    UA = "UA"
    OTHER = "other"


class EventKind(StrEnum):
    MEETING = "meeting"
    TALKS = "talks"
    VISIT = "visit"  # a visit, or a series of visits
    CONSULTATION = "consultation"
    STATEMENT = "statement"  # an interview or a statement
    ANNOUNCEMENT = "announcement"
    PLAN = "plan"
    DEADLINE = "deadline"  # an ultimatum or a deadline set
    CONTEXT = "context"  # a development that frames the talks (e.g. a new administration)


# The kinds that are rounds of talks (gaps, the latest round, moving between rounds): chronology.db.store.rounds


class Status(StrEnum):
    HELD = "held"  # it happened: a round held, a statement made, a plan presented, a deadline set
    PLANNED = "planned"
    CANCELLED = "cancelled"
    REVISED = "revised"  # a plan replaced by a newer version


class DurationQualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"  # "близько п'яти годин"
    AT_LEAST = "at_least"  # "понад 12 годин": more than
    AT_MOST = "at_most"  # "не більше трьох годин"
    ALMOST = "almost"  # "майже дві години", "трохи менше години"


class ActorType(StrEnum):
    PERSON = "person"
    INSTITUTION = "institution"  # the Kremlin, the Trump administration, "Kyiv" for Ukraine's government
    GROUP = "group"  # European allies


class QuoteKind(StrEnum):
    SPEECH = "speech"  # the speaker's own words
    PARAPHRASE = "paraphrase"  # the source's rendering of someone's words, in quotation marks
    TERM = "term"  # a word or phrase the source puts in quotation marks, no speaker ("рамкового плану")


class TitleOrigin(StrEnum):
    SOURCE = "source"  # the headline as published
    CURATOR = "curator"  # a description by the curator


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
    parse_edtf(value)  # an EdtfError is a ValueError: pydantic reports it, keeping its template
    return value


class Source(Record):
    """A published text the chronology cites, kept verbatim."""

    id: Id
    outlet: str = Field(description="Who published it, e.g. УНН")
    outlet_en: str | None = Field(default=None, description="The outlet's name in English, e.g. UNN")
    cites: list[str] = Field(default_factory=list, description="Outlets it reports from: CNBC, Reuters, …")
    title: str
    title_origin: TitleOrigin = Field(
        default=TitleOrigin.CURATOR,
        description="source: the headline as published (shown in «»); curator: a description by the curator",
    )
    published: dt.date
    language: str = Field(default="uk", pattern=r"^[a-z]{2,3}$")
    url: str | None = Field(default=None, description="Web address of the text (http or https); None: not known")
    text: str = Field(min_length=1, description="The full text, verbatim (stored NFC)")

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not is_web_address(value):
            raise InvalidRecord(NOT_A_WEB_ADDRESS, url=value)
        return value


class Actor(Record):
    """A person, an institution or a group that takes part in events or is quoted."""

    id: Id
    type: ActorType = ActorType.PERSON
    name_uk: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list, description="Other spellings, as sources write them")
    role: str | None = Field(default=None, description="Role, in Ukrainian; None: the source does not say")
    role_en: str | None = None
    side: Side

    @field_validator("role")
    @classmethod
    def _no_empty_role(cls, value: str | None) -> str | None:
        return value if value and value.strip() else None  # "" is what the store keeps for "not stated"

    @model_validator(mode="after")
    def _companions(self) -> Actor:
        _companion(self.role, self.role_en, "role")
        return self


class Passage(Record):
    """An exact passage of a source, located by character offset (Python str index into NFC text)."""

    source_id: Id
    offset: int = Field(ge=0, le=MAX_OFFSET, strict=True)
    text: str = Field(min_length=1)

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


class Duration(Record):
    minutes: int = Field(gt=0, le=MAX_MINUTES, strict=True)
    qualifier: DurationQualifier
    phrase: str | None = Field(
        default=None, description="The source's own words, verbatim in a citation of the event: 'понад 12 годин'"
    )


def _companion(original: str | None, english: str | None, name: str) -> None:
    if english is not None and original is None:
        raise InvalidRecord(NO_ORIGINAL, name=name)


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
            raise InvalidRecord(CLAIM_NOT_A_STATUS, value=self.value, statuses=", ".join(s.value for s in Status))
        elif self.field is ClaimField.DURATION and self.duration is None:
            raise InvalidRecord(CLAIM_WITHOUT_DURATION)
        return self


class Event(Record):
    id: Id
    kind: EventKind
    date: str = Field(
        description="EDTF: 2025-03-13, 2025-08, 2025-23 (autumn), 2026-01~, [..2026-01-21] (on or before: the "
        "source says only that it had happened by then)"
    )
    date_phrase: str | None = Field(
        default=None,
        description="The source's words for the date, verbatim in one of the event's citations (e.g. 'перед ними'); "
        "explanations go in note",
    )
    date_phrase_en: str | None = Field(default=None, description="The curator's English for date_phrase")
    before: Id | None = Field(
        default=None, description="The id of an event the source says this one came before ('перед ними')"
    )
    note: str | None = Field(
        default=None,
        description="The curator's note (e.g. how the date is known); shown labelled, never as the source's words",
    )
    note_en: str | None = None
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
            raise InvalidRecord(NEEDS_STATUS_AS_OF, status=self.status.value)
        if len(set(self.participants)) != len(self.participants):
            raise InvalidRecord(ACTOR_TWICE)
        if self.before == self.id:
            raise InvalidRecord(BEFORE_ITSELF)
        _companion(self.date_phrase, self.date_phrase_en, "date_phrase")
        _companion(self.note, self.note_en, "note")
        return self


class Quote(Record):
    id: Id
    event_id: Id
    kind: QuoteKind = Field(
        default=QuoteKind.SPEECH,
        description="speech: the speaker's own words; paraphrase: the source's rendering of the speaker's words; "
        "term: a word or phrase the source puts in quotation marks (no speaker)",
    )
    speaker_id: Id | None = Field(default=None, description="None: the source does not say who")
    text: str = Field(min_length=1)
    given_as: str | None = Field(
        default=None,
        description="How it was given, in the source's words, verbatim in a citation of the quote's event from the "
        "same source: 'в інтерв'ю CNBC'",
    )
    given_as_en: str | None = Field(default=None, description="The curator's English for given_as")
    source_id: Id
    offset: int = Field(ge=0, le=MAX_OFFSET, strict=True)

    @model_validator(mode="after")
    def _kind_and_companions(self) -> Quote:
        if self.kind is QuoteKind.TERM and self.speaker_id is not None:
            raise InvalidRecord(TERM_WITH_SPEAKER)
        _companion(self.given_as, self.given_as_en, "given_as")
        return self

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


class Tally(Record):
    """A count the source states, with the events it actually dates ("шість разів", four dated)."""

    id: Id
    subject: str = Field(description="What is counted, in Ukrainian")
    subject_en: str | None = None
    period: str = Field(description="EDTF period the count covers")
    stated: int = Field(ge=0, le=MAX_COUNT, strict=True, description="The count as the source states it")
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


def _describe(err: Any, data: Any) -> Problem:
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
    return pydantic_problem("".join(parts) or DOCUMENT, err)

"""One description of an event: its sections in order, each with its label and its values, in one language.

Built once from an :class:`~chronology.db.store.EventDetail` and a language. ``chronology show``
(:mod:`.plain`), the detail pane (Rich text) and the exports (:mod:`.exports`) all render these sections
in this order, so they cannot drift apart:

date (with weekday) · title · gap since the previous dated round · date in the source · before · curator's
note · kind · status (with "as of") · place · duration · claims where sources disagree · tallies ·
participants · summary · outcome · quotes · cited passages · event id

Only what the event has is there: no gap for the first round, no "date in the source", note or summary where
there is none, no quotes section without quotes. What the source does not say (place, duration, outcome,
participants, a person's position) is there as a fallback value ("not stated in the source"). Values are
words, not looks: a :class:`Value` says whether it is such a fallback, whether it is the data's own text
(where search highlighting applies) and whether it is verbatim from the source (shown in «», with the
curator's English after it in the English UI: :func:`shown`); each renderer decides how that looks. The
curator's own words (a note) are never verbatim.

No Textual, no Rich, and no models at run time: the pane imports this at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..i18n import translator
from .formatting import format_day, format_days, format_duration, format_edtf
from .labels import (
    actor_name,
    actor_role,
    actor_type_label,
    event_place,
    event_title,
    kind_label,
    outlet,
    passage_label,
    pick,
    side_label,
    source_title,
    status_label,
    tally_phrase,
)

if TYPE_CHECKING:  # pydantic loads with the first event, not at start-up
    from chronology.db.models import Claim, Event, Passage, Quote
    from chronology.db.store import EventDetail


@dataclass(frozen=True)
class Value:
    """A piece of text to show. ``fallback``: stands for what the source does not say ("not stated in the
    source", an unknown speaker), shown muted. ``data``: the data's own text, where search matches are
    highlighted. ``verbatim``: the source's own words (a quote, a cited passage, its date phrase), shown
    in «». ``en``: the curator's English of verbatim words, shown after them in the English UI."""

    text: str
    fallback: bool = False
    data: bool = False
    verbatim: bool = False
    en: str | None = None


def shown(value: Value) -> str:
    """A value as plain text: verbatim words in «», with their English after them: «в четвер 22 січня»
    (“on Thursday, January 22”)."""
    if not value.verbatim:
        return value.text
    return f"«{value.text}»" + (f" (“{value.en}”)" if value.en else "")


@dataclass(frozen=True)
class DateLine:
    """The date in words: ``text`` with the weekday where the date is a day, ``plain`` without."""

    text: str
    plain: str
    key: ClassVar[str] = "date"
    label: ClassVar[str] = ""


@dataclass(frozen=True)
class Title:
    value: Value
    key: ClassVar[str] = "title"
    label: ClassVar[str] = ""


@dataclass(frozen=True)
class Fact:
    """One labelled value. ``key``: gap, date_phrase, before, note (the curator's), kind, status, place,
    duration, tally (one per count the event belongs to; the label is what is counted), summary, outcome or
    id. ``emphasis``: a status other than "held" (planned, cancelled, revised), a gap with rounds of unknown
    date between."""

    key: str
    label: str
    value: Value
    emphasis: bool = False


@dataclass(frozen=True)
class Person:
    """A participant: name, role and side (an actor missing from the store: its id as a fallback name). The
    role of a person the source gives none is a fallback ("position not stated in the source"); an
    institution or a group without a role is described by what it is ("інституція")."""

    name: Value
    role: Value | None = None
    side: str = ""

    @property
    def described(self) -> str:
        """ "Стівен Віткофф — спецпосланець президента США (США)", without the name's looks."""
        text = self.name.text
        if self.role is not None:
            text += f" — {self.role.text}"
        return text + (f" ({self.side})" if self.side else "")


@dataclass(frozen=True)
class People:
    """The participants; ``fallback`` when the source names none."""

    label: str
    people: tuple[Person, ...]
    fallback: Value | None = None
    key: ClassVar[str] = "participants"


@dataclass(frozen=True)
class SourceRef:
    """A source as a quote or a passage names it: ``label`` is :func:`.labels.passage_label` (outlet, date,
    and "за Reuters" where the passage names a cited agency); ``title`` is :func:`.labels.source_title` (in
    «» only when it is the headline as published). A source missing from the store has its id for outlet
    and label, and no title."""

    id: str
    outlet: str
    label: str
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class QuoteLine:
    """A quote: its text, whose words they are and how given, and where it is in its source (``where``:
    "chars 1744–1759"). ``kind``: speech (``speaker`` is who said it), paraphrase (``speaker`` says it is the
    source's rendering, and whose words) or term (``speaker`` says the source puts it in quotation marks)."""

    text: Value
    speaker: Value
    given_as: Value | None
    source: SourceRef
    start: int
    end: int
    where: str
    kind: str = "speech"

    @property
    def attribution(self) -> str:
        """ "Юрій Ушаков, «За підсумками квітневої зустрічі»" (plain text)."""
        return self.speaker.text + (f", {shown(self.given_as)}" if self.given_as else "")


@dataclass(frozen=True)
class Quotes:
    label: str
    quotes: tuple[QuoteLine, ...]
    key: ClassVar[str] = "quotes"


@dataclass(frozen=True)
class CitedPassage:
    """A passage the event is taken from: its source, where it is in it, its text."""

    source: SourceRef
    start: int
    end: int
    where: str
    text: Value


@dataclass(frozen=True)
class Passages:
    label: str
    passages: tuple[CitedPassage, ...]
    key: ClassVar[str] = "sources"


@dataclass(frozen=True)
class ClaimLine:
    """What one source says about a fact the sources disagree on: the fact's label ("Duration"), the
    claimed value in words, the passage that says it, and the fact's name in the data (``duration``)."""

    field: str
    value: Value
    passage: CitedPassage
    key: str = ""


@dataclass(frozen=True)
class Claims:
    """Where sources disagree (issue #12): every claim with its source, grouped by fact, side by side."""

    label: str
    claims: tuple[ClaimLine, ...]
    key: ClassVar[str] = "claims"


Section = DateLine | Title | Fact | People | Quotes | Passages | Claims


@dataclass(frozen=True)
class EventView:
    """An event described for people in ``lang``: ``sections`` in order, plus the machine values an export
    keeps as stored (id, EDTF date, gap in days, duration in minutes and its qualifier)."""

    id: str
    lang: str
    edtf: str
    gap_days: int | None
    duration_minutes: int | None
    duration_qualifier: str | None
    sections: tuple[Section, ...]

    @classmethod
    def build(cls, detail: EventDetail, lang: str) -> EventView:
        return cls(
            id=detail.event.id,
            lang=lang,
            edtf=detail.event.date,
            gap_days=detail.gap_days,
            duration_minutes=detail.event.duration.minutes if detail.event.duration else None,
            duration_qualifier=detail.event.duration.qualifier.value if detail.event.duration else None,
            sections=tuple(_sections(detail, lang)),
        )

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of the labelled sections, in order (what a reader scans for)."""
        return tuple(s.label for s in self.sections if s.label)

    @property
    def date(self) -> DateLine:
        return next(s for s in self.sections if isinstance(s, DateLine))

    @property
    def title(self) -> str:
        return next(s.value.text for s in self.sections if isinstance(s, Title))

    def fact(self, key: str) -> Fact | None:
        """The first fact under ``key`` (None: the event has none)."""
        return next((s for s in self.sections if isinstance(s, Fact) and s.key == key), None)

    def text(self, key: str) -> str:
        """A fact's text, "" where the event has none or the source does not say (for table cells)."""
        fact = self.fact(key)
        return "" if fact is None or fact.value.fallback else fact.value.text

    @property
    def people(self) -> People:
        return next(s for s in self.sections if isinstance(s, People))

    @property
    def quotes(self) -> tuple[QuoteLine, ...]:
        return next((s.quotes for s in self.sections if isinstance(s, Quotes)), ())

    @property
    def passages(self) -> tuple[CitedPassage, ...]:
        return next((s.passages for s in self.sections if isinstance(s, Passages)), ())

    def source_url(self, quote: int | None = None) -> str | None:
        """The web address of quote number ``quote``'s source, or else of the first cited source that has one."""
        if quote is not None and 0 <= quote < len(self.quotes) and self.quotes[quote].source.url:
            return self.quotes[quote].source.url
        return next((c.source.url for c in self.passages if c.source.url), None)

    @property
    def claims(self) -> tuple[ClaimLine, ...]:
        return next((s.claims for s in self.sections if isinstance(s, Claims)), ())


def _sections(detail: EventDetail, lang: str) -> list[Section]:
    _ = translator(lang)
    e = detail.event
    unknown = Value(_("not stated in the source"), fallback=True)
    out: list[Section] = [
        DateLine(format_edtf(e.date, lang, weekday=True), format_edtf(e.date, lang)),
        Title(Value(event_title(e, lang), data=True)),
    ]
    if detail.gap_days is not None:
        out.append(_gap(detail, lang))
    if e.date_phrase:
        phrase = Value(e.date_phrase, data=True, verbatim=True, en=e.date_phrase_en if lang == "en" else None)
        out.append(Fact("date_phrase", _("Date in the source"), phrase))
    if e.before is not None:
        title = pick(*detail.before_title, lang) if detail.before_title else None
        out.append(Fact("before", _("Before"), Value(title or e.before, data=title is not None)))
    note = pick(e.note, e.note_en, lang)
    if note:
        out.append(Fact("note", _("Curator's note"), Value(note, data=True)))
    out.append(Fact("kind", _("Kind"), Value(kind_label(e.kind.value, lang))))
    status = status_label(e.status.value, lang, e.kind.value)
    if e.status_as_of:
        status += f" ({_('as of')} {format_day(e.status_as_of, lang)})"
    out.append(Fact("status", _("Status"), Value(status), emphasis=e.status.value != "held"))
    place = event_place(e, lang)
    out.append(Fact("place", _("Place"), Value(place, data=True) if place else unknown))
    d = e.duration
    duration = format_duration(d.minutes, d.qualifier.value, d.phrase, lang) if d else ""
    out.append(Fact("duration", _("Duration"), Value(duration) if duration else unknown))
    if e.claims:
        out.append(Claims(_("Sources disagree"), tuple(claim_line(detail, c, lang) for c in e.claims)))
    for t in detail.tallies:
        subject = pick(t.tally.subject, t.tally.subject_en, lang) or t.tally.subject
        out.append(Fact("tally", subject, Value(tally_phrase(t.tally.stated, t.dated, lang))))
    people = tuple(_person(detail, aid, lang) for aid in e.participants)
    out.append(People(_("Participants"), people, None if people else unknown))
    summary = pick(e.summary, e.summary_en, lang)
    if summary:
        out.append(Fact("summary", _("Summary"), Value(summary, data=True)))
    outcome = pick(e.outcome, e.outcome_en, lang)
    out.append(Fact("outcome", _("Outcome"), Value(outcome, data=True) if outcome else unknown))
    if detail.quotes:
        out.append(Quotes(_("Quotes"), tuple(quote_line(detail, q, lang) for q in detail.quotes)))
    out.append(Passages(_("Sources"), tuple(_passage(detail, c, lang) for c in e.citations)))
    out.append(Fact("id", _("Event id"), Value(e.id)))
    return out


def _gap(detail: EventDetail, lang: str) -> Fact:
    """ "118 днів (6 серпня 2025 р.); між ними були раунди без точної дати": the days since the previous held
    round dated to the day, its date, and whether rounds without an exact date lie between."""
    _ = translator(lang)
    days = detail.gap_days
    assert days is not None
    since = format_day(dt.date.fromisoformat(detail.gap_from), lang) if detail.gap_from else ""
    text = f"{_('the same day') if days == 0 else format_days(days, lang)} ({since})"
    if detail.gap_undated == 1:
        text += "; " + _("rounds without an exact date may fall in between")
    elif detail.gap_undated:
        text += "; " + _("rounds without an exact date fall in between")
    return Fact("gap", _("Since the previous dated round"), Value(text), emphasis=bool(detail.gap_undated))


def _person(detail: EventDetail, actor_id: str, lang: str) -> Person:
    actor = detail.actors.get(actor_id)
    if actor is None:
        return Person(Value(actor_id, fallback=True))
    role = actor_role(actor, lang)
    described = Value(role) if role else None
    if described is None:
        kind = actor_type_label(actor, lang)
        described = Value(kind) if kind else Value(translator(lang)("position not stated in the source"), fallback=True)
    side = "" if actor.side.value == "other" else side_label(actor.side, lang)
    return Person(Value(actor_name(actor, lang), data=True), described, side)


def _source(detail: EventDetail, source_id: str, passage: str, lang: str) -> SourceRef:
    source = detail.sources.get(source_id)
    if source is None:
        return SourceRef(source_id, source_id, source_id)
    return SourceRef(
        source_id, outlet(source, lang), passage_label(source, passage, lang), source_title(source, lang), source.url
    )


def _where(start: int, end: int, lang: str) -> str:
    return f"{translator(lang)('chars')} {start}–{end}"


def _speaker(detail: EventDetail, quote: Quote, lang: str) -> Value:
    """Whose words a quote is, by its kind (what a paraphrase or a term is never shown as: someone's speech)."""
    _ = translator(lang)
    speaker = detail.actors.get(quote.speaker_id) if quote.speaker_id else None
    kind = quote.kind.value
    if kind == "term":
        return Value(_("in quotation marks in the source"), fallback=True)
    if kind == "paraphrase":
        who = actor_name(speaker, lang) if speaker else _("not stated")
        return Value(_("the source's paraphrase (speaker: {name})").format(name=who), data=speaker is not None)
    return Value(actor_name(speaker, lang), fallback=speaker is None, data=speaker is not None)


def _containing(event: Event, quote: Quote) -> str:
    """The text of the event's citation the quote comes from (the quote alone if none holds it)."""
    for c in event.citations:
        if c.source_id == quote.source_id and c.offset <= quote.offset and quote.end <= c.end:
            return c.text
    return quote.text


def quote_line(detail: EventDetail, quote: Quote, lang: str) -> QuoteLine:
    """One quote of ``detail`` as its quotes section shows it."""
    given_as = None
    if quote.given_as:
        given_as = Value(quote.given_as, data=True, verbatim=True, en=quote.given_as_en if lang == "en" else None)
    return QuoteLine(
        text=Value(quote.text, data=True, verbatim=True),
        speaker=_speaker(detail, quote, lang),
        given_as=given_as,
        source=_source(detail, quote.source_id, _containing(detail.event, quote), lang),
        start=quote.offset,
        end=quote.end,
        where=_where(quote.offset, quote.end, lang),
        kind=quote.kind.value,
    )


def _passage(detail: EventDetail, citation: Passage, lang: str) -> CitedPassage:
    return CitedPassage(
        source=_source(detail, citation.source_id, citation.text, lang),
        start=citation.offset,
        end=citation.end,
        where=_where(citation.offset, citation.end, lang),
        text=Value(citation.text, data=True, verbatim=True),
    )


CLAIM_FIELDS = {"date": "Date", "status": "Status", "place": "Place", "duration": "Duration"}  # message ids


def claim_field_label(field: str, lang: str) -> str:
    """ "Тривалість" / "Duration": the label of the fact a claim is about."""
    return translator(lang)(CLAIM_FIELDS.get(field, field))


def claim_value_text(
    field: str, value: str, duration: Mapping[str, Any] | None, lang: str, kind: str | None = None
) -> str:
    """A claimed value in words: a date as the UI writes dates, a status by its label (for the event's
    ``kind``), a duration in the source's words (in English: the UI's), a place as the source names it."""
    if field == "date":
        return format_edtf(value, lang)
    if field == "status":
        return status_label(value, lang, kind)
    if field == "duration" and duration:
        return format_duration(duration["minutes"], str(duration["qualifier"]), duration.get("phrase"), lang) or value
    return value


def claim_line(detail: EventDetail, claim: Claim, lang: str) -> ClaimLine:
    """One claim of the event as its claims section shows it."""
    field = claim.field.value
    duration = claim.duration.model_dump(mode="json") if claim.duration else None
    text = claim_value_text(field, claim.value, duration, lang, detail.event.kind.value)
    passage = _passage(detail, claim.passage, lang)
    return ClaimLine(claim_field_label(field, lang), Value(text, data=True), passage, key=field)

"""A drafted event: its facts and the passages they come from, and the rules that decide whether two
mentions tell of one event (same date, compatible place and people) and how they combine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..edtf import Precision, parse_edtf
from .dates import DateMention
from .durations import DurationMention
from .lexicon import key
from .places import PlaceMention
from .quotes import QuoteMention
from .records import Kind, State
from .segments import Sentence

# Kinds from the most to the least specific: two mentions of one event keep the more specific kind.
KIND_RANK = [Kind.MEETING, Kind.TALKS, Kind.CONSULTATION, Kind.ANNOUNCEMENT, Kind.STATEMENT]


@dataclass
class DurationClaim:
    duration: DurationMention
    quoted: bool  # the duration stands inside quotation marks: someone's claim, not the source's statement


@dataclass
class DraftEvent:
    """An event as drafted: its facts, the passages they come from and the spans that gave each fact."""

    date: DateMention
    kind: Kind
    status: State
    sentences: list[Sentence] = field(default_factory=list)
    place: PlaceMention | None = None
    places: list[PlaceMention] = field(default_factory=list)
    durations: list[DurationClaim] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # person keys
    quotes: list[QuoteMention] = field(default_factory=list)
    existing_id: str | None = None  # set when it updates an event already in the store

    @property
    def duration(self) -> DurationMention | None:
        """The duration the source states itself (first), else the first one quoted."""
        own = [c.duration for c in self.durations if not c.quoted]
        quoted = [c.duration for c in self.durations if c.quoted]
        found = own or quoted
        return found[0] if found else None

    @property
    def conflicting_durations(self) -> list[DurationMention]:
        main = self.duration
        return [
            c.duration
            for c in self.durations
            if main and (c.duration.minutes, c.duration.qualifier) != (main.minutes, main.qualifier)
        ]

    @property
    def conflicting_places(self) -> list[PlaceMention]:
        return [p for p in self.places if self.place and key(p.name) != key(self.place.name)]


def coarser(a: DateMention, b: DateMention) -> bool:
    """``a`` is a coarser date that contains ``b`` ("у 2025 році" around "2 грудня")."""
    pa, pb = parse_edtf(a.edtf), parse_edtf(b.edtf)
    order = [Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR]
    return order.index(pa.precision) > order.index(pb.precision) and pa.lower <= pb.lower and pb.upper <= pa.upper


def contains(outer: str, inner: str) -> bool:
    a, b = parse_edtf(outer), parse_edtf(inner)
    return a.lower <= b.lower and b.upper <= a.upper


def same_event(a: DraftEvent, b: DraftEvent, published: dt.date) -> bool:
    if a.date.edtf.rstrip("~?%") != b.date.edtf.rstrip("~?%"):
        return False
    if a.status != b.status and parse_edtf(a.date.edtf).lower > published:
        return False
    if a.status != b.status and parse_edtf(a.date.edtf).precision is not Precision.DAY:
        return False
    pa = key(a.place.name) if a.place else None
    pb = key(b.place.name) if b.place else None
    if pa and pb and pa != pb:
        return False
    people = bool(set(a.participants) & set(b.participants)) or not a.participants or not b.participants
    if parse_edtf(a.date.edtf).precision is not Precision.DAY:
        return bool((pa and pa == pb) or (set(a.participants) & set(b.participants)))
    if Kind.STATEMENT in (a.kind, b.kind) and a.kind != b.kind:
        # a statement joins the event of its day when it reports that event's facts (its place, its length)
        stated = a if a.kind is Kind.STATEMENT else b
        return bool(stated.places or stated.durations) and not (pa and pb and pa != pb)
    return people


def absorb(into: DraftEvent, e: DraftEvent) -> None:
    for s in e.sentences:
        if s not in into.sentences:
            into.sentences.append(s)
    into.sentences.sort(key=lambda s: s.start)
    if into.place is None and e.place is not None:
        into.place = e.place
    into.places += [p for p in e.places if p not in into.places]
    into.durations += [c for c in e.durations if all(c.duration is not d.duration for d in into.durations)]
    into.participants += [p for p in e.participants if p not in into.participants]
    if KIND_RANK.index(e.kind) < KIND_RANK.index(into.kind):
        into.kind = e.kind
    if State.HELD in (into.status, e.status):
        into.status = State.HELD
    if into.date.vague and not e.date.vague:
        into.date = e.date

"""Events already in a store: a drafted event that is one of them (same day, and a shared participant or
the same place) updates it — the article's passages join its citations, its quotes point to it — instead
of becoming a duplicate. Where the article disagrees (another duration, another place) the stored value
stays and the disagreement is reported as a :class:`Conflict` with the passage that claims otherwise.

This is the one module of the drafting engine that reads a store, through its public reading API only
(:meth:`Store.events`, :meth:`Store.actors`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..edtf import Precision, parse_edtf
from ..models import Actor, Event, Passage
from ..text import fold

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class Conflict:
    """The article says something else than the store about an event."""

    event_id: str
    field: str  # "duration" or "place"
    stored: str
    claimed: str
    passage: Passage  # where the article says it


@dataclass(frozen=True)
class Known:
    """What the drafting engine takes from a store: its actors and events (read once)."""

    actors: Sequence[Actor]
    events: Sequence[Event]

    @classmethod
    def of(cls, store: Store | None) -> Known:
        if store is None:
            return cls((), ())
        return cls(list(store.actors()), list(store.events()))

    @property
    def places(self) -> set[str]:
        return {e.place for e in self.events if e.place}


def _day(event: Event) -> str | None:
    d = parse_edtf(event.date)
    return d.lower.isoformat() if d.precision is Precision.DAY else None


def same_event(new: Event, old: Event) -> bool:
    """Same day, and a shared participant or the same place."""
    day = _day(new)
    if day is None or day != _day(old):
        return False
    if set(new.participants) & set(old.participants):
        return True
    return bool(new.place and old.place and fold(new.place) == fold(old.place))


def _duration_text(event: Event) -> str:
    d = event.duration
    assert d is not None
    return f"{d.minutes} min ({d.qualifier.value})" + (f": {d.phrase}" if d.phrase else "")


def merge_into(old: Event, new: Event) -> tuple[Event, list[Conflict]]:
    """``old`` with the new article's citations and participants; the stored facts stay, disagreements
    come back as conflicts (citing the new passage that states the other value)."""
    citations = list(old.citations)
    seen = {(c.source_id, c.offset, c.text) for c in citations}
    citations += [c for c in new.citations if (c.source_id, c.offset, c.text) not in seen]
    participants = list(old.participants) + [p for p in new.participants if p not in old.participants]
    conflicts: list[Conflict] = []

    def passage(words: str | None) -> Passage:
        for c in new.citations:
            if words and words in c.text:
                return c
        return new.citations[0]

    update: dict[str, object] = {"citations": citations, "participants": participants}
    if old.duration is None and new.duration is not None:
        update["duration"] = new.duration
    elif old.duration and new.duration and (old.duration.minutes, old.duration.qualifier) != (
        new.duration.minutes,
        new.duration.qualifier,
    ):
        conflicts.append(
            Conflict(old.id, "duration", _duration_text(old), _duration_text(new), passage(new.duration.phrase))
        )
    if old.place is None and new.place is not None:
        update["place"] = new.place
    elif old.place and new.place and fold(old.place) != fold(new.place):
        conflicts.append(Conflict(old.id, "place", old.place, new.place, passage(None)))
    return old.model_copy(update=update), conflicts


def match_existing(
    drafted: Iterable[Event], known: Known
) -> tuple[list[Event], dict[str, str], list[Conflict]]:
    """The drafted events with those the store already has replaced by the stored event, updated.

    Returns the events to import, a map from drafted id to the stored id it became, and the conflicts.
    """
    out: dict[str, Event] = {}
    renamed: dict[str, str] = {}
    conflicts: list[Conflict] = []
    for e in drafted:
        old = next((o for o in known.events if same_event(e, o)), None)
        if old is None:
            out[e.id] = e
            continue
        base = out.get(old.id, old)
        merged, found = merge_into(base, e)
        out[old.id] = merged
        renamed[e.id] = old.id
        conflicts += found
    return list(out.values()), renamed, conflicts

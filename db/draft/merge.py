"""Events already in a store: a drafted event that is one of them (same day, and a shared participant or
the same place) updates it — the article's passages join its citations, its quotes point to it — instead
of becoming a duplicate. Where the article disagrees (another date, status, duration or place) the stored
value stays, the disagreement is reported as a :class:`Conflict` with the passage that claims otherwise, and
both claims are kept on the event (``claims``), each with the passage that makes it.

This is the one module of the drafting engine that reads a store, through its public reading API only. A
:class:`~chronology.db.store.Store` is read without pydantic (:meth:`Store.actor_rows`, :meth:`Store.event_keys`:
names, days, places, participants) and only the events an article updates are read in full, as JSON data
(:meth:`Store.event_records`), so drafting against a store of any size reads little and starts fast; any
other reader gives :meth:`actors` and :meth:`events`. Records are handled as their JSON data (``model_dump``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..edtf import Precision, parse_edtf
from ..text import fold

Record = dict[str, Any]


class StoreReader(Protocol):
    """The part of :class:`~chronology.db.store.Store`'s public reading API the engine uses."""

    def actors(self) -> Iterable[Any]: ...

    def events(self) -> Iterable[Any]: ...


@dataclass(frozen=True)
class Conflict:
    """The article says something else than the store about an event."""

    event_id: str
    field: str  # "date", "status", "duration" or "place"
    stored: str
    claimed: str
    passage: Record  # where the article says it: {"source_id", "offset", "text"}


@dataclass(frozen=True)
class Known:
    """What the drafting engine takes from a store: its actors (anything with their names, role and side)
    and its events as JSON data — in full, or only their id, date, place and participants with ``load``
    to read one in full when the article updates it."""

    actors: Sequence[Any] = ()
    events: Sequence[Record] = field(default_factory=list)
    load: Callable[[str], Record | None] | None = None

    @classmethod
    def of(cls, store: StoreReader | None) -> Known:
        if store is None:
            return cls()
        actor_rows = getattr(store, "actor_rows", None)
        event_keys = getattr(store, "event_keys", None)
        event_records = getattr(store, "event_records", None)
        if actor_rows is None or event_keys is None or event_records is None:
            return cls(list(store.actors()), [e.model_dump(mode="json") for e in store.events()])

        def load(event_id: str) -> Record | None:
            found: Record | None = event_records([event_id]).get(event_id)
            return found

        keys = [
            {"id": k.id, "date": k.date, "place": k.place, "participants": list(k.participants)} for k in event_keys()
        ]
        return cls(actor_rows(), keys, load)

    def full(self, event: Record) -> Record:
        """A known event in full (read from the store if only its keys were)."""
        if self.load is None:
            return event
        return self.load(str(event["id"])) or event

    @property
    def places(self) -> set[str]:
        return {e["place"] for e in self.events if e.get("place")}


def _day(event: Record) -> str | None:
    d = parse_edtf(event["date"])
    return d.lower.isoformat() if d.precision is Precision.DAY else None


def same_event(new: Record, old: Record) -> bool:
    """Same day, and a shared participant or the same place."""
    day = _day(new)
    if day is None or day != _day(old):
        return False
    if set(new["participants"]) & set(old["participants"]):
        return True
    return bool(new.get("place") and old.get("place") and fold(new["place"]) == fold(old["place"]))


def _duration_text(d: Record) -> str:
    return f"{d['minutes']} min ({d['qualifier']})" + (f": {d['phrase']}" if d.get("phrase") else "")


def _passage_with(citations: list[Record], words: str | None) -> Record:
    """The first citation holding ``words`` (compared folded; for a place, its stem: "Москва" in "у Москві"),
    else the first citation."""
    if words:
        wanted = fold(words)
        for probe in (wanted, wanted[: max(4, len(wanted) - 2)]):
            found = next((c for c in citations if probe in fold(c["text"])), None)
            if found is not None:
                return found
    return citations[0]


def _claim(field: str, event: Record, words: str | None = None) -> Record:
    """``event``'s claim about ``field``, citing the passage of ``event`` that says it."""
    value = event[field]
    claim: Record = {"field": field, "value": value, "duration": None}
    if field == "duration":
        claim["value"] = value.get("phrase") or _duration_text(value)
        claim["duration"] = dict(value)
        words = value.get("phrase")
    elif field == "place":
        words = value
    p = _passage_with(event["citations"], words)
    claim["passage"] = {"source_id": p["source_id"], "offset": p["offset"], "text": p["text"]}
    return claim


def _add_claims(merged: Record, old: Record, new: Record, field: str) -> None:
    """Keep both sides of a disagreement about ``field``, each claim with its passage (once each)."""
    claims = merged.setdefault("claims", [])
    if not any(c["field"] == field for c in claims):
        claims.append(_claim(field, old))
    claim = _claim(field, new)
    if not any((c["field"], c["value"], c["passage"]) == (field, claim["value"], claim["passage"]) for c in claims):
        claims.append(claim)


def _span(date: str) -> tuple[str, str]:
    d = parse_edtf(date)
    return d.lower.isoformat(), d.upper.isoformat()


def merge_into(old: Record, new: Record) -> tuple[Record, list[Conflict]]:
    """``old`` with the new article's citations and participants; the stored facts stay (but for a planned
    event the newer article reports held or cancelled), disagreements about date, status, place or duration
    come back as conflicts, and both claims are kept on the event (``claims``), each with its passage."""
    merged = dict(old)
    merged["claims"] = [dict(c) for c in old.get("claims") or []]
    seen = {(c["source_id"], c["offset"], c["text"]) for c in old["citations"]}
    merged["citations"] = list(old["citations"]) + [
        c for c in new["citations"] if (c["source_id"], c["offset"], c["text"]) not in seen
    ]
    added = [p for p in new["participants"] if p not in old["participants"]]
    merged["participants"] = list(old["participants"]) + added
    conflicts: list[Conflict] = []

    def disagree(field: str, stored: str, claimed: str, words: str | None) -> None:
        conflicts.append(Conflict(old["id"], field, stored, claimed, _passage_with(new["citations"], words)))
        _add_claims(merged, old, new, field)

    if _span(old["date"]) != _span(new["date"]):
        disagree("date", old["date"], new["date"], None)
    if old.get("status", "held") != new.get("status", "held"):
        disagree("status", old.get("status", "held"), new.get("status", "held"), None)
        newer = (new.get("status_as_of") or "") > (old.get("status_as_of") or "")
        if old.get("status") == "planned" and newer:  # the news: the planned event took place, or did not
            merged["status"], merged["status_as_of"] = new["status"], new.get("status_as_of")
    was, now = old.get("duration"), new.get("duration")
    if was is None and now is not None:
        merged["duration"] = now
    # The same length told another way ("п'ятигодинні" against "близько п'яти годин") is no disagreement.
    elif was and now and was["minutes"] != now["minutes"]:
        disagree("duration", _duration_text(was), _duration_text(now), now.get("phrase"))
    if not old.get("place") and new.get("place"):
        merged["place"] = new["place"]
    elif old.get("place") and new.get("place") and fold(old["place"]) != fold(new["place"]):
        disagree("place", old["place"], new["place"], new["place"])
    return merged, conflicts


def match_existing(drafted: Iterable[Record], known: Known) -> tuple[list[Record], dict[str, str], list[Conflict]]:
    """The drafted events with those the store already has replaced by the stored event, updated.

    Returns the events to import, a map from drafted id to the stored id it became, and the conflicts.
    """
    out: dict[str, Record] = {}
    renamed: dict[str, str] = {}
    conflicts: list[Conflict] = []
    for e in drafted:
        old = next((o for o in known.events if same_event(e, o)), None)
        if old is None:
            out[e["id"]] = e
            continue
        merged, found = merge_into(out.get(old["id"]) or known.full(old), e)
        out[old["id"]] = merged
        renamed[e["id"]] = old["id"]
        conflicts += found
    return list(out.values()), renamed, conflicts

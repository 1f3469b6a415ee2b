"""The review of a drafted article (issue #12): the proposed records, the reviewer's decisions and edits, and
the import document they make — no Textual, so it is tested alone; the review screen only draws it.

A :class:`ReviewSession` holds the article's records in the order the screen lists them: the source, the
events (new ones and updates of stored ones, in the article's order), the quotes, the new people. Each is
pending until accepted or rejected; edits change the record itself (see :mod:`.review_fields`). Nothing is
written until :meth:`ReviewSession.save`, which imports the accepted records in one transaction through
:func:`chronology.db.io.import_files` (all or nothing; a refusal comes back as its problems, one line each).

Which people are written: a new person the reviewer accepted, or one an accepted event or quote names and the
reviewer did not reject; a rejected person is left out of every record that names them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from chronology.db.draft.merge import Conflict, merge_into
from chronology.db.edtf import parse_edtf

from ..i18n import translator
from .article import Article

if TYPE_CHECKING:
    from chronology.db.draft import DraftResult
    from chronology.db.io import ImportPlan
    from chronology.db.store import Store, TimelineRow

Record = dict[str, Any]


class Decision(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Kind(StrEnum):
    SOURCE = "source"
    EVENT = "event"  # a new event
    UPDATE = "update"  # an event already in the store, with this article's passages (and claims)
    QUOTE = "quote"
    ACTOR = "actor"  # a new person


@dataclass(frozen=True)
class Problem:
    """Something that keeps the review from being saved, or an edit from being made: an English message id
    and its values, worded in the UI language by :meth:`message`."""

    msgid: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, msgid: str, **values: object) -> Problem:
        return cls(msgid, tuple(values.items()))

    def message(self, lang: str) -> str:
        return translator(lang)(self.msgid).format(**dict(self.values))


@dataclass
class ReviewRecord:
    """One proposed record: ``data`` is the record as it would be written (edits change it)."""

    kind: Kind
    data: Record
    decision: Decision = Decision.PENDING
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the article tells of it
    conflicts: list[Conflict] = field(default_factory=list)  # an update: where the article disagrees
    quote_kind: str = "speech"  # a quote: speech, partial, paraphrase or term
    drafted_id: str = ""  # the id it was drafted with (quotes of a merged event follow it)

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def is_event(self) -> bool:
        return self.kind in (Kind.EVENT, Kind.UPDATE)


@dataclass
class SaveResult:
    """What :meth:`ReviewSession.save` did: the import's plan and the events written, or the problems that
    kept anything from being written."""

    problems: list[str] = field(default_factory=list)
    plan: ImportPlan | None = None
    event_ids: list[str] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return not self.problems and self.plan is not None


class ReviewSession:
    """The records of one drafted article and what the reviewer decided about them."""

    def __init__(self, article: Article, result: DraftResult, store_actors: dict[str, Record]) -> None:
        self.article = article
        self.text = result.data["sources"][0]["text"]
        self.spans = result.spans
        self.store_actors = store_actors  # id → actor (JSON data) for names and speakers
        self.dirty = False  # decisions or edits not saved yet
        data = copy.deepcopy(result.data)
        source = data["sources"][0]
        self.source_id = str(source["id"])
        self.records: list[ReviewRecord] = [ReviewRecord(Kind.SOURCE, source, Decision.ACCEPTED, [(0, 0)])]
        for event in data["events"]:
            updated = event["id"] in result.updates.values()
            conflicts = [c for c in result.conflicts if c.event_id == event["id"]]
            drafted = next((d for d, s in result.updates.items() if s == event["id"]), event["id"])
            self.records.append(
                ReviewRecord(
                    Kind.UPDATE if updated else Kind.EVENT,
                    event,
                    spans=self._own_spans(event),
                    conflicts=conflicts,
                    drafted_id=drafted,
                )
            )
        for quote in data["quotes"]:
            span = (int(quote["offset"]), int(quote["offset"]) + len(quote["text"]))
            kind = result.quote_kinds.get(quote["id"], "speech")
            self.records.append(ReviewRecord(Kind.QUOTE, quote, spans=[span], quote_kind=kind, drafted_id=quote["id"]))
        for actor in data["actors"]:
            names = {actor["name_uk"], *actor.get("aliases", [])}
            spans = [(s.start, s.end) for s in result.spans if s.kind == "person" and s.label in names]
            self.records.append(ReviewRecord(Kind.ACTOR, actor, spans=spans, drafted_id=actor["id"]))

    @classmethod
    def draft(cls, article: Article, store: Store) -> ReviewSession:
        """Draft ``article`` against ``store`` (its people and events) and open the review of the draft."""
        from chronology.db.draft import draft_document

        result = draft_document(
            article.text, article.published, outlet=article.outlet, title=article.title, url=article.url, known=store
        )
        actors = {a.id: a.model_dump(mode="json") for a in store.actors()}
        return cls(article, result, actors)

    def _own_spans(self, event: Record) -> list[tuple[int, int]]:
        return [
            (int(c["offset"]), int(c["offset"]) + len(c["text"]))
            for c in event["citations"]
            if c["source_id"] == self.source_id
        ]

    # ------------------------------------------------------------------ looking things up
    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index: int) -> ReviewRecord:
        return self.records[index]

    @property
    def source(self) -> Record:
        return self.records[0].data

    def events(self) -> list[ReviewRecord]:
        return [r for r in self.records if r.is_event]

    def record_of(self, kind: Kind, record_id: str) -> ReviewRecord | None:
        return next((r for r in self.records if r.kind == kind and r.id == record_id), None)

    def event_record(self, event_id: str) -> ReviewRecord | None:
        return next((r for r in self.records if r.is_event and event_id in (r.id, r.drafted_id)), None)

    def actor(self, actor_id: str) -> Record | None:
        """A person by id: a new one of this article, else one of the store's."""
        new = self.record_of(Kind.ACTOR, actor_id)
        return new.data if new is not None else self.store_actors.get(actor_id)

    def quotes_of(self, event_id: str) -> list[ReviewRecord]:
        return [r for r in self.records if r.kind == Kind.QUOTE and r.data["event_id"] == event_id]

    def counts(self) -> dict[Decision, int]:
        out = dict.fromkeys(Decision, 0)
        for r in self.records[1:]:
            out[r.decision] += 1
        return out

    # ------------------------------------------------------------------ decisions
    def decide(self, index: int, decision: Decision) -> bool:
        """Accept or reject record ``index`` (the source is not decided on: it goes with the rest)."""
        record = self.records[index]
        if record.kind == Kind.SOURCE:
            return False
        if record.decision != decision:
            record.decision = decision
            self.dirty = True
        return True

    def accept_all_pending(self) -> int:
        """Accept every record not decided yet; how many were."""
        pending = [i for i, r in enumerate(self.records) if r.kind != Kind.SOURCE and r.decision == Decision.PENDING]
        for i in pending:
            self.decide(i, Decision.ACCEPTED)
        return len(pending)

    # ------------------------------------------------------------------ quotes: another event or speaker
    def repoint_quote(self, index: int, event_id: str) -> None:
        record = self.records[index]
        if record.kind != Kind.QUOTE:
            raise ValueError("only a quote points to an event")
        proposed = self.event_record(event_id)
        record.data["event_id"] = proposed.id if proposed is not None else event_id
        self.dirty = True

    def set_speaker(self, index: int, actor_id: str | None) -> None:
        record = self.records[index]
        if record.kind != Kind.QUOTE:
            raise ValueError("only a quote has a speaker")
        record.data["speaker_id"] = actor_id
        self.dirty = True

    # ------------------------------------------------------------------ merging into a stored event
    def merge(self, index: int, stored: Record) -> ReviewRecord:
        """Make the proposed event ``index`` an update of the stored event ``stored`` (its JSON data): the
        article's passages join the stored event's citations, its quotes point to it, and where it disagrees
        both claims are kept. An update of the same event already in the review takes this one in. The
        result is accepted (merging is a decision)."""
        record = self.records[index]
        if record.kind != Kind.EVENT:
            raise ValueError("only a new event can be merged into a stored one")
        target = next((r for r in self.records if r.kind == Kind.UPDATE and r.id == stored["id"]), None)
        base = target.data if target is not None else stored
        merged, conflicts = merge_into(base, record.data)
        old_id = record.id
        if target is None:
            target = record
            record.kind = Kind.UPDATE
            record.conflicts = conflicts
        else:
            self.records.remove(record)
            target.conflicts += conflicts
            target.spans += record.spans
        target.data = merged
        target.decision = Decision.ACCEPTED
        for quote in self.records:
            if quote.kind == Kind.QUOTE and quote.data["event_id"] == old_id:
                quote.data["event_id"] = merged["id"]
        self.dirty = True
        return target

    # ------------------------------------------------------------------ the document
    def build(self) -> tuple[Record, list[Problem]]:
        """The import document of the accepted records, and what keeps it from being saved (nothing
        accepted, a quote of an event not accepted)."""
        accepted = [r for r in self.records[1:] if r.decision == Decision.ACCEPTED]
        problems: list[Problem] = []
        if not accepted:
            return {}, [Problem.of("Nothing is accepted yet: accept records with a (or A for every one).")]
        rejected_people = {r.id for r in self.records if r.kind == Kind.ACTOR and r.decision == Decision.REJECTED}
        written_events = {r.id for r in accepted if r.is_event}
        events: list[Record] = []
        quotes: list[Record] = []
        named: set[str] = set()
        for r in accepted:
            data = copy.deepcopy(r.data)
            if r.is_event:
                data["participants"] = [p for p in data["participants"] if p not in rejected_people]
                named |= set(data["participants"])
                events.append(data)
            elif r.kind == Kind.QUOTE:
                proposed = self.event_record(data["event_id"])
                if proposed is not None and proposed.id not in written_events:
                    problems.append(
                        Problem.of(
                            "The quote «{quote}» belongs to an event you have not accepted: accept the event, "
                            "point the quote to another one (p) or reject it.",
                            quote=_short(data["text"]),
                        )
                    )
                if data.get("speaker_id") in rejected_people:
                    data["speaker_id"] = None
                if data.get("speaker_id"):
                    named.add(data["speaker_id"])
                quotes.append(data)
        actors = [
            copy.deepcopy(r.data)
            for r in self.records
            if r.kind == Kind.ACTOR
            and (r.decision == Decision.ACCEPTED or (r.decision == Decision.PENDING and r.id in named))
        ]
        doc = {"sources": [copy.deepcopy(self.source)], "actors": actors, "events": events, "quotes": quotes}
        return doc, problems

    def save(self, store: Store, lang: str = "uk") -> SaveResult:
        """Write the accepted records in one transaction (all or nothing); on success the review is clean."""
        from chronology.db.errors import ChronologyError, ImportRefused, StoreError
        from chronology.db.io import ImportFile, import_files
        from chronology.db.models import parse_document

        doc, problems = self.build()
        if problems:
            return SaveResult([p.message(lang) for p in problems])
        try:
            plan = import_files(store, [ImportFile(self.article.name or "article", parse_document(doc))])
        except ImportRefused as exc:
            return SaveResult(list(exc.problems))
        except (ChronologyError, StoreError) as exc:
            return SaveResult(list(getattr(exc, "problems", None) or [str(exc)]))
        self.dirty = False
        return SaveResult(plan=plan, event_ids=[e["id"] for e in doc["events"]])


def stored_event(store: Store, event_id: str) -> Record | None:
    """A stored event as JSON data (what :meth:`ReviewSession.merge` takes), or None."""
    return store.event_records([event_id]).get(event_id)


def nearby_events(store: Store, date: str, limit: int = 40) -> list[TimelineRow]:
    """The stored events nearest in time to the EDTF ``date`` (the likely ones to merge into), nearest first:
    read from that year and the years beside it, never the whole store."""
    day = parse_edtf(date).lower
    rows: list[TimelineRow] = []
    for year, first, count in store.year_starts():
        if abs(year - day.year) <= 1:
            rows += store.timeline(first, min(count, 2000))

    def distance(row: TimelineRow) -> int:
        return abs((parse_edtf(row.date).lower - day).days)

    return sorted(rows, key=distance)[:limit]


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

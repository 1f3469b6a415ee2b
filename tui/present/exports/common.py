"""What every export reads: the whole store in one snapshot, and each event's view in date order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chronology.db.store import EventDetail, Store, TallyView

from ..event_view import EventView

if TYPE_CHECKING:
    from chronology.db.models import Chronology


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def read_views(store: Store, lang: str) -> tuple[Chronology, list[EventView]]:
    """The whole store, and each event's view in date order (read in bulk, in one snapshot: an export of
    many thousands of events must not run queries per event)."""
    with store.snapshot():
        doc = store.to_document()
        rows = {r.id: r for r in store.timeline()}
    actors = {a.id: a for a in doc.actors}
    sources = {s.id: s for s in doc.sources}
    quotes: dict[str, list[Any]] = {}
    for q in sorted(doc.quotes, key=lambda q: (q.offset, q.id)):
        quotes.setdefault(q.event_id, []).append(q)
    tallies: dict[str, list[TallyView]] = {}
    for t in doc.tallies:
        for eid in t.event_ids:
            tallies.setdefault(eid, []).append(TallyView(t, len(t.event_ids)))
    views = [
        EventView.build(
            EventDetail(
                e, rows[e.id].pos, rows[e.id].gap_days, actors, quotes.get(e.id, []), sources, tallies.get(e.id, [])
            ),
            lang,
        )
        for e in doc.events
    ]
    return doc, views

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
    titles = {e.id: (e.title, e.title_en) for e in doc.events}
    views = []
    for e in doc.events:
        row = rows[e.id]
        detail = EventDetail(
            e,
            row.pos,
            row.gap_days,
            actors,
            quotes.get(e.id, []),
            sources,
            tallies.get(e.id, []),
            gap_from=row.gap_from,
            gap_undated=row.gap_undated,
            before_title=titles.get(e.before) if e.before else None,
        )
        views.append(EventView.build(detail, lang))
    return doc, views

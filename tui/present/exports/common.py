"""What every export reads: the whole store in one snapshot, and each event's view in date order."""

from __future__ import annotations

import urllib.parse
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from chronology.db.store import EventDetail, Store, TallyView

from ..event_view import EventView

if TYPE_CHECKING:
    from chronology.db.models import Chronology


# What a web address keeps as it is; any other character is percent-encoded (<, >, ", ', space, controls).
_URL_SAFE = ":/?#[]@!$&()*+,;=%~-._"


def web_address(url: str | None) -> str | None:
    """``url`` fit to write into Markdown (``<…>``) or an HTML attribute: an http(s) address only (a store edited
    by hand may hold ``javascript:``), its characters that could end the link or start markup percent-encoded.
    None for anything else."""
    if not url:
        return None
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urllib.parse.quote(url.strip(), safe=_URL_SAFE)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def read_views(store: Store, lang: str, event_ids: Collection[str] | None = None) -> tuple[Chronology, list[EventView]]:
    """The whole store, and each event's view in date order (read in bulk, in one snapshot: an export of
    many thousands of events must not run queries per event). With ``event_ids``: only those events, and
    the document of what they need (:func:`~chronology.db.io.events_document`: their sources, the counts
    naming them); each view still says what ``show`` says (counts as the whole store has them)."""
    from chronology.db.io import events_document  # pydantic: with the export, not at the CLI's start

    with store.snapshot():
        whole = store.to_document()
        rows = {r.id: r for r in store.timeline()}
    doc = whole
    if event_ids is not None:  # the counts as a whole, as each event's view gives them
        doc = events_document(whole, event_ids)
        counted = {t.id for t in doc.tallies}
        doc = doc.model_copy(update={"tallies": [t for t in whole.tallies if t.id in counted]})
    actors = {a.id: a for a in whole.actors}
    sources = {s.id: s for s in whole.sources}
    quotes: dict[str, list[Any]] = {}
    for q in sorted(doc.quotes, key=lambda q: (q.offset, q.id)):
        quotes.setdefault(q.event_id, []).append(q)
    tallies: dict[str, list[TallyView]] = {}
    for t in whole.tallies:
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

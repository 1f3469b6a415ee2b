"""The chronology as files, one module per format: Markdown, CSV and TimelineJS render each event's view
(the same sections, in the same order, as ``chronology show`` and the detail pane); JSON is the import
format (:func:`chronology.db.io.export_json`)."""

from __future__ import annotations

from collections.abc import Collection

from chronology.db.store import Store

from . import csv, html, markdown, timelinejs

# Text formats (export() writes them) and "sqlite", a copy of the store (chronology.tui.cli.publish writes it).
FORMATS = ("json", "csv", "md", "timelinejs", "html", "sqlite")


def export(store: Store, fmt: str, lang: str = "uk", *, event_ids: Collection[str] | None = None) -> str:
    """The store in one of :data:`FORMATS`; dates and words in ``lang``. ``event_ids``: only those events
    (e.g. what a search found) with what they need — JSON that imports into an empty store (their sources,
    actors, quotes, and the counts naming them, restricted to them), reports with their sources."""
    if fmt == "json":
        from chronology.db.io import export_json  # pydantic: only for this format (the CLI starts without it)

        return export_json(store, event_ids)
    if fmt == "csv":
        return csv.export_csv(store, lang, event_ids)
    if fmt == "md":
        return markdown.export_markdown(store, lang, event_ids)
    if fmt == "timelinejs":
        return timelinejs.export_timelinejs(store, lang, event_ids)
    if fmt == "html":
        return html.export_html(store, lang, event_ids)
    raise ValueError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")

"""The chronology as files, one module per format: Markdown, CSV and TimelineJS render each event's view
(the same sections, in the same order, as ``chronology show`` and the detail pane); JSON is the import
format (:func:`chronology.db.io.export_json`)."""

from __future__ import annotations

from chronology.db.io import export_json
from chronology.db.store import Store

from . import csv, html, markdown, timelinejs

# Text formats (export() writes them) and "sqlite", a copy of the store (chronology.tui.cli.publish writes it).
FORMATS = ("json", "csv", "md", "timelinejs", "html", "sqlite")


def export(store: Store, fmt: str, lang: str = "uk") -> str:
    """The store in one of :data:`FORMATS`; dates and words in ``lang``."""
    if fmt == "json":
        return export_json(store)
    if fmt == "csv":
        return csv.export_csv(store, lang)
    if fmt == "md":
        return markdown.export_markdown(store, lang)
    if fmt == "timelinejs":
        return timelinejs.export_timelinejs(store, lang)
    if fmt == "html":
        return html.export_html(store, lang)
    raise ValueError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")

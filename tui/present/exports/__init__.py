"""The chronology as files, one module per format: Markdown, CSV and TimelineJS render each event's view
(the same sections, in the same order, as ``chronology show`` and the detail pane); JSON is the import
format (:func:`chronology.db.io.export_json`)."""

from __future__ import annotations

from chronology.db.store import Store

from . import csv, markdown, timelinejs

FORMATS = ("json", "csv", "md", "timelinejs")


def export(store: Store, fmt: str, lang: str = "uk") -> str:
    """The store in one of :data:`FORMATS`; dates and words in ``lang``."""
    if fmt == "json":
        from chronology.db.io import export_json  # pydantic: only for this format (the CLI starts without it)

        return export_json(store)
    if fmt == "csv":
        return csv.export_csv(store, lang)
    if fmt == "md":
        return markdown.export_markdown(store, lang)
    if fmt == "timelinejs":
        return timelinejs.export_timelinejs(store, lang)
    raise ValueError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")

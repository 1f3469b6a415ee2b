"""The chronology as files, one module per format: Markdown, CSV and TimelineJS render each event's view
(the same sections, in the same order, as ``chronology show`` and the detail pane); JSON is the import
format (:func:`chronology.db.io.export_json`).

A format's module is imported when that format is written: the CLI names :data:`FORMATS` in its parser at
every start, and the views load Babel."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronology.db.store import Store

# The text formats export() writes, and every format of `chronology export`: those and "sqlite", a copy of the
# store (chronology.tui.cli.publish writes it).
TEXT_FORMATS = ("json", "csv", "md", "timelinejs", "html")
FORMATS = (*TEXT_FORMATS, "sqlite")


def export(store: Store, fmt: str, lang: str = "uk", *, event_ids: Collection[str] | None = None) -> str:
    """The store in one of :data:`TEXT_FORMATS`; dates and words in ``lang``. ``event_ids``: only those events
    (e.g. what a search found) with what they need — JSON that imports into an empty store (their sources,
    actors, quotes, and the counts naming them, restricted to them), reports with their sources."""
    if fmt == "json":
        from chronology.db.io import export_json  # pydantic: only for this format (the CLI starts without it)

        return export_json(store, event_ids)
    if fmt == "csv":
        from .csv import export_csv

        return export_csv(store, lang, event_ids)
    if fmt == "md":
        from .markdown import export_markdown

        return export_markdown(store, lang, event_ids)
    if fmt == "timelinejs":
        from .timelinejs import export_timelinejs

        return export_timelinejs(store, lang, event_ids)
    if fmt == "html":
        from .html import export_html

        return export_html(store, lang, event_ids)
    raise ValueError(f"unknown format {fmt!r} (choose from: {', '.join(TEXT_FORMATS)})")

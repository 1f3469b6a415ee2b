"""CSV: one row per event in date order, with a header row, for spreadsheets.

A text cell that a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR)
starts with ``'``, as OWASP advises against CSV injection.

Machine columns (``id``, ``date`` in EDTF, ``duration_minutes``, ``duration_qualifier``, ``gap_days``) stay as
stored; the rest are the view's words in the export's language ("" where the source does not say): ``gap_text``
says what ``gap_days`` counts from and whether rounds without an exact date lie between. Quotes
and cited passages are verbatim, one per line inside their cell; so are the claims where sources disagree (the
last column).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection

from chronology.db.store import Store

from ..event_view import EventView, shown
from .common import read_views

CSV_COLUMNS = (
    "id",
    "date",
    "date_text",
    "date_phrase",
    "kind",
    "status",
    "place",
    "duration_minutes",
    "duration_qualifier",
    "duration_text",
    "gap_days",
    "gap_text",
    "participants",
    "title",
    "summary",
    "outcome",
    "quotes",
    "sources",
    "claims",
)


# A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)), or
# becomes one once the tab or CR is trimmed: OWASP's "CSV injection" advice is to start such a cell with '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs: a text starting as a formula gets a leading ``'``
    (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def event_row(view: EventView) -> list[object]:
    """The cells of one event, in :data:`CSV_COLUMNS` order."""
    quotes = [f"{shown(q.text)} — {q.attribution}" for q in view.quotes]
    cites = [f"{c.source.label}, {c.where}: «{c.text.text}»" for c in view.passages]
    claims = [
        f"{c.field}: {c.value.text} — {c.passage.source.label}, {c.passage.where}: «{c.passage.text.text}»"
        for c in view.claims
    ]
    cells: list[object] = [
        view.id,
        view.edtf,
        view.date.plain,
        view.text("date_phrase"),
        view.text("kind"),
        view.text("status"),
        view.text("place"),
        "" if view.duration_minutes is None else view.duration_minutes,
        view.duration_qualifier or "",
        view.text("duration"),
        "" if view.gap_days is None else view.gap_days,
        view.text("gap"),  # with the date it counts from, and whether rounds of unknown date lie between
        "; ".join(p.name.text for p in view.people.people),
        view.title,
        view.text("summary"),
        view.text("outcome"),
        "\n".join(quotes),
        "\n".join(cites),
        "\n".join(claims),
    ]
    return [neutral(cell) for cell in cells]


def export_csv(store: Store, lang: str = "uk", event_ids: Collection[str] | None = None) -> str:
    """The chronology as CSV (CRLF line ends, as the format has them), in ``lang``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for view in read_views(store, lang, event_ids)[1]:
        writer.writerow(event_row(view))
    return buf.getvalue()

"""TimelineJS: Knight Lab TimelineJS3 JSON, to publish the chronology as a web timeline.

A title slide (with the sources) and one slide per event: ``start_date`` and, for a month, a season or a
year, ``end_date`` (the range the date covers: autumn 2025 runs from September to November 2025, and sorts
after a day in March), ``display_date`` (the date in words), ``text`` with the ``headline`` (the title) and
HTML ``text`` (the view's sections in order), ``group`` (the kind) and ``unique_id`` (the event id); each year
of the chronology is an era. Every piece of data is HTML-escaped.

The words are in the export's language. TimelineJS's own words (its buttons, "loading") follow its
``language`` option, which the format has no field for: the web page (:mod:`.html`) sets it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection
from typing import Any

from chronology.db.edtf import Precision, parse_edtf
from chronology.db.store import Store

from ...i18n import translator
from ..event_view import Claims, EventView, Fact, Passages, People, Quotes, shown
from ..formatting import format_edtf
from ..labels import source_label, source_title
from .common import read_views, web_address

# Sections a slide carries elsewhere (date, title, kind, id) or leaves out (the source's wording of the date,
# the counts).
_ELSEWHERE = {"date", "title", "kind", "id", "date_phrase", "tally"}


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def timeline_date(edtf: str, lang: str = "uk") -> dict[str, Any]:
    """A TimelineJS date object for the start of an EDTF date, as precise as the date and no more: day
    precision gives year, month and day; month precision year and month; a season the year and its first
    month (autumn: September); a year only the year. A date known only by a bound ("[..X]") is placed at its
    bound, as the chronology places it. ``display_date`` always carries the date in words (with its season,
    "about", "(?)" or "no later than")."""
    d = parse_edtf(edtf)
    date: dict[str, Any] = {"year": d.year}
    if d.precision is not Precision.YEAR:
        date["month"] = d.first.month
    if d.precision is Precision.DAY:
        date["day"] = d.day
    date["display_date"] = format_edtf(d, lang)
    return date


def timeline_end_date(edtf: str) -> dict[str, Any] | None:
    """The last day of a month, a season or a year as a TimelineJS date object (winter runs into the next
    year); None for a day."""
    d = parse_edtf(edtf)
    if d.precision is Precision.DAY:
        return None
    end = d.last  # of the bound, for "[..X]": the chronology places it there
    return {"year": end.year, "month": end.month, "day": end.day}


def _slide(view: EventView) -> dict[str, Any]:
    start = timeline_date(view.edtf, view.lang)
    slide: dict[str, Any] = {"unique_id": view.id, "start_date": start}
    end = timeline_end_date(view.edtf)
    if end is not None:
        slide["end_date"] = end
    slide["display_date"] = start["display_date"]  # the slide's and the marker's date: not "start — end"
    slide["text"] = {"headline": _h(view.title), "text": slide_html(view)}
    slide["group"] = view.text("kind")
    return slide


def eras(views: list[EventView]) -> list[dict[str, Any]]:
    """One era per year of the chronology (the year an event's date starts in), in order."""
    years = sorted({parse_edtf(view.edtf).year for view in views})
    return [
        {
            "start_date": {"year": year, "month": 1, "day": 1},
            "end_date": {"year": year, "month": 12, "day": 31},
            "text": {"headline": str(year)},
        }
        for year in years
    ]


def slide_html(view: EventView) -> str:
    """The slide's text: facts in a paragraph of lines, the summary as its own paragraph, quotes as block
    quotes, the cited passages (linked to their sources) in small print; all in the view's order."""
    parts: list[str] = []
    facts: list[str] = []

    def flush() -> None:
        if facts:
            parts.append("<p>" + "<br>".join(facts) + "</p>")
            facts.clear()

    for section in view.sections:
        if section.key in _ELSEWHERE:
            continue
        match section:
            case Fact(key="summary"):
                flush()
                parts.append(f"<p>{_h(section.value.text)}</p>")
            case Fact():
                facts.append(f"<b>{_h(section.label)}:</b> {_h(shown(section.value))}")
            case People():
                names = ", ".join(p.name.text for p in section.people if not p.name.fallback)
                fallback = section.fallback.text if section.fallback else ""
                facts.append(f"<b>{_h(section.label)}:</b> {_h(names or fallback)}")
            case Claims():
                claims = [f"{_h(c.field)}: {_h(c.value.text)} ({_h(c.passage.source.label)})" for c in section.claims]
                facts.append(f"<b>{_h(section.label)}:</b> " + " · ".join(claims))
            case Quotes():
                flush()
                for q in section.quotes:
                    parts.append(f"<blockquote>{_h(shown(q.text))} — {_h(q.attribution)}</blockquote>")
            case Passages():
                flush()
                cited = []
                for c in section.passages:
                    label = _h(c.source.label)
                    if url := web_address(c.source.url):
                        label = f'<a href="{html.escape(url)}">{label}</a>'
                    cited.append(f"{label}, {_h(c.where)}: «{_h(c.text.text)}»")
                parts.append(f"<p><small>{_h(section.label)}: " + "<br>".join(cited) + "</small></p>")
    flush()
    return "".join(parts)


def export_timelinejs(store: Store, lang: str = "uk", event_ids: Collection[str] | None = None) -> str:
    """The chronology (or only ``event_ids``) as TimelineJS3 JSON, in ``lang``."""
    return json.dumps(timeline(store, lang, event_ids), ensure_ascii=False, indent=2) + "\n"


def timeline(store: Store, lang: str = "uk", event_ids: Collection[str] | None = None) -> dict[str, Any]:
    """The chronology (or only ``event_ids``) as a TimelineJS3 timeline object (title, events, eras, scale),
    in ``lang``."""
    _ = translator(lang)
    doc, views = read_views(store, lang, event_ids)
    slides = [_slide(view) for view in views]
    title_text = (
        "<p>" + "<br>".join(_h(f"{source_label(s, lang)} — {source_title(s, lang)}") for s in doc.sources) + "</p>"
    )
    return {
        "title": {
            "text": {
                "headline": _h(_("Chronology of US–Russia talks on the war in Ukraine")),
                "text": f"<p>{_h(_('Sources'))}:</p>{title_text}",
            }
        },
        "events": slides,
        "eras": eras(views),
        "scale": "human",
    }

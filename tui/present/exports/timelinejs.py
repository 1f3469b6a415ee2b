"""TimelineJS: Knight Lab TimelineJS3 JSON, to publish the chronology as a web timeline.

A title slide (with the sources) and one slide per event: ``start_date`` (no more precise than the date),
``text`` with the ``headline`` (the title) and HTML ``text`` (the view's sections in order), ``group`` (the
kind) and ``unique_id`` (the event id). Every piece of data is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from typing import Any

from chronology.db.edtf import Precision, parse_edtf
from chronology.db.store import Store

from ...i18n import translator
from ..event_view import Claims, EventView, Fact, Passages, People, Quotes
from ..formatting import format_edtf
from ..labels import source_label
from .common import read_views

# Sections a slide carries elsewhere (date, title, kind, id) or leaves out (the source's wording of the date,
# the counts).
_ELSEWHERE = {"date", "title", "kind", "id", "date_phrase", "tally"}


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def timeline_date(edtf: str, lang: str = "uk") -> dict[str, Any]:
    """A TimelineJS date object for an EDTF date, as precise as the date and no more: day precision gives
    year, month and day; month precision year and month; a season or a year only the year. ``display_date``
    always carries the date in words (with its season, "about" or "(?)")."""
    d = parse_edtf(edtf)
    date: dict[str, Any] = {"year": d.year}
    if d.precision in (Precision.MONTH, Precision.DAY):
        date["month"] = d.month
    if d.precision is Precision.DAY:
        date["day"] = d.day
    date["display_date"] = format_edtf(d, lang)
    return date


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
                facts.append(f"<b>{_h(section.label)}:</b> {_h(section.value.text)}")
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
                    how = f", {q.given_as.text}" if q.given_as else ""
                    parts.append(f"<blockquote>«{_h(q.text.text)}» — {_h(q.speaker.text + how)}</blockquote>")
            case Passages():
                flush()
                cited = []
                for c in section.passages:
                    label = _h(c.source.label)
                    if c.source.url:
                        label = f'<a href="{html.escape(c.source.url)}">{label}</a>'
                    cited.append(f"{label}, {_h(c.where)}: «{_h(c.text.text)}»")
                parts.append(f"<p><small>{_h(section.label)}: " + "<br>".join(cited) + "</small></p>")
    flush()
    return "".join(parts)


def export_timelinejs(store: Store, lang: str = "uk") -> str:
    """The chronology as TimelineJS3 JSON, in ``lang``."""
    _ = translator(lang)
    doc, views = read_views(store, lang)
    slides = [
        {
            "unique_id": view.id,
            "start_date": timeline_date(view.edtf, lang),
            "text": {"headline": _h(view.title), "text": slide_html(view)},
            "group": view.text("kind"),
        }
        for view in views
    ]
    title_text = "<p>" + "<br>".join(_h(f"{source_label(s, lang)} — «{s.title}»") for s in doc.sources) + "</p>"
    timeline = {
        "title": {
            "text": {
                "headline": _h(_("Chronology of US–Russia talks on the war in Ukraine")),
                "text": f"<p>{_h(_('Sources'))}:</p>{title_text}",
            }
        },
        "events": slides,
    }
    return json.dumps(timeline, ensure_ascii=False, indent=2) + "\n"

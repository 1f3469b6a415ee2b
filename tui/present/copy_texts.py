"""What ``y`` in the app copies: a quote or an event with its citation, as a journalist pastes it.

«конструктивними» — Юрій Ушаков, «За підсумками квітневої зустрічі»
11 квітня 2025 р. — Зустріч Віткоффа з Путіним у Санкт-Петербурзі
Джерело: УНН, 21 січня 2026 р., опис упорядника: …, https://…, символи 1744–1759
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import translator
from .event_view import EventView, SourceRef, quote_line, shown

if TYPE_CHECKING:
    from chronology.db.models import Quote
    from chronology.db.store import EventDetail


def _cite(source: SourceRef, where: str, lang: str) -> str:
    _ = translator(lang)
    if source.title is None:  # not in the store
        return f"{_('Source')}: {source.id}, {where}"
    parts = [source.label, source.title]
    if source.url:
        parts.append(source.url)
    parts.append(where)
    return f"{_('Source')}: {', '.join(parts)}"


def quote_citation(detail: EventDetail, quote: Quote, lang: str) -> str:
    """A quote as a journalist pastes it: verbatim text, speaker, event, source."""
    q = quote_line(detail, quote, lang)
    view = EventView.build(detail, lang)
    return f"{shown(q.text)} — {q.attribution}\n{view.date.plain} — {view.title}\n{_cite(q.source, q.where, lang)}"


def event_citation(detail: EventDetail, lang: str) -> str:
    """An event with its first cited passage."""
    view = EventView.build(detail, lang)
    lines = [f"{view.date.text} — {view.title}"]
    for key in ("place", "duration"):
        fact = view.fact(key)
        if fact is not None and not fact.value.fallback:
            lines.append(f"{fact.label}: {fact.value.text}")
    for c in view.passages[:1]:
        lines.append(shown(c.text))
        lines.append(_cite(c.source, c.where, lang))
    return "\n".join(lines)

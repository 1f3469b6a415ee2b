"""What ``y`` in the app copies: a quote or an event with its citation, as a journalist pastes it.

``y`` copies the selected quote, else the event's first quote, else the event; ``Y`` the event
(:func:`copy_choice`, which also words the toast: what was copied and its first words).

«конструктивними» — Юрій Ушаков, «За підсумками квітневої зустрічі»
11 квітня 2025 р. — Зустріч Віткоффа з Путіним у Санкт-Петербурзі
Джерело: УНН, 21 січня 2026 р., опис упорядника: …, https://…, символи 1744–1759
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import translator
from .event_view import EventView, SourceRef, quote_line, shown
from .safe import clip

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


PREVIEW_WORDS = 8


def first_words(text: str, count: int = PREVIEW_WORDS) -> str:
    """The first ``count`` words of ``text``, with "…" if there are more (at most 200 characters: a toast
    draws them, and a hostile import may hold a 10 MB word)."""
    words = text.split(maxsplit=count)
    return clip(" ".join(words[:count]) + ("…" if len(words) > count else ""), 200)


@dataclass(frozen=True)
class Copied:
    """What ``y`` copies and how the toast names it: ``what`` ("Цитата 1 з 3"), ``preview`` (its first words),
    ``text`` (for the clipboard); ``quote``: the index of the quote copied (None: the event)."""

    text: str
    what: str
    preview: str
    quote: int | None


def copy_choice(detail: EventDetail, selected: int | None, lang: str, *, whole_event: bool = False) -> Copied:
    """What to copy: the selected quote; else, when the event has quotes, its first one; else (or with
    ``whole_event``) the event with its first cited passage. Always the same answer for the same screen."""
    _ = translator(lang)
    quotes = detail.quotes
    if not whole_event and quotes:
        index = selected if selected is not None and selected < len(quotes) else 0
        q = quote_line(detail, quotes[index], lang)
        if selected is not None and selected < len(quotes):
            what = _("The selected quote")
        else:
            what = _("Quote {index} of {count}").format(index=index + 1, count=len(quotes))
        preview = f"«{first_words(q.text.text)}» — {q.speaker.text}"
        return Copied(quote_citation(detail, quotes[index], lang), what, preview, index)
    view = EventView.build(detail, lang)
    preview = f"{view.date.text} — {first_words(view.title)}"
    return Copied(event_citation(detail, lang), _("The event"), preview, None)

"""The detail pane's text: an event's :class:`~chronology.tui.present.event_view.EventView` as Rich text blocks.

Search matches are highlighted in the data's own text, what the source does not say muted, control characters
shown as pictures. A field longer than the pane's limit (:data:`SHOWN_CHARS`; a hostile import may hold a
10 MB title) is cut for display, with a muted line saying how much is not shown: wrapping and highlighting it
whole would take the app tens of seconds. The pane's ``f`` raises the limit (:data:`FULL_CHARS`);
``chronology show ID`` prints every field in full, and ``y``/``Y`` copy the full text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from chronology.db.controls import is_web_address
from rich.style import Style
from rich.text import Text

from ..i18n import NP_, translations
from ..present.event_view import (
    Claims,
    DateLine,
    EventView,
    Fact,
    Passages,
    People,
    QuoteLine,
    Quotes,
    Title,
    Value,
)
from ..present.safe import clip, in_place

Spans = Callable[[str], list[tuple[int, int]]]

SHOWN_CHARS = 5_000  # of one field, as the pane first shows it
FULL_CHARS = 500_000  # of one field, after f ("the full text"): a bound still, wrapping costs ~7 µs a character
MORE_HIDDEN = NP_(
    "… {n} more character not shown (f: the full text)", "… {n} more characters not shown (f: the full text)"
)
MORE_HIDDEN_FULL = NP_(
    "… {n} more character not shown (chronology show {id} prints it all)",
    "… {n} more characters not shown (chronology show {id} prints it all)",
)


@dataclass(frozen=True)
class Limit:
    """How many characters of one field the pane shows (``chars``), and how it words the rest."""

    chars: int | None = SHOWN_CHARS
    full: bool = False
    lang: str = "uk"
    event_id: str = ""

    def hidden(self, n: int) -> str:
        """The muted line under a field cut ``n`` characters short."""
        singular, plural = MORE_HIDDEN_FULL if self.full else MORE_HIDDEN
        return translations(self.lang).ngettext(singular, plural, n).format(n=n, id=self.event_id)


NO_LIMIT = Limit(None)


def no_spans(text: str) -> list[tuple[int, int]]:
    return []


class Styles:
    """Rich styles for the pieces of the detail text (from the pane's component classes)."""

    def __init__(self, get: Callable[[str], Style] | None = None):
        def style(name: str, fallback: str) -> Style:
            return get(f"detail--{name}") if get is not None else Style.parse(fallback)

        self.date = style("date", "bold")
        self.title = style("title", "bold")
        self.label = style("label", "bold")
        self.muted = style("muted", "dim")
        self.match = style("match", "reverse")
        self.quote = style("quote", "italic")
        self.planned = style("planned", "bold")

    def key(self) -> tuple[Style, ...]:
        return (self.date, self.title, self.label, self.muted, self.match, self.quote, self.planned)


def _highlighted(text: str, style: Style | str, spans: Spans, match: Style) -> Text:
    text = in_place(text)  # before Rich, which drops BEL and CR silently: shown, one picture for one character
    out = Text(text, style=style)
    for a, b in spans(text):
        out.stylize(match, a, b)
    return out


def _value(v: Value, style: Style | str, spans: Spans, s: Styles, limit: Limit = NO_LIMIT) -> Text:
    """A value in ``style``: muted if it is a fallback, in «» if verbatim (its English after it, muted),
    matches highlighted if data; cut to ``limit``, with a muted line saying how much is not shown."""
    if v.fallback:
        return Text(v.text, style=s.muted)
    hidden = 0
    if limit.chars is not None and len(v.text) > limit.chars:
        hidden = len(v.text) - limit.chars
        v = replace(v, text=v.text[: limit.chars])
    if not v.verbatim:
        out = _highlighted(v.text, style, spans, s.match) if v.data else Text(in_place(v.text), style=style)
    else:
        out = Text("«", style=style)
        out.append_text(_highlighted(v.text, style, spans, s.match) if v.data else Text(in_place(v.text), style=style))
        out.append("»", style=style)
        if v.en:  # the curator's English of the source's words
            out.append(f" (“{_clip(v.en, limit)}”)", style=s.muted)
    if hidden:
        out.append("\n" + limit.hidden(hidden), style=s.muted)
    return out


def _clip(text: str, limit: Limit) -> str:
    """A short piece of data shown whole (a source's name, its address) cut to ``limit`` all the same."""
    return text if limit.chars is None else clip(text, limit.chars)


@dataclass
class PaneTexts:
    """The pane's blocks as Rich text: head (date … tallies), body (participants, summary, outcome), the
    quotes' title and one text per quote, and the cited passages with the event id."""

    head: Text
    body: Text
    quotes_title: Text
    quotes: list[Text]
    sources: Text


def pane_texts(
    view: EventView, spans: Spans = no_spans, styles: Styles | None = None, limit: Limit = NO_LIMIT
) -> PaneTexts:
    """``view``'s sections, in order, as the pane's blocks, each field cut to ``limit``."""
    s = styles or Styles()

    def value(v: Value, style: Style | str = "") -> Text:
        return _value(v, style, spans, s, limit)

    out = PaneTexts(Text(), Text(), Text(), [], Text())
    for section in view.sections:
        match section:
            case DateLine():
                out.head.append(section.text, style=s.date)
            case Title():
                out.head.append("\n")
                out.head.append_text(value(section.value, s.title))
            case Fact(key="summary" | "outcome"):
                out.body.append("\n\n")
                out.body.append(section.label, style=s.label)
                out.body.append("\n")
                out.body.append_text(value(section.value))
            case Fact(key="id"):
                out.sources.append("\n\n")
                out.sources.append(f"{section.label}: {section.value.text}", style=s.muted)
            case Fact():
                out.head.append(" · " if section.key == "status" else "\n")
                out.head.append(f"{section.label}: ", style=s.label)
                out.head.append_text(value(section.value, s.planned if section.emphasis else ""))
            case Claims():  # where sources disagree: each claim under the facts, with its source and passage
                out.head.append(f"\n{section.label}:", style=s.label)
                for claim in section.claims:
                    out.head.append(f"\n  {claim.field}: ", style=s.label)
                    out.head.append_text(value(claim.value, "bold"))
                    source = _clip(claim.passage.source.label, limit)
                    out.head.append(f" — {source} · {claim.passage.where}", style=s.muted)
                    out.head.append("\n    ")
                    out.head.append_text(value(claim.passage.text))
            case People():
                out.body.append(section.label, style=s.label)
                for p in section.people:
                    out.body.append("\n  ")
                    if p.name.fallback:
                        out.body.append(p.name.text, style=s.muted)
                        continue
                    out.body.append_text(value(p.name, "bold"))
                    if p.role is not None:
                        out.body.append(" — ")
                        out.body.append_text(value(p.role))
                    if p.side:
                        out.body.append(f" ({p.side})")
                if section.fallback:
                    out.body.append(f"\n  {section.fallback.text}", style=s.muted)
            case Quotes():
                out.quotes_title = Text(f"{section.label} ({len(section.quotes)})", style=s.label)
                out.quotes = [quote_text(q, spans, s, limit) for q in section.quotes]
            case Passages():
                out.sources.append(section.label, style=s.label)
                for c in section.passages:
                    out.sources.append("\n")
                    out.sources.append(_clip(c.source.label, limit), style="bold")
                    out.sources.append(f" · {c.where}", style=s.muted)
                    out.sources.append("\n  ")
                    out.sources.append_text(value(c.text))
                    if c.source.url:  # a link (OSC 8) where the terminal supports it; o opens it
                        out.sources.append("\n  ")
                        url = _clip(c.source.url, limit)
                        link = Style(link=c.source.url, underline=True) if is_web_address(c.source.url) else Style()
                        out.sources.append(url, style=s.muted + link)
    for block in (out.head, out.body, out.quotes_title, out.sources):
        _neutralise(block)
    return out


def _neutralise(text: Text) -> Text:
    """``text`` with its data's control characters and direction overrides shown, not sent to the terminal
    (:func:`~chronology.tui.present.safe.in_place`: one character for one, so its styles stay where they are)."""
    shown = in_place(text.plain)
    if shown != text.plain:
        text.plain = shown
    return text


def quote_text(
    quote: QuoteLine, spans: Spans = no_spans, styles: Styles | None = None, limit: Limit = NO_LIMIT
) -> Text:
    """«text» — speaker (or: the source's paraphrase, in quotation marks in the source), «how given» ·
    outlet, chars a–b."""
    s = styles or Styles()
    out = Text()
    out.append_text(_value(quote.text, s.quote, spans, s, limit))
    out.append("\n  — ")
    out.append_text(_value(quote.speaker, "bold", spans, s, limit))
    if quote.given_as:
        out.append(", ")
        out.append_text(_value(quote.given_as, "", spans, s, limit))
    out.append(f" · {_clip(quote.source.outlet, limit)}, {quote.where}", style=s.muted)
    return _neutralise(out)

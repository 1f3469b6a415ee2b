"""The detail pane: the highlighted event in full, with search matches highlighted.

The pane renders the event's :class:`~chronology.tui.present.event_view.EventView` (the same sections, in the
same order, as ``chronology show`` and the exports) as Rich text: search matches highlighted in the data's
own text, what the source does not say muted. Blocks are a fixed handful of ``Static`` widgets plus one per
quote (reused from event to event, so a cursor move updates text rather than mounting widgets). ↑/↓ in the
pane select a quote; ``y`` copies the selected quote, or the event, with its citation
(:mod:`chronology.tui.present.copy_texts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

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
from ..present.safe import in_place

if TYPE_CHECKING:  # the models (pydantic) load with the first event, not at start-up
    from chronology.db.models import Quote
    from chronology.db.store import EventDetail

Spans = Callable[[str], list[tuple[int, int]]]
QUOTE_VIEWS = 4


def _no_spans(text: str) -> list[tuple[int, int]]:
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


def _value(v: Value, style: Style | str, spans: Spans, s: Styles) -> Text:
    """A value in ``style``: muted if it is a fallback, in «» if verbatim (its English after it, muted),
    matches highlighted if data."""
    if v.fallback:
        return Text(v.text, style=s.muted)
    if not v.verbatim:
        return _highlighted(v.text, style, spans, s.match) if v.data else Text(in_place(v.text), style=style)
    out = Text("«", style=style)
    out.append_text(_highlighted(v.text, style, spans, s.match) if v.data else Text(in_place(v.text), style=style))
    out.append("»", style=style)
    if v.en:
        out.append(f" (“{v.en}”)", style=s.muted)  # the curator's English of the source's words
    return out


@dataclass
class PaneTexts:
    """The pane's blocks as Rich text: head (date … tallies), body (participants, summary, outcome), the
    quotes' title and one text per quote, and the cited passages with the event id."""

    head: Text
    body: Text
    quotes_title: Text
    quotes: list[Text]
    sources: Text


def pane_texts(view: EventView, spans: Spans = _no_spans, styles: Styles | None = None) -> PaneTexts:
    """``view``'s sections, in order, as the pane's blocks."""
    s = styles or Styles()

    def value(v: Value, style: Style | str = "") -> Text:
        return _value(v, style, spans, s)

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
                    out.head.append(f" — {claim.passage.source.label} · {claim.passage.where}", style=s.muted)
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
                out.quotes = [quote_text(q, spans, s) for q in section.quotes]
            case Passages():
                out.sources.append(section.label, style=s.label)
                for c in section.passages:
                    out.sources.append("\n")
                    out.sources.append(c.source.label, style="bold")
                    out.sources.append(f" · {c.where}", style=s.muted)
                    out.sources.append("\n  ")
                    out.sources.append_text(value(c.text))
                    if c.source.url:  # a link (OSC 8) where the terminal supports it; o opens it
                        out.sources.append("\n  ")
                        out.sources.append(c.source.url, style=s.muted + Style(link=c.source.url, underline=True))
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


def quote_text(quote: QuoteLine, spans: Spans = _no_spans, styles: Styles | None = None) -> Text:
    """«text» — speaker (or: the source's paraphrase, in quotation marks in the source), «how given» ·
    outlet, chars a–b."""
    s = styles or Styles()
    out = Text()
    out.append_text(_value(quote.text, s.quote, spans, s))
    out.append("\n  — ")
    out.append_text(_value(quote.speaker, "bold", spans, s))
    if quote.given_as:
        out.append(", ")
        out.append_text(_value(quote.given_as, "", spans, s))
    out.append(f" · {quote.source.outlet}, {quote.where}", style=s.muted)
    return _neutralise(out)


class QuoteView(Static):
    """One quote; click to select it."""

    def __init__(self, index: int) -> None:
        super().__init__(classes="quote")
        self.index = index

    def on_click(self, event: events.Click) -> None:
        pane = next((a for a in self.ancestors if isinstance(a, DetailPane)), None)
        if pane is not None:
            pane.selected_quote = self.index
            pane.focus()


class DetailPane(VerticalScroll, can_focus=True, inherit_bindings=False):
    """The highlighted event in full."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j,о", "next_quote", "Next quote", show=False, id="detail.next", tooltip="Select the next quote"),
        Binding(
            "up,k,л",
            "previous_quote",
            "Previous quote",
            show=False,
            id="detail.previous",
            tooltip="Select the previous quote",
        ),
        Binding("pagedown", "page_down", "Page down", show=False, id="detail.page_down", tooltip="Scroll a page down"),
        Binding("pageup", "page_up", "Page up", show=False, id="detail.page_up", tooltip="Scroll a page up"),
        Binding("home,g,п", "scroll_home", "Top", show=False, id="detail.top", tooltip="Scroll to the top"),
        Binding("end,G,П", "scroll_end", "Bottom", show=False, id="detail.bottom", tooltip="Scroll to the bottom"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--date",
        "detail--title",
        "detail--label",
        "detail--muted",
        "detail--match",
        "detail--quote",
        "detail--planned",
    }

    selected_quote: reactive[int | None] = reactive(None, init=False)

    @dataclass
    class QuoteSelected(Message):
        pane: DetailPane
        index: int | None

        @property
        def control(self) -> DetailPane:
            return self.pane

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.detail: EventDetail | None = None
        self.view: EventView | None = None
        self.lang = "uk"
        self.spans: Spans = _no_spans
        self.message = ""
        self._styles_key: tuple[Style, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-message")
        yield Static(id="detail-head")
        yield Static(id="detail-body")
        yield Static(id="detail-quotes-title")
        with Vertical(id="detail-quotes"):
            for i in range(QUOTE_VIEWS):  # enough for most events; more are mounted when needed
                yield QuoteView(i)
        yield Static(id="detail-sources")

    def _styles(self) -> Styles:
        return Styles(self.get_component_rich_style)

    def show(self, detail: EventDetail | None, lang: str, spans: Spans | None = None, *, message: str = "") -> None:
        """Show ``detail`` (or ``message`` when there is none) in ``lang``, highlighting ``spans``."""
        same_event = detail is not None and self.detail is not None and detail.event.id == self.detail.event.id
        if detail is None:
            self.view = None
        elif detail is not self.detail or lang != self.lang or self.view is None:
            self.view = EventView.build(detail, lang)
        self.detail, self.lang, self.spans, self.message = detail, lang, spans or _no_spans, message
        if not same_event:
            self.set_reactive(DetailPane.selected_quote, None)
            self.scroll_home(animate=False, immediate=True)
        self.rerender()

    def rerender(self) -> None:
        if not self.is_mounted:
            return
        view, spans = self.view, self.spans
        styles = self._styles()
        self._styles_key = styles.key()
        message = self.query_one("#detail-message", Static)
        blocks = [self.query_one(f"#detail-{n}", Static) for n in ("head", "body", "quotes-title", "sources")]
        quotes_box = self.query_one("#detail-quotes", Vertical)
        if view is None:
            message.update(Text(self.message, style=styles.muted))
            message.display = True
            for block in blocks:
                block.display = False
            quotes_box.display = False
            return
        message.display = False
        for block in blocks:
            block.display = True
        head, body, quotes_title, sources = blocks
        texts = pane_texts(view, spans, styles)
        head.update(texts.head)
        body.update(texts.body)
        sources.update(texts.sources)
        quotes_title.display = bool(texts.quotes)
        quotes_title.update(texts.quotes_title)
        quotes_box.display = bool(texts.quotes)
        views = list(quotes_box.query(QuoteView))
        missing = [QuoteView(i) for i in range(len(views), len(texts.quotes))]
        if missing:
            quotes_box.mount_all(missing)
            views += missing
        for i, quote_view in enumerate(views):
            if i < len(texts.quotes):
                quote_view.display = True
                quote_view.update(texts.quotes[i])
                quote_view.set_class(i == self.selected_quote, "-selected")
            else:
                quote_view.display = False

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._styles_key is not None and self._styles().key() != self._styles_key:
            self.rerender()  # the theme changed: colour the text anew

    def watch_selected_quote(self, old: int | None, new: int | None) -> None:
        views = list(self.query_one("#detail-quotes", Vertical).query(QuoteView))
        for view in views:
            view.set_class(view.index == new, "-selected")
        if new is not None and new < len(views):
            self.scroll_to_widget(views[new], animate=False, immediate=True)
        self.post_message(self.QuoteSelected(self, new))

    @property
    def quote_count(self) -> int:
        return len(self.detail.quotes) if self.detail else 0

    @property
    def current_quote(self) -> Quote | None:
        if self.detail is None or self.selected_quote is None or self.selected_quote >= self.quote_count:
            return None
        return self.detail.quotes[self.selected_quote]

    def select_first_match(self) -> None:
        """Select the first quote a search matches (so `y` copies it)."""
        if self.detail is None:
            return
        for i, q in enumerate(self.detail.quotes):
            if self.spans(q.text):
                self.selected_quote = i
                return

    def action_next_quote(self) -> None:
        n = self.quote_count
        current = self.selected_quote
        if n and (current is None or current < n - 1):
            self.selected_quote = 0 if current is None else current + 1
        else:
            self.scroll_down(animate=False)

    def action_previous_quote(self) -> None:
        current = self.selected_quote
        if current is not None and current > 0:
            self.selected_quote = current - 1
        elif current == 0:
            self.selected_quote = None
            self.scroll_up(animate=False)
        else:
            self.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

"""The detail pane: the highlighted event in full, with search matches highlighted.

Blocks are a fixed handful of ``Static`` widgets plus one per quote (reused from event to event, so a
cursor move updates text rather than mounting widgets). ↑/↓ in the pane select a quote; ``y`` copies the
selected quote, or the event, with its citation (:func:`quote_citation`, :func:`event_citation`).
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

from ..i18n import translator
from ..present.formatting import format_day, format_duration, format_edtf, format_gap
from ..present.labels import (
    actor_name,
    actor_role,
    event_place,
    event_title,
    kind_label,
    pick,
    side_label,
    source_label,
    status_label,
    tally_phrase,
)

if TYPE_CHECKING:  # the models (pydantic) load with the first event, not at start-up
    from chronology.db.models import Quote, Source
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
    out = Text(text, style=style)
    for a, b in spans(text):
        out.stylize(match, a, b)
    return out


def head_text(detail: EventDetail, lang: str, spans: Spans = _no_spans, styles: Styles | None = None) -> Text:
    """Date with weekday, title, gap, kind, status, place, duration, tallies."""
    s = styles or Styles()
    _ = translator(lang)
    e = detail.event
    unknown = _("not stated in the source")
    out = Text()
    out.append(format_edtf(e.date, lang, weekday=True), style=s.date)
    out.append("\n")
    out.append_text(_highlighted(event_title(e, lang), s.title, spans, s.match))
    out.append("\n")
    if detail.gap_days is not None:
        out.append(f"{_('Since the previous round')}: ", style=s.label)
        out.append(format_gap(detail.gap_days, lang))
        out.append("\n")
    if e.date_phrase:
        out.append(f"{_('Date in the source')}: ", style=s.label)
        out.append_text(_highlighted(f"«{e.date_phrase}»", "", spans, s.match))
        out.append("\n")
    out.append(f"{_('Kind')}: ", style=s.label)
    out.append(kind_label(e.kind.value, lang))
    out.append(" · ")
    out.append(f"{_('Status')}: ", style=s.label)
    status = status_label(e.status.value, lang)
    if e.status_as_of:
        status += f" ({_('as of')} {format_day(e.status_as_of, lang)})"
    out.append(status, style=s.planned if e.status.value != "held" else "")
    out.append("\n")
    out.append(f"{_('Place')}: ", style=s.label)
    place = event_place(e, lang)
    out.append_text(_highlighted(place, "", spans, s.match) if place else Text(unknown, style=s.muted))
    out.append("\n")
    out.append(f"{_('Duration')}: ", style=s.label)
    if e.duration:
        out.append(format_duration(e.duration.minutes, e.duration.qualifier.value, e.duration.phrase, lang))
    else:
        out.append(unknown, style=s.muted)
    for t in detail.tallies:
        out.append("\n")
        out.append(f"{pick(t.tally.subject, t.tally.subject_en, lang)}: ", style=s.label)
        out.append(tally_phrase(t.tally.stated, t.dated, lang))
    return out


def body_text(detail: EventDetail, lang: str, spans: Spans = _no_spans, styles: Styles | None = None) -> Text:
    """Participants with roles, summary, outcome."""
    s = styles or Styles()
    _ = translator(lang)
    e = detail.event
    unknown = _("not stated in the source")
    out = Text()
    out.append(_("Participants"), style=s.label)
    if not e.participants:
        out.append(f"\n  {unknown}", style=s.muted)
    for aid in e.participants:
        actor = detail.actors.get(aid)
        out.append("\n  ")
        if actor is None:
            out.append(aid, style=s.muted)
            continue
        out.append_text(_highlighted(actor_name(actor, lang), "bold", spans, s.match))
        out.append(f" — {actor_role(actor, lang)} ({side_label(actor.side, lang)})")
    summary = pick(e.summary, e.summary_en, lang)
    if summary:
        out.append("\n\n")
        out.append(_("Summary"), style=s.label)
        out.append("\n")
        out.append_text(_highlighted(summary, "", spans, s.match))
    out.append("\n\n")
    out.append(_("Outcome"), style=s.label)
    out.append("\n")
    outcome = pick(e.outcome, e.outcome_en, lang)
    out.append_text(_highlighted(outcome, "", spans, s.match) if outcome else Text(unknown, style=s.muted))
    return out


def quote_text(
    detail: EventDetail, quote: Quote, lang: str, spans: Spans = _no_spans, styles: Styles | None = None
) -> Text:
    """«text» — speaker, how given · outlet, chars a–b."""
    s = styles or Styles()
    _ = translator(lang)
    out = Text()
    out.append_text(_highlighted(f"«{quote.text}»", s.quote, spans, s.match))
    out.append("\n  — ")
    speaker = detail.actors.get(quote.speaker_id) if quote.speaker_id else None
    out.append_text(_highlighted(actor_name(speaker, lang), "bold" if speaker else s.muted, spans, s.match))
    if quote.given_as:
        out.append(", ")
        out.append_text(_highlighted(quote.given_as, "", spans, s.match))
    source = detail.sources.get(quote.source_id)
    outlet = source.outlet if source else quote.source_id
    out.append(f" · {outlet}, {_('chars')} {quote.offset}–{quote.end}", style=s.muted)
    return out


def sources_text(detail: EventDetail, lang: str, spans: Spans = _no_spans, styles: Styles | None = None) -> Text:
    """The cited passages, each under its outlet."""
    s = styles or Styles()
    _ = translator(lang)
    out = Text()
    out.append(_("Sources"), style=s.label)
    for c in detail.event.citations:
        source = detail.sources.get(c.source_id)
        out.append("\n")
        out.append(source_label(source) if source else c.source_id, style="bold")
        out.append(f" · {_('chars')} {c.offset}–{c.end}", style=s.muted)
        out.append("\n  ")
        out.append_text(_highlighted(f"«{c.text}»", "", spans, s.match))
    out.append("\n\n")
    out.append(f"{_('Event id')}: {detail.event.id}", style=s.muted)
    return out


def _cite(source: Source | None, source_id: str, start: int, end: int, lang: str) -> str:
    _ = translator(lang)
    if source is None:
        return f"{_('Source')}: {source_id}, {_('chars')} {start}–{end}"
    parts = [source_label(source), f"«{source.title}»"]
    if source.url:
        parts.append(source.url)
    parts.append(f"{_('chars')} {start}–{end}")
    return f"{_('Source')}: {', '.join(parts)}"


def quote_citation(detail: EventDetail, quote: Quote, lang: str) -> str:
    """A quote as a journalist pastes it: verbatim text, speaker, event, source."""
    speaker = detail.actors.get(quote.speaker_id) if quote.speaker_id else None
    how = f", {quote.given_as}" if quote.given_as else ""
    e = detail.event
    return (
        f"«{quote.text}» — {actor_name(speaker, lang)}{how}\n"
        f"{format_edtf(e.date, lang)} — {event_title(e, lang)}\n"
        f"{_cite(detail.sources.get(quote.source_id), quote.source_id, quote.offset, quote.end, lang)}"
    )


def event_citation(detail: EventDetail, lang: str) -> str:
    """An event with its first cited passage."""
    _ = translator(lang)
    e = detail.event
    lines = [f"{format_edtf(e.date, lang, weekday=True)} — {event_title(e, lang)}"]
    place = event_place(e, lang)
    if place:
        lines.append(f"{_('Place')}: {place}")
    if e.duration:
        duration = format_duration(e.duration.minutes, e.duration.qualifier.value, e.duration.phrase, lang)
        lines.append(f"{_('Duration')}: {duration}")
    for c in e.citations[:1]:
        lines.append(f"«{c.text}»")
        lines.append(_cite(detail.sources.get(c.source_id), c.source_id, c.offset, c.end, lang))
    return "\n".join(lines)


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
        self.detail, self.lang, self.spans, self.message = detail, lang, spans or _no_spans, message
        if not same_event:
            self.set_reactive(DetailPane.selected_quote, None)
            self.scroll_home(animate=False, immediate=True)
        self.rerender()

    def rerender(self) -> None:
        if not self.is_mounted:
            return
        detail, lang, spans = self.detail, self.lang, self.spans
        styles = self._styles()
        self._styles_key = styles.key()
        message = self.query_one("#detail-message", Static)
        blocks = [self.query_one(f"#detail-{n}", Static) for n in ("head", "body", "quotes-title", "sources")]
        quotes_box = self.query_one("#detail-quotes", Vertical)
        if detail is None:
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
        head.update(head_text(detail, lang, spans, styles))
        body.update(body_text(detail, lang, spans, styles))
        sources.update(sources_text(detail, lang, spans, styles))
        _ = translator(lang)
        quotes_title.display = bool(detail.quotes)
        quotes_title.update(Text(f"{_('Quotes')} ({len(detail.quotes)})", style=styles.label))
        quotes_box.display = bool(detail.quotes)
        views = list(quotes_box.query(QuoteView))
        missing = [QuoteView(i) for i in range(len(views), len(detail.quotes))]
        if missing:
            quotes_box.mount_all(missing)
            views += missing
        for i, view in enumerate(views):
            if i < len(detail.quotes):
                view.display = True
                view.update(quote_text(detail, detail.quotes[i], lang, spans, styles))
                view.set_class(i == self.selected_quote, "-selected")
            else:
                view.display = False

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

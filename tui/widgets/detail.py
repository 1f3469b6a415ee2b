"""The detail pane: the highlighted event in full, with search matches highlighted.

The pane renders the event's :class:`~chronology.tui.present.event_view.EventView` (the same sections, in the
same order, as ``chronology show`` and the exports) as Rich text: search matches highlighted in the data's
own text, what the source does not say muted. It draws its lines itself (Line API, like the timeline): the
blocks are wrapped to the pane's width once per event and kept as strips, so showing another event costs
one wrap and no widget layout (a pane of widgets took two or three layout passes of the whole screen per
cursor move). Each quote has a thin line at its left; the selected one a thick ▌ bar, bold text and a tint.
↑/↓ in the pane select a quote; ``y`` copies it (:mod:`chronology.tui.present.copy_texts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..present.event_view import EventView
from .detail_texts import FULL_CHARS, SHOWN_CHARS, Limit, PaneTexts, Spans, Styles, no_spans, pane_texts, quote_text
from .scrolling import set_virtual_size

if TYPE_CHECKING:  # the models (pydantic) load with the first event, not at start-up
    from chronology.db.models import Quote
    from chronology.db.store import EventDetail

__all__ = ["DetailPane", "PaneTexts", "Styles", "pane_texts", "quote_text"]

QUOTE_BAR = "▏"  # at the left of each quote
SELECTED_BAR = "▌"  # at the left of the selected quote (with bold text and a tint: not colour alone)


class DetailPane(ScrollView, can_focus=True, inherit_bindings=False):
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
        Binding(
            "f,а",
            "full_text",
            "Full text",
            show=False,
            id="detail.full_text",
            tooltip="Show long fields in full (the pane shows the first 5,000 characters of each); again: shorten",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--date",
        "detail--title",
        "detail--label",
        "detail--muted",
        "detail--match",
        "detail--quote",
        "detail--planned",
        "detail--quote-bar",
        "detail--quote-bar-selected",
        "detail--quote-selected",
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
        self.spans: Spans = no_spans
        self.message = ""
        self._styles_key: tuple[Style, ...] | None = None
        self._texts: PaneTexts | None = None  # the blocks of the event shown, before wrapping
        self._lines: list[Strip] = []  # wrapped to ``_width``
        self._quote_lines: list[tuple[int, int]] = []  # each quote's first line and the line after its last
        self._width = 0
        self._base = Style()  # the pane's own style, looked up once per frame (render_lines)
        self._rewrap_pending = False
        self._search_selected: int | None = None  # the quote select_first_match chose (not the reader)
        self.full = False  # f: long fields shown up to FULL_CHARS, not SHOWN_CHARS (until another event)

    def _styles(self) -> Styles:
        return Styles(self.get_component_rich_style)

    def show(self, detail: EventDetail | None, lang: str, spans: Spans | None = None, *, message: str = "") -> None:
        """Show ``detail`` (or ``message`` when there is none) in ``lang``, highlighting ``spans``."""
        same_event = detail is not None and self.detail is not None and detail.event.id == self.detail.event.id
        if detail is None:
            self.view = None
        elif detail is not self.detail or lang != self.lang or self.view is None:
            self.view = EventView.build(detail, lang)
        self.detail, self.lang, self.spans, self.message = detail, lang, spans or no_spans, message
        if not same_event:
            self.set_reactive(DetailPane.selected_quote, None)
            self._search_selected = None
            self.full = False
            self.scroll_to(y=0, animate=False, immediate=True)
        self.rerender()

    def rerender(self) -> None:
        """Colour the blocks anew (new event, language, search or theme) and wrap them — unless they came out
        as they were (a letter typed in the search bar that highlights the same words): the lines stand."""
        old, self._texts = self._texts, None
        if self.is_mounted:
            styles = self._styles()
            self._styles_key = styles.key()
            if self.view is not None:
                self._texts = pane_texts(self.view, self.spans, styles, self.limit)
        if old is not None and self._texts == old and self._width == self.scrollable_content_region.width:
            return
        self._wrap()

    @property
    def limit(self) -> Limit:
        """How much of each field the pane shows: :data:`SHOWN_CHARS`, or :data:`FULL_CHARS` after ``f``."""
        event_id = self.view.id if self.view is not None else ""
        return Limit(FULL_CHARS if self.full else SHOWN_CHARS, self.full, self.lang, event_id)

    def _wrap(self) -> None:
        """Lay the blocks out as lines of the pane's width: head, body, the quotes, the sources, a blank line
        between blocks; each quote behind its bar."""
        self._rewrap_pending = False
        if not self.is_mounted:
            return
        width = self._width = max(1, self.scrollable_content_region.width)
        lines: list[Strip] = []
        quotes: list[tuple[int, int]] = []
        texts = self._texts
        if texts is None:
            lines += self._strips(Text(self.message, style=self._styles().muted), width)
        else:
            for block in (texts.head, texts.body):
                lines += self._strips(block, width)
                lines.append(Strip.blank(width))
            if texts.quotes:
                lines += self._strips(texts.quotes_title, width)
                lines.append(Strip.blank(width))
            for i in range(len(texts.quotes)):
                first = len(lines)
                lines += self._quote_strips(i, width)
                quotes.append((first, len(lines)))
                lines.append(Strip.blank(width))
            lines += self._strips(texts.sources, width)
        self._lines, self._quote_lines = lines, quotes
        set_virtual_size(self, Size(width, len(lines)))
        self.refresh()

    def _strips(
        self, text: Text, width: int, *, room: int | None = None, bar: Strip | None = None, style: Style | None = None
    ) -> list[Strip]:
        """``text`` wrapped to ``room`` cells (default: the pane's ``width``), each line behind ``bar`` if given,
        in ``style`` if given, and as wide as the pane."""
        console = self.app.console
        if text.style:  # the text's own style, as a span: wrapping keeps spans
            text = text.copy()
            text.stylize_before(text.style)
            text.style = ""
        strips: list[Strip] = []
        for line in text.wrap(console, width if room is None else room, overflow="fold"):
            strip = Strip(line.render(console), line.cell_len)
            if bar is not None:
                strip = Strip.join([bar, strip])
            strip = strip.extend_cell_length(width)
            strips.append(strip.apply_style(style) if style is not None else strip)
        return strips

    def _quote_strips(self, index: int, width: int) -> list[Strip]:
        """The lines of quote ``index`` behind its bar, marked if it is the selected one."""
        assert self._texts is not None
        get = self.get_component_rich_style
        chosen = index == self.selected_quote
        mark = get("detail--quote-bar-selected" if chosen else "detail--quote-bar")
        bar = Strip([Segment(SELECTED_BAR if chosen else QUOTE_BAR, mark), Segment(" ")])
        style = get("detail--quote-selected") if chosen else None
        return self._strips(self._texts.quotes[index], width, room=max(1, width - 3), bar=bar, style=style)

    def _redraw_quotes(self, *indices: int | None) -> bool:
        """Draw quotes ``indices`` anew in place (the selection moved: the other lines stand). False if the
        lines are not laid out for the pane as it is (then everything is wrapped again)."""
        texts, width = self._texts, self._width
        if texts is None or not self.is_mounted or width != max(1, self.scrollable_content_region.width):
            return False
        for index in indices:
            if index is None:
                continue
            where = self.quote_lines(index)
            if where is None or index >= len(texts.quotes):
                return False
            first, end = where
            strips = self._quote_strips(index, width)
            if len(strips) != end - first:
                return False
            self._lines[first:end] = strips
        self.refresh()
        return True

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.scrollable_content_region.width != self._width and not self._rewrap_pending:
            # The width changed without a resize (the scrollbar came or went): wrap again, once.
            self._rewrap_pending = True
            self.call_later(self._wrap)
        self._base = self.rich_style  # once per frame, not per line: a CSS lookup is not cheap
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = int(self.scroll_y) + y
        base = self._base
        if 0 <= line < len(self._lines):
            return self._lines[line].crop(0, self._width).apply_style(base)
        return Strip.blank(self._width, base)

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._styles_key is not None and self._styles().key() != self._styles_key:
            self.rerender()  # the theme changed: colour the text anew

    @property
    def texts(self) -> PaneTexts | None:
        """The blocks of the event shown, as Rich text (None while a message is shown instead)."""
        return self._texts

    def plain_text(self) -> str:
        """The pane's text, unwrapped: one line per line of its blocks (what a test or a screen reader reads)."""
        texts = self._texts
        if texts is None:
            return self.message
        blocks = [texts.head, texts.body, *([texts.quotes_title] if texts.quotes else []), *texts.quotes]
        return "\n".join(block.plain for block in [*blocks, texts.sources])

    def quote_lines(self, index: int) -> tuple[int, int] | None:
        """The lines quote ``index`` takes in the pane (its first, and the one after its last)."""
        return self._quote_lines[index] if 0 <= index < len(self._quote_lines) else None

    def watch_selected_quote(self, old: int | None, new: int | None) -> None:
        if not self._redraw_quotes(old, new):
            self._wrap()
        if new is not None:
            self._scroll_to_quote(new)
        self.post_message(self.QuoteSelected(self, new))

    def _scroll_to_quote(self, index: int, *, top: bool = False) -> None:
        where = self.quote_lines(index)
        if where is None:
            return
        first, end = where
        height = self.scrollable_content_region.height
        y = int(self.scroll_y)
        if top or first < y:
            y = first
        elif end > y + height:
            y = max(first, end - height)
        self.scroll_to(y=y, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = int(self.scroll_y) + offset.y
        self._search_selected = None
        for i, (first, end) in enumerate(self._quote_lines):
            if first <= line < end:
                self.selected_quote = i
                break
        self.focus()

    def reveal_quote(self, index: int) -> None:
        """Select quote ``index`` and scroll it to the top of the pane (clear of a notification below)."""
        self._search_selected = None
        self.selected_quote = index
        self._scroll_to_quote(index, top=True)

    @property
    def quote_count(self) -> int:
        return len(self.detail.quotes) if self.detail else 0

    @property
    def current_quote(self) -> Quote | None:
        if self.detail is None or self.selected_quote is None or self.selected_quote >= self.quote_count:
            return None
        return self.detail.quotes[self.selected_quote]

    def select_first_match(self) -> None:
        """Select the first quote a search matches (so `y` copies it). A quote chosen so for an earlier query
        that this one no longer matches (a prefix while typing: "К" matched "керівництва") is let go again,
        and the pane goes back to its top; a quote the reader chose stays."""
        if self.detail is None:
            return
        for i, q in enumerate(self.detail.quotes):
            if self.spans(q.text):
                self.selected_quote = self._search_selected = i
                return
        if self._search_selected is not None and self.selected_quote == self._search_selected:
            self.selected_quote = None
            self.scroll_to(y=0, animate=False, immediate=True)
        self._search_selected = None

    def action_next_quote(self) -> None:
        self._search_selected = None  # the reader's choice from here on
        n = self.quote_count
        current = self.selected_quote
        if n and (current is None or current < n - 1):
            self.selected_quote = 0 if current is None else current + 1
        else:
            self.scroll_down(animate=False)

    def action_previous_quote(self) -> None:
        self._search_selected = None
        current = self.selected_quote
        if current is not None and current > 0:
            self.selected_quote = current - 1
        elif current == 0:
            self.selected_quote = None
            self.scroll_up(animate=False)
        else:
            self.scroll_up(animate=False)

    def action_full_text(self) -> None:
        """Show long fields in full (up to :data:`FULL_CHARS` each), or shortened again."""
        if self.view is None:
            self.app.bell()
            return
        self.full = not self.full
        self.rerender()

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

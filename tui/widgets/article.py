"""The article pane of the review screen (issue #12): the article's text, wrapped to the pane, with what the
drafting engine found highlighted by kind, and the selected record's passages marked in the margin.

Each kind has a colour (a tint of the theme's colours, so it reads in light and dark themes) and a text style
that tells it without colour: dates underlined, places bold, durations bold and underlined, people bold
italic, quotes italic. The selected record's passages get a bar in the margin (▌) and a brighter background.
Drawn line by line (Line API); :func:`wrap` decides the lines, so the pane knows which line holds an offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chronology.db.draft import Span
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..present.safe import in_place

SPAN_KINDS = ("quote", "date", "place", "duration", "person")  # drawn in this order: later ones on top
GUTTER = 2  # the margin: "▌ " beside the selected record's lines


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """The article's lines at ``width`` cells as (start, end) offsets: paragraphs kept, words wrapped at
    spaces (a word longer than a line is cut), the spaces where a line breaks left out."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        start, end = pos, pos + len(paragraph)
        pos = end + 1
        if start == end:
            lines.append((start, start))
            continue
        line_start = start
        while line_start < end:
            cells = 0
            i = line_start
            last_space = -1
            while i < end:
                w = cell_len(text[i])
                if cells + w > width:
                    break
                if text[i] == " ":
                    last_space = i
                cells += w
                i += 1
            if i >= end:
                lines.append((line_start, end))
                break
            if text[i] == " ":
                cut, resume = i, i
            elif last_space > line_start:
                cut, resume = last_space, last_space
            else:
                cut, resume = max(i, line_start + 1), max(i, line_start + 1)
            lines.append((line_start, cut))
            while resume < end and text[resume] == " ":
                resume += 1
            line_start = resume
    return lines


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """The article, its found spans highlighted; scrolls to the selected record's passage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down,j,о",
            "scroll_lines(1)",
            "Scroll down",
            show=False,
            id="article.down",
            tooltip="Scroll the article down",
        ),
        Binding(
            "up,k,л", "scroll_lines(-1)", "Scroll up", show=False, id="article.up", tooltip="Scroll the article up"
        ),
        Binding("pagedown", "page(1)", "Page down", show=False, id="article.page_down", tooltip="A page further"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="article.page_up", tooltip="A page back"),
        Binding("home,g,п", "top", "Top", show=False, id="article.top", tooltip="The start of the article"),
        Binding("end,G,П", "bottom", "Bottom", show=False, id="article.bottom", tooltip="The end of the article"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article--{kind}" for kind in SPAN_KINDS),
        "article--selected",
        "article--gutter",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        self.spans: list[Span] = []
        self.selected: list[tuple[int, int]] = []
        self._lines: list[tuple[int, int]] = []
        self._width = 0
        self._styles: dict[str, Style] = {}

    def set_article(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        order = {k: i for i, k in enumerate(SPAN_KINDS)}
        self.spans = sorted(spans, key=lambda s: (order.get(s.kind, 0), s.start))
        self._relayout()

    def select(self, spans: Sequence[tuple[int, int]]) -> None:
        """Mark the selected record's passages and scroll the first into view (a third from the top)."""
        self.selected = [s for s in spans if s[1] > s[0]]
        self.refresh()
        if not self.selected:
            return
        first, last = self.line_of(self.selected[0][0]), self.line_of(self.selected[0][1] - 1)
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        if first < self.scroll_y or last >= self.scroll_y + height:
            self.scroll_to(y=max(0, first - height // 3), animate=False, immediate=True)

    def line_of(self, offset: int) -> int:
        """The line that shows character ``offset``."""
        for n, (start, end) in enumerate(self._lines):
            if offset < end or (start == end and offset <= start):
                return n
        return max(0, len(self._lines) - 1)

    def _relayout(self) -> None:
        self._width = max(1, self.scrollable_content_region.width - GUTTER)
        self._lines = wrap(self.text, self._width)
        self.virtual_size = Size(self._width + GUTTER, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width - GUTTER != self._width:
            self._relayout()
            if self.selected:
                self.select(self.selected)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = self.get_component_rich_style(name)
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        n = int(self.scroll_y) + y
        base = self.rich_style
        if n >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[n]
        line = Text(in_place(self.text[start:end], lines=False), no_wrap=True, end="")  # shown, never obeyed
        for span in self.spans:
            if span.end > start and span.start < end:
                line.stylize(
                    self._style(f"article--{span.kind}"), max(span.start, start) - start, min(span.end, end) - start
                )
        marked = False
        for a, b in self.selected:
            if (b > start and a < end) or (a == b == start):
                line.stylize(self._style("article--selected"), max(a, start) - start, min(b, end) - start)
                marked = True
        out = Text(no_wrap=True, end="")
        out.append("▌ " if marked else "  ", style=self._style("article--gutter") if marked else "")
        out.append_text(line)
        out.truncate(width, pad=True)
        return Strip(out.render(self.app.console), width).apply_style(base)

    def action_scroll_lines(self, lines: int) -> None:
        self.scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        self.scroll_relative(y=pages * max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_top(self) -> None:
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)

"""The timeline pane: every event in date order under year headings, drawn line by line (Line API).

No widget per event: :class:`Timeline` is a :class:`~textual.scroll_view.ScrollView` whose ``render_line``
asks a :class:`~chronology.tui.widgets.timeline_model.TimelineLayout` what is on a line and a
:class:`~chronology.tui.widgets.timeline_model.RowCache` for the event's row, which reads the store in
windows around what is on screen. Rendered lines are cached per width and cursor state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from chronology.db.store import TimelineRow
from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..i18n import ngettext
from ..present.formatting import format_duration, format_edtf
from ..present.labels import event_place, event_title, status_label
from ..present.safe import clip, in_place
from .timeline_model import RowCache, TimelineLayout

# A one-cell sparkline of the gap since the previous round: ▁ a day or less … █ more than four months; ┆ when
# rounds without an exact date may lie between (the number of days says less than it seems).
GAP_BARS = "▁▂▃▄▅▆▇█"
GAP_UNCERTAIN = "┆"
DATE_WIDTH = 21
PLACE_WIDTH = 15
DURATION_WIDTH = 8
MIN_TITLE = 22

Spans = Callable[[str], list[tuple[int, int]]]


@lru_cache(maxsize=8192)
def _date_text(date: str, lang: str) -> str:
    return format_edtf(date, lang, compact=True)


@lru_cache(maxsize=1024)
def _duration_text(minutes: int | None, qualifier: str | None, lang: str) -> str:
    return format_duration(minutes, qualifier, None, lang, short=True)


def gap_bar(days: int | None, undated: int = 0) -> str:
    """The rhythm marker for a gap of ``days`` (log scale, base 2): ▁ ≤1 day, ▅ 16–31 days, █ ≥128 days; ┆
    when rounds without an exact date may lie between (``undated``)."""
    if days is None:
        return " "
    if undated:
        return GAP_UNCERTAIN
    return GAP_BARS[min(len(GAP_BARS) - 1, max(0, days.bit_length() - 1))]


def columns(width: int) -> tuple[bool, bool]:
    """Which optional columns fit a line ``width`` cells wide: (place, duration)."""
    room = width - 2 - DATE_WIDTH - MIN_TITLE
    show_duration = room >= DURATION_WIDTH + 1
    show_place = room >= DURATION_WIDTH + 1 + PLACE_WIDTH + 1
    return show_place, show_duration


class Timeline(ScrollView, can_focus=True, inherit_bindings=False):
    """Events in date order; ↑/↓ move the highlighted event, the detail pane follows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j,о", "cursor_down", "Next", show=False, id="timeline.next", tooltip="Next event"),
        Binding("up,k,л", "cursor_up", "Previous", show=False, id="timeline.previous", tooltip="Previous event"),
        Binding("pagedown", "page_down", "Page down", show=False, id="timeline.page_down", tooltip="A page later"),
        Binding("pageup", "page_up", "Page up", show=False, id="timeline.page_up", tooltip="A page earlier"),
        Binding("home,g,п", "first", "First", show=False, id="timeline.first", tooltip="The first event"),
        Binding("end,G,П", "last", "Last", show=False, id="timeline.last", tooltip="The last event"),
        Binding(
            "left_square_bracket,х",
            "previous_year",
            "Previous year",
            key_display="[",
            show=False,
            id="timeline.previous_year",
            tooltip="The first event of the previous year",
        ),
        Binding(
            "right_square_bracket,ї",
            "next_year",
            "Next year",
            key_display="]",
            show=False,
            id="timeline.next_year",
            tooltip="The first event of the next year",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--cursor",
        "timeline--cursor-blurred",
        "timeline--year",
        "timeline--note",
        "timeline--date",
        "timeline--place",
        "timeline--duration",
        "timeline--gap",
        "timeline--planned",
        "timeline--match",
        "timeline--message",
    }

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another event."""

        timeline: Timeline
        index: int
        pos: int

        @property
        def control(self) -> Timeline:
            return self.timeline

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.layout_map = TimelineLayout([])
        self.rows: RowCache | None = None
        self.notes: dict[int, list[str]] = {}  # year → tally notes, already worded in the UI language
        self.lang = "uk"
        self.message = ""  # shown instead of events (empty store, nothing found)
        self.spans: Spans | None = None  # search-match highlighting of titles
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(maxsize=1024)
        self._styles: dict[str, Style] = {}
        self._generation = 0

    # ------------------------------------------------------------------ data
    def set_view(
        self,
        layout: TimelineLayout,
        rows: RowCache,
        *,
        notes: dict[int, list[str]],
        lang: str,
        cursor: int = 0,
        message: str = "",
        spans: Spans | None = None,
    ) -> None:
        """Show ``layout`` (all events or a search's matches) with the cursor on event ``cursor``."""
        self.layout_map = layout
        self.rows = rows
        self.notes = notes
        self.lang = lang
        self.message = message
        self.spans = spans
        self.invalidate()
        self._update_virtual_size()
        cursor = max(0, min(cursor, len(layout) - 1))
        if self.cursor == cursor:
            self._cursor_moved(cursor, announce=True)
        else:
            self.cursor = cursor

    def invalidate(self) -> None:
        """Drop rendered lines and looked-up styles (new data, language, theme or width)."""
        self._generation += 1
        self._strips.clear()
        self._styles.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        """A component class's Rich style, looked up once per generation (CSS lookups are not cheap)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def _base_style(self) -> Style:
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.invalidate()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.layout_map.line_count)

    def on_resize(self, event: events.Resize) -> None:
        if self.virtual_size.width != self.scrollable_content_region.width:
            self.invalidate()  # lines are drawn to the width
        self._update_virtual_size()
        if len(self.layout_map):
            self._scroll_to_cursor(self.cursor)

    @property
    def event_count(self) -> int:
        return len(self.layout_map)

    @property
    def current_pos(self) -> int | None:
        """The store position of the highlighted event (None when nothing is shown)."""
        if not len(self.layout_map):
            return None
        return self.layout_map.pos_of_index(self.cursor)

    @property
    def current_row(self) -> TimelineRow | None:
        pos = self.current_pos
        return None if pos is None or self.rows is None else self.rows.get(pos)

    # ------------------------------------------------------------------ cursor
    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.layout_map) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            if 0 <= index < len(self.layout_map):
                self.refresh_line(self.layout_map.line_of_index(index))
        self._cursor_moved(new, announce=True)

    def _cursor_moved(self, index: int, *, announce: bool) -> None:
        if not len(self.layout_map):
            return
        self._scroll_to_cursor(index)
        if announce:
            self.post_message(self.Highlighted(self, index, self.layout_map.pos_of_index(index)))

    def _scroll_to_cursor(self, index: int) -> None:
        layout = self.layout_map
        line = layout.line_of_index(index)
        section = layout.sections[layout.section_of_index(index)]
        top = section.first_line if index == section.first_index else line  # show the year heading too
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        y = self.scroll_y
        if top < y:
            y = top
        elif line >= y + height:
            y = line - height + 1
        if y != self.scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        self.cursor = index

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.layout_map) - 1

    def action_next_year(self) -> None:
        layout = self.layout_map
        if not len(layout):
            return
        k = layout.section_of_index(self.cursor)
        if k + 1 < len(layout.sections):
            self.cursor = layout.sections[k + 1].first_index
        else:
            self.app.bell()

    def action_previous_year(self) -> None:
        layout = self.layout_map
        if not len(layout):
            return
        k = layout.section_of_index(self.cursor)
        section = layout.sections[k]
        if self.cursor > section.first_index:
            self.cursor = section.first_index  # first to the start of this year, then to the year before
        elif k > 0:
            self.cursor = layout.sections[k - 1].first_index
        else:
            self.app.bell()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        ref = self.layout_map.line_at(int(self.scroll_y) + offset.y)
        if ref is None:
            return
        self.cursor = ref.index if ref.kind == "event" else ref.section.first_index
        self.focus()

    def on_focus(self) -> None:
        self.refresh_cursor()

    def on_blur(self) -> None:
        self.refresh_cursor()

    def refresh_cursor(self) -> None:
        if len(self.layout_map):
            self.refresh_line(self.layout_map.line_of_index(self.cursor))

    # ------------------------------------------------------------------ drawing
    def render_lines(self, crop: Region) -> list[Strip]:
        # Read every event row about to be drawn (and a page either side) in one query.
        if self.rows is not None and len(self.layout_map):
            top = int(self.scroll_y) + crop.y
            page = max(crop.height, self.scrollable_content_region.height)
            self.rows.ensure(self.layout_map.positions_between(top - page, top + crop.height + page))
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        base = self._base_style()
        if not len(self.layout_map):
            return self._message_line(y, width, base)
        ref = self.layout_map.line_at(line)
        if ref is None:
            return Strip.blank(width, base)
        on_cursor = ref.kind == "event" and ref.index == self.cursor
        key = (self._generation, line, width, on_cursor, on_cursor and self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            if ref.kind == "heading":
                text = self._heading(ref.section.year, len(ref.section.positions), width)
            elif ref.kind == "note":
                notes = self.notes.get(ref.section.year, [])
                note = notes[ref.note] if ref.note < len(notes) else ""
                text = Text(in_place(f"  ↳ {clip(note)}", lines=False), style=self._style("timeline--note"))
            else:
                text = self._event_line(ref.pos, width, on_cursor)
            text.truncate(width, overflow="ellipsis", pad=True)
            strip = Strip(text.render(self.app.console), width).apply_style(base)
            self._strips[key] = strip
        return strip

    def _message_line(self, y: int, width: int, base: Style) -> Strip:
        if not self.message or width <= 0:
            return Strip.blank(width, base)
        style = self._style("timeline--message")
        lines = Text(self.message, style=style).wrap(self.app.console, max(1, width - 2))
        if 1 <= y <= len(lines):
            text = Text(" ") + lines[y - 1]
            text.truncate(width, pad=True)
            return Strip(text.render(self.app.console), width).apply_style(base)
        return Strip.blank(width, base)

    def _heading(self, year: int, count: int, width: int) -> Text:
        style = self._style("timeline--year")
        label = ngettext("{n} event", "{n} events", count, self.lang)
        text = Text(f"── {year} · {label} ", style=style)
        text.append("─" * max(0, width - text.cell_len), style=style)
        return text

    def _event_line(self, pos: int, width: int, on_cursor: bool) -> Text:
        row = self.rows.get(pos) if self.rows is not None else None
        text = Text(no_wrap=True, end="")
        if row is None:  # deleted meanwhile by another writer: the next refresh re-reads the store
            return text
        lang = self.lang
        show_place, show_duration = columns(width)
        text.append(gap_bar(row.gap_days, row.gap_undated), style=self._style("timeline--gap"))
        text.append(" ")
        date = _date_text(row.date, lang)
        text.append(_cell(date, DATE_WIDTH), style=self._style("timeline--date"))
        text.append(" ")
        if show_place:
            place = in_place(clip(event_place(row, lang) or "—"), lines=False)
            text.append(_cell(place, PLACE_WIDTH), style=self._style("timeline--place"))
            text.append(" ")
        if show_duration:
            duration = _duration_text(row.duration_minutes, row.duration_qualifier, lang)
            style = self._style("timeline--duration")
            text.append(_cell(duration, DURATION_WIDTH, right=True), style=style)
            text.append(" ")
        if row.status != "held":
            text.append(f"{status_label(row.status, lang, row.kind)}", style=self._style("timeline--planned"))
            text.append(" ")
        title = in_place(clip(event_title(row, lang)), lines=False)  # one line, cheap to draw, never obeyed
        start = len(text)
        text.append(title)
        if self.spans is not None:
            match = self._style("timeline--match")
            for a, b in self.spans(title):
                text.stylize(match, start + a, start + b)
        if on_cursor:
            name = "timeline--cursor" if self.has_focus else "timeline--cursor-blurred"
            text.stylize_before(self._style(name))
            text.pad_right(max(0, width - text.cell_len))
        return text


def _cell(value: str, width: int, *, right: bool = False) -> str:
    """``value`` fitted to ``width`` cells: cut with an ellipsis, padded with spaces."""
    if cell_len(value) > width:
        value = set_cell_size(value, width - 1) + "…"
    pad = " " * (width - cell_len(value))
    return pad + value if right else value + pad

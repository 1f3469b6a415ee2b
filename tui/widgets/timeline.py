"""The timeline pane: every event in date order under year headings, drawn line by line (Line API).

No widget per event: :class:`Timeline` is a :class:`~textual.scroll_view.ScrollView` whose ``render_line``
asks a :class:`~chronology.tui.widgets.timeline_model.TimelineLayout` what is on a line and a
:class:`~chronology.tui.widgets.timeline_model.RowCache` for the event's row, which reads the store in
windows around what is on screen. A long title wraps (:mod:`.timeline_rows`): the screen is laid out from its
top line with :func:`~chronology.tui.widgets.timeline_model.screen_lines`, reading only the rows on screen.
Rendered lines are cached per width and cursor state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from chronology.db.store import TimelineRow
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
from ..present.safe import clip, in_place
from .component_styles import ComponentStyles
from .scrolling import set_virtual_size
from .timeline_model import LineRef, RowCache, ScreenLine, TimelineLayout, screen_lines, top_to_show
from .timeline_rows import RowStyles, Spans, columns, gap_bar, row_height, row_lines, title_text

__all__ = ["Timeline", "columns", "gap_bar"]


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
        self._style = ComponentStyles(self)  # cleared with the row heights (theme, language, new rows)
        self._row_styles: RowStyles | None = None
        self._heights: dict[int, int] = {}  # store position → screen lines, at ``_width``
        self._row_texts: LRUCache[tuple[object, ...], list[Text]] = LRUCache(maxsize=256)  # rows drawn
        self._highlights: dict[int, tuple[tuple[int, int], ...]] = {}  # position → the search's spans in its title
        self._width = self._height = 0  # the content's size as last measured (_measure: not a cheap lookup)
        self._screen: tuple[tuple[object, ...], list[ScreenLine]] | None = None
        self._generation = 0
        self._rows_version = -1  # the rows' version the lines were drawn from

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
        # Another search over the same rows in the same language: each row's height and the styles still hold.
        same_rows = rows is self.rows and rows.version == self._rows_version and lang == self.lang
        self._rows_version = rows.version
        self.layout_map = layout
        self.rows = rows
        self.notes = notes
        self.lang = lang
        self.message = message
        self.spans = spans
        self.invalidate(keep_measures=same_rows)
        self._update_virtual_size()
        cursor = max(0, min(cursor, len(layout) - 1))
        if self.cursor == cursor:
            self._cursor_moved(cursor, announce=True)
        else:
            self.cursor = cursor

    def invalidate(self, *, keep_measures: bool = False) -> None:
        """Drop rendered lines, and unless ``keep_measures``, row heights and looked-up styles (new data,
        language, theme or width)."""
        self._generation += 1
        self._highlights.clear()
        if not keep_measures:
            # Lines are cached by what they show (the row and its highlighted words), so another search over
            # the same rows draws again only the rows whose highlights changed.
            self._strips.clear()
            self._row_texts.clear()
            self._style.clear()
            self._row_styles = None
            self._heights.clear()
        self._screen = None
        self.refresh()

    def _cell_styles(self) -> RowStyles:
        if self._row_styles is None:
            self._row_styles = RowStyles(
                gap=self._style("timeline--gap"),
                date=self._style("timeline--date"),
                place=self._style("timeline--place"),
                duration=self._style("timeline--duration"),
                planned=self._style("timeline--planned"),
                match=self._style("timeline--match"),
            )
        return self._row_styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.invalidate()

    # ------------------------------------------------------------------ lines on screen
    def _measure(self) -> None:
        """Take the content's size (once per frame or key: Textual computes it anew each time it is asked).
        A new width (a resize, or a scrollbar that came or went) changes every row's height."""
        region = self.scrollable_content_region
        if region.width != self._width:
            self._heights.clear()
            self._screen = None
            if self._width:
                self.call_later(self._update_virtual_size)
        self._width, self._height = region.width, region.height

    def _lines_of(self, ref: LineRef) -> int:
        """Screen lines of the event on ``ref`` at the measured width (its row read if need be)."""
        height = self._heights.get(ref.pos)
        if height is None:
            row = self.rows.get(ref.pos) if self.rows is not None else None
            height = row_height(row, self.lang, self._width) if row is not None else 1
            self._heights[ref.pos] = height
        return height

    def _read_around(self, first_line: int, last_line: int) -> None:
        """Read the rows drawn on layout lines ``first_line`` … ``last_line`` in one query."""
        if self.rows is not None and len(self.layout_map):
            self.rows.ensure(self.layout_map.positions_between(first_line, last_line))

    def _top_to_show(self, line: int) -> int:
        self._read_around(line - self._height, line)
        return top_to_show(self.layout_map, line, self._height, self._lines_of)

    def screen_map(self) -> list[ScreenLine]:
        """What each line of the screen shows, from the scroll position down (cached until it changes)."""
        top, height = int(self.scroll_y), self._height
        key = (self._generation, top, height, self._width)
        if self._screen is None or self._screen[0] != key:
            self._read_around(top - height, top + 2 * height)  # and a page either side, for scrolling
            self._screen = (key, screen_lines(self.layout_map, top, height, self._lines_of))
        return self._screen[1]

    def _update_virtual_size(self) -> None:
        """Scrolling is by layout lines; it ends where the last lines fill the screen."""
        self._measure()
        height = self._height
        end = self.layout_map.line_count
        if end and height > 0:
            end = self._top_to_show(end - 1) + height
        set_virtual_size(self, Size(self._width, end))

    def on_resize(self, event: events.Resize) -> None:
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

    def visible_indexes(self) -> list[int]:
        """The events shown in full on screen, top to bottom (by index)."""
        self._measure()
        lines: dict[int, int] = {}
        refs: dict[int, LineRef] = {}
        for at in self.screen_map():
            if at.ref.kind == "event":
                lines[at.ref.index] = lines.get(at.ref.index, 0) + 1
                refs[at.ref.index] = at.ref
        return [index for index, n in lines.items() if n == self._lines_of(refs[index])]

    def rows_of(self, indexes: Sequence[int]) -> list[TimelineRow | None]:
        """The rows of the events shown at ``indexes`` (read in one query where not cached)."""
        if self.rows is None:
            return [None for _ in indexes]
        positions = [self.layout_map.pos_of_index(i) for i in indexes]
        self.rows.ensure(positions)
        return [self.rows.get(p) for p in positions]

    # ------------------------------------------------------------------ cursor
    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.layout_map) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_events(old, new)
        self._cursor_moved(new, announce=True)

    def _refresh_events(self, *indexes: int) -> None:
        """Repaint the screen lines of these events (those on screen)."""
        if self._screen is None:
            return
        for y, line in enumerate(self._screen[1]):
            if line.ref.kind == "event" and line.ref.index in indexes:
                self.refresh(Region(0, y, self.size.width, 1))

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
        self._measure()
        if self._height <= 0:
            return
        y = int(self.scroll_y)
        if top < y:
            y = top
        elif not self._shown_in_full(line, y):
            y = self._top_to_show(line)
        if y != int(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _shown_in_full(self, line: int, top: int) -> bool:
        """Whether layout ``line`` shows in full on a screen whose first line of content is ``top``."""
        height = self._height
        if line - top + 1 > height:
            return False
        self._read_around(top, line)
        first = self.layout_map.line_at(top)
        used = 0 if first is None or first.kind == "heading" else 1  # the sticky heading
        for at in range(top, line + 1):
            ref = self.layout_map.line_at(at)
            used += 1 if ref is None or ref.kind != "event" else self._lines_of(ref)
            if used > height:
                return False
        return True

    def move_to(self, index: int) -> None:
        self.cursor = index

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def _page(self) -> int:
        """Events a page moves by: as many as the screen shows in full, less one."""
        return max(1, len(self.visible_indexes()) - 1)

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
        self._measure()
        lines = self.screen_map()
        if not 0 <= offset.y < len(lines):
            return
        ref = lines[offset.y].ref
        self.cursor = ref.index if ref.kind == "event" else ref.section.first_index
        self.focus()

    def on_focus(self) -> None:
        self.refresh_cursor()

    def on_blur(self) -> None:
        self.refresh_cursor()

    def refresh_cursor(self) -> None:
        if len(self.layout_map):
            self._refresh_events(self.cursor)

    # ------------------------------------------------------------------ drawing
    def render_lines(self, crop: Region) -> list[Strip]:
        self._measure()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._width
        base = self._style("")
        if not len(self.layout_map):
            return self._message_line(y, width, base)
        lines = self.screen_map()
        if not 0 <= y < len(lines):
            return Strip.blank(width, base)
        at = lines[y]
        ref = at.ref
        on_cursor = ref.kind == "event" and ref.index == self.cursor
        key: tuple[object, ...]
        if ref.kind == "heading":
            key = ("heading", ref.section.year, len(ref.section.positions), width)
        elif ref.kind == "note":
            key = ("note", ref.section.year, ref.note, width)
        else:
            key = ("event", at.sub, *self._row_key(ref.pos, width, on_cursor))
        strip = self._strips.get(key)
        if strip is None:
            keep = True
            if ref.kind == "heading":
                text = self._heading(ref.section.year, len(ref.section.positions), width)
            elif ref.kind == "note":
                notes = self.notes.get(ref.section.year, [])
                note = notes[ref.note] if ref.note < len(notes) else ""
                text = Text(in_place(f"  ↳ {clip(note)}", lines=False), style=self._style("timeline--note"))
            else:
                texts = self._event_lines(ref.pos, width, on_cursor)
                keep = bool(texts)  # a row missing from the store is not kept: it is drawn again once re-read
                text = texts[at.sub].copy() if at.sub < len(texts) else Text()  # a copy: truncated below
            text.truncate(width, overflow="ellipsis", pad=True)
            strip = Strip(text.render(self.app.console), width).apply_style(base)
            if keep:
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

    def _row_key(self, pos: int, width: int, on_cursor: bool) -> tuple[object, ...]:
        """What the event at ``pos`` is drawn from besides its row: width, cursor band, the search's spans."""
        return (pos, width, on_cursor, on_cursor and self.has_focus, self._title_highlights(pos))

    def _title_highlights(self, pos: int) -> tuple[tuple[int, int], ...]:
        """Where the search's words are in the title of the event at ``pos`` (once per search)."""
        found = self._highlights.get(pos)
        if found is None:
            if self.spans is None:
                return ()
            row = self.rows.get(pos) if self.rows is not None else None
            if row is None:
                return ()  # not read yet: nothing drawn from it is kept (its lines are blank)
            text, prefix = title_text(row, self.lang)
            found = self._highlights[pos] = tuple(self.spans(text[prefix:]))
        return found

    def _event_lines(self, pos: int, width: int, on_cursor: bool) -> list[Text]:
        """The lines of the event at ``pos`` (made once for all of them: a two-line row is drawn line by line)."""
        key = self._row_key(pos, width, on_cursor)
        texts = self._row_texts.get(key)
        if texts is not None:
            return texts
        row = self.rows.get(pos) if self.rows is not None else None
        if row is None:  # deleted meanwhile by another writer: the next refresh re-reads the store
            return []
        band = None
        if on_cursor:
            band = self._style("timeline--cursor" if self.has_focus else "timeline--cursor-blurred")
        found = list(self._title_highlights(pos))
        texts = row_lines(
            row, self.lang, width, self._cell_styles(), spans=(lambda _: found) if found else None, band=band
        )
        self._row_texts[key] = texts
        return texts

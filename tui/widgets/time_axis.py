"""The time axis: a strip across the screen with every event placed by its date, gaps to scale.

Three lines (two on short terminals): ranges (events dated to a month, a season, a year: ``├──┤``, rounds
``┣━━┫``), points (events dated to a day: ● a round held, ○ planned, • another kind, ◦ planned, × cancelled)
and the months or years in the UI language; an event known only as "no later than" a day is ◀ at that day
(▶ "no earlier than"), not a dated point. The highlighted event is marked, and for a round the gap since the
previous dated round is drawn up to it (``●╌╌ 118 днів ╌╌●``; ``┆`` before the days when rounds without an
exact date may lie between, as the detail says); a search lights its matches and dims the rest; a click
highlights the nearest event.

It costs the same at any size: what it draws comes from counts per day, month or year (one aggregate query
in a worker after the first paint, again when the store changes; a search's matches are counted by bin at
once, and exactly by a second query when there are few) and is cached per width as strips. A cursor move
recomputes the marker alone and lays it over the cached strips: only its cells are drawn anew, and nothing
at all when it stays in its cell. The arithmetic is in :mod:`chronology.tui.logic.time_axis`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ..logic.axis_ticks import Tick, place_labels, ticks
from ..logic.time_axis import (
    EXACT_MATCHES,
    POINT_GLYPHS,
    AxisData,
    Cell,
    Group,
    Lane,
    Lanes,
    Marker,
    Scale,
    Unit,
    cursor_marker,
    gap_cells,
    is_cancelled,
    is_planned,
    is_round,
    load_axis,
    load_matches,
    paint,
    pick,
)
from ..options import options_of
from ..present.formatting import format_axis_tick, format_days
from .component_styles import ComponentStyles

if TYPE_CHECKING:
    from chronology.db.store import Store, TimelineRow

MARGIN = 1  # blank cells either side, so the first and last marks are not against the edge
GAP = "╌"
UNDATED = "┆"  # rounds without an exact date may lie in the gap (as the timeline's ┆ and the detail say)


@lru_cache(maxsize=64)
def _label_width(unit: Unit, lang: str) -> int:
    days = [dt.date(2000, m, 28) for m in range(1, 13)]
    return max(len(format_axis_tick(d, unit, lang)) for d in days)


@lru_cache(maxsize=4096)
def _label(day: dt.date, unit: Unit, lang: str, with_year: bool) -> str:
    return format_axis_tick(day, unit, lang, with_year=with_year)


@dataclass(frozen=True)
class _Drawing:
    """What is drawn at one width: the scale, the lanes (all events, and the search's matches)."""

    scale: Scale
    lanes: Lanes
    matched: Lanes | None
    labels: list[tuple[int, str]]


class TimeAxis(Widget):
    """Every event on a line of time; the highlighted one marked. Clicking picks the nearest event."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "time-axis--round",
        "time-axis--other",
        "time-axis--planned",
        "time-axis--cancelled",
        "time-axis--dim",
        "time-axis--match",
        "time-axis--cursor",
        "time-axis--cursor-span",
        "time-axis--gap",
        "time-axis--label",
        "time-axis--year",
    }

    @dataclass
    class Picked(Message):
        """An event was clicked on the axis: highlight the one at timeline position ``pos``."""

        axis: TimeAxis
        pos: int

        @property
        def control(self) -> TimeAxis:
            return self.axis

    @dataclass
    class _Loaded(Message):
        generation: int
        data: AxisData | None

    @dataclass
    class _Matched(Message):
        generation: int
        groups: tuple[Group, ...]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lang = "uk"
        self.data: AxisData | None = None
        self.matches: tuple[Group, ...] | None = None  # None: no search; else what it found
        self._open_reader: Callable[[], Store] | None = None
        self._positions: Sequence[int] | None = None  # the search's matches, as given
        self._loads = 0  # generation of the latest load (a newer one makes an older result stale)
        self._searches = 0
        self._row: TimelineRow | None = None
        self._marker: Marker | None = None
        self._gap: tuple[int, int] | None = None
        self._drawing: tuple[tuple[object, ...], _Drawing] | None = None
        self._base: tuple[tuple[object, ...], _Drawing] | None = None  # the drawing without a search's lanes
        self._lines: dict[tuple[object, ...], list[Segment]] = {}
        self._strips: dict[tuple[object, ...], Strip] = {}
        self._style = ComponentStyles(self)

    def on_mount(self) -> None:
        self.display = options_of(self.app).time_axis

    # ------------------------------------------------------------------ what to show
    @property
    def compact(self) -> bool:
        """Two lines (points over ranges, then labels) rather than three."""
        return self.size.height < 3

    def load(self, open_reader: Callable[[], Store]) -> None:
        """(Re)read the counts in a worker, once the screen has painted, from the store ``open_reader``
        gives (a read connection of the axis's own: the query reads every event's row)."""
        if not options_of(self.app).time_axis:
            return
        self._open_reader = open_reader
        self._loads += 1
        self.call_after_refresh(self._load, open_reader, self._loads)

    @work(thread=True, exclusive=True, group="time-axis", exit_on_error=False)
    def _load(self, open_reader: Callable[[], Store], generation: int) -> None:
        self.post_message(self._Loaded(generation, load_axis(open_reader())))

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        if message.generation != self._loads:
            return
        self.data = message.data
        self._apply_matches()
        self._invalidate()

    def show_matches(self, positions: Sequence[int] | None) -> None:
        """Light the events at ``positions`` (a search's matches, sorted) and dim the rest; None: no search."""
        if positions is self._positions:
            return  # already shown (the screen redraws for other reasons too)
        self._positions = positions
        self._apply_matches()

    def _apply_matches(self) -> None:
        positions = self._positions
        self._searches += 1
        data = self.data
        if positions is None or data is None:
            self._set_matches(None)
        else:
            self._set_matches(data.approximate_matches(positions))  # at once, by bin
            if self._open_reader is not None and len(positions) <= EXACT_MATCHES:
                self._match(self._open_reader, data, positions, self._searches)  # then exactly

    @work(thread=True, exclusive=True, group="time-axis-search", exit_on_error=False)
    def _match(
        self, open_reader: Callable[[], Store], data: AxisData, positions: Sequence[int], generation: int
    ) -> None:
        self.post_message(self._Matched(generation, load_matches(open_reader(), data, positions)))

    @on(_Matched)
    def _matched(self, message: _Matched) -> None:
        if message.generation == self._searches and self._positions is not None:
            self._set_matches(message.groups)

    def _set_matches(self, groups: tuple[Group, ...] | None) -> None:
        if groups != self.matches:
            self.matches = groups
            self._invalidate()

    def show_cursor(self, row: TimelineRow | None) -> None:
        """Mark the highlighted event (None: nothing highlighted). Repaints the two lanes, nothing else."""
        self._row = row
        self._placed()

    def set_lang(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self._invalidate()

    # ------------------------------------------------------------------ the cursor's marker
    def _placed(self) -> None:
        """Recompute the marker and the gap; repaint the lanes if they moved."""
        drawing = self._current()
        marker = gap = None
        row = self._row
        if drawing is not None and self.data is not None and row is not None:
            marker = cursor_marker(self.data, drawing.scale, row.pos, row.date, row.kind, row.status)
            if marker is not None and is_round(marker.rank) and not marker.ranged:
                gap = gap_cells(drawing.scale, row.date, row.gap_days)
        if (marker, gap) != (self._marker, self._gap):
            self._marker, self._gap = marker, gap
            size = self.size
            self.refresh(Region(0, 0, size.width, 1 if size.height < 3 else 2))

    # ------------------------------------------------------------------ drawing
    def _invalidate(self) -> None:
        self._drawing = None
        self._lines.clear()
        self._strips.clear()
        self._style.clear()
        self._placed()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()

    def on_resize(self, event: events.Resize) -> None:
        self._invalidate()

    def _current(self) -> _Drawing | None:
        """The scale, the lanes and the labels for the present width (cached until data, width or language
        change), and the search's lanes (cached until its matches change: a search paints only these)."""
        data = self.data
        cells = self.size.width - 2 * MARGIN
        if data is None or cells <= 0:
            return None
        key = (data, self.matches, cells, self.lang)  # the data and the matches compared by identity
        old = self._drawing
        if old is not None and old[0][0] is data and old[0][1] is self.matches and old[0][2:] == key[2:]:
            return old[1]
        base = self._base
        if base is None or base[0][0] is not data or base[0][1:] != (cells, self.lang):
            scale = Scale.fit(data.first, data.last, cells)
            lang = self.lang
            tick_list = ticks(scale, lambda unit: _label_width(unit, lang))

            def label(tick: Tick, with_year: bool) -> str:
                return _label(tick.day, tick.unit, lang, with_year)

            lanes = paint(scale, data.groups)
            base = self._base = (
                (data, cells, self.lang),
                _Drawing(scale, lanes, None, place_labels(tick_list, label, cells)),
            )
        matched = paint(base[1].scale, self.matches) if self.matches is not None else None
        drawing = replace(base[1], matched=matched)
        self._drawing = (key, drawing)
        return drawing

    def _mark_style(self, rank: int, lit: bool | None) -> Style:
        """A mark's style; during a search ``lit`` says whether it is a match (else it is dimmed)."""
        if lit is False:
            return self._style("time-axis--dim")
        if is_cancelled(rank):
            style = self._style("time-axis--cancelled")
        elif is_planned(rank):
            style = self._style("time-axis--planned")
        else:
            style = self._style("time-axis--round" if is_round(rank) else "time-axis--other")
        return style + self._style("time-axis--match") if lit else style

    def _lane_segments(self, lane: Literal["points", "ranges", "merged"], drawing: _Drawing) -> list[Segment]:
        """One segment per cell of a lane, margins included (cached: a cursor move splices into a copy)."""
        key = (lane, id(drawing))
        segments = self._lines.get(key)
        if segments is not None:
            return segments

        def cells_of(lanes: Lanes) -> Lane:
            if lane == "merged":
                return lanes.merged()
            return lanes.points if lane == "points" else lanes.ranges

        base = self.rich_style
        shown = cells_of(drawing.lanes)
        lit = cells_of(drawing.matched) if drawing.matched is not None else None
        blank = Segment(" ", base)
        segments = [blank] * MARGIN
        for i, cell in enumerate(shown):
            top: Cell | None = cell
            match: bool | None = None
            if lit is not None:
                top, match = (lit[i], True) if lit[i] is not None else (cell, False)
            if top is None:
                segments.append(blank)
            else:
                segments.append(Segment(top.glyph, base + self._mark_style(top.rank, match)))
        segments += [blank] * MARGIN
        self._lines[key] = segments
        return segments

    def _labels_strip(self, drawing: _Drawing, width: int) -> Strip:
        key = ("labels", id(drawing), width)
        strip = self._strips.get(key)
        if strip is None:
            base = self.rich_style
            label, year = base + self._style("time-axis--label"), base + self._style("time-axis--year")
            segments = []
            x = 0
            for cell, text in drawing.labels:
                at = cell + MARGIN
                if at > x:
                    segments.append(Segment(" " * (at - x), base))
                segments.append(Segment(text, year if text.isdigit() else label))
                x = at + len(text)
            strip = self._strips[key] = Strip(segments).extend_cell_length(width, base)
        return strip

    def _lane_strip(self, lane: Literal["points", "ranges", "merged"], drawing: _Drawing) -> Strip:
        key = ("strip", lane, id(drawing))
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = Strip(self._lane_segments(lane, drawing)).simplify()
        return strip

    def render_line(self, y: int) -> Strip:
        size = self.size
        width = size.width
        drawing = self._current()
        if drawing is None:
            return Strip.blank(width, self.rich_style)
        lanes: tuple[Literal["points", "ranges", "merged"], ...] = (
            ("merged",) if size.height < 3 else ("ranges", "points")
        )
        if y >= len(lanes):
            return self._labels_strip(drawing, width) if y == len(lanes) else Strip.blank(width, self.rich_style)
        lane = lanes[y]
        base = self._lane_strip(lane, drawing)
        # The cursor's marker and its gap are laid over the cached line: only their cells are drawn anew.
        overlays: list[tuple[int, list[Segment]]] = []
        marker, gap = self._marker, self._gap
        if gap is not None and lane in ("points", "merged"):
            overlays.append(self._gap_overlay(self._lane_segments(lane, drawing), gap))
        if marker is not None and (lane == "merged" or (lane == "ranges") == marker.ranged):
            cursor = self.rich_style + self._style("time-axis--cursor-span" if marker.ranged else "time-axis--cursor")
            start = marker.start + MARGIN
            glyphs = list(marker.glyphs)
            if lane == "merged" and marker.ranged:  # the points drawn over the range stay in sight
                cells = self._lane_segments(lane, drawing)[start:]
                glyphs = [c.text if c.text in POINT_GLYPHS else g for c, g in zip(cells, glyphs, strict=False)]
            elif lane == "ranges" and len(glyphs) > 2:  # narrower ranges inside it too (the autumn in "2025")
                inner = self._lane_segments(lane, drawing)[start + 1 : start + len(glyphs) - 1]
                glyphs[1:-1] = [c.text if c.text != " " else g for c, g in zip(inner, glyphs[1:-1], strict=False)]
            overlays.append((start, [Segment(g, cursor) for g in glyphs]))
        if not overlays:
            return base
        pieces = []
        x = 0
        for start, segments in sorted(overlays, key=lambda o: o[0]):
            pieces += [base.crop(x, start), Strip(segments, len(segments))]
            x = start + len(segments)
        pieces.append(base.crop(x, width))
        return Strip.join(pieces)

    def _gap_overlay(self, cells: list[Segment], gap: tuple[int, int]) -> tuple[int, list[Segment]]:
        """The cells between the previous dated round and the highlighted one: ``╌`` where nothing else is
        drawn, and the gap's length in days in the middle when it fits. When rounds without an exact date may
        lie between, the length is led by ``┆`` (or ``┆`` alone where it does not fit): the axis claims no more
        than the detail does."""
        a, b = gap[0] + MARGIN, gap[1] + MARGIN
        style = self.rich_style + self._style("time-axis--gap")
        out = [Segment(GAP, style) if c.text == " " else c for c in cells[a : b + 1]]
        row = self._row
        if row is not None and row.gap_days:
            hint = f"{UNDATED} " if row.gap_undated else ""
            for text in (f" {hint}{format_days(row.gap_days, self.lang)} ", UNDATED if hint else ""):
                start = (len(out) - len(text)) // 2
                fits = len(out) >= len(text) + (2 if len(text) > 1 else 0)
                if text and fits and all(c.text == GAP for c in out[start : start + len(text)]):
                    out[start : start + len(text)] = [Segment(ch, style) for ch in text]
                    break
        return a, out

    # ------------------------------------------------------------------ clicks
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        drawing = self._current()
        data = self.data
        if offset is None or drawing is None or data is None:
            return
        lanes = drawing.matched if drawing.matched is not None else drawing.lanes
        groups = self.matches if self.matches is not None else data.groups
        lane: Literal["points", "ranges"] | None = None
        if not self.compact:
            lane = ("ranges", "points", None)[min(offset.y, 2)]
        chosen = pick(lanes, offset.x - MARGIN, lane)
        if chosen is None:
            return
        event.stop()
        self.post_message(self.Picked(self, groups[chosen].first_pos))

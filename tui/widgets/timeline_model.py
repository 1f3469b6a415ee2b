"""The timeline's layout and its lazily filled row cache: no Textual here, so it is cheap to test.

The timeline is a list of *lines*: for each year a heading, then one note per tally the source gives
for that year ("6 за джерелом, датовано 4"), then one line per event. Events are addressed three ways:

* ``pos``: the event's place in the whole chronology (the store's ``events.pos``);
* ``index``: its place among the events *shown* (all of them, or the search's matches);
* ``line``: the line it is drawn on.

The layout holds only per-year numbers (a ``range`` of positions per year, or slices of the search's
sorted position list), so a chronology of 100,000 events costs a few dozen small objects; rows are read
from the store in windows as they scroll into view and kept in a bounded LRU cache.

An event whose title is long takes more than one line on screen. Its height is known only once its row is
read, so the layout keeps counting one line per event, and the screen is drawn from the line at the top:
:func:`screen_lines` flows the lines from there with their real heights (only the rows on screen are read),
under a sticky heading of the year at the top. Scrolling is by those lines; :func:`top_to_show` finds the
top that shows a given line in full at the bottom of the screen.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from chronology.db.store import TimelineRow


@dataclass(frozen=True, slots=True)
class Section:
    """One year of the timeline."""

    year: int
    notes: int  # number of tally notes under the heading
    positions: Sequence[int]  # the events' store positions, in order (a range when unfiltered)
    first_line: int  # line of the heading
    first_index: int  # index of the first event

    @property
    def first_event_line(self) -> int:
        return self.first_line + 1 + self.notes

    @property
    def line_count(self) -> int:
        return 1 + self.notes + len(self.positions)


@dataclass(frozen=True, slots=True)
class LineRef:
    """What is drawn on one line."""

    kind: Literal["heading", "note", "event"]
    section: Section
    note: int = 0  # which note, for kind == "note"
    index: int = -1  # for kind == "event"
    pos: int = -1  # for kind == "event"


class TimelineLayout:
    """Years, tally notes and events laid out as lines; every lookup is a bisect over the years."""

    def __init__(
        self,
        year_starts: Sequence[tuple[int, int, int]],
        notes_per_year: dict[int, int] | None = None,
        positions: Sequence[int] | None = None,
    ):
        """``year_starts``: (year, first pos, count) from the store; ``positions``: the sorted positions
        to show (a search's matches), or None for every event."""
        notes_per_year = notes_per_year or {}
        self.filtered = positions is not None
        self.sections: list[Section] = []
        line = index = 0
        for year, first, count in year_starts:
            if positions is None:
                shown: Sequence[int] = range(first, first + count)
            else:
                lo = bisect_left(positions, first)
                hi = bisect_left(positions, first + count, lo)
                shown = positions[lo:hi]
                if not shown:
                    continue
            section = Section(year, notes_per_year.get(year, 0), shown, line, index)
            self.sections.append(section)
            line += section.line_count
            index += len(shown)
        self.line_count = line
        self.event_count = index
        self._first_lines = [s.first_line for s in self.sections]
        self._first_indexes = [s.first_index for s in self.sections]

    def __len__(self) -> int:
        return self.event_count

    def section_of_index(self, index: int) -> int:
        return bisect_right(self._first_indexes, index) - 1

    def line_at(self, line: int) -> LineRef | None:
        if not 0 <= line < self.line_count:
            return None
        section = self.sections[bisect_right(self._first_lines, line) - 1]
        offset = line - section.first_line
        if offset == 0:
            return LineRef("heading", section)
        if offset <= section.notes:
            return LineRef("note", section, note=offset - 1)
        i = offset - 1 - section.notes
        return LineRef("event", section, index=section.first_index + i, pos=section.positions[i])

    def line_of_index(self, index: int) -> int:
        section = self.sections[self.section_of_index(index)]
        return section.first_event_line + index - section.first_index

    def pos_of_index(self, index: int) -> int:
        section = self.sections[self.section_of_index(index)]
        return section.positions[index - section.first_index]

    def index_of_pos(self, pos: int) -> int | None:
        """The index of the event at store position ``pos``, or None if it is not shown."""
        if not self.filtered:
            return pos if 0 <= pos < self.event_count else None
        for section in self.sections:
            positions = section.positions
            if positions and positions[0] <= pos <= positions[-1]:
                i = bisect_left(positions, pos)
                return section.first_index + i if positions[i] == pos else None
        return None

    def nearest_index(self, pos: int) -> int:
        """The index of the shown event at ``pos`` or the first one after it (else the last)."""
        if not self.event_count:
            return 0
        if not self.filtered:
            return max(0, min(pos, self.event_count - 1))
        for section in self.sections:
            if section.positions[-1] >= pos:
                return section.first_index + bisect_left(section.positions, pos)
        return self.event_count - 1

    def positions_between(self, first_line: int, last_line: int) -> list[int]:
        """Store positions of the events drawn on lines ``first_line`` … ``last_line`` (inclusive)."""
        out: list[int] = []
        if not self.sections:
            return out
        first_line = max(0, first_line)
        last_line = min(self.line_count - 1, last_line)
        k = max(0, bisect_right(self._first_lines, first_line) - 1)
        while k < len(self.sections):
            s = self.sections[k]
            if s.first_line > last_line:
                break
            lo = max(first_line, s.first_event_line) - s.first_event_line
            hi = min(last_line, s.first_line + s.line_count - 1) - s.first_event_line
            if hi >= lo:
                out.extend(s.positions[lo : hi + 1])
            k += 1
        return out


@dataclass(frozen=True, slots=True)
class ScreenLine:
    """One line of the screen: line ``sub`` of what the layout draws on ``line`` (a sticky heading repeats the
    year's heading at the top of the screen)."""

    ref: LineRef
    line: int
    sub: int = 0
    sticky: bool = False


Heights = Callable[[LineRef], int]
"""How many screen lines an event takes (headings and notes take one)."""


def _lines_of(ref: LineRef, heights: Heights) -> int:
    return heights(ref) if ref.kind == "event" else 1


def screen_lines(layout: TimelineLayout, top: int, height: int, heights: Heights) -> list[ScreenLine]:
    """The screen ``height`` lines tall whose first line of content is the layout's line ``top``: the year's
    heading first when ``top`` is below it (sticky), then each line's screen lines in turn."""
    out: list[ScreenLine] = []
    first = layout.line_at(top)
    if first is None or height <= 0:
        return out
    if first.kind != "heading" and height > 1:
        out.append(ScreenLine(LineRef("heading", first.section), first.section.first_line, sticky=True))
    line = top
    while len(out) < height:
        ref = layout.line_at(line)
        if ref is None:
            break
        for sub in range(_lines_of(ref, heights)):
            if len(out) == height:
                break
            out.append(ScreenLine(ref, line, sub))
        line += 1
    return out


def top_to_show(layout: TimelineLayout, line: int, height: int, heights: Heights) -> int:
    """The lowest line to put at the top of a screen ``height`` lines tall so that ``line`` shows in full
    at its bottom (with the sticky heading a top below a heading brings); ``line`` itself if it cannot."""
    ref = layout.line_at(line)
    if ref is None:
        return max(0, line)
    used = _lines_of(ref, heights)
    top = line
    while top > 0:
        above = layout.line_at(top - 1)
        assert above is not None
        sticky = 0 if above.kind == "heading" else 1
        if used + _lines_of(above, heights) + sticky > height:
            break
        used += _lines_of(above, heights)
        top -= 1
    return top


class RowSource(Protocol):
    def timeline(self, start: int = 0, limit: int = -1) -> list[TimelineRow]: ...

    def rows_at(self, positions: Sequence[int]) -> list[TimelineRow]: ...


class RowCache:
    """Timeline rows by store position, fetched in windows, least recently used dropped first."""

    def __init__(self, source: RowSource, capacity: int = 4000):
        self.source = source
        self.capacity = capacity
        self._rows: OrderedDict[int, TimelineRow] = OrderedDict()
        self.fetches = 0  # how many store reads (tests check that rows are not read one by one)
        self.version = 0  # one more at each clear (the store changed): what was drawn from the rows is stale

    def __len__(self) -> int:
        return len(self._rows)

    def clear(self) -> None:
        self._rows.clear()
        self.version += 1

    def add(self, rows: Sequence[TimelineRow]) -> None:
        """Rows read elsewhere (e.g. ahead of time at start-up)."""
        for row in rows:
            self._rows[row.pos] = row
        while len(self._rows) > self.capacity:
            self._rows.popitem(last=False)

    def get(self, pos: int) -> TimelineRow | None:
        row = self._rows.get(pos)
        if row is None:
            self.ensure([pos])
            row = self._rows.get(pos)
        else:
            self._rows.move_to_end(pos)
        return row

    def ensure(self, positions: Sequence[int]) -> None:
        """Read whichever of ``positions`` are not cached, in one query."""
        missing = [p for p in positions if p not in self._rows]
        if not missing:
            for p in positions:
                self._rows.move_to_end(p)
            return
        self.fetches += 1
        lo, hi = min(missing), max(missing)
        if hi - lo + 1 <= 2 * len(missing) + 16:
            rows = self.source.timeline(lo, hi - lo + 1)  # a contiguous window: an index range scan
        else:
            rows = self.source.rows_at(sorted(missing))
        for row in rows:
            self._rows[row.pos] = row
            self._rows.move_to_end(row.pos)
        for p in positions:
            if p in self._rows:
                self._rows.move_to_end(p)
        while len(self._rows) > self.capacity:
            self._rows.popitem(last=False)

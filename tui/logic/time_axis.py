"""The time axis's arithmetic, without Textual: bins, the scale, the marks in each cell, picking (its ticks and
labels: :mod:`.axis_ticks`).

The axis is drawn from counts (:class:`~chronology.db.store.DateBin`: events per day, month or year of their
first and last possible day, kind and status, read in one aggregate query), never from the events one by one,
so it costs the same for 16 events and for 100,000. The bin is the finest of day, month and year that keeps
the count of bins small (:func:`unit_for`); each bin's events become a :class:`Group`, placed on a
:class:`Scale` of cells (one terminal cell per period of days). Events dated to a day are *points*; events
dated to a month, a season or a year are *ranges* over the days they can mean. :func:`paint` gives each cell
what is drawn in it: the strongest mark (rounds over other kinds, held over planned) and the group it stands
for, which a click picks (:func:`pick`). The highlighted event's own mark is a :class:`Marker`, computed per
cursor move from its date (:func:`cursor_marker`), cheap enough for every move.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from chronology.db.edtf import parse_edtf
from chronology.db.errors import EdtfError
from chronology.db.store.rounds import ROUND_KINDS  # the one definition of a round
from chronology.db.store.rows import OPEN_AFTER, OPEN_BEFORE, OPEN_NONE

if TYPE_CHECKING:
    from chronology.db.store import DateBin, Store

Unit = Literal["day", "month", "year"]

STATUSES = ("held", "planned", "cancelled")
MAX_BINS = 2400  # the most bins read: days up to ~6.5 years, months up to 200 years, else years
EXACT_MATCHES = 3000  # a search with at most this many matches is counted exactly (one query)

# A mark's rank: what it is, strongest (drawn on top) first. Rounds 0–2, other kinds 3–5; held, planned,
# cancelled.
POINT = ("●", "○", "×", "•", "◦", "×")
# A date known by one bound only is not drawn as a dated point: "[..X]" (on or before X) points back from X,
# "[X..]" (on or after X) forward.
POINT_BEFORE = ("◀", "◁", "×", "◂", "◃", "×")
POINT_AFTER = ("▶", "▷", "×", "▸", "▹", "×")
POINT_GLYPHS = frozenset(POINT + POINT_BEFORE + POINT_AFTER)
RANGE_BODY = ("━", "┅", "┅", "─", "┄", "┄")
RANGE_START = ("┣", "┣", "┣", "├", "├", "├")
RANGE_END = ("┫", "┫", "┫", "┤", "┤", "┤")


def rank_of(kind: str, status: str) -> int:
    """The mark of an event of ``kind`` and ``status``: 0 a held round … 5 a cancelled statement."""
    s = STATUSES.index(status) if status in STATUSES else 0
    return (0 if kind in ROUND_KINDS else 3) + s


def is_round(rank: int) -> bool:
    return rank < 3


def is_planned(rank: int) -> bool:
    return rank % 3 == 1


def is_cancelled(rank: int) -> bool:
    return rank % 3 == 2


def point_glyph(rank: int, open_end: int = OPEN_NONE) -> str:
    """The point of an event of mark ``rank``: ● for a day, ◀ for "no later than" a day, ▶ for "no earlier"."""
    return (POINT_BEFORE if open_end == OPEN_BEFORE else POINT_AFTER if open_end == OPEN_AFTER else POINT)[rank]


def range_glyphs(length: int, rank: int) -> str:
    """A range ``length`` cells long: ``├──┤``, ``┣━━┫``; one cell is just the body."""
    body = RANGE_BODY[rank]
    if length <= 1:
        return body
    return RANGE_START[rank] + body * (length - 2) + RANGE_END[rank]


# --------------------------------------------------------------------------------------------- bins
def unit_for(first: dt.date, last: dt.date) -> Unit:
    """The finest bin that keeps a span from ``first`` to ``last`` under :data:`MAX_BINS` bins."""
    days = (last - first).days + 1
    if days <= MAX_BINS:
        return "day"
    if (last.year - first.year) * 12 + last.month - first.month + 1 <= MAX_BINS:
        return "month"
    return "year"


def bin_of(day: dt.date, unit: Unit) -> tuple[dt.date, dt.date]:
    """The first and last day of the ``unit`` that holds ``day``."""
    if unit == "day":
        return day, day
    if unit == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def bin_from_key(key: str, unit: Unit) -> tuple[dt.date, dt.date] | None:
    """The bin a store key names ("2025-03-13", "2025-03", "2025"); None for a key that is not one."""
    try:
        if unit == "day":
            day = dt.date.fromisoformat(key)
        elif unit == "month":
            day = dt.date(int(key[:4]), int(key[5:7]), 1)
        else:
            day = dt.date(int(key[:4]), 1, 1)
    except ValueError:
        return None
    return bin_of(day, unit)


def middle(first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=(last - first).days // 2)


_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def event_days(date: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an EDTF date can mean, an open end (``[..2026-01-21]``: any time before) taken
    as its known end, as the store's counts take it. A form the parser does not know (an interval) is read as
    the span of the dates written in it; None if it has none."""
    try:
        d = parse_edtf(date)
        lower = d.upper if d.lower == dt.date.min else d.lower
        upper = d.lower if d.upper == dt.date.max else d.upper
        return lower, upper
    except (EdtfError, ValueError):
        pass
    spans = []
    for text in _ISO.findall(date):
        try:
            d = parse_edtf(text)
        except (EdtfError, ValueError):
            continue
        spans.append((d.lower, d.upper))
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def open_end(date: str) -> int:
    """Which end of an EDTF date is open: OPEN_BEFORE for "[..X]", OPEN_AFTER for "[X..]", else OPEN_NONE."""
    try:
        d = parse_edtf(date)
    except (EdtfError, ValueError):
        return OPEN_NONE
    return OPEN_BEFORE if d.lower == dt.date.min else OPEN_AFTER if d.upper == dt.date.max else OPEN_NONE


@dataclass(slots=True)  # not frozen: built anew for each search's matches, 5× faster so; never changed
class Group:
    """Events of one mark in one bin (points) or over the same bins (ranges)."""

    first: dt.date  # the first day covered
    last: dt.date  # the last day covered
    ranged: bool
    rank: int
    count: int
    first_pos: int  # the timeline position of the first of them
    open: int = OPEN_NONE  # known by one bound only (DateBin.open): drawn as ◀ / ▶, not as a dated point

    @property
    def day(self) -> dt.date:
        """Where a point is placed: the middle of its bin (the day itself for day bins)."""
        return middle(self.first, self.last)


@dataclass(frozen=True)
class AxisData:
    """The counts the axis is drawn from, and which bin each timeline position is in."""

    unit: Unit
    groups: tuple[Group, ...]
    first: dt.date
    last: dt.date
    # The bins of the events' first days in timeline order: (first position, count, first day, last day).
    bins: tuple[tuple[int, int, dt.date, dt.date], ...] = ()
    in_bin: tuple[int, ...] = ()  # each group's bin (an index into ``bins``)

    @classmethod
    def from_bins(cls, rows: Iterable[DateBin], unit: Unit) -> AxisData | None:
        """Groups from the store's counts; bins it cannot read (a date form it does not know) are left out.
        None when nothing is left."""
        groups: list[Group] = []
        starts: dict[tuple[dt.date, dt.date], list[int]] = {}
        for row in rows:
            lower = bin_from_key(row.lower, unit)
            upper = bin_from_key(row.upper, unit) or lower
            if lower is None or upper is None:
                continue
            last = max(lower[1], upper[1])
            rank = rank_of(row.kind, row.status)
            groups.append(Group(lower[0], last, row.ranged, rank, row.count, row.first_pos, row.open))
            entry = starts.setdefault(lower, [row.first_pos, 0])
            entry[0] = min(entry[0], row.first_pos)
            entry[1] += row.count
        if not groups:
            return None
        bins = tuple(sorted((p, n, a, b) for (a, b), (p, n) in starts.items()))
        index = {(a, b): k for k, (_, _, a, b) in enumerate(bins)}
        in_bin = tuple(index[bin_of(g.first, unit)] for g in groups)
        return cls(unit, tuple(groups), min(g.first for g in groups), max(g.last for g in groups), bins, in_bin)

    def bin_at(self, pos: int) -> tuple[dt.date, dt.date] | None:
        """The bin of the first day of the event at timeline position ``pos``."""
        k = bisect_right(self.bins, pos, key=lambda b: b[0]) - 1
        if k < 0:
            return None
        return self.bins[k][2], self.bins[k][3]

    def approximate_matches(self, positions: Sequence[int]) -> tuple[Group, ...]:
        """The groups in the bins that hold any of ``positions`` (sorted), each led to its first match:
        what a search with too many matches to count exactly shows. Costs a bisection per bin, whatever
        the number of matches (it runs on the UI thread at every key typed in the search bar)."""
        n = len(positions)
        lit: list[int] = []
        for first_pos, count, _, _ in self.bins:
            k = bisect_left(positions, first_pos)
            lit.append(positions[k] if k < n and positions[k] < first_pos + count else -1)
        return tuple(
            Group(g.first, g.last, g.ranged, g.rank, g.count, lit[b], g.open)
            for g, b in zip(self.groups, self.in_bin, strict=True)
            if lit[b] >= 0
        )


def load_axis(store: Store) -> AxisData | None:
    """Read the axis's counts from ``store`` (one aggregate query); None for an empty store."""
    span = store.date_range()
    if span is None:
        return None
    first, last = (bin_from_key(s, "day") for s in span)
    unit = unit_for(first[0], last[1]) if first and last else "year"
    return AxisData.from_bins(store.date_bins(unit), unit)


def load_matches(store: Store, data: AxisData, positions: Sequence[int]) -> tuple[Group, ...]:
    """The groups of the events at ``positions`` (a search's matches): counted exactly when there are few
    enough (one query), else every group of the bins that hold a match."""
    if len(positions) > EXACT_MATCHES:
        return data.approximate_matches(positions)
    matched = AxisData.from_bins(store.date_bins(data.unit, positions), data.unit)
    return matched.groups if matched is not None else ()


# --------------------------------------------------------------------------------------------- scale
@dataclass(frozen=True, slots=True)
class Scale:
    """``days`` days from ``first`` over ``width`` cells."""

    first: dt.date
    days: int
    width: int

    @classmethod
    def fit(cls, first: dt.date, last: dt.date, width: int) -> Scale:
        """A scale over whole months from ``first`` to ``last`` (whole years for spans over 20 years)."""
        if last.year - first.year > 20:
            start, end = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
        else:
            start, end = first.replace(day=1), bin_of(last, "month")[1]
        return cls(start, (end - start).days + 1, max(1, width))

    def cell(self, day: dt.date) -> int:
        return self.ordinal_cell(day.toordinal())

    def ordinal_cell(self, ordinal: int) -> int:
        """The cell of the day whose :meth:`~datetime.date.toordinal` is ``ordinal`` (painting a search's matches
        at every key places each group by ordinals, without date arithmetic)."""
        offset = ordinal - self.first.toordinal()
        return max(0, min(self.width - 1, offset * self.width // self.days))

    def cells(self, first: dt.date, last: dt.date) -> tuple[int, int]:
        return self.cell(first), self.cell(last)

    def day_at(self, cell: int) -> dt.date:
        """The day in the middle of ``cell``."""
        return self.first + dt.timedelta(days=int((cell + 0.5) * self.days / self.width))


# --------------------------------------------------------------------------------------------- painting
@dataclass(frozen=True, slots=True)
class Cell:
    glyph: str
    rank: int
    group: int  # index of the group drawn here


Lane = list[Cell | None]


@dataclass(frozen=True)
class Lanes:
    """What each cell shows: a point lane and a range lane."""

    points: Lane
    ranges: Lane

    def merged(self) -> Lane:
        """One lane: points over ranges (the compact axis)."""
        return [p if p is not None else r for p, r in zip(self.points, self.ranges, strict=True)]


def _stronger(g: Group, than: Group) -> bool:
    """The stronger mark; on a tie a dated point over one known by a bound only, then the earlier."""
    return (g.rank, g.open > 0, g.first_pos) < (than.rank, than.open > 0, than.first_pos)


def paint(scale: Scale, groups: Sequence[Group]) -> Lanes:
    """Each cell's strongest point (a dated one over one known by a bound only), and its narrowest range (rounds
    over other kinds on equal spans)."""
    best = [-1] * scale.width  # each cell's strongest point so far (a search's matches paint at every key)
    for i, g in enumerate(groups):
        if not g.ranged:
            a = g.first.toordinal()
            c = scale.ordinal_cell(a + (g.last.toordinal() - a) // 2)  # at Group.day, the middle day
            if best[c] < 0 or _stronger(g, groups[best[c]]):
                best[c] = i
    points: Lane = [
        None if i < 0 else Cell(point_glyph(groups[i].rank, groups[i].open), groups[i].rank, i) for i in best
    ]
    ranges: Lane = [None] * scale.width
    spans: dict[tuple[int, int, int], int] = {}  # one paint per distinct (cells, mark): the first group
    for i, g in enumerate(groups):
        if g.ranged:
            key = (*scale.cells(g.first, g.last), g.rank)
            if key not in spans or g.first_pos < groups[spans[key]].first_pos:
                spans[key] = i
    # Wider first, weaker first: what is painted last is on top.
    for (a, b, rank), i in sorted(spans.items(), key=lambda kv: (kv[0][0] - kv[0][1], -kv[0][2])):
        for c, glyph in enumerate(range_glyphs(b - a + 1, rank), start=a):
            ranges[c] = Cell(glyph, rank, i)
    return Lanes(points, ranges)


# --------------------------------------------------------------------------------------------- cursor
@dataclass(frozen=True, slots=True)
class Marker:
    """The highlighted event's mark: ``glyphs`` in cells ``start`` … of the point or the range lane."""

    ranged: bool
    start: int
    glyphs: str
    rank: int

    @property
    def end(self) -> int:
        return self.start + len(self.glyphs) - 1


def cursor_marker(data: AxisData, scale: Scale, pos: int, date: str, kind: str, status: str) -> Marker | None:
    """Where the event at ``pos`` dated ``date`` is drawn, as its group is (same bins, same cells). A date
    form nobody knows yet is placed at the event's sort date (the bin its timeline position is in)."""
    days = event_days(date)
    if days is None:
        days = data.bin_at(pos)
        if days is None:
            return None
        days = days[0], days[0]
    rank = rank_of(kind, status)
    first, last = bin_of(days[0], data.unit)[0], bin_of(days[1], data.unit)[1]
    if days[1] > days[0]:
        a, b = scale.cells(first, last)
        return Marker(True, a, range_glyphs(b - a + 1, rank), rank)
    return Marker(False, scale.cell(middle(first, last)), point_glyph(rank, open_end(date)), rank)


def gap_cells(scale: Scale, date: str, gap_days: int | None) -> tuple[int, int] | None:
    """The cells between the previous round and a round ``gap_days`` after it (both ends excluded)."""
    days = event_days(date)
    if days is None or not gap_days:
        return None
    a, b = scale.cell(days[0] - dt.timedelta(days=gap_days)), scale.cell(days[0])
    return (a + 1, b - 1) if b - a > 1 else None


# --------------------------------------------------------------------------------------------- picking
def pick(lanes: Lanes, cell: int, lane: Literal["points", "ranges"] | None = None) -> int | None:
    """The group a click on ``cell`` of ``lane`` means: the nearest drawn in that lane (else in the other).
    Without a lane (the labels, the compact strip) the nearest in either, a point before a range."""
    if not 0 <= cell < len(lanes.points):
        return None
    if lane is None:
        return _nearest(cell, lanes.points, lanes.ranges)
    first, second = (lanes.points, lanes.ranges) if lane == "points" else (lanes.ranges, lanes.points)
    found = _nearest(cell, first)
    return found if found is not None else _nearest(cell, second)


def _nearest(cell: int, *lanes: Lane) -> int | None:
    """The group drawn nearest to ``cell`` in any of ``lanes`` (the earlier lane, then the left, on a tie)."""
    width = len(lanes[0])
    for distance in range(width):
        for c in (cell - distance, cell + distance) if distance else (cell,):
            if 0 <= c < width:
                for lane in lanes:
                    hit = lane[c]
                    if hit is not None:
                        return hit.group
    return None

"""The time axis's arithmetic (no Textual): the store's counts, bins, the scale, marks, the cursor, ticks, picks."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from chronology.db.models import Chronology
from chronology.db.store import DateBin, Store
from chronology.db.store.rounds import ROUND_KINDS
from chronology.db.store.rows import OPEN_AFTER, OPEN_BEFORE, OPEN_NONE
from chronology.tui.logic.axis_ticks import Tick, place_labels, ticks
from chronology.tui.logic.time_axis import (
    AxisData,
    Group,
    Scale,
    bin_from_key,
    bin_of,
    cursor_marker,
    event_days,
    gap_cells,
    load_axis,
    load_matches,
    paint,
    pick,
    rank_of,
    unit_for,
)
from hypothesis import given
from hypothesis import strategies as st

D = dt.date


def lane_text(lane) -> str:
    return "".join(c.glyph if c else " " for c in lane)


def widths(unit: str) -> int:
    return {"day": 2, "month": 5, "year": 4}[unit]


# ---------------------------------------------------------------------------- the store's counts
def test_the_store_counts_events_per_day_kind_and_status_in_one_read(seed_store: Store):
    bins = seed_store.date_bins("day")
    assert sum(b.count for b in bins) == seed_store.count_events()
    by_day = {(b.lower, b.kind, b.status, b.open): b for b in bins}
    # The two meetings of 6 August: one on that day, one known only as "no later than" it (counted apart).
    assert by_day[("2025-08-06", "meeting", "held", OPEN_NONE)].count == 1
    assert by_day[("2025-08-06", "meeting", "held", OPEN_BEFORE)].first_pos == seed_store.position(
        "2025-08-06-dmitriev-informal"
    )
    by_day = {(b.lower, b.kind, b.status): b for b in bins if b.open == OPEN_NONE}
    assert by_day[("2026-01-22", "meeting", "planned")].first_pos == seed_store.position("2026-01-22-moscow")
    autumn = by_day[("2025-09-01", "plan", "held")]
    autumn_plans = [e for e in seed_store.events() if e.date.startswith("2025-23") and e.kind == "plan"]
    held = [e for e in autumn_plans if e.status == "held"]
    assert autumn.ranged and autumn.upper == "2025-11-30" and autumn.count == len(held) < len(autumn_plans)
    assert not by_day[("2025-03-13", "meeting", "held")].ranged


def test_the_store_counts_per_month_and_year_and_for_given_positions_only(seed_store: Store):
    months = seed_store.date_bins("month")
    assert {b.lower for b in months} >= {"2025-03", "2025-09", "2026-01"}
    assert sum(b.count for b in seed_store.date_bins("year")) == seed_store.count_events()
    first, last = seed_store.position("2025-03-13-moscow"), seed_store.position("2026-01-22-moscow")
    only = seed_store.date_bins("month", [first, last])
    assert [(b.lower, b.status, b.count) for b in only] == [("2025-03", "held", 1), ("2026-01", "planned", 1)]
    assert seed_store.date_bins("day", []) == []
    with pytest.raises(ValueError):
        seed_store.date_bins("week")


def test_the_date_range_of_an_empty_store_is_none(seed_store: Store):
    assert seed_store.date_range() == ("2025-01-01", "2026-01-22")
    with Store.memory() as empty:
        assert empty.date_range() is None
        assert load_axis(empty) is None


# ---------------------------------------------------------------------------- bins
def test_the_bin_is_the_finest_that_keeps_the_count_small():
    assert unit_for(D(2025, 1, 1), D(2026, 1, 31)) == "day"
    assert unit_for(D(1995, 1, 1), D(2026, 1, 21)) == "month"  # the 100k benchmark's 31 years
    assert unit_for(D(1000, 1, 1), D(2026, 1, 1)) == "year"


def test_bins_and_their_keys():
    assert bin_of(D(2024, 2, 10), "month") == (D(2024, 2, 1), D(2024, 2, 29))
    assert bin_of(D(2024, 2, 10), "year") == (D(2024, 1, 1), D(2024, 12, 31))
    assert bin_from_key("2025-03", "month") == (D(2025, 3, 1), D(2025, 3, 31))
    assert bin_from_key("2025-03-13", "day") == (D(2025, 3, 13), D(2025, 3, 13))
    assert bin_from_key("..", "day") is None and bin_from_key("", "year") is None


def test_event_days_reads_known_and_unknown_date_forms():
    assert event_days("2025-03-13") == (D(2025, 3, 13), D(2025, 3, 13))
    assert event_days("2025-23") == (D(2025, 9, 1), D(2025, 11, 30))  # autumn
    assert event_days("2026-01?") == (D(2026, 1, 1), D(2026, 1, 31))
    # Forms the parser may learn later: the dates written in them.
    assert event_days("[..2026-01-21]") == (D(2026, 1, 21), D(2026, 1, 21))
    assert event_days("2025-03/2025-05") == (D(2025, 3, 1), D(2025, 5, 31))
    assert event_days("незабаром") is None


def test_the_axis_data_groups_the_counts_and_knows_each_positions_bin(seed_store: Store):
    data = load_axis(seed_store)
    assert data is not None and data.unit == "day"
    assert (data.first, data.last) == (D(2025, 1, 1), D(2026, 1, 31))
    assert sum(g.count for g in data.groups) == seed_store.count_events()
    pos = seed_store.position("2025-12-02-moscow")
    assert data.bin_at(pos) == (D(2025, 12, 2), D(2025, 12, 2))
    assert data.bin_at(0) == (D(2025, 1, 1), D(2025, 1, 1))  # "2025": its first day
    # Bins in timeline order, each a run of positions.
    assert [b[0] for b in data.bins] == sorted(b[0] for b in data.bins)
    assert sum(b[1] for b in data.bins) == seed_store.count_events()


def test_unreadable_bins_are_left_out():
    rows = [
        DateBin("2025-03-13", "2025-03-13", False, "meeting", "held", 1, 0),
        DateBin("..", "2025-04-01", False, "meeting", "held", 1, 1),
    ]
    data = AxisData.from_bins(rows, "day")
    assert data is not None and len(data.groups) == 1
    assert AxisData.from_bins(rows[1:], "day") is None


def test_a_search_with_few_matches_is_counted_exactly_and_with_many_by_bin(seed_store: Store):
    data = load_axis(seed_store)
    assert data is not None
    jan21 = [seed_store.position("2026-01-21-witkoff-cnbc")]
    exact = load_matches(seed_store, data, jan21)
    assert [(g.rank, g.count, g.first_pos) for g in exact] == [(rank_of("statement", "held"), 1, jan21[0])]
    # By bin: every group of the bins holding a match, led to the match.
    rough = data.approximate_matches(jan21)
    same_day = {e.id for e in seed_store.events() if e.date == "[..2026-01-21]"}
    assert len(same_day) > 1  # the Davos talks and the two reports of the visit to come
    assert {g.rank for g in rough} == {
        rank_of(e.kind.value, e.status.value) for e in seed_store.events() if e.id in same_day
    }
    assert sum(g.count for g in rough) == len(same_day)
    assert {g.first_pos for g in rough} == {jan21[0]}


# ---------------------------------------------------------------------------- scale and marks
def test_the_scale_is_proportional():
    scale = Scale.fit(D(2025, 1, 1), D(2026, 1, 31), 118)
    assert scale.cell(D(2025, 1, 1)) == 0 and scale.cell(D(2026, 1, 31)) == 117
    mar13, apr11 = scale.cell(D(2025, 3, 13)), scale.cell(D(2025, 4, 11))
    aug6, dec2 = scale.cell(D(2025, 8, 6)), scale.cell(D(2025, 12, 2))
    assert abs((apr11 - mar13) / (dec2 - aug6) - 29 / 118) < 0.05
    assert scale.cell(D(1990, 1, 1)) == 0 and scale.cell(D(2090, 1, 1)) == 117  # clamped


@given(st.lists(st.dates(D(1990, 1, 1), D(2030, 12, 31)), min_size=2, max_size=30), st.integers(1, 300))
def test_cells_keep_date_order_and_stay_on_the_strip(days, width):
    scale = Scale.fit(min(days), max(days), width)
    cells = [scale.cell(d) for d in sorted(days)]
    assert cells == sorted(cells) and all(0 <= c < width for c in cells)


def test_rounds_are_drawn_over_other_kinds_and_planned_ones_hollow():
    scale = Scale(D(2025, 1, 1), 10, 10)
    groups = [
        Group(D(2025, 1, 2), D(2025, 1, 2), False, rank_of("statement", "held"), 1, 0),
        Group(D(2025, 1, 2), D(2025, 1, 2), False, rank_of("meeting", "held"), 1, 1),
        Group(D(2025, 1, 5), D(2025, 1, 5), False, rank_of("talks", "planned"), 1, 2),
        Group(D(2025, 1, 7), D(2025, 1, 7), False, rank_of("statement", "planned"), 1, 3),
        Group(D(2025, 1, 8), D(2025, 1, 8), False, rank_of("meeting", "cancelled"), 1, 4),
    ]
    lanes = paint(scale, groups)
    assert lane_text(lanes.points) == " ●  ○ ◦×  "
    assert lanes.points[1].group == 1  # the meeting, not the statement


def test_a_date_known_only_by_a_bound_is_not_drawn_as_a_dated_point():
    scale = Scale(D(2025, 1, 1), 10, 10)
    meeting, planned, statement = rank_of("meeting", "held"), rank_of("talks", "planned"), rank_of("statement", "held")
    groups = [
        Group(D(2025, 1, 2), D(2025, 1, 2), False, meeting, 1, 0, OPEN_BEFORE),  # "no later than 2 January"
        Group(D(2025, 1, 4), D(2025, 1, 4), False, planned, 1, 1, OPEN_BEFORE),
        Group(D(2025, 1, 5), D(2025, 1, 5), False, statement, 1, 2, OPEN_BEFORE),
        Group(D(2025, 1, 7), D(2025, 1, 7), False, meeting, 1, 3, OPEN_AFTER),  # "no earlier than 7 January"
        Group(D(2025, 1, 9), D(2025, 1, 9), False, meeting, 1, 4, OPEN_BEFORE),
        Group(D(2025, 1, 9), D(2025, 1, 9), False, meeting, 1, 5, OPEN_NONE),  # dated that day: shown over it
    ]
    assert lane_text(paint(scale, groups).points) == " ◀ ◁◂ ▶ ● "


def test_the_seeds_no_later_than_events_are_drawn_apart_from_dated_ones(seed_store: Store, seed_doc: Chronology):
    bounded = {e.id: e for e in seed_doc.events if e.date.startswith("[..")}
    assert bounded  # the audited seed has events known only as "no later than" a day
    bins = seed_store.date_bins("day")
    assert sum(b.count for b in bins if b.open == OPEN_BEFORE) == len(bounded)
    assert all(b.open == OPEN_NONE for b in bins if b.lower != b.upper)
    data = load_axis(seed_store)
    assert data is not None
    scale = Scale.fit(data.first, data.last, 118)
    for event_id, event in bounded.items():
        kind, status = event.kind.value, event.status.value
        marker = cursor_marker(data, scale, seed_store.position(event_id), event.date, kind, status)
        assert marker is not None and not marker.ranged
        expected = {(True, "held"): "◀", (True, "planned"): "◁", (False, "held"): "◂", (False, "planned"): "◃"}
        assert marker.glyphs == expected[(kind in ROUND_KINDS, status)]


def test_ranges_show_their_span_the_narrower_on_top():
    scale = Scale(D(2025, 1, 1), 20, 20)
    year = Group(D(2025, 1, 1), D(2025, 1, 20), True, rank_of("announcement", "held"), 1, 0)
    season = Group(D(2025, 1, 5), D(2025, 1, 9), True, rank_of("plan", "held"), 1, 1)
    talks = Group(D(2025, 1, 15), D(2025, 1, 17), True, rank_of("talks", "held"), 1, 2)
    planned = Group(D(2025, 1, 19), D(2025, 1, 20), True, rank_of("talks", "planned"), 1, 3)
    lanes = paint(scale, [year, season, talks, planned])
    assert lane_text(lanes.ranges) == "├───├───┤─────┣━┫─┣┫"
    assert lane_text(lanes.merged()) == lane_text(lanes.ranges)  # no points: the ranges
    one_cell = paint(scale, [Group(D(2025, 1, 3), D(2025, 1, 3), True, rank_of("talks", "planned"), 1, 0)])
    assert lane_text(one_cell.ranges).strip() == "┅"


def test_the_cursor_is_marked_where_its_group_is_drawn(seed_store: Store):
    data = load_axis(seed_store)
    assert data is not None
    scale = Scale.fit(data.first, data.last, 118)
    lanes = paint(scale, data.groups)
    pos = seed_store.position("2025-04-11-saint-petersburg")
    marker = cursor_marker(data, scale, pos, "2025-04-11", "meeting", "held")
    assert marker is not None and not marker.ranged and marker.glyphs == "●"
    assert lanes.points[marker.start] is not None and data.groups[lanes.points[marker.start].group].first_pos == pos
    autumn = cursor_marker(data, scale, seed_store.position("2025-autumn-plan-28-points"), "2025-23", "plan", "held")
    assert autumn is not None and autumn.ranged
    assert autumn.glyphs[0] == "├" and autumn.glyphs[-1] == "┤" and autumn.end - autumn.start > 20
    # A date form not known yet: placed at the event's sort date, by its position.
    odd = cursor_marker(data, scale, pos, "до весни?", "meeting", "planned")
    assert odd is not None and odd.start == marker.start and odd.glyphs == "○"


def test_the_gap_runs_between_the_previous_round_and_this_one():
    scale = Scale(D(2025, 1, 1), 100, 100)
    assert gap_cells(scale, "2025-02-20", 30) == (21, 49)
    assert gap_cells(scale, "2025-02-20", 1) is None and gap_cells(scale, "2025-02-20", None) is None


# ---------------------------------------------------------------------------- picking
def test_a_click_picks_what_is_drawn_there_else_the_nearest():
    scale = Scale(D(2025, 1, 1), 20, 20)
    groups = [
        Group(D(2025, 1, 3), D(2025, 1, 3), False, rank_of("meeting", "held"), 1, 7),
        Group(D(2025, 1, 10), D(2025, 1, 14), True, rank_of("plan", "held"), 1, 8),
        Group(D(2025, 1, 12), D(2025, 1, 12), False, rank_of("statement", "held"), 1, 9),
    ]
    lanes = paint(scale, groups)
    assert pick(lanes, 2, "points") == 0
    assert pick(lanes, 5, "points") == 0  # nothing there: the nearest
    assert pick(lanes, 11, "points") == 2  # the statement drawn there, not the range it is in
    assert pick(lanes, 11, "ranges") == 1
    assert pick(lanes, 18, None) == 1
    assert pick(lanes, -1) is None and pick(paint(scale, []), 3) is None


# ---------------------------------------------------------------------------- ticks
def test_ticks_are_months_for_a_year_and_years_for_decades():
    year = Scale.fit(D(2025, 1, 1), D(2026, 1, 31), 118)
    months = ticks(year, widths)
    assert [t.unit for t in months[:2]] == ["year", "month"] and len(months) == 13
    assert months[-1] == Tick(D(2026, 1, 1), "year", year.cell(D(2026, 1, 1)))
    narrow = ticks(Scale.fit(D(2025, 1, 1), D(2026, 1, 31), 38), widths)
    assert len(narrow) < 13  # every second or third month
    decades = ticks(Scale.fit(D(1995, 1, 1), D(2026, 1, 21), 118), widths)
    assert {t.unit for t in decades} == {"year"} and all(t.day.year % 2 == 0 for t in decades)
    days = ticks(Scale.fit(D(2025, 3, 1), D(2025, 3, 31), 118), widths)
    assert [t.unit for t in days[:2]] == ["month", "day"]


def test_labels_never_touch_and_a_span_without_a_new_year_names_its_year():
    def label(t: Tick, with_year: bool) -> str:
        return {"year": str(t.day.year), "month": "Mar", "day": str(t.day.day)}[t.unit] + (
            f" {t.day.year}" if with_year else ""
        )

    march = Scale.fit(D(2025, 3, 1), D(2025, 5, 31), 60)
    placed = place_labels(ticks(march, widths), label, 60)
    assert placed[0] == (0, "Mar 2025")
    ends = [c + len(t) for c, t in placed]
    assert all(end < nxt for end, (nxt, _) in zip(ends, placed[1:], strict=False))
    assert all(end <= 60 for end in ends)
    crowded = [Tick(D(2025, 1, 1), "year", 0), Tick(D(2025, 2, 1), "month", 3), Tick(D(2025, 3, 1), "month", 9)]
    assert place_labels(crowded, label, 14) == [(0, "2025"), (9, "Mar")]  # "Mar" at 3 would touch "2025"
    assert place_labels([Tick(D(2026, 1, 1), "year", 12)], label, 14) == [(10, "2026")]  # ends at the edge


# ---------------------------------------------------------------------------- cost
class CountingStore:
    """A store that answers the axis's reads from counts and fails any read of events one by one."""

    def __init__(self, bins: list[DateBin], first: str, last: str) -> None:
        self.bins = bins
        self.span = (first, last)
        self.reads: list[str] = []

    def date_range(self) -> tuple[str, str]:
        self.reads.append("date_range")
        return self.span

    def date_bins(self, unit: str, positions=None) -> list[DateBin]:
        self.reads.append(f"date_bins {unit}")
        return self.bins

    def __getattr__(self, name: str):
        raise AssertionError(f"the axis read {name}")


def test_a_hundred_thousand_events_cost_a_few_hundred_groups():
    # 100,000 events over 31 years, read as counts per month, kind and status: as the benchmark's store.
    bins = []
    pos = 0
    for year in range(1995, 2026):
        for month in range(1, 13):
            key = f"{year}-{month:02d}"
            for kind, n in (("meeting", 134), ("talks", 80), ("statement", 55)):
                bins.append(DateBin(key, key, False, kind, "held", n, pos))
                pos += n
    store = CountingStore(bins, "1995-01-01", "2025-12-31")
    data = load_axis(store)  # type: ignore[arg-type]
    assert data is not None and data.unit == "month" and pos == 100_068
    assert store.reads == ["date_range", "date_bins month"]
    assert len(data.groups) == len(bins) == 1116
    scale = Scale.fit(data.first, data.last, 198)
    assert lane_text(paint(scale, data.groups).points) == "●" * 198  # every cell holds rounds
    marker = cursor_marker(data, scale, 50_000, "2010-07-15", "talks", "held")
    assert marker is not None and marker.start == scale.cell(D(2010, 7, 16))  # the month's middle
    matched = data.approximate_matches(list(range(0, 100_000, 7)))
    assert len(matched) == len(data.groups)  # every month has a match: nothing dimmed


def test_the_axis_arithmetic_imports_no_textual():
    code = (
        "import sys\n"
        "import chronology.tui.logic.time_axis\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"

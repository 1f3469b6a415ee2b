"""The timeline's layout (years, notes, events as lines) and its windowed row cache, without Textual."""

from __future__ import annotations

from chronology.db.store import Store
from chronology.tui.widgets.timeline import columns, gap_bar
from chronology.tui.widgets.timeline_model import LineRef, RowCache, TimelineLayout, screen_lines, top_to_show
from chronology.tui.widgets.timeline_rows import wrap_ranges
from hypothesis import given
from hypothesis import strategies as st

YEARS = [(2024, 0, 3), (2025, 3, 5), (2026, 8, 2)]  # 10 events


def test_layout_lines_are_heading_notes_then_events():
    layout = TimelineLayout(YEARS, {2025: 1})
    kinds = [layout.line_at(i).kind for i in range(layout.line_count)]
    assert kinds == ["heading"] + ["event"] * 3 + ["heading", "note"] + ["event"] * 5 + ["heading"] + ["event"] * 2
    assert layout.line_count == 14 and len(layout) == 10
    assert layout.line_at(14) is None and layout.line_at(-1) is None
    assert [layout.line_at(layout.line_of_index(i)).pos for i in range(10)] == list(range(10))
    assert layout.line_at(5).section.year == 2025 and layout.line_at(5).kind == "note"


def test_filtered_layout_skips_years_without_matches():
    layout = TimelineLayout(YEARS, {2025: 1}, positions=[1, 2, 9])
    assert [s.year for s in layout.sections] == [2024, 2026]
    assert len(layout) == 3
    assert [layout.pos_of_index(i) for i in range(3)] == [1, 2, 9]
    assert layout.index_of_pos(9) == 2 and layout.index_of_pos(3) is None
    assert layout.nearest_index(3) == 2  # the next match after position 3
    assert layout.nearest_index(100) == 2
    assert layout.line_of_index(2) == 4  # 2024 heading, 1, 2, 2026 heading, 9


def test_positions_between_returns_only_the_events_on_those_lines():
    layout = TimelineLayout(YEARS, {2025: 1})
    assert layout.positions_between(0, 13) == list(range(10))
    assert layout.positions_between(4, 6) == [3]  # 2025 heading, note, first 2025 event
    assert layout.positions_between(-50, 1) == [0]
    assert layout.positions_between(100, 200) == []


def test_empty_layout():
    layout = TimelineLayout([])
    assert len(layout) == 0 and layout.line_count == 0
    assert layout.line_at(0) is None and layout.positions_between(0, 10) == []
    assert layout.nearest_index(5) == 0


@given(
    counts=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=8),
    notes=st.integers(min_value=0, max_value=2),
    data=st.data(),
)
def test_layout_round_trips_for_any_years(counts, notes, data):
    starts, first = [], 0
    for i, n in enumerate(counts):
        starts.append((2000 + i, first, n))
        first += n
    shown = sorted(data.draw(st.sets(st.integers(min_value=0, max_value=first - 1))))
    for positions in (None, shown):
        layout = TimelineLayout(starts, {2000: notes}, positions=positions)
        expected = list(range(first)) if positions is None else shown
        assert len(layout) == len(expected)
        assert layout.positions_between(0, layout.line_count) == expected
        for index, pos in enumerate(expected):
            assert layout.pos_of_index(index) == pos
            assert layout.index_of_pos(pos) == index
            ref = layout.line_at(layout.line_of_index(index))
            assert ref.kind == "event" and ref.pos == pos and ref.index == index


def test_row_cache_reads_windows_not_rows(seed_store: Store):
    cache = RowCache(seed_store, capacity=8)
    cache.ensure(list(range(0, 6)))
    assert cache.fetches == 1 and len(cache) == 6
    assert cache.get(3).pos == 3 and cache.fetches == 1  # cached: no read
    cache.ensure([0, 1, 2])
    assert cache.fetches == 1
    cache.ensure([10, 11, 12, 13])  # over capacity: the least recently used are dropped
    assert cache.fetches == 2 and len(cache) == 8
    assert cache.get(15).pos == 15 and cache.fetches == 3
    assert cache.get(10_000) is None  # past the end: nothing, no error
    ids = [r.id for r in seed_store.timeline()]
    assert [cache.get(p).id for p in (0, 5, 15)] == [ids[0], ids[5], ids[15]]


def test_row_cache_reads_sparse_positions_by_list(seed_store: Store):
    calls: list[str] = []

    class Spy:
        def timeline(self, start: int = 0, limit: int = -1):
            calls.append("range")
            return seed_store.timeline(start, limit)

        def rows_at(self, positions):
            calls.append("list")
            return seed_store.rows_at(positions)

    cache = RowCache(Spy())
    cache.ensure([0, 1, 2, 3])
    cache.ensure([4, 60])  # far apart: read by position list, not the range between
    assert calls == ["range", "list"]
    assert cache.get(15).pos == 15


def test_gap_bar_is_a_log_scale():
    assert gap_bar(None) == " "
    assert gap_bar(0) == gap_bar(1) == "▁"
    assert gap_bar(7) == "▃" and gap_bar(8) == "▄"
    assert gap_bar(29) == "▅"
    assert gap_bar(51) == "▆"
    assert gap_bar(365) == "█"


def test_columns_drop_place_then_duration_as_the_pane_narrows():
    assert columns(120) == (True, True)  # a 200-column terminal
    assert columns(71) == (False, True)  # 120 columns: the place gives way first
    assert columns(47) == (False, False)  # 80 columns: the title keeps the row


def test_a_long_title_wraps_at_word_ends_onto_at_most_three_lines():
    title = "Зеленський в інтерв'ю Bloomberg: чекає відповіді росії на рамкову угоду з 20 пунктів"
    lines = [title[a:b] for a, b in wrap_ranges(title, 40)]
    assert lines == ["Зеленський в інтерв'ю Bloomberg: чекає", "відповіді росії на рамкову угоду з 20", "пунктів"]
    assert all(len(line) <= 40 for line in lines)
    assert len(wrap_ranges(title, 20)) == 3  # the rest is cut at the end of the third line
    assert wrap_ranges("Коротка назва", 40) == [(0, 13)]
    assert [b - a for a, b in wrap_ranges("Надзвичайнодовгесловобезпробілів", 10)] == [10, 10, 12]


@given(st.text(alphabet="абв гґд ", max_size=120), st.integers(min_value=3, max_value=60))
def test_wrapped_lines_keep_every_word_in_order(text: str, room: int):
    lines = [text[a:b] for a, b in wrap_ranges(text, room, max_lines=1000)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing reordered
    assert all(len(line) <= room for line in lines)
    words = [w for line in lines for w in line.split()]
    assert all(w in words for w in text.split() if len(w) <= room)  # a word that fits a line is not split


def test_the_screen_flows_from_its_top_line_under_a_sticky_year_heading():
    layout = TimelineLayout(YEARS, {2025: 1})
    two_lines = {4, 5}  # these events' titles wrap

    def heights(ref: LineRef) -> int:
        return 2 if ref.pos in two_lines else 1

    screen = screen_lines(layout, 6, 6, heights)  # top: the first 2025 event (pos 3)
    assert [(s.ref.kind, s.ref.pos, s.sub, s.sticky) for s in screen] == [
        ("heading", -1, 0, True),
        ("event", 3, 0, False),
        ("event", 4, 0, False),
        ("event", 4, 1, False),
        ("event", 5, 0, False),
        ("event", 5, 1, False),
    ]
    assert screen[0].ref.section.year == 2025
    # To show pos 6 (line 9) in full at the bottom of 6 lines: 5, 5, 6 under the sticky heading is 4 lines.
    assert top_to_show(layout, 9, 6, heights) == 7
    assert top_to_show(layout, 0, 6, heights) == 0

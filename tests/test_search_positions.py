"""The timeline positions of matching events (chronology.db.search._positions): both ways of finding them (a
lookup for few hits, a bitmap walk for many) agree with the plain definition, whatever the rowids."""

from __future__ import annotations

import pytest
from chronology.db.search import _positions, _state, search
from chronology.db.seeds import load_seed
from chronology.db.store import Store
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def store():
    s = Store.memory(load_seed())
    yield s
    s.close()


def _expected(state, event_lists: list[list[int]]) -> list[int]:
    found = {ev for evs in event_lists for ev in evs}
    return [pos for ev, pos in zip(state.order, state.positions, strict=True) if ev in found]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_both_ways_agree_with_the_definition(store, data):
    state = _state(store)
    rowids = st.one_of(
        st.sampled_from(state.order),  # events on the timeline
        st.integers(min_value=0, max_value=state.size + 5),  # gone or off the timeline, at the edge
        st.integers(min_value=0, max_value=(1 << 28) - 1),  # stale index rows, far past every event
    )
    event_lists = data.draw(st.lists(st.lists(rowids, max_size=60), max_size=4))
    expected = _expected(state, event_lists)
    total = sum(map(len, event_lists))
    assert _positions(state, event_lists, 0) == expected  # the lookup
    assert _positions(state, event_lists, 10**9) == expected  # the bitmap walk
    assert _positions(state, event_lists, total) == expected


def test_search_positions_match_the_hits(store):
    for query in ("Віткофф", "Женева", "переговори", "перег*", '"у Москві"', "Уіткофф -Москві", "zzzz"):
        results = search(store, query, limit=None)
        assert results.event_positions == sorted({h.event_pos for h in results.hits}), query

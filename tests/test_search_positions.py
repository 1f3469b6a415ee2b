"""The timeline positions of matching events (chronology.db.search.engine._positions, a numpy bitmap over event
rowids) agree with the plain definition, whatever the rowids, as lists or as arrays."""

from __future__ import annotations

import numpy as np
import pytest
from chronology.db.search import search
from chronology.db.search.engine import _positions, _state
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
    return [pos for ev, pos in zip(state.order.tolist(), state.positions.tolist(), strict=True) if ev in found]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_both_ways_agree_with_the_definition(store, data):
    state = _state(store)
    rowids = st.one_of(
        st.sampled_from(state.order.tolist()),  # events on the timeline
        st.integers(min_value=0, max_value=state.size + 5),  # gone or off the timeline, at the edge
        st.integers(min_value=0, max_value=(1 << 28) - 1),  # stale index rows, far past every event
        st.integers(min_value=-(1 << 28), max_value=-1),  # below every event (a bitmap index must not wrap)
    )
    event_lists = data.draw(st.lists(st.lists(rowids, max_size=60), max_size=4))
    expected = _expected(state, event_lists)
    assert list(_positions(state, event_lists)) == expected
    assert list(_positions(state, [np.array(events, dtype=np.int64) for events in event_lists])) == expected


def test_search_positions_match_the_hits(store):
    for query in ("Віткофф", "Женева", "переговори", "перег*", '"у Москві"', "Уіткофф -Москві", "zzzz"):
        results = search(store, query, limit=None)
        assert list(results.event_positions) == sorted({h.event_pos for h in results.hits}), query

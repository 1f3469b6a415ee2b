"""The main screen's search session, without Textual: which query is current, which results show, Enter's jump."""

from __future__ import annotations

import sqlite3

import pytest
from chronology.db import search as engine
from chronology.db.search import SearchResults
from chronology.db.store import Store
from chronology.tui.logic.search import SearchOutcome, SearchSession, events_matching


def searched(session: SearchSession, store: Store, query: str) -> SearchOutcome:
    """Type ``query`` and let its search run (as the screen's worker does)."""
    generation = session.start(query)
    assert generation is not None
    outcome = session.run(store, query, generation)
    assert outcome is not None
    return outcome


def results(total_hits: int, positions: list[int]) -> SearchResults:
    return SearchResults(query="q", hits=[], total_hits=total_hits, event_positions=positions)


# ---------------------------------------------------------------------------- stale results
def test_a_result_for_an_older_query_is_dropped(seed_store: Store):
    session = SearchSession()
    moscow = searched(session, seed_store, "Москва")
    session.start("Женева")  # typed on before the first search's results arrived
    assert not session.finish(moscow)
    assert session.results is None and session.searching


def test_the_result_for_the_latest_query_is_shown_with_its_highlighter(seed_store: Store):
    session = SearchSession()
    session.start("Москва")
    geneva = searched(session, seed_store, "Женева")
    assert session.finish(geneva)
    assert session.results is geneva.results and not session.searching
    assert session.results.event_positions == engine.search(seed_store, "Женева").event_positions
    assert session.spans is not None and session.spans("у Женеві") == [(2, 8)]  # any form of the word


def test_the_word_being_typed_finds_its_events_before_it_is_complete(seed_store: Store):
    session = SearchSession()
    outcome = searched(session, seed_store, "женев")
    assert session.finish(outcome) and session.results is not None
    assert session.results.event_positions == engine.search(seed_store, "Женева").event_positions
    assert session.spans is not None and session.spans("у Женеві") == [(2, 8)]  # the prefix highlighted
    assert session.status("uk") != "збігів немає"


def test_a_search_overtaken_before_it_began_is_not_run(seed_store: Store, monkeypatch):
    ran: list[str] = []
    monkeypatch.setattr(engine, "search", lambda store, query, **kwargs: ran.append(query))
    session = SearchSession()
    first = session.start("Москва")
    session.start("Женева")
    assert first is not None
    assert session.run(seed_store, "Москва", first) is None
    assert ran == []


def test_clearing_makes_a_running_search_stale(seed_store: Store):
    session = SearchSession()
    outcome = searched(session, seed_store, "Москва")
    session.clear()
    assert not session.finish(outcome)
    assert session.query == "" and session.results is None and not session.searching


def test_a_blank_query_shows_every_event_and_runs_no_search(seed_store: Store):
    session = SearchSession()
    session.finish(searched(session, seed_store, "Москва"))
    assert session.start("   ") is None
    assert session.results is None and session.spans is None and not session.searching


def test_a_failed_search_keeps_the_results_shown_and_says_why(seed_store: Store, monkeypatch):
    session = SearchSession()
    session.finish(searched(session, seed_store, "Москва"))
    shown = session.results

    def fail(store: Store, query: str, **kwargs: object) -> SearchResults:
        raise RuntimeError("the store has no search index")

    monkeypatch.setattr(engine, "search", fail)
    outcome = searched(session, seed_store, "Женева")
    assert outcome.error == "the store has no search index" and outcome.results is None
    assert session.finish(outcome)
    assert session.results is shown and not session.searching


# ---------------------------------------------------------------------------- Enter
def test_enter_on_results_shown_jumps_at_once(seed_store: Store):
    session = SearchSession()
    session.finish(searched(session, seed_store, "Давос"))
    assert session.enter("Давос")
    assert not session.take_jump()  # nothing left waiting


def test_enter_before_the_results_arrive_jumps_when_they_do_once(seed_store: Store):
    session = SearchSession()
    outcome = searched(session, seed_store, "Давос")
    assert not session.enter("Давос")  # still searching
    assert session.finish(outcome)
    assert session.take_jump()
    assert not session.take_jump()


def test_enter_on_a_query_not_searched_yet_waits_for_it(seed_store: Store):
    session = SearchSession()
    session.finish(searched(session, seed_store, "Давос"))
    assert not session.enter("Давос Женева")  # typed, but the pause that starts its search is not over
    assert session.jump_when_found


def test_a_failed_or_cleared_search_forgets_the_jump(seed_store: Store, monkeypatch):
    session = SearchSession()
    session.start("Давос")
    session.enter("Давос")
    session.clear()
    assert not session.take_jump()
    generation = session.start("Давос")
    session.enter("Давос")
    assert generation is not None
    session.finish(SearchOutcome(generation, "Давос", error="broken"))
    assert not session.take_jump()


# ---------------------------------------------------------------------------- what it says and hides
@pytest.mark.parametrize(
    ("lang", "hits", "events", "expected"),
    [
        ("uk", 3, 2, "3 збіги · 2 події"),
        ("uk", 21, 1, "21 збіг · 1 подія"),
        ("uk", 5, 11, "5 збігів · 11 подій"),
        ("en", 1, 1, "1 hit · 1 event"),
        ("en", 3, 2, "3 hits · 2 events"),
    ],
)
def test_the_count_line_counts_hits_and_events(lang: str, hits: int, events: int, expected: str):
    session = SearchSession()
    generation = session.start("q")
    assert generation is not None
    session.finish(SearchOutcome(generation, "q", results(hits, list(range(events)))))
    assert session.status(lang) == expected


def test_the_count_line_says_searching_then_no_hits_then_nothing():
    session = SearchSession()
    assert session.status("uk") == ""
    generation = session.start("ґвалтоньки")
    assert session.status("uk") == "шукаю…" and session.status("en") == "searching…"
    assert generation is not None
    session.finish(SearchOutcome(generation, "ґвалтоньки", results(0, [])))
    assert session.status("uk") == "збігів немає"
    session.clear()
    assert session.status("uk") == ""


def test_only_events_the_search_did_not_find_are_hidden():
    session = SearchSession()
    assert not session.hides(7)  # no search: every event shows
    generation = session.start("q")
    assert generation is not None
    session.finish(SearchOutcome(generation, "q", results(2, [3, 7])))
    assert not session.hides(7) and session.hides(4)


# ---------------------------------------------------------------------------- "go to event"
def test_go_to_event_offers_each_event_once_best_first(seed_store: Store):
    found = events_matching(seed_store, seed_store, "Москва", 3)
    ranked: list[int] = []
    for hit in engine.search(seed_store, "Москва", limit=9, typing=True).hits:
        if hit.event_pos not in ranked:
            ranked.append(hit.event_pos)
    assert [row.pos for row, _ in found] == ranked[:3]
    assert len({row.id for row, _ in found}) == 3
    assert all(snippet for _, snippet in found)


def test_go_to_event_finds_the_name_being_typed(seed_store: Store):
    found = events_matching(seed_store, seed_store, "Уіткоф", 20)  # Віткофф, as the palette types it
    assert {row.id for row, _ in found} >= {"2025-03-13-moscow", "2026-davos-talks", "2026-01-22-moscow"}


# ---------------------------------------------------------------------------- warming up
def test_warming_up_loads_what_the_first_search_needs(seed_store: Store, monkeypatch):
    warmed: list[Store] = []
    monkeypatch.setattr(engine, "warm_up", warmed.append)
    SearchSession().warm_up(seed_store)
    assert warmed == [seed_store]


def test_warming_up_a_store_that_cannot_be_searched_raises_nothing(tiny_doc):
    store = Store.memory(tiny_doc)
    store.close()
    SearchSession().warm_up(store)  # the search itself will say what is wrong


class ReadingStore:
    """Stands for the store a search is reading: counts the interruptions (:meth:`Store.interrupt`)."""

    def __init__(self) -> None:
        self.interruptions = 0

    def interrupt(self) -> None:
        self.interruptions += 1


@pytest.mark.parametrize("then", ["types on", "clears"])
def test_a_letter_typed_interrupts_the_search_still_reading_for_the_letters_before(monkeypatch, then: str):
    session = SearchSession()
    store = ReadingStore()
    first = session.start("п")

    def reading(store: ReadingStore, query: str, *, cancelled, **kwargs: object) -> SearchResults:
        assert not cancelled()
        session.start("пер") if then == "types on" else session.clear()  # while this search reads
        assert store.interruptions == 1 and cancelled()
        raise sqlite3.OperationalError("interrupted")  # what the interrupted read raises

    monkeypatch.setattr(engine, "search", reading)
    assert first is not None
    assert session.run(store, "п", first) is None  # given up: nothing shown, no error said
    session.start("перег")
    assert store.interruptions == 1  # nothing is reading any more: nothing to interrupt

"""The detail loader, without Textual: the latest wanted event is always loaded, a stale one never shown."""

from __future__ import annotations

import threading

from chronology.db.store import EventDetail, Store
from chronology.tui.logic.detail import DetailLoader, LoaderThread


def test_the_first_wish_starts_a_load_and_later_ones_join_it():
    loader = DetailLoader()
    assert loader.want("a")  # nothing running: the caller starts a worker
    assert not loader.want("b") and not loader.want("c")  # picked up by that worker
    assert loader.busy


def test_a_load_ends_with_the_event_wanted_last(seed_store: Store):
    """The user moves on while an event is being read: the load reads the newest one before it returns, and
    skips those wanted in between."""
    ids = seed_store.event_ids()
    loader = DetailLoader()
    reads: list[str] = []
    reading_first, moved_on = threading.Event(), threading.Event()

    def read(event_id: str) -> EventDetail | None:
        reads.append(event_id)
        if event_id == ids[0]:
            reading_first.set()
            moved_on.wait(10)
        return seed_store.event(event_id)

    assert loader.want(ids[0])
    result: list[tuple[str, EventDetail | None]] = []
    worker = threading.Thread(target=lambda: result.append(loader.load_latest(read)))
    worker.start()
    reading_first.wait(10)
    for event_id in ids[1:6]:  # a burst of moves while the first read runs
        assert not loader.want(event_id)
    moved_on.set()
    worker.join(10)
    [(event_id, detail)] = result
    assert event_id == ids[5] and detail is not None and detail.event.id == ids[5]
    assert reads == [ids[0], ids[5]]
    assert not loader.busy and loader.want(ids[6])  # the next move starts a new load


def test_a_load_for_an_event_no_longer_highlighted_is_not_shown(seed_store: Store):
    ids = seed_store.event_ids()
    loader = DetailLoader()
    loader.want(ids[0])
    event_id, detail = loader.load_latest(seed_store.event)
    assert not loader.loaded(event_id, detail, highlighted=ids[1])
    assert loader.shown is None
    assert loader.loaded(event_id, detail, highlighted=ids[0])
    assert loader.shown is detail


def test_an_event_that_cannot_be_read_shows_as_nothing():
    def read(event_id: str) -> EventDetail | None:
        raise LookupError(event_id)

    loader = DetailLoader()
    loader.want("gone")
    assert loader.load_latest(read) == ("gone", None)
    assert not loader.busy


def test_a_shown_event_is_read_again_only_after_the_store_changed(seed_store: Store):
    ids = seed_store.event_ids()
    loader = DetailLoader()
    assert not loader.is_shown(ids[0])
    loader.want(ids[0])
    loader.loaded(*loader.load_latest(seed_store.event), highlighted=ids[0])
    assert loader.is_shown(ids[0]) and not loader.is_shown(ids[1])
    loader.outdated = True  # the store changed
    assert not loader.is_shown(ids[0])


def test_an_empty_timeline_forgets_the_event_shown(seed_store: Store):
    ids = seed_store.event_ids()
    loader = DetailLoader()
    loader.want(ids[0])
    loader.loaded(*loader.load_latest(seed_store.event), highlighted=ids[0])
    loader.forget()
    assert loader.shown is None and not loader.is_shown(ids[0])


def test_the_loader_thread_delivers_the_event_wanted_last_and_stops(seed_store: Store):
    ids = seed_store.event_ids()
    delivered: list[str] = []
    last = threading.Event()

    def deliver(event_id: str, detail: EventDetail | None) -> None:
        assert detail is not None and detail.event.id == event_id
        delivered.append(event_id)
        if event_id == ids[2]:
            last.set()

    thread = LoaderThread(DetailLoader(), seed_store.event, deliver)
    for event_id in ids[:3]:  # three moves in a row: the thread picks up the latest
        thread.want(event_id)
    assert last.wait(10)
    thread.stop()
    assert delivered[-1] == ids[2] and len(delivered) <= 3
    thread.want(ids[3])  # stopped: nothing more is read
    assert delivered[-1] == ids[2]

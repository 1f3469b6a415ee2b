"""Reading the store for the main screen, without Textual: per-purpose connections and the start-up snapshot.
And the main screen's plain classes (tui.logic) and its options import no Textual."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from chronology.db.store import Store
from chronology.tui.logic.readers import Preload, StoreReaders, StoreSnapshot


def test_a_store_in_memory_is_shared_by_every_purpose(seed_store: Store):
    readers = StoreReaders(seed_store)
    assert readers.get("search") is seed_store and readers.get("detail") is seed_store
    readers.close()
    assert seed_store.count_events() > 0  # not ours to close


def test_a_store_file_gives_each_purpose_a_connection_of_its_own(seed_db_path: Path):
    with Store.open(seed_db_path) as store:
        readers = StoreReaders(store)
        search, detail = readers.get("search"), readers.get("detail")
        assert search is not store and detail is not store and search is not detail
        assert readers.get("search") is search  # the same one each time
        assert search.count_events() == detail.count_events() == store.count_events()
        readers.close()
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            search.count_events()
        assert store.count_events() > 0  # the screen's own connection stays open
        assert readers.get("search") is not search  # asked again: a new one


def test_the_snapshot_holds_the_stores_shape_and_its_first_rows(seed_store: Store):
    snapshot = StoreSnapshot.read(seed_store, first_rows=5)
    assert snapshot.total == seed_store.count_events()
    assert snapshot.year_starts == seed_store.year_starts() and snapshot.tallies == seed_store.tally_rows()
    assert [row.id for row in snapshot.rows] == seed_store.event_ids()[:5]
    assert StoreSnapshot.read(seed_store).rows == []


def test_the_preload_hands_over_its_snapshot_once(seed_store: Store):
    preload = Preload(seed_store, first_rows=3)
    snapshot = preload.take()
    assert snapshot is not None and len(snapshot.rows) == 3
    assert preload.take() is None


def test_a_preload_that_fails_hands_over_nothing(tiny_doc):
    store = Store.memory(tiny_doc)
    store.close()  # reading it fails
    assert Preload(store, first_rows=3).take() is None


def test_the_screens_plain_classes_import_no_textual():
    code = (
        "import sys\n"
        "import chronology.tui.logic.search, chronology.tui.logic.detail, chronology.tui.logic.readers\n"
        "import chronology.tui.options\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich', 'pymorphy3')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"

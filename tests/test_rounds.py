"""Rounds of talks in the store: "when did they last meet" and moving to the next or previous round, each a
few index look-ups (no scan of the events), and the store upgrade that adds the indexes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from chronology.db.models import Chronology, EventKind, Status
from chronology.db.store import SCHEMA_VERSION, Store
from chronology.db.store.rounds import HELD, ROUND_KINDS


def _at(store: Store, pos: int | None) -> str | None:
    if pos is None:
        return None
    rows = store.rows_at([pos])
    return rows[0].id if rows else None


def _position(store: Store, event_id: str) -> int:
    pos = store.position(event_id)
    assert pos is not None
    return pos


def test_latest_round_that_took_place_is_the_last_held_meeting_or_talks(seed_store: Store) -> None:
    # After it come a statement, an announcement and the planned 22 January meeting: none took place as a round.
    assert _at(seed_store, seed_store.latest_held_round()) == "2026-davos-talks"


def test_next_and_previous_round_skip_statements_plans_and_announcements(seed_store: Store) -> None:
    cnbc = _position(seed_store, "2026-01-21-witkoff-cnbc")  # an interview
    # after it, the Kremlin's announcement, then the Davos talks (all three dated "by 21 January")
    assert _at(seed_store, seed_store.next_round(cnbc)) == "2026-davos-talks"
    # before it, an updated plan and Zelensky's interview, back to the 2 December meeting
    assert _at(seed_store, seed_store.previous_round(cnbc)) == "2025-12-02-moscow"
    davos = _position(seed_store, "2026-davos-talks")
    assert _at(seed_store, seed_store.next_round(davos)) == "2026-01-22-moscow"  # planned: still a round
    december = _position(seed_store, "2025-12-02-moscow")
    assert _at(seed_store, seed_store.next_round(december)) == "2026-davos-talks"
    # before it: autumn's two plans and the Geneva consultations, back to the autumn visits (a visit is a round)
    assert _at(seed_store, seed_store.previous_round(december)) == "2025-autumn-visits"


def test_no_round_beyond_the_ends(seed_store: Store) -> None:
    rows = seed_store.timeline()
    assert seed_store.next_round(rows[-1].pos) is None
    first_round = min(r.pos for r in rows if r.kind in ROUND_KINDS)
    assert seed_store.previous_round(first_round) is None
    assert seed_store.previous_round(0) is None


def test_rounds_agree_with_the_timeline_read_in_full(seed_store: Store) -> None:
    rows = seed_store.timeline()
    rounds = [r.pos for r in rows if r.kind in ROUND_KINDS]
    for row in rows:
        assert seed_store.next_round(row.pos) == next((p for p in rounds if p > row.pos), None)
        assert seed_store.previous_round(row.pos) == next((p for p in reversed(rounds) if p < row.pos), None)
    held = [r.pos for r in rows if r.kind in ROUND_KINDS and r.status == HELD]
    assert seed_store.latest_held_round() == held[-1]


def test_round_kinds_and_held_are_the_models_values() -> None:
    assert set(ROUND_KINDS) <= {k.value for k in EventKind}
    assert Status.HELD.value == HELD


def test_an_empty_store_has_no_rounds() -> None:
    with Store.memory(Chronology()) as store:
        assert (store.latest_held_round(), store.next_round(0), store.previous_round(0)) == (None, None, None)


def _plans(store: Store, run: Callable[[], object]) -> list[str]:
    """The query plans of every statement ``run`` sends to the store."""
    sent: list[str] = []
    store.conn.set_trace_callback(sent.append)
    try:
        run()
    finally:
        store.conn.set_trace_callback(None)
    plans = []
    for sql in sent:
        if sql.lstrip().upper().startswith("SELECT"):
            plans += [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return plans


@pytest.mark.parametrize("read", ["latest", "next", "previous"])
def test_round_reads_use_an_index_never_a_scan_of_the_events(seed_store: Store, read: str) -> None:
    middle = seed_store.count_events() // 2
    run = {
        "latest": seed_store.latest_held_round,
        "next": lambda: seed_store.next_round(middle),
        "previous": lambda: seed_store.previous_round(middle),
    }[read]
    plans = _plans(seed_store, run)
    assert plans and all("INDEX" in p for p in plans), plans
    assert not any(p.startswith("SCAN events") for p in plans), plans


def test_upgrade_from_schema_2_adds_the_event_indexes(tmp_path: Path, seed_doc: Chronology) -> None:
    path = tmp_path / "old.db"
    Store.build(path, seed_doc).close()
    conn = sqlite3.connect(path)
    for name in ("events_kind", "events_status", "events_month"):
        conn.execute(f"DROP INDEX {name}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.backup is not None and store.backup.exists()
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"events_kind", "events_status", "events_month"} <= indexes
        assert _at(store, store.latest_held_round()) == "2026-davos-talks"

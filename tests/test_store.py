"""The SQLite store: built atomically, readable by plain SQLite, never overwritten, lazy timeline reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from chronology.db.errors import StoreError
from chronology.db.models import Chronology, parse_document
from chronology.db.store import SCHEMA_VERSION, Store

from .conftest import TINY_TEXT, tiny_data


def test_build_creates_a_plain_sqlite_store(tmp_path: Path, tiny_doc: Chronology):
    path = tmp_path / "sub" / "c.db"
    Store.build(path, tiny_doc).close()
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sources", "actors", "events", "quotes", "tallies", "event_actors", "citations"} <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT id FROM events ORDER BY date_lower").fetchall() == [("m1",), ("m2",)]
    conn.close()
    assert sorted(p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")) == []


def test_build_refuses_to_overwrite(tmp_path: Path, tiny_doc: Chronology):
    path = tmp_path / "c.db"
    path.write_bytes(b"precious")
    with pytest.raises(StoreError, match="already exists"):
        Store.build(path, tiny_doc)
    assert path.read_bytes() == b"precious"


def test_open_or_build_opens_existing_store_untouched(tmp_path: Path, tiny_doc: Chronology, seed_doc: Chronology):
    path = tmp_path / "c.db"
    Store.build(path, tiny_doc).close()
    before = path.read_bytes()
    with Store.open_or_build(path, seed_doc) as store:
        assert store.event_ids() == ["m1", "m2"]  # the tiny store, not rebuilt from the seed
    assert path.read_bytes() == before


def test_open_refuses_non_sqlite_file(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(path)
    assert path.read_text() == "not a database"


def test_open_refuses_other_sqlite_database(other_sqlite_db: Path):
    path = other_sqlite_db
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a chronology store"):
        Store.open(path)
    assert path.read_bytes() == before


def test_open_refuses_newer_schema(tmp_path: Path, tiny_doc: Chronology):
    path = tmp_path / "c.db"
    Store.build(path, tiny_doc).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer than this program knows"):
        Store.open(path)
    assert path.read_bytes() == before


def test_open_missing_file(tmp_path: Path):
    with pytest.raises(StoreError, match="no store at"):
        Store.open(tmp_path / "nope.db")


def test_round_trip_through_the_store(tiny_doc: Chronology, tiny_store: Store):
    doc = tiny_store.to_document()
    assert doc.actors == sorted(tiny_doc.actors, key=lambda a: a.id)  # stores keep actors by id
    assert doc.model_copy(update={"actors": tiny_doc.actors}) == tiny_doc


def test_seed_round_trips(seed_doc: Chronology, seed_store: Store):
    doc = seed_store.to_document()
    assert doc.sources == seed_doc.sources
    assert doc.actors == sorted(seed_doc.actors, key=lambda a: a.id)
    assert {e.id: e for e in doc.events} == {e.id: e for e in seed_doc.events}
    assert {q.id: q for q in doc.quotes} == {q.id: q for q in seed_doc.quotes}
    assert doc.tallies == seed_doc.tallies


def _records_match_models(store: Store) -> None:
    ids = store.event_ids()
    records = store.event_records([*ids, "no-such-event"])
    models = store.events_by_id(ids)
    assert list(records) == list(models)  # the same events, unknown ids left out
    for eid in ids:
        dumped = models[eid].model_dump(mode="json")
        assert records[eid] == dumped, eid
        assert list(records[eid]) == list(dumped), eid  # the same keys, in the same order
        for claim, claim_dumped in zip(records[eid]["claims"], dumped["claims"], strict=True):
            assert list(claim) == list(claim_dumped)


def test_event_records_are_the_models_json_data_for_the_seed(seed_store: Store):
    """The drafting engine reads stored events as records, without pydantic: exactly the models' JSON data."""
    _records_match_models(seed_store)


def test_event_records_are_the_models_json_data_with_claims_and_missing_fields():
    data = tiny_data()
    t = TINY_TEXT
    passage = {"source_id": "src", "offset": 0, "text": t[:20]}
    data["events"][0]["claims"] = [
        {"field": "date", "value": "2025-03-14", "passage": passage},
        {"field": "status", "value": "cancelled", "passage": passage},
        {"field": "place", "value": "Київ", "passage": passage},
        {
            "field": "duration",
            "value": "понад 12 годин",
            "duration": {"minutes": 720, "qualifier": "at_least", "phrase": "понад 12 годин"},
            "passage": passage,
        },
        {
            "field": "duration",
            "value": "720 min",
            "duration": {"minutes": 720, "qualifier": "exact"},
            "passage": passage,
        },
    ]
    data["events"].append(  # no place, no participants, a duration without the source's words, notes
        {
            "id": "m3",
            "kind": "talks",
            "date": "2025-23",
            "date_phrase": "13 березня",
            "date_phrase_en": "March 13",
            "before": "m2",
            "note": "примітка",
            "note_en": "a note",
            "status": "cancelled",
            "status_as_of": "2025-12-01",
            "duration": {"minutes": 90, "qualifier": "about"},
            "title": "Скасовані перемовини",
            "outcome": "нічого",
            "outcome_en": "nothing",
            "citations": [passage, {"source_id": "src", "offset": 1, "text": t[1:30]}],
        }
    )
    with Store.memory(parse_document(data)) as store:
        _records_match_models(store)
        assert store.event_records(["m2"])["m2"]["duration"] is None
        assert store.event_records(["m3"])["m3"]["participants"] == []


def test_timeline_is_in_date_order_and_windowed(seed_store: Store):
    rows = seed_store.timeline()
    assert [r.pos for r in rows] == list(range(len(rows)))
    lowers = [r.date for r in rows]
    assert len(lowers) == seed_store.count_events()
    window = seed_store.timeline(2, 3)
    assert window == rows[2:5]
    years = seed_store.year_starts()
    assert [y for y, _, _ in years] == sorted({r.year for r in rows})
    assert sum(n for _, _, n in years) == len(rows)


def test_gap_days_since_previous_held_round(tiny_store: Store):
    rows = {r.id: r for r in tiny_store.timeline()}
    assert rows["m1"].gap_days is None
    assert rows["m2"].gap_days == (365 - 72 + 22)  # 13 Mar 2025 → 22 Jan 2026


def test_event_detail(tiny_store: Store):
    d = tiny_store.event("m1")
    assert d is not None
    assert d.event.participants == ["witkoff", "putin"]
    assert set(d.actors) == {"witkoff", "putin", "ushakov"}
    assert [q.id for q in d.quotes] == ["q1"]
    assert [t.tally.id for t in d.tallies] == ["t1"] and d.tallies[0].dated == 1
    assert tiny_store.event("nope") is None


def test_rows_at_keeps_the_given_order(seed_store: Store):
    rows = seed_store.timeline()
    assert seed_store.rows_at([3, 0, 7]) == [rows[3], rows[0], rows[7]]
    assert seed_store.rows_at([]) == []


def test_data_version_changes_when_another_connection_writes(tmp_path: Path, tiny_doc: Chronology):
    path = tmp_path / "c.db"
    reader = Store.build(path, tiny_doc)
    before = reader.data_version()
    writer = Store.open(path)
    writer.write(tiny_doc.model_copy(update={"events": [tiny_doc.events[0].model_copy(update={"title": "Нове"})]}))
    writer.close()
    assert reader.data_version() != before
    assert reader.event("m1").event.title == "Нове"
    reader.close()

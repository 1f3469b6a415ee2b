"""Shared fixtures: a small hand-made chronology, stores built from it or from the seed, pinned locale."""

from __future__ import annotations

import copy
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from chronology.db.models import Chronology, parse_document
from chronology.db.seeds import load_seed
from chronology.db.store import Store

# Pin the environment: tests never read the developer's own store, language or locale.
os.environ.pop("CHRONOLOGY_DB", None)
os.environ["CHRONOLOGY_LANG"] = "uk"
os.environ["LANG"] = "C.UTF-8"
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
# …nor the settings the app remembers (theme, language): a folder of their own, empty.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="chronology-tests-config-")

TINY_TEXT = (
    "13 березня 2025 року Віткофф зустрівся з путіним у Москві. Зустріч тривала понад 12 годин. "
    'Ушаков назвав перемовини "конструктивними". '
    "Наступна зустріч запланована на 22 січня 2026 року."
)


def tiny_data() -> dict[str, Any]:
    """A minimal valid document as decoded JSON (tests mutate copies of it)."""
    t = TINY_TEXT
    return copy.deepcopy(
        {
            "sources": [
                {
                    "id": "src",
                    "outlet": "УНН",
                    "cites": ["Reuters"],
                    "title": "Тестова стаття",
                    "published": "2026-01-21",
                    "language": "uk",
                    "text": t,
                }
            ],
            "actors": [
                {
                    "id": "witkoff",
                    "name_uk": "Стівен Віткофф",
                    "name_en": "Steve Witkoff",
                    "aliases": ["Віткофф", "Уіткофф", "Witkoff"],
                    "role": "спецпосланець",
                    "side": "US",
                },
                {
                    "id": "putin",
                    "name_uk": "Володимир Путін",
                    "name_en": "Vladimir Putin",
                    "aliases": ["путін"],
                    "role": "президент росії",
                    "side": "RU",
                },
                {
                    "id": "ushakov",
                    "name_uk": "Юрій Ушаков",
                    "name_en": "Yuri Ushakov",
                    "role": "представник кремля",
                    "side": "RU",
                },
            ],
            "events": [
                {
                    "id": "m1",
                    "kind": "meeting",
                    "date": "2025-03-13",
                    "place": "Москва",
                    "duration": {"minutes": 720, "qualifier": "at_least", "phrase": "понад 12 годин"},
                    "participants": ["witkoff", "putin"],
                    "title": "Перша зустріч",
                    "summary": "Віткофф зустрівся з путіним.",
                    "citations": [
                        {"source_id": "src", "offset": 0, "text": t[: t.index("годин.") + len("годин.")]},
                        {
                            "source_id": "src",
                            "offset": t.index("Ушаков"),
                            "text": 'Ушаков назвав перемовини "конструктивними".',
                        },
                    ],
                },
                {
                    "id": "m2",
                    "kind": "meeting",
                    "date": "2026-01-22",
                    "status": "planned",
                    "status_as_of": "2026-01-21",
                    "participants": ["witkoff", "putin"],
                    "title": "Запланована зустріч",
                    "citations": [
                        {
                            "source_id": "src",
                            "offset": t.index("Наступна"),
                            "text": "Наступна зустріч запланована на 22 січня 2026 року.",
                        }
                    ],
                },
            ],
            "quotes": [
                {
                    "id": "q1",
                    "event_id": "m1",
                    "speaker_id": "ushakov",
                    "text": "конструктивними",
                    "given_as": None,
                    "source_id": "src",
                    "offset": t.index("конструктивними"),
                }
            ],
            "tallies": [
                {
                    "id": "t1",
                    "subject": "зустрічі",
                    "period": "2025",
                    "stated": 2,
                    "event_ids": ["m1"],
                    "citation": {"source_id": "src", "offset": 0, "text": "13 березня 2025 року"},
                }
            ],
        }
    )


@pytest.fixture
def tiny_doc() -> Chronology:
    return parse_document(tiny_data())


@pytest.fixture
def tiny_store(tiny_doc: Chronology):
    store = Store.memory(tiny_doc)
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_doc() -> Chronology:
    return load_seed()


@pytest.fixture
def seed_store(seed_doc: Chronology):
    store = Store.memory(seed_doc)
    yield store
    store.close()


@pytest.fixture
def seed_db_path(tmp_path: Path, seed_doc: Chronology) -> Path:
    """A store file built from the seed, in a temp folder."""
    path = tmp_path / "store.db"
    Store.build(path, seed_doc).close()
    return path


@pytest.fixture
def other_sqlite_db(tmp_path: Path) -> Path:
    """A SQLite database that is not a chronology store (one table of its own)."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path

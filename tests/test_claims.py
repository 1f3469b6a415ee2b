"""Claims of sources that disagree (issue #12): kept on the event with their passages, checked verbatim, stored,
upgraded into older stores, and shown side by side by `show`, the detail pane and the Markdown export."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from chronology.db.errors import ChronologyError, ImportRefused
from chronology.db.io import ImportFile, export_json, import_files, read_import_file
from chronology.db.models import parse_document
from chronology.db.rules import check_document
from chronology.db.store import SCHEMA_VERSION, Store
from chronology.tui.cli import main
from chronology.tui.present.event_view import EventView
from chronology.tui.present.exports.csv import export_csv
from chronology.tui.present.exports.markdown import export_markdown
from chronology.tui.present.exports.timelinejs import export_timelinejs
from chronology.tui.present.plain import plain_lines
from chronology.tui.widgets.detail import pane_texts

from .conftest import TINY_TEXT, tiny_data

OTHER_TEXT = "За іншими даними, зустріч у Москві 13 березня 2025 року тривала близько п'яти годин."


def with_claims() -> dict[str, Any]:
    """The tiny chronology with a second source that gives the first meeting another duration."""
    data = tiny_data()
    data["sources"].append(
        {"id": "other", "outlet": "Інше видання", "title": "Інша стаття", "published": "2025-03-14", "text": OTHER_TEXT}
    )
    event = data["events"][0]
    event["citations"].append({"source_id": "other", "offset": 0, "text": OTHER_TEXT})
    event["claims"] = [
        {
            "field": "duration",
            "value": "понад 12 годин",
            "duration": {"minutes": 720, "qualifier": "at_least", "phrase": "понад 12 годин"},
            "passage": {
                "source_id": "src",
                "offset": TINY_TEXT.index("Зустріч тривала"),
                "text": "Зустріч тривала понад 12 годин.",
            },
        },
        {
            "field": "duration",
            "value": "близько п'яти годин",
            "duration": {"minutes": 300, "qualifier": "about", "phrase": "близько п'яти годин"},
            "passage": {"source_id": "other", "offset": 0, "text": OTHER_TEXT},
        },
    ]
    return data


@pytest.fixture
def claims_store():
    store = Store.memory(parse_document(with_claims()))
    yield store
    store.close()


def test_a_claim_is_checked_verbatim_like_a_citation() -> None:
    data = with_claims()
    data["events"][0]["claims"][1]["passage"]["offset"] = 5
    with pytest.raises(ChronologyError) as caught:
        check_document(parse_document(data))
    assert caught.value.problems == [
        "events[m1].claims[1].passage.text: not found verbatim at offset 5 of 'other' (it is at offset 0)"
    ]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"field": "date", "value": "13 березня"}, "not an EDTF date"),
        ({"field": "status", "value": "postponed"}, "status claim 'postponed'"),
        ({"field": "duration", "duration": None}, "a duration claim needs its duration"),
        ({"field": "colour"}, "events[m1].claims[0].field"),
    ],
)
def test_a_claim_holds_a_value_of_its_field(change: dict[str, Any], words: str) -> None:
    data = with_claims()
    data["events"][0]["claims"][0].update(change)
    with pytest.raises(ChronologyError) as caught:
        parse_document(data)
    assert any(words in p for p in caught.value.problems), caught.value.problems


def test_claims_are_stored_read_back_and_exported(claims_store: Store) -> None:
    detail = claims_store.event("m1")
    assert detail is not None
    assert [(c.field.value, c.value) for c in detail.event.claims] == [
        ("duration", "понад 12 годин"),
        ("duration", "близько п'яти годин"),
    ]
    assert set(detail.sources) == {"src", "other"}
    assert claims_store.events_by_id(["m1"])["m1"].claims == detail.event.claims
    exported = export_json(claims_store)
    with Store.memory() as copy:
        import_files(copy, [read_import_file("-", io.TextIOWrapper(io.BytesIO(exported.encode())))])
        assert export_json(copy) == exported


def test_a_new_source_text_must_still_hold_the_claims_passages(claims_store: Store) -> None:
    data = {"sources": [dict(with_claims()["sources"][1], text="Зовсім інший текст.")]}
    with pytest.raises(ImportRefused) as caught:
        import_files(claims_store, [ImportFile("x.json", parse_document(data))])
    assert any("events[m1].claims[1].passage" in p for p in caught.value.problems)


def test_show_puts_the_claims_side_by_side_with_their_sources(tmp_path: Path, capsys) -> None:
    path = tmp_path / "store.db"
    Store.build(path, parse_document(with_claims())).close()
    out = io.StringIO()
    assert main(["--db", str(path), "show", "m1"], out=out) == 0
    lines = out.getvalue().splitlines()
    at = lines.index("Джерела розходяться:")
    assert lines[at - 1] == "Тривалість: понад 12 годин"
    assert lines[at + 1].startswith("  Тривалість: понад 12 годин — УНН, 21 січня 2026 р. [символи ")
    assert lines[at + 2] == "    «Зустріч тривала понад 12 годин.»"
    assert lines[at + 3].startswith("  Тривалість: близько п'яти годин — Інше видання, 14 березня 2025 р.")
    assert lines[at + 4] == f"    «{OTHER_TEXT}»"
    out = io.StringIO()
    assert main(["--db", str(path), "--lang", "en", "show", "m1"], out=out) == 0
    assert "Sources disagree:\n  Duration: more than 12 hours — УНН" in out.getvalue()
    assert "  Duration: about 5 hours — Інше видання" in out.getvalue()


def test_the_pane_and_the_markdown_show_the_claims(claims_store: Store) -> None:
    detail = claims_store.event("m1")
    assert detail is not None
    view = EventView.build(detail, "uk")
    assert [c.value.text for c in view.claims] == ["понад 12 годин", "близько п'яти годин"]
    head = pane_texts(view).head.plain
    assert "Джерела розходяться:\n  Тривалість: понад 12 годин — УНН, 21 січня 2026 р." in head
    assert f"«{OTHER_TEXT}»" in head
    md = export_markdown(claims_store)
    assert "- **Джерела розходяться:**\n  - Тривалість: понад 12 годин [2, символи " in md
    assert "  - Тривалість: близько п'яти годин [1, символи 0–" in md
    assert "Джерела розходяться:" not in plain_lines(EventView.build(claims_store.event("m2"), "uk"))


def test_the_csv_and_the_timeline_carry_the_claims(claims_store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(claims_store, "en"))))
    m1 = next(r for r in rows if r["id"] == "m1")
    assert m1["claims"].splitlines()[1].startswith("Duration: about 5 hours — Інше видання, March 14, 2025, chars 0–")
    assert next(r for r in rows if r["id"] == "m2")["claims"] == ""
    slides = json.loads(export_timelinejs(claims_store))["events"]
    text = next(s["text"]["text"] for s in slides if "Перша зустріч" in s["text"]["headline"])
    assert "<b>Джерела розходяться:</b> Тривалість: понад 12 годин (УНН, 21 січня 2026 р.) · " in text


def test_an_older_store_gets_the_claims_table_on_opening(tmp_path: Path, tiny_doc) -> None:
    path = tmp_path / "old.db"
    Store.build(path, tiny_doc).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE claims")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.backup is not None
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        import_files(store, [ImportFile("c.json", parse_document(with_claims()))])
        assert len(store.event("m1").event.claims) == 2

"""The command line for scripts and what a search finds: `search`'s exit status, filters and whole words;
`list --json`, `show --json`; `export --query` in every format, and its JSON imported into an empty store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from chronology.db.models import Chronology
from chronology.db.search import search
from chronology.db.store import Store
from chronology.tui.cli import main
from chronology.tui.present.as_json import ROW_KEYS
from chronology.tui.present.event_view import EventView
from chronology.tui.present.exports import TEXT_FORMATS, export
from chronology.tui.present.plain import plain_lines

KUSHNER_EVENTS = ["2025-12-02-moscow", "2026-01-22-moscow"]  # took part: учасник:Кушнер, in date order


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


# ----------------------------------------------------------------------------------- search
def test_search_exits_0_when_something_matches_and_1_when_nothing_does(seed_db_path: Path) -> None:
    assert run("--db", str(seed_db_path), "search", "Женева")[0] == 0
    code, out = run("--db", str(seed_db_path), "search", "абракадабра")
    assert code == 1 and "абракадабра" in out
    code, out = run("--db", str(seed_db_path), "search", "--json", "абракадабра")
    assert code == 1 and json.loads(out) == []
    assert run("--db", str(seed_db_path), "search", "--json", "Женева")[0] == 0


def test_search_exit_status_in_a_shell(seed_db_path: Path) -> None:
    def status(*query: str) -> int:
        argv = [sys.executable, "-m", "chronology.tui.cli", "--db", str(seed_db_path), "search", *query]
        return subprocess.run(argv, capture_output=True, text=True, timeout=120).returncode

    assert (status("Женева"), status("абракадабра"), status("-Женева")) == (0, 1, 2)


def test_search_help_gives_the_filters_whole_words_and_exit_status(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--help", "--lang", "en"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for needle in ("місце:", "place:", "вид:", "kind:", "учасник:", "with:", "статус:", "status:", "рік:", "year:"):
        assert needle in text, needle
    assert "Words are whole words here" in text and "as a prefix" in text
    assert "Exit status: 0 if something matched, 1 if nothing did" in text


def test_the_command_line_keeps_whole_words_unless_a_star_is_given(seed_db_path: Path) -> None:
    assert run("--db", str(seed_db_path), "search", "женев")[0] == 1
    code, out = run("--db", str(seed_db_path), "search", "женев*")
    assert code == 0 and "(2025-autumn-geneva-consultations)" in out


def test_search_with_field_filters(seed_db_path: Path) -> None:
    code, out = run("--db", str(seed_db_path), "search", "--limit", "0", "місце:Москва", "-грудня")
    assert code == 0
    found = {line.rsplit("(", 1)[1].rstrip(")") for line in out.splitlines() if line.endswith(")")}
    assert found == {"2025-03-13-moscow", "2025-08-06-moscow", "2026-01-22-moscow"}
    assert "[назва]" in out  # found by the field alone: a hit on the title
    code, out = run("--db", str(seed_db_path), "search", "--json", "учасник:Кушнером")
    assert code == 0 and [h["event_id"] for h in json.loads(out)] == KUSHNER_EVENTS


# ----------------------------------------------------------------------------------- list and show as JSON
def test_list_json_is_one_object_per_event_in_date_order_with_stable_keys(seed_db_path: Path, seed_doc) -> None:
    code, out = run("--db", str(seed_db_path), "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == len(seed_doc.events)
    assert all(tuple(r) == ROW_KEYS for r in rows)
    assert [r["pos"] for r in rows] == list(range(len(rows)))
    moscow = next(r for r in rows if r["id"] == "2025-03-13-moscow")
    assert moscow["date"] == "2025-03-13" and moscow["date_text"] == "13 березня 2025 р."
    assert (moscow["kind"], moscow["kind_text"], moscow["status"]) == ("meeting", "зустріч", "held")
    assert moscow["place"] == "Москва" and moscow["duration_minutes"] == 720
    english = json.loads(run("--db", str(seed_db_path), "list", "--json", "--lang", "en")[1])
    assert [tuple(r) for r in english] == [tuple(r) for r in rows]  # the same keys in either language
    assert next(r for r in english if r["id"] == "2025-03-13-moscow")["kind_text"] == "meeting"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_show_json_says_what_show_says_in_its_order(seed_db_path: Path, seed_doc: Chronology, lang: str) -> None:
    with Store.open(seed_db_path) as store:
        for event in seed_doc.events:
            code, out = run("--db", str(seed_db_path), "show", event.id, "--json", "--lang", lang)
            assert code == 0
            shown = json.loads(out)
            detail = store.event(event.id)
            assert detail is not None
            view = EventView.build(detail, lang)
            assert (shown["id"], shown["date"], shown["title"]) == (event.id, event.date, view.title)
            assert [s["key"] for s in shown["sections"]] == [s.key for s in view.sections]
            assert tuple(s["label"] for s in shown["sections"] if s["label"]) == view.labels
            printed = "\n".join(plain_lines(view))
            for section in shown["sections"]:
                for text in _texts(section):
                    assert text in printed, (event.id, section["key"], text)


def _texts(section: dict) -> list[str]:
    found = [section["text"]] if isinstance(section.get("text"), str) else []
    found += [p["name"] for p in section.get("people", [])]
    found += [q["text"] for q in section.get("quotes", [])] + [q["speaker"] for q in section.get("quotes", [])]
    found += [c["text"] for c in section.get("passages", [])] + [c["where"] for c in section.get("passages", [])]
    return found


def test_show_json_of_an_unknown_event_is_an_error(seed_db_path: Path) -> None:
    assert run("--db", str(seed_db_path), "show", "nothing-here", "--json")[0] == 1


# ----------------------------------------------------------------------------------- export --query
def test_export_query_json_imports_into_an_empty_store_and_exports_the_same(seed_db_path: Path, tmp_path: Path) -> None:
    part = tmp_path / "kushner.json"
    assert run("--db", str(seed_db_path), "export", "--query", "учасник:Кушнер", "-o", str(part))[0] == 0
    doc = json.loads(part.read_text(encoding="utf-8"))
    assert [e["id"] for e in doc["events"]] == KUSHNER_EVENTS
    assert {q["event_id"] for q in doc["quotes"]} <= set(KUSHNER_EVENTS)
    assert {a["id"] for a in doc["actors"]} >= {"witkoff", "kushner", "putin"}
    assert all(set(t["event_ids"]) <= set(KUSHNER_EVENTS) and t["event_ids"] for t in doc["tallies"])
    empty = tmp_path / "empty.db"
    code, out = run("--db", str(empty), "import", "--no-seed", str(part))
    assert code == 0, out
    code, again = run("--db", str(empty), "export")
    assert code == 0 and again.encode("utf-8") == part.read_bytes()
    with Store.open(empty) as store:
        assert store.event_ids() == KUSHNER_EVENTS


def test_export_query_takes_every_record_the_events_need(seed_db_path: Path, tmp_path: Path) -> None:
    """Each quote's speaker and source, each participant, the count the 2025 meetings belong to."""
    code, out = run("--db", str(seed_db_path), "export", "--query", "вид:зустріч рік:2025")
    assert code == 0
    doc = json.loads(out)
    events = {e["id"] for e in doc["events"]}
    assert "2025-04-11-saint-petersburg" in events and "2026-01-22-moscow" not in events
    actors = {a["id"] for a in doc["actors"]}
    assert {p for e in doc["events"] for p in e["participants"]} <= actors
    assert {q["speaker_id"] for q in doc["quotes"] if q["speaker_id"]} <= actors
    assert "ushakov" in actors  # speaks in the St Petersburg meeting's quote, takes no part
    sources = {s["id"] for s in doc["sources"]}
    assert {q["source_id"] for q in doc["quotes"]} | {t["citation"]["source_id"] for t in doc["tallies"]} <= sources
    assert doc["tallies"] and all(set(t["event_ids"]) <= events for t in doc["tallies"])
    empty = tmp_path / "empty.db"
    path = tmp_path / "meetings.json"
    path.write_text(out, encoding="utf-8")
    assert run("--db", str(empty), "import", "--no-seed", str(path))[0] == 0


@pytest.mark.parametrize("fmt", ["csv", "md", "timelinejs"])
def test_export_query_in_every_format_holds_just_the_matching_events(
    seed_db_path: Path, seed_doc: Chronology, fmt: str
) -> None:
    code, out = run("--db", str(seed_db_path), "export", "--format", fmt, "--query", "учасник:Кушнер")
    assert code == 0
    if fmt == "csv":
        assert [r["id"] for r in csv.DictReader(io.StringIO(out, newline=""))] == KUSHNER_EVENTS
    elif fmt == "md":
        titles = {e.id: e.title for e in seed_doc.events}
        headings = [line for line in out.splitlines() if line.startswith("### ")]
        assert len(headings) == len(KUSHNER_EVENTS)
        assert all(h.endswith(f" — {titles[eid]}") for h, eid in zip(headings, KUSHNER_EVENTS, strict=True))
        assert "## Джерела" in out and "1. УНН" in out
    else:
        assert [e["unique_id"] for e in json.loads(out)["events"]] == KUSHNER_EVENTS


def test_export_query_that_finds_nothing_writes_nothing(seed_db_path: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "none.json"
    code, out = run("--db", str(seed_db_path), "export", "--query", "абракадабра", "-o", str(target))
    assert code == 1 and not target.exists() and out == ""
    assert "жодна подія не відповідає «абракадабра»; нічого не експортовано" in capsys.readouterr().err
    assert run("--db", str(seed_db_path), "export", "--query", "  ")[0] == 2


def test_export_function_of_some_events_for_the_app(seed_store: Store) -> None:
    """What the palette's "export these N events" calls: the events a search shows, by id."""
    results = search(seed_store, "місце:Москва", limit=0)
    ids = [row.id for row in seed_store.rows_at(results.event_positions)]
    assert len(ids) == 4
    for fmt in TEXT_FORMATS:
        text = export(seed_store, fmt, "en", event_ids=ids)
        assert all(eid in text for eid in ids) and "2025-04-11-saint-petersburg" not in text, fmt
    assert export(seed_store, "json") == export(seed_store, "json", event_ids=None)

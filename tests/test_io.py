"""Import, export and schema: round trips, idempotence, all-or-nothing refusals, the export formats' shapes."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import chronology.db.io as io_module
import pytest
from chronology.db.edtf import parse_edtf
from chronology.db.errors import ImportRefused
from chronology.db.infiles import Cap
from chronology.db.io import (
    KINDS,
    ImportFile,
    dumps_document,
    dumps_schema,
    export_json,
    import_files,
    read_import_file,
)
from chronology.db.models import Chronology, Event, parse_document
from chronology.db.seeds import seed_files
from chronology.db.store import Store
from chronology.tui.cli import main
from chronology.tui.present.exports.csv import CSV_COLUMNS
from chronology.tui.present.exports.markdown import md_escape
from chronology.tui.present.exports.timelinejs import export_timelinejs, timeline_date
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import TINY_TEXT, tiny_data

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-import.json"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def error_lines(err: str) -> list[str]:
    lines = err.splitlines()
    assert lines, "no error printed"
    assert all(line.startswith("chronology: ") for line in lines), err
    assert "Traceback" not in err
    return lines


def new_event(eid: str = "m3") -> dict[str, Any]:
    """A valid event citing the tiny source (test data only)."""
    t = TINY_TEXT
    return {
        "id": eid,
        "kind": "talks",
        "date": "2025-06",
        "title": "Ще одна подія",
        "citations": [{"source_id": "src", "offset": t.index("Зустріч"), "text": "Зустріч тривала понад 12 годин."}],
    }


@pytest.fixture
def tiny_db(tmp_path: Path, tiny_doc: Chronology) -> Path:
    path = tmp_path / "tiny.db"
    Store.build(path, tiny_doc).close()
    return path


# ---------------------------------------------------------------------- round trip and idempotence
def test_json_round_trip_through_an_empty_store_is_byte_identical(tmp_path: Path, seed_db_path: Path):
    first = tmp_path / "first.json"
    assert run("--db", str(seed_db_path), "export", "--format", "json", "-o", str(first))[0] == 0
    empty = tmp_path / "empty.db"
    code, out = run("--db", str(empty), "import", "--no-seed", str(first))
    assert code == 0, out
    code, second = run("--db", str(empty), "export", "--format", "json")
    assert code == 0
    assert second.encode("utf-8") == first.read_bytes()


def test_json_export_is_the_import_format_and_deterministic(seed_store: Store, seed_doc: Chronology):
    text = export_json(seed_store)
    assert text.endswith("}\n") and "\\u04" not in text  # Cyrillic as is, not escaped
    doc = parse_document(json.loads(text))
    assert doc == seed_store.to_document()
    assert {e.id for e in doc.events} == {e.id for e in seed_doc.events}
    assert export_json(seed_store) == text
    with Store.memory(doc) as again:
        assert export_json(again) == text


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path, seed_db_path: Path):
    code, out = run("--db", str(seed_db_path), "import", str(EXAMPLE))
    assert code == 0
    assert "цитати: додано 1, оновлено 0, без змін 0" in out
    after_first = seed_db_path.read_bytes()
    code, out = run("--db", str(seed_db_path), "import", str(EXAMPLE))
    assert code == 0
    assert "цитати: додано 0, оновлено 0, без змін 1" in out and "нічого не змінено" in out
    assert seed_db_path.read_bytes() == after_first


def test_whole_export_reimported_reports_everything_unchanged(tmp_path: Path, seed_db_path: Path):
    dump = tmp_path / "all.json"
    run("--db", str(seed_db_path), "export", "-o", str(dump))
    before = seed_db_path.read_bytes()
    code, out = run("--db", str(seed_db_path), "import", str(dump), "--lang", "en")
    assert code == 0
    assert "events: 0 added, 0 updated, 17 unchanged" in out
    assert "quotes: 0 added, 0 updated, 9 unchanged" in out
    assert seed_db_path.read_bytes() == before


def test_update_replaces_a_record_and_is_counted(tiny_db: Path, tmp_path: Path):
    data = tiny_data()
    data["events"][0]["title"] = "Нова назва"
    data["events"][0]["participants"] = ["witkoff"]
    code, out = run("--db", str(tiny_db), "import", str(write_json(tmp_path / "u.json", data)), "--lang", "en")
    assert code == 0
    assert "events: 0 added, 1 updated, 1 unchanged" in out
    assert "people: 0 added, 0 updated, 3 unchanged" in out
    with Store.open(tiny_db) as store:
        detail = store.event("m1")
        assert detail is not None
        assert detail.event.title == "Нова назва" and detail.event.participants == ["witkoff"]
        assert [q.id for q in detail.quotes] == ["q1"]  # replacing an event keeps the quotes that cite it


def test_dry_run_reports_and_changes_nothing(tiny_db: Path, tmp_path: Path):
    f = write_json(tmp_path / "new.json", {"events": [new_event()]})
    before = tiny_db.read_bytes()
    code, out = run("--db", str(tiny_db), "import", "--dry-run", str(f), "--lang", "en")
    assert code == 0
    assert "events: 1 added, 0 updated, 0 unchanged" in out and "Dry run: nothing was written" in out
    assert tiny_db.read_bytes() == before
    with Store.open(tiny_db) as store:
        assert store.event("m3") is None
    code, out = run("--db", str(tiny_db), "import", str(f))
    assert code == 0
    with Store.open(tiny_db) as store:
        assert store.event("m3") is not None
        assert store.event_ids() == ["m1", "m3", "m2"]  # placed in date order


def test_dry_run_on_a_missing_store_creates_nothing(tmp_path: Path):
    path = tmp_path / "new.db"
    code, out = run("--db", str(path), "import", "--dry-run", str(EXAMPLE))
    assert code == 0 and "цитати: додано 1" in out
    assert f"сховища {path} ще немає, і його не створено (порівняно з вбудованими даними)" in out
    assert not path.exists() and sorted(p.name for p in tmp_path.iterdir()) == []


def test_import_into_a_missing_store_starts_from_the_seed(tmp_path: Path, seed_doc: Chronology):
    path = tmp_path / "new.db"
    code, out = run("--db", str(path), "import", str(EXAMPLE))
    assert code == 0 and f"Створено {path} із вбудованих даних і {EXAMPLE}." in out
    with Store.open(path) as store:
        assert store.count_events() == len(seed_doc.events)
        assert len(store.quotes()) == len(seed_doc.quotes) + 1


def test_import_no_seed_starts_empty(tmp_path: Path, tiny_doc: Chronology):
    path = tmp_path / "new.db"
    f = write_json(tmp_path / "t.json", tiny_data())
    assert run("--db", str(path), "import", "--no-seed", str(f))[0] == 0
    with Store.open(path) as store:
        assert store.event_ids() == ["m1", "m2"]


def test_failed_import_into_a_missing_store_creates_nothing(tmp_path: Path, capsys):
    path = tmp_path / "new.db"
    data = tiny_data()
    data["events"][0]["date"] = "2025-02-30"
    code, _ = run("--db", str(path), "import", "--no-seed", str(write_json(tmp_path / "bad.json", data)))
    assert code == 1
    assert not path.exists() and [p.name for p in tmp_path.iterdir()] == ["bad.json"]
    error_lines(capsys.readouterr().err)


def test_references_resolve_against_the_file_and_the_store(tiny_db: Path, tmp_path: Path):
    t = TINY_TEXT
    data = {
        "events": [new_event()],
        "quotes": [
            # speaker and source from the store, event from the file
            {"id": "q2", "event_id": "m3", "speaker_id": "ushakov", "text": "тривала", "source_id": "src",
             "offset": t.index("тривала")},
            # event from the store
            {"id": "q3", "event_id": "m1", "text": "понад 12 годин", "source_id": "src",
             "offset": t.index("понад 12 годин")},
        ],
    }  # fmt: skip
    code, out = run("--db", str(tiny_db), "import", str(write_json(tmp_path / "r.json", data)), "--lang", "en")
    assert code == 0, out
    assert "quotes: 2 added" in out


def test_files_of_one_command_see_each_other_and_go_in_together(tiny_db: Path, tmp_path: Path):
    a = write_json(tmp_path / "a.json", {"events": [new_event("m3")]})
    b = write_json(
        tmp_path / "b.json",
        {"quotes": [{"id": "q9", "event_id": "m3", "text": "Зустріч", "source_id": "src", "offset": 59}]},
    )
    assert TINY_TEXT[59:66] == "Зустріч"  # in the passage m3 (from the other file) cites
    code, out = run("--db", str(tiny_db), "import", str(b), str(a), "--lang", "en")
    assert code == 0, out
    assert "events: 1 added" in out and "quotes: 1 added" in out


def test_seed_document_with_text_file_imports(tmp_path: Path, seed_doc: Chronology):
    """A source may name its text by text_file, relative to the JSON file (as the bundled seed does)."""
    seed_json = Path(str(seed_files().joinpath("chronology.json")))
    path = tmp_path / "s.db"
    code, out = run("--db", str(path), "import", "--no-seed", str(seed_json), "--lang", "en")
    assert code == 0, out
    with Store.open(path) as store:
        assert store.sources() == seed_doc.sources


def test_import_from_standard_input(tiny_db: Path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps({"events": [new_event()]}).encode())))
    code, out = run("--db", str(tiny_db), "import", "-", "--lang", "en")
    assert code == 0 and "events: 1 added" in out


def test_empty_document_imports_nothing(tiny_db: Path, tmp_path: Path):
    before = tiny_db.read_bytes()
    code, out = run("--db", str(tiny_db), "import", str(write_json(tmp_path / "e.json", {})), "--lang", "en")
    assert code == 0 and "hold no records" in out
    assert tiny_db.read_bytes() == before


# ---------------------------------------------------------------------- refusals
def _bad_date(d: dict[str, Any]) -> None:
    d["events"][0]["date"] = "2025-02-30"


def _broken_reference(d: dict[str, Any]) -> None:
    d["quotes"][0]["event_id"] = "no-such-event"


def _not_verbatim(d: dict[str, Any]) -> None:
    d["quotes"][0]["text"] = "конструктивні"  # a different word form than the source's


def _moved_offset(d: dict[str, Any]) -> None:
    d["quotes"][0]["offset"] += 1


def _unknown_actor(d: dict[str, Any]) -> None:
    d["events"][1]["participants"].append("ghost")


def _unknown_field(d: dict[str, Any]) -> None:
    d["events"][0]["place_uk"] = "Москва"


@pytest.mark.parametrize(
    ("mutate", "expected", "expected_uk"),
    [
        (_bad_date, "events[m1].date: impossible date: '2025-02-30'", "events[m1].date: неможлива дата: '2025-02-30'"),
        (
            _broken_reference,
            "quotes[q1].event_id: no event 'no-such-event'",
            "quotes[q1].event_id: немає події 'no-such-event'",
        ),
        (_not_verbatim, "quotes[q1].text: not found verbatim", "quotes[q1].text: текст не знайдено дослівно"),
        (_moved_offset, "(it is at offset", "(він є на позиції"),
        (_unknown_actor, "events[m2].participants: no actor 'ghost'", "events[m2].participants: немає особи 'ghost'"),
        (
            _unknown_field,
            "events[m1].place_uk: Extra inputs are not permitted",
            "events[m1].place_uk: невідоме поле (зайві поля не допускаються)",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_bad_record_is_refused_naming_file_and_record(
    tiny_db: Path, tmp_path: Path, capsys, mutate, expected, expected_uk, lang
):
    data = tiny_data()
    data["events"][0]["title"] = "Змінена назва"  # a good change that must not land either
    mutate(data)
    f = write_json(tmp_path / "bad.json", data)
    before = tiny_db.read_bytes()
    code, out = run("--db", str(tiny_db), "import", str(f), "--lang", lang)
    assert code == 1 and out == ""
    lines = error_lines(capsys.readouterr().err)
    if lang == "en":
        problem = next(line for line in lines if expected in line)
        assert problem.startswith(f"chronology: error: {f}: ")
        assert lines[-1].startswith("chronology: nothing was imported")
    else:
        problem = next(line for line in lines if expected_uk in line)
        assert problem.startswith(f"chronology: помилка: {f}: ")
        assert lines[-1].startswith("chronology: нічого не імпортовано")
    assert tiny_db.read_bytes() == before
    with Store.open(tiny_db) as store:
        assert store.event("m1").event.title == "Перша зустріч"


def test_one_bad_record_among_good_ones_imports_nothing(tiny_db: Path, tmp_path: Path, capsys):
    bad = new_event("m5")
    bad["date"] = "2025-13"
    f = write_json(tmp_path / "mixed.json", {"events": [new_event("m3"), new_event("m4"), bad]})
    before = tiny_db.read_bytes()
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    assert any("events[m5].date: неможлива дата: '2025-13'" in line for line in lines)
    assert tiny_db.read_bytes() == before
    with Store.open(tiny_db) as store:
        assert store.event_ids() == ["m1", "m2"]


def test_every_problem_is_reported_on_its_own_line(tiny_db: Path, tmp_path: Path, capsys):
    data = tiny_data()
    _bad_date(data)
    _broken_reference(data)
    _unknown_actor(data)
    data["quotes"].append({"id": "q2", "event_id": "m1", "text": "вигадка", "source_id": "src", "offset": 0})
    f = write_json(tmp_path / "many.json", data)
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    problems = lines[:-1]
    assert len(problems) == 4, lines
    assert all(p.startswith(f"chronology: помилка: {f}: ") for p in problems)
    assert "(4 проблеми)" in lines[-1]


def test_bad_file_among_good_files_imports_nothing(tiny_db: Path, tmp_path: Path, capsys):
    good = write_json(tmp_path / "good.json", {"events": [new_event("m3")]})
    bad_event = new_event("m4")
    bad_event["citations"][0]["offset"] = 0
    bad = write_json(tmp_path / "bad.json", {"events": [bad_event]})
    before = tiny_db.read_bytes()
    assert run("--db", str(tiny_db), "import", str(good), str(bad))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    assert any(line.startswith(f"chronology: помилка: {bad}: events[m4].citations[0].text") for line in lines)
    assert tiny_db.read_bytes() == before


def test_truncated_json_names_file_line_and_column(tiny_db: Path, tmp_path: Path, capsys):
    text = json.dumps(tiny_data(), ensure_ascii=False, indent=2)
    f = tmp_path / "cut.json"
    f.write_bytes(text.encode("utf-8")[: len(text.encode("utf-8")) // 2])  # may cut inside a character
    before = tiny_db.read_bytes()
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    line_no = f.read_bytes().count(b"\n") + 1
    assert lines[0].startswith(f"chronology: помилка: {f}:{line_no}:")
    assert "некоректний JSON" in lines[0] and "обрізаний?" in lines[0]
    assert tiny_db.read_bytes() == before


def test_json_syntax_error_names_its_line(tiny_db: Path, tmp_path: Path, capsys):
    f = tmp_path / "comma.json"
    f.write_text('{\n  "events": [\n    {"id": "x",}\n  ]\n}\n', encoding="utf-8")
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    assert lines[0].startswith(f"chronology: помилка: {f}:3:")
    assert "обрізаний" not in lines[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "такого файлу немає"),
        ("folder", "це тека"),
        (b"\xff\xfe{}", "не текст UTF-8"),
        (b"[1, 2]", "очікується об'єкт JSON"),
    ],
)
def test_unreadable_files_are_refused(tiny_db: Path, tmp_path: Path, capsys, content, expected):
    f = tmp_path / "input.json"
    if content == "folder":
        f.mkdir()
    elif content is not None:
        f.write_bytes(content)
    before = tiny_db.read_bytes()
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    assert lines[0].startswith(f"chronology: помилка: {f}") and expected in lines[0]
    assert tiny_db.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_is_refused(tiny_db: Path, tmp_path: Path, capsys):
    f = write_json(tmp_path / "secret.json", {})
    f.chmod(0)
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    assert "доступ заборонено" in error_lines(capsys.readouterr().err)[0]


def test_unreadable_file_is_refused_even_as_root(tiny_db: Path, tmp_path: Path, capsys, monkeypatch):
    """CI runs as root, whom chmod cannot stop: make the read itself fail as it would for a user."""
    f = write_json(tmp_path / "secret.json", {})
    real_read_capped = io_module.read_capped

    def read_capped(path: str | Path, cap: Cap) -> bytes:
        if Path(path) == f:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_capped(path, cap)

    monkeypatch.setattr(io_module, "read_capped", read_capped)
    before = tiny_db.read_bytes()
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    [line, *_] = error_lines(capsys.readouterr().err)
    assert line.startswith(f"chronology: помилка: {f}") and "доступ заборонено" in line
    assert tiny_db.read_bytes() == before


def test_missing_text_file_is_refused(tiny_db: Path, tmp_path: Path, capsys):
    data = tiny_data()
    del data["sources"][0]["text"]
    data["sources"][0]["text_file"] = "article.txt"
    f = write_json(tmp_path / "s.json", data)
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    assert lines[0].startswith(f"chronology: помилка: {f}: sources[src].text_file: немає файлу")
    (tmp_path / "article.txt").write_text(TINY_TEXT, encoding="utf-8")
    assert run("--db", str(tiny_db), "import", str(f))[0] == 0


def test_conflicting_records_in_two_files_are_refused(tiny_db: Path, tmp_path: Path, capsys):
    a = write_json(tmp_path / "a.json", {"events": [new_event("m3")]})
    other = new_event("m3")
    other["title"] = "Інша назва"
    b = write_json(tmp_path / "b.json", {"events": [other]})
    assert run("--db", str(tiny_db), "import", str(a), str(b))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    assert lines[0].startswith(f"chronology: помилка: {b}: events[m3]: є й у {a}")
    # the same record in both files is fine
    assert run("--db", str(tiny_db), "import", str(a), str(a))[0] == 0


def test_new_source_text_must_keep_the_stores_passages_verbatim(tiny_db: Path, tmp_path: Path, capsys):
    data = {"sources": [dict(tiny_data()["sources"][0], text="Інший текст. " + TINY_TEXT)]}
    f = write_json(tmp_path / "src.json", data)
    before = tiny_db.read_bytes()
    assert run("--db", str(tiny_db), "import", str(f))[0] == 1
    lines = error_lines(capsys.readouterr().err)
    assert any("sources[src].text: новий текст уже не містить дослівно quotes[q1]" in line for line in lines)
    assert any("events[m1].citations[0]" in line for line in lines)
    assert tiny_db.read_bytes() == before
    # appending keeps every offset: accepted
    data = {"sources": [dict(tiny_data()["sources"][0], text=TINY_TEXT + " Доповнення.")]}
    code, out = run("--db", str(tiny_db), "import", str(write_json(tmp_path / "ok.json", data)), "--lang", "en")
    assert code == 0 and "sources: 0 added, 1 updated" in out


def test_refusal_in_a_subprocess_has_no_traceback(tiny_db: Path, tmp_path: Path):
    data = tiny_data()
    _bad_date(data)
    f = write_json(tmp_path / "bad.json", data)
    before = tiny_db.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "chronology.tui.cli", "--db", str(tiny_db), "import", str(f)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == f"chronology: помилка: {f}: events[m1].date: неможлива дата: '2025-02-30'"
    assert tiny_db.read_bytes() == before


def test_read_import_file_api(tmp_path: Path):
    f = write_json(tmp_path / "x.json", {"$schema": "chronology.schema.json", **tiny_data()})
    loaded = read_import_file(f)
    assert loaded.name == str(f) and not loaded.problems
    assert [e.id for e in loaded.doc.events] == ["m1", "m2"]
    with Store.memory() as store:
        plan = import_files(store, [loaded])
        assert plan.counts["events"].added == 2 and plan.changed
        with pytest.raises(ImportRefused):
            bad = copy.deepcopy(tiny_data())
            bad["quotes"][0]["offset"] = 3
            import_files(store, [read_import_file(write_json(tmp_path / "y.json", bad))])
        assert store.count_events() == 2


# ---------------------------------------------------------------------- exports
def test_csv_has_a_header_and_one_row_per_event(seed_db_path: Path, seed_doc: Chronology):
    code, out = run("--db", str(seed_db_path), "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == len(seed_doc.events)
    by_id = {r["id"]: r for r in rows}
    moscow = by_id["2025-03-13-moscow"]
    assert moscow["date"] == "2025-03-13" and moscow["date_text"] == "13 березня 2025 р."
    assert moscow["kind"] == "зустріч" and moscow["duration_text"] == "понад 12 годин"
    assert moscow["participants"] == "Стівен Віткофф; Володимир Путін"
    for q in seed_doc.quotes:
        assert f"«{q.text}»" in by_id[q.event_id]["quotes"]
    assert by_id["2025-autumn-plan-28-points"]["date_text"] == "осінь 2025 р. (?)"
    assert by_id["2026-01-21-witkoff-cnbc"]["date_text"] == "не пізніше 21 січня 2026 р."
    assert by_id["2026-01-22-moscow"]["date_phrase"] == "в четвер 22 січня"  # the source's words, as they are
    assert by_id["2025-12-02-moscow"]["gap_days"] == "118"
    assert by_id["2025-12-02-moscow"]["gap_text"] == "118 днів (6 серпня 2025 р.); між ними були раунди без точної дати"


def test_csv_file_gets_a_byte_order_mark(seed_db_path: Path, tmp_path: Path):
    out = tmp_path / "c.csv"
    assert run("--db", str(seed_db_path), "export", "--format", "csv", "-o", str(out))[0] == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,date,")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(CSV_COLUMNS)


def test_markdown_is_a_readable_ukrainian_chronology(seed_db_path: Path, seed_doc: Chronology):
    code, md = run("--db", str(seed_db_path), "export", "--format", "md")
    assert code == 0
    assert md.startswith("# Хронологія переговорів США та Росії щодо війни в Україні\n")
    assert "## 2025" in md and "## 2026" in md
    assert "### 13 березня 2025 р. — Перша резонансна поїздка Віткоффа до Москви: зустріч із Путіним" in md
    assert "### осінь 2025 р. — Осіння серія візитів" in md
    assert "### не пізніше 21 січня 2026 р. — " in md
    assert "- **Тривалість:** понад 12 годин" in md
    assert "> «конструктивними» — Юрій Ушаков, «За підсумками квітневої зустрічі» [1, символи 1744–1759]" in md
    assert "- **Примітка упорядника:** Дата не вказана; відомо лише з матеріалу від 21 січня 2026 р." in md
    assert "- **Дата в джерелі:** «перед ними»" in md
    assert "6 за джерелом, датовано 4" in md
    assert "## Джерела" in md and "1. УНН (CNBC, Reuters, Bloomberg), 21 січня 2026 р. — \\[опис упорядника: " in md
    for q in seed_doc.quotes:
        assert f"«{md_escape(q.text)}»" in md
    headings = [line for line in md.splitlines() if line.startswith("### ")]
    assert len(headings) == len(seed_doc.events)


def test_markdown_in_english(seed_db_path: Path):
    code, md = run("--db", str(seed_db_path), "export", "--format", "md", "--lang", "en")
    assert code == 0
    assert "### March 13, 2025 — Witkoff's first high-profile trip to Moscow: meeting with Putin" in md
    assert "- **Duration:** more than 12 hours" in md
    assert "- **Date in the source:** «в четвер 22 січня» (“on Thursday, January 22”)" in md
    assert "1. UNN (CNBC, Reuters, Bloomberg), January 21, 2026 — \\[curator's description: " in md


def test_markdown_escapes_formatting_characters():
    assert md_escape("a*b_c [x] <y> #1") == r"a\*b\_c \[x\] \<y\> \#1"
    assert md_escape("1. перше\n- друге") == "1\\. перше\n\\- друге"


TL_SLIDE_KEYS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
TL_DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}


def test_timelinejs_has_the_documented_shape(seed_db_path: Path, seed_doc: Chronology):
    """TimelineJS3 JSON format (timeline.knightlab.com/docs/json-format.html): an object with ``events`` (a list
    of slides) and optional ``title``; a slide has ``start_date`` (a date object whose ``year`` is required
    and a number, ``month`` 1–12, ``day``), ``text`` (``headline``, ``text``) and ``group``."""
    code, out = run("--db", str(seed_db_path), "export", "--format", "timelinejs")
    assert code == 0
    tl = json.loads(out)
    assert set(tl) <= {"events", "title", "eras", "scale"} and isinstance(tl["events"], list)
    assert set(tl["title"]) <= TL_SLIDE_KEYS - {"start_date"} and tl["title"]["text"]["headline"]
    assert len(tl["events"]) == len(seed_doc.events)
    kinds = {"зустріч", "переговори", "візит", "консультації", "заява", "оголошення", "план", "дедлайн", "контекст"}
    for slide in tl["events"]:
        assert set(slide) <= TL_SLIDE_KEYS
        date = slide["start_date"]
        assert set(date) <= TL_DATE_KEYS
        assert type(date["year"]) is int
        assert "month" not in date or (type(date["month"]) is int and 1 <= date["month"] <= 12)
        assert "day" not in date or ("month" in date and type(date["day"]) is int)
        assert isinstance(date["display_date"], str) and date["display_date"]
        assert set(slide["text"]) == {"headline", "text"} and slide["text"]["headline"]
        assert slide["group"] in kinds
    with Store.open(seed_db_path) as store:
        assert [s["unique_id"] for s in tl["events"]] == store.event_ids()  # date order
    by_id = {s["unique_id"]: s for s in tl["events"]}
    assert by_id["2025-03-13-moscow"]["start_date"] == {
        "year": 2025,
        "month": 3,
        "day": 13,
        "display_date": "13 березня 2025 р.",
    }
    assert by_id["2025-03-13-moscow"]["group"] == "зустріч"
    assert "понад 12 годин" in by_id["2025-03-13-moscow"]["text"]["text"]


@pytest.mark.parametrize(
    ("edtf", "expected"),
    [
        ("2025-03-13", {"year": 2025, "month": 3, "day": 13, "display_date": "13 березня 2025 р."}),
        ("2026-01", {"year": 2026, "month": 1, "display_date": "січень 2026 р."}),
        ("2026-01~", {"year": 2026, "month": 1, "display_date": "близько січня 2026 р."}),
        ("2025-23", {"year": 2025, "month": 9, "display_date": "осінь 2025 р."}),  # a season: its first month
        # placed at its bound, as the chronology places it; the words say it is a bound
        ("[..2026-01-21]", {"year": 2026, "month": 1, "day": 21, "display_date": "не пізніше 21 січня 2026 р."}),
        ("2025", {"year": 2025, "display_date": "2025 р."}),
        ("2025-08-06?", {"year": 2025, "month": 8, "day": 6, "display_date": "6 серпня 2025 р. (?)"}),
    ],
)
def test_timelinejs_dates_are_no_more_precise_than_the_source(edtf: str, expected: dict[str, Any]):
    assert timeline_date(edtf) == expected
    assert parse_edtf(edtf).year == expected["year"]


def test_timelinejs_escapes_html(tmp_path: Path):
    data = tiny_data()
    data["events"][0]["title"] = "Зустріч <script>alert(1)</script> & інше"
    with Store.memory(parse_document(data)) as store:
        tl = json.loads(export_timelinejs(store))
    headline = next(s for s in tl["events"] if s["unique_id"] == "m1")["text"]["headline"]
    assert headline == "Зустріч &lt;script&gt;alert(1)&lt;/script&gt; &amp; інше"


# ---------------------------------------------------------------------- -o and schema
def test_output_file_is_replaced_whole_and_leaves_no_temp_files(seed_db_path: Path, tmp_path: Path):
    out = tmp_path / "out" / "c.md"
    out.parent.mkdir()
    out.write_text("old content")
    assert run("--db", str(seed_db_path), "export", "--format", "md", "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("# Хронологія")
    assert [p.name for p in out.parent.iterdir()] == ["c.md"]


@pytest.mark.parametrize("target", ["store", "wal", "folder", "missing-folder"])
def test_output_refuses_the_store_folders_and_missing_folders(seed_db_path: Path, tmp_path: Path, capsys, target):
    before = seed_db_path.read_bytes()
    out = {
        "store": seed_db_path,
        "wal": Path(f"{seed_db_path}-wal"),
        "folder": tmp_path,
        "missing-folder": tmp_path / "nope" / "x.json",
    }[target]
    assert run("--db", str(seed_db_path), "export", "-o", str(out))[0] == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert seed_db_path.read_bytes() == before
    assert not (tmp_path / "nope").exists()


def test_output_refuses_the_store_through_another_path(seed_db_path: Path, tmp_path: Path, capsys):
    link = tmp_path / "link.db"
    link.symlink_to(seed_db_path)
    before = seed_db_path.read_bytes()
    assert run("--db", str(seed_db_path), "export", "-o", str(link))[0] == 1
    assert "це саме сховище" in capsys.readouterr().err
    assert seed_db_path.read_bytes() == before


def test_schema_is_generated_from_the_models_and_documented(tmp_path: Path):
    code, out = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["properties"]) == {"$schema", "sources", "actors", "events", "quotes", "tallies"}
    assert schema["additionalProperties"] is False
    event = schema["$defs"]["Event"]
    assert {"id", "kind", "date", "title", "citations"} <= set(event["required"])
    assert set(event["properties"]) == set(Event.model_fields)
    source = schema["$defs"]["Source"]
    assert "text_file" in source["properties"] and "text" not in source["required"]
    # the copy beside the example is current
    assert (ROOT / "docs" / "chronology.schema.json").read_text(encoding="utf-8") == dumps_schema() == out


def test_example_import_file_is_true_to_the_seed(seed_doc: Chronology):
    example = read_import_file(EXAMPLE)
    assert not example.problems
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert data["$schema"] == "chronology.schema.json"
    with Store.memory(seed_doc) as store:
        plan = import_files(store, [example])  # checks every quote verbatim at its offset in the seed source
        assert plan.counts["quotes"].added == len(example.doc.quotes) >= 1
        assert not any(plan.counts[k].added or plan.counts[k].updated for k in ("sources", "events", "actors"))


def test_dumps_document_matches_the_export(seed_store: Store):
    assert dumps_document(seed_store.to_document()) == export_json(seed_store)


# ---------------------------------------------------------------------- property: any split, any order
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_split_of_a_document_into_files_imports_to_the_same_store(seed_doc: Chronology, data):
    """The seed's records dealt into up to three files, imported in one command in any order, give the same
    store as the seed; importing them again changes nothing."""
    n_files = data.draw(st.integers(1, 3), label="files")
    parts: list[dict[str, list[Any]]] = [{k: [] for k in KINDS} for _ in range(n_files)]
    for kind in KINDS:
        for rec in getattr(seed_doc, kind):
            parts[data.draw(st.integers(0, n_files - 1), label=f"{kind}[{rec.id}]")][kind].append(rec)
    files = [ImportFile(f"part{i}.json", Chronology(**p)) for i, p in enumerate(parts)]
    files = data.draw(st.permutations(files), label="order")
    with Store.memory() as store, Store.memory(seed_doc) as expected:
        plan = import_files(store, files)
        assert plan.total.added == sum(len(getattr(seed_doc, k)) for k in KINDS)
        assert export_json(store) == export_json(expected)
        again = import_files(store, files)
        assert not again.changed and again.total.unchanged == plan.total.added


def test_dash_output_means_standard_output(seed_db_path: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = run("--db", str(seed_db_path), "export", "--format", "md", "-o", "-")
    assert code == 0 and out.startswith("# ") and not (tmp_path / "-").exists()
    code, out = run("schema", "-o", "-")
    assert code == 0 and json.loads(out)["title"].startswith("Chronology document")


# ---------------------------------------------------------------------- the source's words, on import
def test_import_refuses_source_words_that_are_not_in_the_cited_passages(tiny_db: Path, tmp_path: Path, capsys):
    data = tiny_data()
    data["events"][0]["date_phrase"] = "навесні"  # not in m1's citations
    data["events"][0]["duration"]["phrase"] = "цілий день"
    data["quotes"][0]["given_as"] = "в інтерв'ю CNBC"
    code, _ = run("--lang", "en", "--db", str(tiny_db), "import", str(write_json(tmp_path / "words.json", data)))
    assert code == 1
    lines = error_lines(capsys.readouterr().err)
    assert any("events[m1].date_phrase: 'навесні' is not verbatim" in line for line in lines)
    assert any("events[m1].duration.phrase: 'цілий день' is not verbatim" in line for line in lines)
    assert any('quotes[q1].given_as: "в інтерв\'ю CNBC" is not verbatim' in line for line in lines)


def test_import_refuses_a_quote_outside_its_events_citations(tiny_db: Path, tmp_path: Path, capsys):
    t = TINY_TEXT
    quote = {"id": "q5", "event_id": "m2", "text": "конструктивними", "source_id": "src", "offset": t.index("констр")}
    code, _ = run(
        "--lang", "en", "--db", str(tiny_db), "import", str(write_json(tmp_path / "q.json", {"quotes": [quote]}))
    )
    assert code == 1
    [line] = [x for x in error_lines(capsys.readouterr().err) if "quotes[q5]" in x]
    assert "quotes[q5].offset:" in line and "outside every citation of event 'm2'" in line


def test_import_refuses_new_citations_that_leave_a_stored_quote_outside(tiny_db: Path, tmp_path: Path, capsys):
    event = tiny_data()["events"][0]
    event["citations"] = event["citations"][:1]  # drops the passage the stored quote q1 comes from
    code, _ = run(
        "--lang", "en", "--db", str(tiny_db), "import", str(write_json(tmp_path / "e.json", {"events": [event]}))
    )
    assert code == 1
    [line] = [x for x in error_lines(capsys.readouterr().err) if "quotes[q1]" in x]
    assert "outside every citation of event 'm1'" in line and "events[m1].citations" in line

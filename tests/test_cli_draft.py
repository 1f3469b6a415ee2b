"""`chronology draft`: an article in, the import document out — valid for `chronology import --dry-run` against
the store it was drafted against; bad input is one line and a non-zero exit; help and messages in both languages."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from chronology.tui.cli import build_parser, main

ARTICLES = Path(__file__).parent / "data" / "articles"


def answers() -> list[tuple[Path, dict]]:
    return [
        (p, json.loads(p.with_suffix("").with_suffix(".answer.json").read_text()))
        for p in sorted(ARTICLES.glob("*.txt"))
    ]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.mark.parametrize(("article", "answer"), answers(), ids=lambda a: a.stem if isinstance(a, Path) else "")
def test_a_drafted_article_passes_import_dry_run(seed_db_path: Path, tmp_path: Path, capsys, article, answer) -> None:
    out = tmp_path / "draft.json"
    code, printed = run(
        "--db",
        str(seed_db_path),
        "draft",
        str(article),
        "--published",
        answer["published"],
        "--outlet",
        answer["outlet"],
        "-o",
        str(out),
    )
    assert code == 0 and printed == ""
    err = capsys.readouterr().err
    assert err.startswith(f"Чернетка ({article}): подій ")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["sources"][0]["text"] == article.read_text(encoding="utf-8")
    assert doc["sources"][0]["outlet"] == answer["outlet"]
    before = seed_db_path.read_bytes()
    code, report = run("--db", str(seed_db_path), "import", "--dry-run", str(out))
    assert code == 0, capsys.readouterr().err
    assert "джерела: додано 1" in report and "Пробний запуск" in report
    assert seed_db_path.read_bytes() == before  # drafting and the dry run wrote nothing


def test_an_article_about_a_stored_event_updates_it_and_keeps_both_claims(seed_db_path: Path, capsys) -> None:
    article = Path(__file__).parent / "data" / "review" / "moscow_follow_up.txt"  # the 2 December meeting, longer
    code, printed = run("--db", str(seed_db_path), "draft", str(article), "--published", "2025-12-04")
    assert code == 0
    doc = json.loads(printed)
    (updated,) = [e for e in doc["events"] if e["id"] == "2025-12-02-moscow"]
    assert [(c["field"], c["value"]) for c in updated["claims"]] == [
        ("duration", "близько п'яти годин"),
        ("duration", "понад шість годин"),
    ]
    err = capsys.readouterr().err
    assert "з них оновлень наявних: 1" in err
    assert (
        "2025-12-02-moscow: Тривалість: близько п'яти годин / понад шість годин (джерела розходяться: збережено обидва "
        "твердження, кожне зі своїм уривком)" in err
    )
    assert doc["sources"][0]["outlet"] == "видання не вказане"


def test_standard_input_and_standard_output(seed_db_path: Path) -> None:
    article, answer = answers()[0]
    env = dict(os.environ, CHRONOLOGY_DB=str(seed_db_path))
    proc = subprocess.run(
        [sys.executable, "-m", "chronology.tui.cli", "draft", "-", "--published", answer["published"], "-o", "-"],
        input=article.read_bytes(),
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout.decode("utf-8"))
    assert doc["sources"][0]["text"] == article.read_text(encoding="utf-8")
    assert proc.stderr.decode().startswith("Чернетка (стандартне введення): подій ")


@pytest.mark.parametrize(
    ("content", "published", "code", "message"),
    [
        (None, "2026-01-21", 1, "такого файлу немає"),
        (b"\n  \n", "2026-01-21", 1, "порожній: немає статті"),
        ("Зустріч у Києві".encode("cp1251"), "2026-01-21", 1, "не текст UTF-8 (байт 0x"),
        (b"text", "21 January", 2, "21 January — не дата"),
        (b"text", "2026-02-30", 2, "2026-02-30 — не дата"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path: Path, capsys, content, published, code, message) -> None:
    article = tmp_path / "article.txt"
    if content is not None:
        article.write_bytes(content)
    out = tmp_path / "draft.json"
    got, printed = run(
        "--db", str(tmp_path / "store.db"), "draft", str(article), "--published", published, "-o", str(out)
    )
    err = capsys.readouterr().err
    assert got == code and printed == ""
    assert err.count("\n") == 1 and err.startswith("chronology: помилка: ") and message in err
    assert not out.exists() and not (tmp_path / "store.db").exists()


def test_a_folder_for_an_article_and_english_messages(tmp_path: Path, capsys) -> None:
    code, _ = run("--lang", "en", "draft", str(tmp_path), "--published", "2026-01-21")
    err = capsys.readouterr().err
    assert code == 1 and err == f"chronology: error: {tmp_path} is a folder; give the article's text file\n"


def test_the_output_never_replaces_the_store(seed_db_path: Path, capsys) -> None:
    article, answer = answers()[0]
    before = seed_db_path.read_bytes()
    code, _ = run(
        "--db", str(seed_db_path), "draft", str(article), "--published", answer["published"], "-o", str(seed_db_path)
    )
    assert code == 1 and "це саме сховище" in capsys.readouterr().err
    assert seed_db_path.read_bytes() == before


def test_help_is_in_the_ui_language() -> None:
    uk = build_parser("uk")._subparsers._group_actions[0].choices["draft"].format_help()  # type: ignore[union-attr]
    en = build_parser("en")._subparsers._group_actions[0].choices["draft"].format_help()  # type: ignore[union-attr]
    assert "дата публікації статті, РРРР-ММ-ДД" in uk and "--published РРРР-ММ-ДД" in uk
    assert "the article's publication date, YYYY-MM-DD" in en
    proc = subprocess.run(
        [sys.executable, "-m", "chronology.tui.cli", "--lang", "en", "add", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "open them for review in the terminal app" in " ".join(proc.stdout.split())
    proc = subprocess.run(
        [sys.executable, "-m", "chronology.tui.cli", "add", "--help"],
        env=dict(os.environ, CHRONOLOGY_LANG="uk"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "відкрити їх для перегляду в застосунку" in " ".join(proc.stdout.split())


# What `chronology draft` must not import: pydantic (the models), Textual and Rich, the presentation (Babel's
# date formatting, the event's view), the search engine, sqlite-utils (writing), importlib.metadata (pymorphy3
# looks its dictionary up in every package's entry points unless given its folder). Start-up is most of a draft's
# time.
NOT_FOR_DRAFTING = (
    "pydantic",
    "chronology.db.models",
    "textual",
    "rich",
    "chronology.tui.present.formatting",
    "chronology.tui.present.event_view",
    "chronology.db.search.engine",
    "sqlite_utils",
    "importlib.metadata",
)


@pytest.mark.parametrize("index", [0, 1], ids=["new events", "updates a stored event"])
def test_drafting_imports_only_what_drafting_needs(seed_db_path: Path, tmp_path: Path, index: int) -> None:
    """The command as a user runs it (``python -m chronology.tui.cli draft``), every import listed by
    ``-X importtime``: the store's names and events are read as plain rows, and a stored event the article
    updates as its JSON data (``Store.event_records``), so none of :data:`NOT_FOR_DRAFTING` loads."""
    article, answer = answers()[index]  # 01: February 2026 in Abu Dhabi, nothing the seed holds; 02: a stored round
    out = tmp_path / "draft.json"
    command = ["--db", str(seed_db_path), "draft", str(article), "--published", answer["published"], "-o", str(out)]
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "chronology.tui.cli", *command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    updates = json.loads(out.read_text(encoding="utf-8"))["events"]
    assert any(e["id"] in _seed_event_ids(seed_db_path) for e in updates) == (index == 1)
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "chronology.db.draft" in imported  # the listing is there
    assert sorted(m for m in imported if any(m == n or m.startswith(f"{n}.") for n in NOT_FOR_DRAFTING)) == []


def _seed_event_ids(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM events")}


def test_add_needs_the_article_as_a_file(capsys) -> None:
    code, _ = run("add", "-", "--published", "2026-01-21")
    assert code == 2
    assert capsys.readouterr().err == ("chronology: помилка: перегляд читає клавіші з термінала: дайте статтю файлом\n")

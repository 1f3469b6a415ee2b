"""The command line: list, show, help for every command, first run in a fresh HOME, errors without tracebacks."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from chronology.tui.cli import build_parser, main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_list_prints_every_event_in_order_in_ukrainian(seed_db_path: Path, seed_doc):
    code, out = run("--db", str(seed_db_path), "list")
    assert code == 0
    assert "13 березня 2025 р." in out and "Москва" in out and "понад 12 годин" in out
    assert "осінь 2025" in out
    assert "── 2025 ──" in out and "── 2026 ──" in out
    assert "заплановано, станом на 21 січня 2026 р." in out
    assert "6 за джерелом, датовано 4" in out
    positions = [out.index(f"({e})") for e in ("2025-03-13-moscow", "2025-04-11-saint-petersburg", "2025-12-02-moscow")]
    assert positions == sorted(positions)
    assert all(f"({e.id})" in out for e in seed_doc.events)


def test_list_in_english(seed_db_path: Path):
    code, out = run("--db", str(seed_db_path), "list", "--lang", "en")
    assert code == 0
    assert "March 13, 2025" in out and "more than 12 hours" in out and "6 per source, 4 dated" in out


def test_show_prints_one_event_in_full(seed_db_path: Path):
    code, out = run("--db", str(seed_db_path), "show", "2025-04-11-saint-petersburg")
    assert code == 0
    assert out.startswith("п'ятниця, 11 квітня 2025 р.")  # one apostrophe, ours, not CLDR's ʼ
    assert "Учасники:" in out and "Стівен Віткофф" in out
    assert "«конструктивними» — Юрій Ушаков, «За підсумками квітневої зустрічі» [УНН, символи 1744–1759]" in out
    assert "Джерела:\n  УНН, 21 січня 2026 р. [символи 1472–1660]:" in out
    assert "Тривалість: понад чотири години" in out
    assert "Від попереднього датованого раунду: 29 днів (13 березня 2025 р.)\n" in out


def test_show_planned_meeting_says_as_of(seed_db_path: Path):
    code, out = run("--db", str(seed_db_path), "show", "2026-01-22-moscow")
    assert code == 0
    assert "Статус: заплановано (станом на 21 січня 2026 р.)" in out
    assert "Тривалість: у джерелі не вказано" in out


def test_show_unknown_id_is_one_line_error(seed_db_path: Path, capsys):
    code, _ = run("--db", str(seed_db_path), "show", "moscow")
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(
        "chronology: помилка: немає події 'moscow'; можливо, ви мали на увазі"
    )


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert set(helps) == set(sub.choices)
    for name, sp in sub.choices.items():
        assert helps[name], f"{name} has no help line"
        assert sp.description or sp.format_help(), name
        for action in sp._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chronology.tui.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_first_run_builds_store_in_fresh_home_then_reuses_it(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "CHRONOLOGY_DB"))}
    env["HOME"] = str(tmp_path)
    proc = _cli(env, "list")
    assert proc.returncode == 0, proc.stderr
    store = tmp_path / ".local" / "share" / "chronology" / "chronology.db"
    assert store.exists()
    before = store.read_bytes()
    proc = _cli(env, "show", "2025-03-13-moscow")
    assert proc.returncode == 0, proc.stderr
    assert store.read_bytes() == before


def test_chronology_db_variable(tmp_path: Path):
    env = dict(os.environ, CHRONOLOGY_DB=str(tmp_path / "x.db"))
    assert _cli(env, "list").returncode == 0
    assert (tmp_path / "x.db").exists()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("garbage", "не база даних SQLite"),
        ("folder", "це тека, а не сховище chronology"),
    ],
)
def test_bad_store_is_one_line_error_and_untouched(tmp_path: Path, setup: str, message: str):
    path = tmp_path / "store.db"
    if setup == "garbage":
        path.write_bytes(b"\x00not sqlite at all" * 10)
    else:
        path.mkdir()
    before = path.read_bytes() if path.is_file() else None
    proc = _cli(dict(os.environ), "--db", str(path), "list")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and message in proc.stderr and "Traceback" not in proc.stderr
    if before is not None:
        assert path.read_bytes() == before


def test_version_and_bad_language():
    proc = _cli(dict(os.environ), "--version")
    assert proc.returncode == 0 and proc.stdout.startswith("chronology ")
    proc = _cli(dict(os.environ), "--lang", "fr", "list")
    assert proc.returncode == 2 and "невідома мова 'fr'" in proc.stderr

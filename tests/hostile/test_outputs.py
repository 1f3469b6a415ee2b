"""Every output of the CLI shows hostile data as text: real files, real processes, the output's bytes."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from .hostile_data import ESCAPES, MARKUP, hostile_data, raw_controls, run, write_json


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "store.db"
    result = run("--db", str(db), "import", "--no-seed", str(write_json(folder / "h.json", hostile_data())))
    assert result.returncode == 0, result.stderr
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--json"],
        ["show", "m1"],
        ["search", "Санкції"],
        ["search", "--color", "always", "Санкції"],
        ["export", "--format", "md"],
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["export", "--format", "timelinejs"],
        ["check"],
    ],
    ids=" ".join,
)
def test_no_raw_control_reaches_standard_output(hostile_db: Path, args: list[str]):
    result = run("--db", str(hostile_db), *args)
    assert result.returncode in (0, 1), result.stderr
    allowed = ["\x1b"] if "--color" in args else []  # search's own bold, checked below
    assert [c for c in raw_controls(result.stdout) if c not in allowed] == []
    if "--color" in args:
        assert result.stdout.count(b"\x1b") == result.stdout.count(b"\x1b[1m") + result.stdout.count(b"\x1b[0m")
    assert b"PWNED" in result.stdout or args[0] in ("list", "check") or "md" in args or "csv" in args


def test_the_store_keeps_the_words_verbatim_and_json_round_trips_them(hostile_db: Path, tmp_path: Path):
    exported = run("--db", str(hostile_db), "export").stdout
    again = tmp_path / "again.db"
    assert (
        run("--db", str(again), "import", "--no-seed", str(write_bytes(tmp_path / "e.json", exported))).returncode == 0
    )
    assert run("--db", str(again), "export").stdout == exported
    from chronology.db.store import Store

    with Store.open(again) as store:
        assert ESCAPES in store.source_texts()["src"]


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_show_displays_escapes_as_pictures(hostile_db: Path):
    out = run("--db", str(hostile_db), "show", "m1").stdout.decode()
    assert "␛]0;PWNED␇␛[2J" in out and "\\u202e" in out and MARKUP in out


def test_csv_cells_that_start_a_formula_are_neutralised(hostile_db: Path, tmp_path: Path):
    target = tmp_path / "out.csv"
    assert run("--db", str(hostile_db), "export", "--format", "csv", "-o", str(target)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    m1 = next(r for r in rows if r["id"] == "m1")
    assert m1["summary"].startswith("'=HYPERLINK(") and m1["place"].startswith("'+")
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r", value


def test_curator_fields_refuse_controls_and_the_store_is_untouched(hostile_db: Path, tmp_path: Path):
    before = hostile_db.read_bytes()
    data = hostile_data()
    data["events"][0]["title"] = "Заголовок \x1b]0;PWNED\x07"
    data["actors"][0]["aliases"].append("lone \ud800 surrogate")
    result = run("--db", str(hostile_db), "import", str(write_json(tmp_path / "bad.json", data)))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "events[m1].title: holds the control character U+001B at character 10" in err
    assert "aliases[3]: holds U+D800" in err and "Traceback" not in err
    assert raw_controls(result.stderr) == []
    assert hostile_db.read_bytes() == before


def test_only_http_urls_are_imported_and_exports_escape_them(hostile_db: Path, tmp_path: Path):
    data = hostile_data()
    data["sources"][0]["url"] = "javascript:alert(1)"
    result = run("--db", str(tmp_path / "u.db"), "import", "--no-seed", str(write_json(tmp_path / "u.json", data)))
    assert result.returncode == 1 and b"not a web address" in result.stderr
    data["sources"][0]["url"] = 'https://example.org/a>"<script>'
    db = tmp_path / "u2.db"
    assert run("--db", str(db), "import", "--no-seed", str(write_json(tmp_path / "u2.json", data))).returncode == 0
    md = run("--db", str(db), "export", "--format", "md").stdout.decode()
    assert "<https://example.org/a%3E%22%3Cscript%3E>" in md and "<script>" not in md
    tl = run("--db", str(db), "export", "--format", "timelinejs").stdout.decode()
    assert "<script>" not in tl and "%3Cscript%3E" in tl


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device"])
def test_export_never_replaces_a_link_a_fifo_or_a_device(hostile_db: Path, tmp_path: Path, kind: str):
    target = tmp_path / "out.json"
    if kind == "symlink":
        (tmp_path / "real.json").write_text("keep")
        target.symlink_to(tmp_path / "real.json")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    result = run("--db", str(hostile_db), "export", "-o", str(target))
    assert result.returncode == 1
    assert b"is not a regular file" in result.stderr and len(result.stderr.splitlines()) == 1
    if kind == "symlink":
        assert target.is_symlink() and (tmp_path / "real.json").read_text() == "keep"
    elif kind == "fifo":
        assert target.is_fifo()
    else:
        assert target.is_char_device()


@pytest.mark.parametrize("args", [["list"], ["export"], ["schema"], ["export", "--format", "csv"]], ids=" ".join)
def test_a_full_disk_fails_loudly(hostile_db: Path, args: list[str]):
    with open("/dev/full", "wb") as full:
        result = run("--db", str(hostile_db), *args, stdout=full)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines == [lines[0]] and "cannot write to standard output" in lines[0] and "No space left" in lines[0]


def test_an_ascii_terminal_gets_escapes_not_a_traceback(hostile_db: Path):
    result = run("--db", str(hostile_db), "show", "m1", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and result.stdout.isascii() and b"\\u0417" in result.stdout

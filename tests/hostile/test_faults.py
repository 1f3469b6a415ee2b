"""Faults end in one clear line, a non-zero exit and the store as it was: real files, real processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from ..conftest import tiny_data
from .hostile_data import run, write_json


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    assert (
        run("--db", str(path), "import", "--no-seed", str(write_json(tmp_path / "t.json", tiny_data()))).returncode == 0
    )
    return path


def one_line_error(result: subprocess.CompletedProcess[bytes], code: int = 1) -> str:
    """The one error line (and the import's summary line, if any) of a refused command."""
    err = result.stderr.decode()
    assert result.returncode == code, err
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if not line.startswith("chronology: nothing was imported")]
    assert len(lines) == 1, err
    return lines[0]


def test_dev_zero_and_a_fifo_are_refused_at_once(db: Path, tmp_path: Path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    before = db.read_bytes()
    for name in ("/dev/zero", str(fifo)):
        assert "is not a regular file" in one_line_error(run("--db", str(db), "import", name))
    assert "is not a regular file" in one_line_error(run("--db", str(fifo), "list"))
    assert db.read_bytes() == before


def test_an_import_file_over_the_cap_is_refused_and_the_cap_can_be_raised(db: Path, tmp_path: Path):
    big = write_json(tmp_path / "big.json", {**tiny_data(), "padding": None})
    big.write_text(big.read_text()[:-1] + ', "x": "' + "a" * 2_000_000 + '"}')
    line = one_line_error(run("--db", str(db), "import", str(big), env={"CHRONOLOGY_MAX_IMPORT_MB": "1"}))
    assert "larger than 1 MB; set CHRONOLOGY_MAX_IMPORT_MB" in line
    assert "larger than" not in run("--db", str(db), "import", str(big)).stderr.decode()


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("../secret.txt", "is outside the import file's folder"),
        ("/etc/passwd", "is outside the import file's folder"),
        ("link.txt", "is outside the import file's folder"),
        ("pipe.txt", "is not a regular file"),
        ("nul.txt", "holds U+0000"),
    ],
)
def test_text_file_stays_in_the_import_files_folder(db: Path, tmp_path: Path, ref: str, message: str):
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("13 березня 2025 року secret")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "nul.txt").write_text("13 березня 2025 року\x00")
    data = tiny_data()
    data["sources"] = [{**data["sources"][0], "text_file": ref}]
    del data["sources"][0]["text"]
    before = db.read_bytes()
    result = run("--db", str(db), "import", str(write_json(folder / "f.json", data)))
    err = result.stderr.decode()
    assert result.returncode == 1 and message in err and "Traceback" not in err
    assert "secret" not in run("--db", str(db), "export").stdout.decode()
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["events"][0].update(date="0000"), "the year must be 0001–9998"),
        (lambda d: d["events"][0].update(date="0000-05"), "the year must be 0001–9998"),
        (lambda d: d["events"][0].update(date="9999-24"), "the year must be 0001–9998"),
        (lambda d: d["events"][0].update(date=" 2025-03-13"), "not an EDTF date"),
        (lambda d: d["events"][0].update(date="2025-03-13\n"), "not an EDTF date"),
        (lambda d: d["events"][0].update(date="٢٠٢٥-03-13"), "not an EDTF date"),
        (lambda d: d["events"][0].update(date="２０２５-03-13"), "not an EDTF date"),
        (lambda d: d["events"][0]["duration"].update(minutes=2**63), "less than or equal to"),
        (lambda d: d["events"][0]["duration"].update(minutes=True), "valid integer"),
        (lambda d: d["tallies"][0].update(stated=2**64), "less than or equal to"),
        (lambda d: d["quotes"][0].update(offset=float(d["quotes"][0]["offset"])), "valid integer"),
    ],
)
@pytest.mark.parametrize("dry_run", [True, False])
def test_bad_values_are_refused_in_one_line_dry_run_or_not(db: Path, tmp_path: Path, change, message, dry_run):
    data = tiny_data()
    change(data)
    before = db.read_bytes()
    args = ["--db", str(db), "import", *(["--dry-run"] if dry_run else []), str(write_json(tmp_path / "b.json", data))]
    assert message in one_line_error(run(*args))
    assert db.read_bytes() == before


def test_json_nested_too_deep_is_one_line(db: Path, tmp_path: Path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in one_line_error(run("--db", str(db), "import", str(deep)))


def test_a_store_name_that_is_not_utf8_works(tmp_path: Path):
    name = os.fsdecode(bytes(tmp_path) + b"/\xff.db")
    result = run("--db", name, "list")
    assert result.returncode == 0, result.stderr


def test_search_limit_beyond_sqlite_means_all(db: Path):
    result = run("--db", str(db), "search", "--limit", str(10**30), "зустріч")
    assert result.returncode == 0, result.stderr


def test_the_app_without_a_terminal_says_what_to_run(db: Path):
    line = one_line_error(run("--db", str(db)), code=2)
    assert "needs a terminal" in line and "chronology list" in line


def _damage(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size + 8 : (page - 1) * size + 400] = b"\xff" * 392
    path.write_bytes(data)


@pytest.mark.parametrize(
    ("args", "table"),
    [
        (["list"], "events"),
        (["show", "m1"], "events"),
        (["export"], "events"),
        (["search", "Віткофф"], "search_fts_data"),
    ],
)
def test_a_damaged_store_says_so_in_one_line(db: Path, args: list[str], table: str):
    _damage(db, table)
    line = one_line_error(run("--db", str(db), *args))
    assert line.startswith("chronology: error: the store is damaged: ") and "chronology doctor" in line


def test_doctor_finds_a_damaged_file(db: Path):
    _damage(db, "events")
    result = run("--db", str(db), "doctor")
    assert result.returncode == 1 and b"SQLite's integrity check" in result.stdout


def test_doctor_finds_a_stale_index_and_repair_rebuilds_it_after_a_backup(db: Path):
    assert run("--db", str(db), "doctor").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM search_rows WHERE rowid = (SELECT min(rowid) FROM search_rows)")
    conn.commit()
    conn.close()
    found = run("--db", str(db), "doctor")
    assert found.returncode == 1 and b"1 rows missing" in found.stdout
    repaired = run("--db", str(db), "doctor", "--repair")
    assert repaired.returncode == 0 and b"Backed up to" in repaired.stdout
    assert len(list(db.parent.glob("store.backup-*.db"))) == 1
    assert run("--db", str(db), "doctor").returncode == 0


def test_stale_temp_files_are_cleaned_and_backups_kept_to_three(db: Path):
    dead = 2**22 + 12345  # above the default pid_max: no such process
    leftovers = [db.parent / f".store.db.{dead}.tmp", db.parent / f".store.db.{dead}.tmp-wal"]
    for path in leftovers:
        path.write_bytes(b"x" * 100)
    backups = [db.parent / f"store.backup-2026010{i}-000000.db" for i in range(1, 6)]
    for path in backups:
        path.write_bytes(b"old")
    assert run("--db", str(db), "list").returncode == 0
    assert not any(p.exists() for p in leftovers)
    assert [p.exists() for p in backups] == [False, False, True, True, True]


@pytest.mark.parametrize("table", ["search_fts_data", "search_fts_docsize"])
def test_an_import_into_a_damaged_search_index_is_refused_and_the_store_is_unchanged(
    db: Path, tmp_path: Path, table: str
):
    _damage(db, table)
    before = db.read_bytes()
    changed = tiny_data()
    changed["events"][0]["title"] = "Зустріч, названа інакше"
    line = one_line_error(run("--db", str(db), "import", str(write_json(tmp_path / "new.json", changed))))
    assert line.startswith(f"chronology: error: the store is damaged: {table}: ")
    assert "nothing was imported; run `chronology doctor --repair`" in line
    assert db.read_bytes() == before


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 3 MB file system (tmpfs), mounted for the test; skipped where mounting is not permitted."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def _many_events(n: int) -> dict:
    data = tiny_data()
    event = data["events"][0]
    for i in range(n):
        data["events"].append({**event, "id": f"x{i}", "title": f"Подія {i} " + "слово " * 60})
    return data


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` but ``leave`` bytes."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "filler", "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))


def test_a_full_disk_during_import_is_one_line_and_the_store_is_unchanged(small_disk: Path, tmp_path: Path):
    db = small_disk / "store.db"
    assert (
        run("--db", str(db), "import", "--no-seed", str(write_json(tmp_path / "t.json", tiny_data()))).returncode == 0
    )
    before = db.read_bytes()
    line = one_line_error(run("--db", str(db), "import", str(write_json(tmp_path / "big.json", _many_events(4000)))))
    assert line.startswith("chronology: error: cannot write: database or disk is full; nothing was changed")
    assert db.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["store.db"]  # no journal or temp file left


def test_a_full_disk_during_reindex_is_one_line_and_the_store_is_unchanged(small_disk: Path, tmp_path: Path):
    db = small_disk / "store.db"
    data = write_json(tmp_path / "many.json", _many_events(150))
    assert run("--db", str(db), "import", "--no-seed", str(data)).returncode == 0
    _fill(small_disk, 64 * 1024)
    before = db.read_bytes()
    line = one_line_error(run("--db", str(db), "search", "--reindex", "Подія"))
    assert line.startswith("chronology: error: cannot write: database or disk is full; nothing was changed")
    assert db.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "store.db"]


@pytest.mark.parametrize("command", ["draft", "add"])
def test_draft_and_add_read_the_article_as_imports_do(db: Path, tmp_path: Path, command: str):
    big = tmp_path / "big.txt"
    big.write_bytes("Стаття. ".encode() * 200_000)  # 2.4 MB
    env = {"CHRONOLOGY_MAX_TEXT_MB": "1"}
    line = one_line_error(run("--db", str(db), command, str(big), "--published", "2025-04-11", env=env))
    assert line.endswith(
        f"{big} is larger than 1 MB; set CHRONOLOGY_MAX_TEXT_MB to a larger number of megabytes to read it"
    )
    assert "Traceback" not in line
    line = one_line_error(run("--db", str(db), command, "/dev/zero", "--published", "2025-04-11"))
    assert line.endswith("/dev/zero is not a regular file (a FIFO, a device or a socket); give a file")

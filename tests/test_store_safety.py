"""A store that survives: bad files, newer schemas, locks, read-only and missing folders are refused in one line
with the file left byte for byte as it was; schema upgrades back up first; a reader keeps working while
`chronology import` writes from another process."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from chronology.db.errors import StoreError
from chronology.db.models import Chronology
from chronology.db.store import SCHEMA_VERSION, Store, backup_path
from chronology.db.store import files as store_files
from chronology.db.store import schema as store_schema
from chronology.tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-import.json"
NOBODY = 65534


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def cli(*args: str, env: dict[str, str] | None = None, user: int | None = None) -> subprocess.CompletedProcess[str]:
    """`chronology ARGS` in a subprocess, optionally as another user (root's tests use `nobody`)."""
    cmd = [sys.executable, "-m", "chronology.tui.cli", *args]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return subprocess.run(
        cmd, env=env or dict(os.environ), capture_output=True, text=True, timeout=120, cwd="/" if user else None
    )


def one_line_error(proc: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("chronology: помилка: "), proc.stderr
    assert fragment in proc.stderr, proc.stderr


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------------- files that are not our store
@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "не база даних SQLite"),  # SQLite would happily turn an empty file into a database
        (b"\x00not sqlite at all" * 100, "не база даних SQLite"),
        (b"SQLite format 3\x00" + b"\xff" * 100, "пошкоджений або не є базою даних SQLite"),
    ],
)
@pytest.mark.parametrize("command", [["list"], ["import", str(EXAMPLE)], ["export"]])
def test_file_that_is_not_a_store_is_refused_untouched(tmp_path: Path, content: bytes, fragment: str, command):
    path = tmp_path / "store.db"
    path.write_bytes(content)
    proc = cli("--db", str(path), *command)
    one_line_error(proc, fragment)
    assert path.read_bytes() == content
    assert files_in(tmp_path) == ["store.db"]


def test_truncated_store_is_refused_untouched(tmp_path: Path, seed_db_path: Path):
    path = tmp_path / "cut.db"
    path.write_bytes(seed_db_path.read_bytes()[:4096])
    before = path.read_bytes()
    code, _ = run("--db", str(path), "list")
    assert code == 1
    assert path.read_bytes() == before


def test_other_sqlite_database_is_refused_untouched(other_sqlite_db: Path):
    path = other_sqlite_db
    before = path.read_bytes()
    one_line_error(cli("--db", str(path), "import", str(EXAMPLE)), "але не сховище chronology")
    assert path.read_bytes() == before


def _set_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("command", [["list"], ["import", str(EXAMPLE)], ["export", "--format", "md"]])
def test_newer_schema_is_refused_untouched(seed_db_path: Path, command):
    _set_version(seed_db_path, SCHEMA_VERSION + 1)
    before = seed_db_path.read_bytes()
    one_line_error(cli("--db", str(seed_db_path), *command), "новішу, ніж знає ця програма")
    assert seed_db_path.read_bytes() == before
    assert files_in(seed_db_path.parent) == ["store.db"]  # and no backup either


# ---------------------------------------------------------------------- missing folders
def test_missing_folder_of_an_explicit_store_is_named_and_not_created(tmp_path: Path):
    path = tmp_path / "no" / "such" / "x.db"
    for command in (["list"], ["import", str(EXAMPLE)], ["export"]):
        one_line_error(cli("--db", str(path), *command), f"немає теки {path.parent}")
    assert files_in(tmp_path) == []


def test_missing_folder_in_chronology_db_variable_is_not_created(tmp_path: Path):
    path = tmp_path / "typo" / "x.db"
    one_line_error(cli("list", env=dict(os.environ, CHRONOLOGY_DB=str(path))), f"немає теки {path.parent}")
    assert files_in(tmp_path) == []


def test_open_names_a_missing_folder(tmp_path: Path):
    with pytest.raises(StoreError, match="no folder"):
        Store.open(tmp_path / "nope" / "x.db")


def test_default_data_folder_is_still_created(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "CHRONOLOGY_DB"))}
    env["HOME"] = str(tmp_path)
    proc = cli("import", str(EXAMPLE), env=env)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / ".local" / "share" / "chronology" / "chronology.db").is_file()


# ---------------------------------------------------------------------- locks
@contextlib.contextmanager
def held_write_lock(path: Path, *, exclusive: bool = False) -> Iterator[sqlite3.Connection]:
    """Another process's view: a connection holding the store's write lock (or, exclusive, every lock)."""
    conn = sqlite3.connect(path, isolation_level=None)
    if exclusive:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM events").fetchone()
    else:
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_import_into_a_locked_store_says_busy(seed_db_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("CHRONOLOGY_BUSY_TIMEOUT", "0.2")
    before = seed_db_path.read_bytes()
    with held_write_lock(seed_db_path):
        code, out = run("--db", str(seed_db_path), "import", str(EXAMPLE))
        assert code == 1 and out == ""
        err = capsys.readouterr().err
        busy = "сховище зайняте (його заблокувала інша chronology?); спробуйте ще раз"
        assert err == f"chronology: помилка: {seed_db_path}: {busy}\n"
        # readers are not blocked by a writer (WAL)
        code, out = run("--db", str(seed_db_path), "list")
        assert code == 0 and "Москва" in out
    assert seed_db_path.read_bytes() == before


def test_exclusively_locked_store_says_busy_in_a_subprocess(seed_db_path: Path):
    before = seed_db_path.read_bytes()
    with held_write_lock(seed_db_path, exclusive=True):
        proc = cli("--db", str(seed_db_path), "list", env=dict(os.environ, CHRONOLOGY_BUSY_TIMEOUT="0.2"))
        one_line_error(proc, "сховище зайняте (його заблокувала інша chronology?); спробуйте ще раз")
    assert seed_db_path.read_bytes() == before


def test_store_write_when_locked_raises_store_error(seed_db_path: Path, tiny_doc: Chronology, monkeypatch):
    monkeypatch.setenv("CHRONOLOGY_BUSY_TIMEOUT", "0.1")
    with Store.open(seed_db_path) as store, held_write_lock(seed_db_path):
        with pytest.raises(StoreError, match="store is busy"):
            store.write(tiny_doc)
        assert store.count_events() == 17  # the store still reads


# ---------------------------------------------------------------------- read-only stores
@contextlib.contextmanager
def readonly_store(seed_doc: Chronology, *, writable_file: bool) -> Iterator[tuple[Path, int | None]]:
    """A store in a folder its user cannot write to; yields (path, user to run as: None for ourselves).

    Root ignores permissions, so as root the store is made by root in a folder root owns and the commands
    run as `nobody`, for whom the folder is read-only."""
    folder = Path(tempfile.mkdtemp(prefix="chronology-ro-"))
    folder.chmod(0o755)
    path = folder / "store.db"
    Store.build(path, seed_doc).close()
    user: int | None = None
    try:
        if os.geteuid() == 0:
            user = NOBODY
            path.chmod(0o644)
            if writable_file:
                os.chown(path, NOBODY, NOBODY)
            probe = cli("--version", user=user)
            if probe.returncode != 0:
                pytest.skip(f"cannot run as an unprivileged user here: {probe.stderr.strip()}")
        else:
            path.chmod(0o644 if writable_file else 0o444)
            folder.chmod(0o555)
        yield path, user
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("writable_file", [False, True])
def test_read_only_folder_reads_but_refuses_writes(seed_doc: Chronology, writable_file: bool):
    with readonly_store(seed_doc, writable_file=writable_file) as (path, user):
        before = path.read_bytes()
        proc = cli("--db", str(path), "list", user=user)
        assert proc.returncode == 0, proc.stderr
        assert "Москва" in proc.stdout and proc.stderr == ""
        proc = cli("--db", str(path), "show", "2025-03-13-moscow", user=user)
        assert proc.returncode == 0, proc.stderr
        proc = cli("--db", str(path), "import", "--dry-run", str(EXAMPLE), user=user)
        assert proc.returncode == 0 and "додано 1" in proc.stdout, proc.stderr
        proc = cli("--db", str(path), "export", "--format", "csv", user=user)
        assert proc.returncode == 0 and proc.stdout.startswith("id,date,"), proc.stderr
        one_line_error(
            cli("--db", str(path), "import", str(EXAMPLE), user=user), "доступні лише для читання; нічого не змінено"
        )
        assert path.read_bytes() == before
        assert files_in(path.parent) == ["store.db"]


def test_new_store_in_a_read_only_folder_is_refused(seed_doc: Chronology):
    with readonly_store(seed_doc, writable_file=False) as (path, user):
        new = path.parent / "new.db"
        proc = cli("--db", str(new), "list", user=user)
        one_line_error(proc, f"не вдається записати в {path.parent}")
        assert files_in(path.parent) == ["store.db"]


# ---------------------------------------------------------------------- schema upgrades
def _add_notes_table(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL)")


def _broken_migration(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE half_done (x)")
    raise RuntimeError("disk on fire")


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_upgrade_backs_up_then_migrates(tmp_path: Path, tiny_doc: Chronology, monkeypatch):
    path = tmp_path / "c.db"
    Store.build(path, tiny_doc).close()
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store_schema, "MIGRATIONS", {SCHEMA_VERSION: _add_notes_table})
    with Store.open(path) as store:
        assert store.backup is not None
        assert store.event_ids() == ["m1", "m2"]
    backups = [p for p in tmp_path.iterdir() if ".backup-" in p.name]
    assert len(backups) == 1 and backups[0] == store.backup
    stamp = backups[0].name.removeprefix("c.backup-").removesuffix(".db")
    assert dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    assert _user_version(path) == SCHEMA_VERSION + 1 and "notes" in _tables(path)
    # the backup is the store as it was: old version, no new table, same records
    assert _user_version(backups[0]) == SCHEMA_VERSION and "notes" not in _tables(backups[0])
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", SCHEMA_VERSION)
    with Store.open(backups[0]) as old:
        assert old.to_document() == Store.memory(tiny_doc).to_document()
    # opening again does not upgrade (or back up) twice
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    Store.open(path).close()
    assert len([p for p in tmp_path.iterdir() if ".backup-" in p.name]) == 1


def test_store_with_an_older_version_runs_each_migration_in_order(tmp_path: Path, tiny_doc: Chronology, monkeypatch):
    path = tmp_path / "c.db"
    Store.build(path, tiny_doc).close()
    _set_version(path, SCHEMA_VERSION - 1)
    ran: list[int] = []
    monkeypatch.setattr(
        store_schema,
        "MIGRATIONS",
        {SCHEMA_VERSION - 1: lambda conn: ran.append(SCHEMA_VERSION - 1)},
    )
    with Store.open(path) as store:
        assert store.count_events() == 2
    assert ran == [SCHEMA_VERSION - 1] and _user_version(path) == SCHEMA_VERSION


def test_failed_upgrade_leaves_the_store_as_it_was(tmp_path: Path, tiny_doc: Chronology, monkeypatch):
    path = tmp_path / "c.db"
    Store.build(path, tiny_doc).close()
    before = path.read_bytes()
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store_schema, "MIGRATIONS", {SCHEMA_VERSION: _broken_migration})
    with pytest.raises(StoreError, match="failed \\(disk on fire\\); it was left as it was") as info:
        Store.open(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == before
    assert "half_done" not in _tables(path) and _user_version(path) == SCHEMA_VERSION
    assert len([p for p in tmp_path.iterdir() if ".backup-" in p.name]) == 1


def test_version_without_a_migration_is_refused_untouched(tmp_path: Path, tiny_doc: Chronology):
    path = tmp_path / "c.db"
    Store.build(path, tiny_doc).close()
    assert 0 not in store_schema.MIGRATIONS
    _set_version(path, 0)  # older than any upgrade this program has
    before = path.read_bytes()
    one_line_error(cli("--db", str(path), "list"), "не може її оновити")
    assert path.read_bytes() == before
    assert files_in(tmp_path) == ["c.db"]


def test_backup_names_never_collide(tmp_path: Path):
    now = dt.datetime(2026, 1, 21, 10, 15, 0)
    store = tmp_path / "chronology.db"
    first = backup_path(store, now)
    assert first.name == "chronology.backup-20260121-101500.db"
    first.write_bytes(b"x")
    assert backup_path(store, now).name == "chronology.backup-20260121-101500-2.db"


# ---------------------------------------------------------------------- a reader while another process imports
def test_reader_keeps_working_while_chronology_import_runs(tmp_path: Path, seed_doc: Chronology):
    path = tmp_path / "c.db"
    Store.build(path, seed_doc).close()
    reader = Store.open(path)  # as the TUI holds it
    try:
        version = reader.data_version()
        ids = reader.event_ids()
        # mid-iteration: a read statement is open (a read transaction on its snapshot) while the import commits
        cursor = reader.conn.execute("SELECT id FROM events ORDER BY pos")
        first = cursor.fetchone()
        new = tmp_path / "new.json"
        new.write_text(
            (EXAMPLE.read_text(encoding="utf-8")).replace("q-russians-asked-meeting", "q-concurrent"),
            encoding="utf-8",
        )
        proc = cli("--db", str(path), "import", str(new))
        assert proc.returncode == 0, proc.stderr
        rest = cursor.fetchall()
        assert [first[0], *(r[0] for r in rest)] == ids  # the old snapshot, read to its end without error
        assert reader.data_version() != version  # the TUI's cue to refresh
        detail = reader.event("2026-01-21-witkoff-cnbc")
        assert detail is not None and "q-concurrent" in [q.id for q in detail.quotes]
        assert reader.count_events() == len(ids)
    finally:
        reader.close()


def test_reader_sees_new_events_after_an_import(tmp_path: Path, tiny_doc: Chronology):
    path = tmp_path / "c.db"
    Store.build(path, tiny_doc).close()
    reader = Store.open(path)
    try:
        rows = reader.timeline()
        doc = tmp_path / "more.json"
        t = "13 березня 2025 року"
        doc.write_text(
            '{"events": [{"id": "m9", "kind": "talks", "date": "2025-06", "title": "Нова подія", '
            f'"citations": [{{"source_id": "src", "offset": 0, "text": "{t}"}}]}}]}}',
            encoding="utf-8",
        )
        proc = cli("--db", str(path), "import", str(doc))
        assert proc.returncode == 0, proc.stderr
        assert [r.id for r in reader.timeline()] == ["m1", "m9", "m2"]
        assert len(rows) == 2
    finally:
        reader.close()


def test_upgrade_backs_up_on_a_file_system_without_hard_links(tmp_path: Path, tiny_doc: Chronology, monkeypatch):
    path = tmp_path / "c.db"
    Store.build(path, tiny_doc).close()

    def no_links(src: object, dst: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(store_files.os, "link", no_links)
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store_schema, "MIGRATIONS", {SCHEMA_VERSION: _add_notes_table})
    with Store.open(path) as store:
        assert store.backup is not None and store.backup.is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert _user_version(store.backup) == SCHEMA_VERSION

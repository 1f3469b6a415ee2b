"""Datasette and sqlite-utils, the real tools, on a store and on its published copy (`export --format sqlite`):
search by word, the canned query, the facets, a copy opened from read-only media."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from chronology.db.store import Store
from chronology.tui.present.exports.datasette import dumps_metadata, metadata

from .real_tools import free_port, get, server, tool
from .test_cli import run

ROOT = Path(__file__).resolve().parent.parent
USHAKOV = "2025-04-11-saint-petersburg"  # the one event whose text names Ушаков


def _datasette(db: Path, *extra: str, wrap: list[str] | None = None):
    port = free_port()
    args = [*(wrap or []), tool("datasette"), "serve", str(db), "--host", "127.0.0.1", "--port", str(port), *extra]
    return f"http://127.0.0.1:{port}", server(args, f"http://127.0.0.1:{port}/-/versions.json")


def _json(url: str) -> object:
    status, body = get(url)
    assert status == 200, body[:500]
    return json.loads(body)


def _ids(rows: object) -> list[str]:
    assert isinstance(rows, list)
    return [r["id"] if "id" in r else r["event_id"] for r in rows]


def test_plain_datasette_searches_the_events_by_word(seed_db_path: Path):
    base, running = _datasette(seed_db_path)
    with running:
        everything = _ids(_json(f"{base}/store/events.json?_shape=array&_size=max"))
        found = _ids(_json(f"{base}/store/events.json?_shape=array&_search=" + urllib.parse.quote("Ушаков")))
        lower = _ids(_json(f"{base}/store/events.json?_shape=array&_search=" + urllib.parse.quote("ушаков")))
        quotes = _json(f"{base}/store/quotes.json?_shape=array&_search=" + urllib.parse.quote("конструктивними"))
        table = _json(f"{base}/store/events.json?_search=" + urllib.parse.quote("Ушаков"))
    with Store.open(seed_db_path) as store:
        assert sorted(everything) == sorted(store.event_ids())
    assert found == lower == [USHAKOV]
    assert isinstance(quotes, list) and [q["event_id"] for q in quotes] == [USHAKOV]
    assert isinstance(table, dict) and table["human_description_en"] == 'where search matches "Ушаков"'


def test_metadata_gives_the_canned_search_the_facets_and_the_descriptions(seed_db_path: Path, tmp_path: Path):
    meta = tmp_path / "metadata.json"
    meta.write_text(dumps_metadata("store", "uk"), encoding="utf-8")
    base, running = _datasette(seed_db_path, "--metadata", str(meta))
    with running:
        hits = _json(f"{base}/store/search.json?_shape=array&q=" + urllib.parse.quote("Дмітрієв"))
        empty = _json(f"{base}/store/search.json?_shape=array&q=")
        events = _json(f"{base}/store/events.json?_size=1")
        page_status, page = get(f"{base}/store/events")
        about = _json(f"{base}/-/metadata.json")
        tables = _json(f"{base}/store.json")
    assert isinstance(hits, list) and hits
    assert {h["event_id"] for h in hits} == {"2025-08-06-dmitriev-informal", "2026-davos-talks"}
    assert set(hits[0]) == {"event_id", "date", "title", "found_in", "snippet"}
    assert {h["found_in"] for h in hits} == {"учасник"} and "[Дмітрієв]" in hits[0]["snippet"]
    assert empty == []
    assert isinstance(events, dict)
    facets = events["facet_results"]
    assert set(facets) >= {"kind", "year", "place"}
    years = {f["value"]: f["count"] for f in facets["year"]["results"]}
    with Store.open(seed_db_path) as store:
        assert years == {y: n for y, _, n in store.year_starts()}
    assert page_status == 200 and "Події хронології" in page  # the table's description, in Ukrainian
    assert isinstance(about, dict) and about["license"] == "MIT"
    assert isinstance(tables, dict)
    shown = {t["name"] for t in tables["tables"] if not t["hidden"]}
    assert {"events", "quotes", "actors", "sources", "citations"} <= shown
    assert not shown & {"search_rows", "search_terms", "search_fts", "events_fts"}


def test_sqlite_utils_searches_the_events_and_the_quotes(seed_db_path: Path):
    def search(table: str, words: str) -> list[dict]:
        proc = subprocess.run(
            [tool("sqlite-utils"), "search", str(seed_db_path), table, words], capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    assert [r["id"] for r in search("events", "Ушаков")] == [USHAKOV]
    assert [r["event_id"] for r in search("quotes", "конструктивними")] == [USHAKOV]
    assert [r["id"] for r in search("actors", "Witkoff")] == ["witkoff"]


def test_the_index_follows_changes_made_by_other_tools(seed_db_path: Path):
    conn = sqlite3.connect(seed_db_path)
    conn.execute("UPDATE events SET summary = 'Зустріч у Стамбулі' WHERE id = ?", (USHAKOV,))
    conn.commit()
    conn.close()
    proc = subprocess.run(
        [tool("sqlite-utils"), "search", str(seed_db_path), "events", "Стамбулі"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in json.loads(proc.stdout)] == [USHAKOV]
    proc = subprocess.run(
        [tool("sqlite-utils"), "rebuild-fts", str(seed_db_path), "events"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_the_shipped_metadata_is_the_generated_one():
    assert (ROOT / "docs" / "datasette-metadata.json").read_text(encoding="utf-8") == dumps_metadata()
    assert set(metadata("public", "en")["databases"]) == {"public"}


# ---------------------------------------------------------------------- the published copy
def _read_only_mount(folder: Path) -> list[str]:
    """A command prefix that runs a command with ``folder`` mounted read-only (a user and mount namespace of its
    own), as on a read-only disc; skipped where the system does not allow it."""
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a read-only mount here (unshare -rm is not allowed)")
    return ["unshare", "-rm", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"', str(folder)]


def test_export_sqlite_writes_a_read_only_single_file_copy_with_its_metadata(seed_db_path: Path, tmp_path: Path):
    out = tmp_path / "pub" / "public.db"
    out.parent.mkdir()
    code, printed = run("--db", str(seed_db_path), "export", "--format", "sqlite", "-o", str(out))
    assert code == 0
    assert "datasette" in printed and "public.metadata.json" in printed
    assert sorted(p.name for p in out.parent.iterdir()) == ["public.db", "public.metadata.json"]
    assert out.stat().st_mode & 0o222 == 0  # read-only for everyone
    assert out.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL: opens without -wal or -shm
    conn = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # VACUUMed
    conn.close()
    meta = json.loads((out.parent / "public.metadata.json").read_text(encoding="utf-8"))
    assert set(meta["databases"]) == {"public"}
    with Store.open(out) as copy, Store.open(seed_db_path) as store:
        assert copy.read_only and copy.to_document() == store.to_document()  # a whole store, opened read-only
    assert out.read_bytes()[18:20] == b"\x01\x01"  # and left in rollback-journal mode
    assert run("--db", str(seed_db_path), "export", "--format", "sqlite", "-o", str(out))[0] == 0  # replaced whole


def test_plain_datasette_and_sqlite_utils_open_the_copy_on_read_only_media(seed_db_path: Path, tmp_path: Path):
    folder = tmp_path / "disc"
    folder.mkdir()
    out = folder / "public.db"
    assert run("--db", str(seed_db_path), "export", "--format", "sqlite", "-o", str(out))[0] == 0
    read_only = _read_only_mount(folder)
    proc = subprocess.run(
        [*read_only, "sh", "-c", f'touch "{folder}/x" 2>/dev/null && echo writable || echo read-only'],
        capture_output=True,
        text=True,
    )
    assert proc.stdout.strip() == "read-only"
    meta = folder / "public.metadata.json"
    base, running = _datasette(out, "--metadata", str(meta), wrap=read_only)
    with running:
        found = _ids(_json(f"{base}/public/events.json?_shape=array&_search=" + urllib.parse.quote("Ушаков")))
        hits = _json(f"{base}/public/search.json?_shape=array&q=" + urllib.parse.quote("Ушаков"))
    assert found == [USHAKOV]
    assert isinstance(hits, list) and {h["event_id"] for h in hits} == {USHAKOV}
    proc = subprocess.run(
        [*read_only, tool("sqlite-utils"), "search", str(out), "events", "Ушаков"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in json.loads(proc.stdout)] == [USHAKOV]
    assert sorted(p.name for p in folder.iterdir()) == ["public.db", "public.metadata.json"]


def test_export_sqlite_needs_a_file_and_never_writes_over_the_store(seed_db_path: Path, capsys):
    assert run("--db", str(seed_db_path), "export", "--format", "sqlite")[0] == 2
    assert "-o" in capsys.readouterr().err
    before = seed_db_path.read_bytes()
    assert run("--db", str(seed_db_path), "export", "--format", "sqlite", "-o", str(seed_db_path))[0] == 1
    assert "це саме сховище" in capsys.readouterr().err  # the UI language: Ukrainian by default
    assert seed_db_path.read_bytes() == before

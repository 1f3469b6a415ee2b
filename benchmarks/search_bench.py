"""Search benchmark: query latency of chronology's search against raw FTS5 on the same text.

    python benchmarks/search_bench.py --rounds 100000          # readable table
    python benchmarks/search_bench.py --rounds 100000 --json   # … and a last line of JSON
    python benchmarks/search_bench.py --store /tmp/big.db      # reuse a store built by benchmarks/synth.py

What it measures on a synthetic chronology (benchmarks/synth.py; ~3 quotes per event):

* ``search_ms_p50`` / ``search_ms_p95``: wall time of ``chronology.db.search.search(store, q, limit=50)``
  (the ranked first page, the total count and the timeline positions of every matching event, which is what
  the TUI asks for) over a fixed mix of queries, each run ``REPEATS`` times after one warm-up run;
* ``baseline_search_ms_p95`` (and p50): the same queries as raw FTS5 MATCH on a plain ``unicode61`` table
  of the same records' original text, doing the same job: the 50 best by bm25 and the total count;
* ``search_typeahead_ms_p50`` / ``…_p95``: the same for a word being typed in the app's search bar,
  ``search(store, q, limit=0, typing=True)`` (the count and every matching event, all the search bar asks
  for; the last word also matches as a prefix), at 3, 5 and 8 letters of "переговори": each also alone
  (``search_ms_typeahead_3`` …) against a raw FTS5 prefix query on the plain table doing the mix's job
  (``baseline_ms_typeahead_3`` …); kept out of the mix above, so that its figures stay comparable with
  earlier runs (engine only: ``benchmarks/run.py``'s ``typeahead_ms_p95`` is the app's, from a keystroke to
  the filtered timeline on screen);
* ``search_cold_ms``: the first query in a fresh process state (pymorphy3 loading, caches empty);
* ``index_build_s``: re-creating the search index of a copy of the store from scratch;
* ``store_mb`` / ``store_without_index_mb``: the store with its search index and without it
  (``index_growth_pct``), and how much of the index is the lemma (normal form) columns.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Fixed mix: one query of each kind the issue names. The synthetic text draws on a few hundred words of the
# seed article, so its rarest word ("Стамбулі", a place in ~1 title in 9) still matches ~11k records.
QUERIES = {
    "common word": "зустріч",
    "rare word": "Стамбулі",
    "phrase": '"у Москві"',
    "prefix": "перегов*",
    "alias": "Уіткофф",
}
# A word typed letter by letter in the search bar (3, 5 and 8 letters of "переговори").
TYPEAHEAD = {"typeahead 3": "пер", "typeahead 5": "перег", "typeahead 8": "перегово"}
REPEATS = 20
LIMIT = 50


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def _file_mb(path: Path) -> float:
    return path.stat().st_size / 2**20


def _plain_table(store_path: Path, folder: Path) -> sqlite3.Connection:
    """The baseline: one plain unicode61 FTS5 table holding the original text of every searched record."""
    conn = sqlite3.connect(folder / "plain.db")
    conn.execute("ATTACH DATABASE ? AS store", (f"file:{store_path}?mode=ro",))
    conn.execute("CREATE VIRTUAL TABLE plain USING fts5(text, tokenize='unicode61')")
    conn.execute("BEGIN")
    for sql in (
        "SELECT text FROM store.quotes",
        "SELECT title FROM store.events",
        "SELECT title_en FROM store.events WHERE title_en IS NOT NULL",
        "SELECT summary FROM store.events WHERE summary != ''",
        "SELECT summary_en FROM store.events WHERE summary_en IS NOT NULL",
        "SELECT outcome FROM store.events WHERE outcome IS NOT NULL",
        "SELECT outcome_en FROM store.events WHERE outcome_en IS NOT NULL",
        "SELECT place FROM store.events WHERE place IS NOT NULL",
        "SELECT place_en FROM store.events WHERE place_en IS NOT NULL",
        "SELECT text FROM store.citations",
        "SELECT name_uk || ' ' || name_en || ' ' || aliases FROM store.actors",
    ):
        conn.execute(f"INSERT INTO plain (text) {sql}")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE store")
    return conn


def _baseline_once(conn: sqlite3.Connection, query: str) -> float:
    started = time.perf_counter()
    conn.execute("SELECT rowid, rank FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT ?", (query, LIMIT)).fetchall()
    conn.execute("SELECT count(*) FROM plain WHERE plain MATCH ?", (query,)).fetchone()
    return (time.perf_counter() - started) * 1000


def _index_size(conn: sqlite3.Connection) -> tuple[float, float]:
    """(MiB of all search tables and indexes, MiB of their lemma columns' text)."""
    try:
        total = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'").fetchone()[0]
    except sqlite3.OperationalError:  # SQLite built without dbstat
        total = None
    lemma = conn.execute(
        "SELECT sum(length(CAST(coalesce(ql, '') || coalesce(tl, '') || coalesce(bl, '') AS BLOB))) FROM search_rows"
    ).fetchone()[0]
    return (total or 0) / 2**20, (lemma or 0) / 2**20


def _index_build(store_path: Path, folder: Path) -> dict[str, float]:
    """Drop the index of a copy of the store, measure it bare, then time re-creating the index."""
    from chronology.db import search as search_module
    from chronology.db import text as text_module
    from chronology.db.search import morphology
    from chronology.db.store import Store

    copy = folder / "copy.db"
    shutil.copyfile(store_path, copy)
    conn = sqlite3.connect(copy)
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE IF EXISTS search_fts")
    conn.execute("DROP TABLE IF EXISTS search_rows")
    conn.execute("DROP TABLE IF EXISTS search_terms")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()
    bare_mb = _file_mb(copy)
    search_module.lemmas.cache_clear()  # index as a first build would: no word analysed yet
    morphology.lemma_text.cache_clear()
    text_module._fold_key.cache_clear()
    store = Store.open(copy)
    started = time.perf_counter()
    search_module.reindex(store)
    seconds = time.perf_counter() - started
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return {"index_build_s": round(seconds, 1), "store_without_index_mb": round(bare_mb, 1)}


def measure(store_path: Path, *, repeats: int = REPEATS, build: bool = True) -> dict[str, float]:
    """Latency of search vs the raw FTS5 baseline, index build time and size on the store at ``store_path``."""
    from chronology.db.search import search
    from chronology.db.store import Store
    from chronology.tui.logic.search import LIMIT as TYPEAHEAD_LIMIT  # what the app's search bar asks for

    store_path = Path(store_path)
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="chronology-search-bench-") as tmp:
        folder = Path(tmp)
        store = Store.open(store_path)
        try:
            started = time.perf_counter()
            first = search(store, QUERIES["common word"], limit=LIMIT)
            result["search_cold_ms"] = round((time.perf_counter() - started) * 1000, 1)
            samples: list[float] = []
            typed_samples: list[float] = []
            per_kind: dict[str, float] = {}
            hits: dict[str, int] = {}
            for kind, query in {**QUERIES, **TYPEAHEAD}.items():
                typing = kind in TYPEAHEAD
                limit = TYPEAHEAD_LIMIT if typing else LIMIT
                search(store, query, limit=limit, typing=typing)  # warm-up
                times = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    results = search(store, query, limit=limit, typing=typing)
                    times.append((time.perf_counter() - started) * 1000)
                (typed_samples if typing else samples).extend(times)
                per_kind[kind] = statistics.median(times)
                hits[kind] = results.total_hits
            total_mb, lemma_mb = _index_size(store.conn)
            events = store.count_events()
            quotes = store.conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        finally:
            store.close()
        assert first.total_hits == hits["common word"]

        plain = _plain_table(store_path, folder)
        base_samples: list[float] = []
        base_kind: dict[str, float] = {}
        for kind, query in {**QUERIES, **{k: f"{q}*" for k, q in TYPEAHEAD.items()}}.items():
            _baseline_once(plain, query)
            times = [_baseline_once(plain, query) for _ in range(repeats)]
            if kind in QUERIES:
                base_samples += times
            base_kind[kind] = statistics.median(times)
        plain.close()

        result.update(
            {
                "search_ms_p50": round(statistics.median(samples), 1),
                "search_ms_p95": round(_percentile(samples, 95), 1),
                "baseline_search_ms_p50": round(statistics.median(base_samples), 1),
                "baseline_search_ms_p95": round(_percentile(base_samples, 95), 1),
                "search_typeahead_ms_p50": round(statistics.median(typed_samples), 1),
                "search_typeahead_ms_p95": round(_percentile(typed_samples, 95), 1),
                "events": events,
                "quotes": quotes,
                "store_mb": round(_file_mb(store_path), 1),
                "search_index_mb": round(total_mb, 1),
                "lemma_columns_mb": round(lemma_mb, 1),
            }
        )
        result["search_vs_baseline_p95"] = round(
            result["search_ms_p95"] / max(result["baseline_search_ms_p95"], 1e-6), 2
        )
        for kind in (*QUERIES, *TYPEAHEAD):
            key = kind.replace(" ", "_")
            result[f"search_ms_{key}"] = round(per_kind[kind], 1)
            result[f"baseline_ms_{key}"] = round(base_kind[kind], 1)
            result[f"hits_{key}"] = hits[kind]
        if build:
            result.update(_index_build(store_path, folder))
            result["index_growth_pct"] = round(
                100 * (result["store_mb"] - result["store_without_index_mb"]) / result["store_without_index_mb"], 1
            )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=100_000, help="events in the synthetic store (default 100000)")
    parser.add_argument("--store", type=Path, help="reuse this store (built by benchmarks/synth.py) instead")
    parser.add_argument("--repeats", type=int, default=REPEATS, help=f"runs per query (default {REPEATS})")
    parser.add_argument("--no-build", action="store_true", help="skip timing an index rebuild (slow at 100k)")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory(prefix="chronology-search-store-") as tmp:
        path = args.store
        if path is None:
            from synth import build_store

            path = Path(tmp) / "store.db"
            started = time.perf_counter()
            build_store(path, args.rounds)
            print(f"built {args.rounds} events in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        result = measure(path, repeats=args.repeats, build=not args.no_build)
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key.ljust(width)}  {value}")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the full-text tables for other tools (Datasette, sqlite-utils: chronology.db.store.tool_fts) cost.

    python benchmarks/tool_fts_bench.py --rounds 2000              # build a synthetic store with and without
    python benchmarks/tool_fts_bench.py --store /tmp/copy-of-big.db  # add them to an existing store (a COPY)

``--rounds``: builds a synthetic chronology (benchmarks/synth.py) twice, with the tables and without them,
and reports the build time and the store size of each, then the time of a small import (20 events, 60
quotes) into each. ``--store``: drops the tables from the given store (which it changes: give it a copy),
VACUUMs it, then times adding them (the schema upgrade) and reports the growth.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chronology.db.models import Chronology
from chronology.db.store import Store, schema, tool_fts
from synth import generate


def _mb(path: Path) -> float:
    return path.stat().st_size / 2**20


def _vacuum(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()


@contextlib.contextmanager
def _without_tool_fts() -> Iterator[None]:
    """Stores built meanwhile have no tool tables (as before issue #13)."""
    saved = schema.create_tool_fts
    schema.create_tool_fts = lambda conn: None  # type: ignore[assignment]
    try:
        yield
    finally:
        schema.create_tool_fts = saved  # type: ignore[assignment]


def _small_import(doc: Chronology, count: int) -> Chronology:
    """``count`` events of ``doc`` (with their quotes) under new ids: what one import adds."""
    events = [e.model_copy(update={"id": f"new-{e.id}"}) for e in doc.events[:count]]
    ids = {e.id[4:] for e in events}
    quotes = [
        q.model_copy(update={"id": f"new-{q.id}", "event_id": f"new-{q.event_id}"})
        for q in doc.quotes
        if q.event_id in ids
    ]
    return Chronology.model_construct(sources=[], actors=[], events=events, quotes=quotes, tallies=[])


REPEATS = 3


def _best(out: dict[str, float], key: str, seconds: float) -> None:
    out[key] = round(min(out.get(key, seconds), seconds), 3)


def build(rounds: int) -> dict[str, float]:
    doc = generate(rounds)
    extra = _small_import(doc, 20)
    out: dict[str, float] = {"rounds": rounds}
    with tempfile.TemporaryDirectory() as tmp:
        Store.build(Path(tmp) / "warm-up.db", doc).close()  # load the dictionaries, fill the caches
        # Alternating runs, the best of each: the machine's speed varies from minute to minute.
        for run in range(REPEATS * 2):
            label, context = ("with", contextlib.nullcontext()) if run % 2 == 0 else ("without", _without_tool_fts())
            path = Path(tmp) / f"{label}-{run}.db"
            with context:
                started = time.perf_counter()
                Store.build(path, doc).close()
                _best(out, f"build_s_{label}", time.perf_counter() - started)
                with Store.open(path) as store:
                    started = time.perf_counter()
                    store.write(extra)
                    _best(out, f"import_20_events_s_{label}", time.perf_counter() - started)
            _vacuum(path)
            out[f"store_mb_{label}"] = round(_mb(path), 2)
    out["growth_pct"] = round(100 * (out["store_mb_with"] / out["store_mb_without"] - 1), 1)
    return out


def add_to(path: Path) -> dict[str, float]:
    conn = sqlite3.connect(path, isolation_level=None)
    for table in tool_fts.TABLES:
        for suffix in ("_ai", "_ad", "_au"):
            conn.execute(f'DROP TRIGGER IF EXISTS "{table}{suffix}"')
        conn.execute(f'DROP TABLE IF EXISTS "{table}_fts"')
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    _vacuum(path)
    before = _mb(path)
    conn = sqlite3.connect(path, isolation_level=None)
    started = time.perf_counter()
    conn.execute("BEGIN")
    tool_fts.create_tool_fts(conn)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    _vacuum(path)
    after = _mb(path)
    return {
        "events": events,
        "add_s": round(seconds, 1),
        "store_mb_without": round(before, 1),
        "store_mb_with": round(after, 1),
        "growth_pct": round(100 * (after / before - 1), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2000, help="events in the synthetic store (default 2000)")
    parser.add_argument("--store", type=Path, help="add the tables to this store instead (it is changed: a copy!)")
    args = parser.parse_args(argv)
    result = add_to(args.store) if args.store else build(args.rounds)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

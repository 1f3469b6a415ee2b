"""Benchmarks, each reported as a ratio against a baseline measured in the same run.

    python benchmarks/run.py --rounds 100000          # readable table
    python benchmarks/run.py --rounds 100000 --json   # … and a last line of JSON

What it measures, headless, on a synthetic chronology of ``--rounds`` events (benchmarks/synth.py):

* start-up: wall time of a fresh process from launch to its first paint (the timeline's rows are read
  before the app mounts, so they are in it), and to ready (every worker finished: the first event's
  detail shown); the baseline is the same for a bare Textual app with one Static. Median of ``--repeat``
  interleaved runs each.
* cursor move: latency of 200 ↓ presses in the timeline (key → handled and repainted), p50/p95; the
  baseline is a bare Textual OptionList of 1,000 rows.
* the time axis: on each of those presses, the time the axis strip spent repainting (its lines' render
  time within the press), p50/p95; the time from launch until the axis is drawn (its counts read in a
  worker after the first paint); and, in the same run, start-up and cursor moves of the app without the
  axis (``AppOptions.time_axis=False``), so that what the axis costs is the difference.
* peak RSS of the process that ran the app and the 200 presses (and of the baseline's).
* search (benchmarks/search_bench.py): query latency p50/p95 over a fixed mix of queries against the
  store's search API vs the same queries as raw FTS5 MATCH on a plain unicode61 table (the baseline).
* what a user waits for (benchmarks/latency.py), debounces included: type-ahead, from a keystroke in the
  search bar (3-, 5- and 8-letter prefixes, typed letter by letter) until the timeline shows the matches;
  typing, from the last key of an 8-letter word typed at eight keys a second (not waiting for anything) until
  the timeline shows its matches; detail, from one ↓ press until the detail pane shows the new event.
  p50/p95.

``--compare-python PATH`` also runs every app measurement with another interpreter (the virtual environment
of another checkout, e.g. the main branch), interleaved with this one, and reports its figures as
``before_…``: a before/after in the same run, on a machine whose speed drifts.

Only the runtime dependencies are needed. The store is built once into a temp folder (or reuse one with
``--store PATH``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)


# --------------------------------------------------------------------------- children (fresh processes)
def _peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss it does not inherit the parent's peak across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _make_app(kind: str, store_path: str):
    """The app measured: ``app``, or ``app-noaxis`` (the same without the time axis)."""
    from dataclasses import replace

    from chronology.db.store import Store
    from chronology.tui.app import make_app
    from chronology.tui.options import DEFAULTS

    if not _has_axis():  # another checkout's app (--compare-python), from before the time axis
        return make_app(Store.open(store_path), lang="uk")
    options = replace(DEFAULTS, time_axis=kind != "app-noaxis")
    return make_app(Store.open(store_path), lang="uk", options=options)


def _has_axis() -> bool:
    """Whether the app measured has a time axis (the other checkout's, under --compare-python, may not)."""
    from dataclasses import fields

    from chronology.tui.options import AppOptions

    return any(field.name == "time_axis" for field in fields(AppOptions))


async def _axis_drawn(app, pilot) -> None:
    """Wait until the time axis has its counts and has drawn them."""
    axis = app.main.axis
    while axis.data is None:
        await pilot.pause(0.005)
        await app.workers.wait_for_complete()
    app.screen._on_timer_update()


def _child_startup(kind: str, store_path: str) -> None:
    """Run an app headless; print (as JSON) the wall-clock times of its first paint and of being ready.

    First paint: the first frame after the app is up (the timeline already holds its rows: the app reads
    them before mounting). Ready: every worker done (for chronology, the first event's detail shown too).
    """
    import asyncio

    from textual.app import App, ComposeResult

    if kind == "baseline":
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("chronology")

        app: App[None] = Bare()
    else:
        app = _make_app(kind, store_path)
    stamps: dict[str, float] = {}

    async def auto_pilot(pilot) -> None:
        app.call_after_refresh(lambda: stamps.setdefault("first_paint", time.time()))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if kind != "baseline":  # the first event's detail may load on a thread of its own, not a worker
            while app.main.detail_pane.detail is None:  # type: ignore[attr-defined]
                await asyncio.sleep(0.001)
                await pilot.pause()
        stamps["ready"] = time.time()
        if kind == "app" and _has_axis():
            await _axis_drawn(app, pilot)
            stamps["axis"] = time.time()
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=auto_pilot)
    print(json.dumps(stamps))


def _child_moves(kind: str, store_path: str, presses: int) -> None:
    """Press ↓ ``presses`` times; print each press's latency (ms) and the peak RSS as JSON.

    A press is timed from handing the key to the driver until every widget has processed the messages it
    caused and the screen has repainted (not via ``Pilot.press``, whose idle-waiting sleeps would swamp
    what is measured). The baseline is a bare Textual ``OptionList`` of 1,000 rows.
    """
    import asyncio

    from textual import events
    from textual.app import App, ComposeResult

    if kind == "baseline":
        from textual.widgets import OptionList

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield OptionList(*[f"row {i}" for i in range(1000)])

        app: App[None] = Bare()
    else:
        app = _make_app(kind, store_path)
    # The time axis's repaint: its lines' render time, summed per press.
    axis_ms = [0.0]
    measure_axis = kind == "app" and _has_axis()
    if measure_axis:
        from chronology.tui.widgets.time_axis import TimeAxis

        render_line = TimeAxis.render_line

        def timed(self, y):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return render_line(self, y)
            finally:
                axis_ms[0] += (time.perf_counter() - started) * 1000

        TimeAxis.render_line = timed  # type: ignore[method-assign]

    async def run() -> dict[str, object]:
        latencies: list[float] = []
        axis: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            if measure_axis:
                await _axis_drawn(app, pilot)
            driver = app._driver
            assert driver is not None
            for _ in range(presses):
                axis_ms[0] = 0.0
                started = time.perf_counter()
                key = events.Key("down", None)
                key.set_sender(app)
                driver.send_message(key)
                await pilot._wait_for_screen()
                app.screen._on_timer_update()  # paint now, as the screen's refresh timer would
                latencies.append((time.perf_counter() - started) * 1000)
                axis.append(axis_ms[0])
            await pilot.pause()
            await app.workers.wait_for_complete()
        return {"latencies_ms": latencies, "axis_ms": axis, "rss_mb": _peak_rss_mb()}

    print(json.dumps(asyncio.run(run())))


# --------------------------------------------------------------------------- parent
def _python(*args: str, python: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TEXTUAL="", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [python or sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _child_json(what: str, *args: str, python: str | None = None) -> dict[str, object]:
    proc = _python("--child", *args, python=python)
    if proc.returncode != 0:
        raise SystemExit(f"{what} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _timed_startup(kind: str, store: Path, repeat: int, python: str | None = None) -> tuple[float, ...]:
    """Median seconds from launching a fresh process to its first paint, to its being ready and (for the
    app with the time axis) to the axis drawn."""
    first, ready, axis = [], [], []
    for _ in range(repeat):
        started = time.time()
        proc = _python("--child", f"startup-{kind}", str(store), python=python)
        if proc.returncode != 0:
            raise SystemExit(f"start-up run of {kind} failed:\n{proc.stderr[-2000:]}")
        stamps = json.loads(proc.stdout.strip().splitlines()[-1])
        first.append(stamps["first_paint"] - started)
        ready.append(stamps["ready"] - started)
        axis.append(stamps.get("axis", stamps["ready"]) - started)
    return statistics.median(first), statistics.median(ready), statistics.median(axis)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure chronology against baselines measured in the same run.")
    parser.add_argument("--rounds", type=int, default=100_000, help="synthetic events (default 100000)")
    parser.add_argument("--store", type=Path, help="reuse this store (built with --rounds if missing)")
    parser.add_argument("--repeat", type=int, default=5, help="start-up runs per app, median taken (default 5)")
    parser.add_argument("--presses", type=int, default=200, help="cursor moves to time (default 200)")
    parser.add_argument("--no-search", action="store_true", help="skip the search benchmark")
    parser.add_argument("--words", type=int, default=2, help="rounds of the type-ahead words (default 2)")
    parser.add_argument("--compare-python", metavar="PATH", help="also measure the app of this interpreter")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        mode, *rest = args.child
        if mode.startswith("startup-"):
            _child_startup(mode.removeprefix("startup-"), rest[0])
        elif mode.startswith("moves-"):
            _child_moves(mode.removeprefix("moves-"), rest[0], int(rest[1]))
        elif mode == "typeahead":
            from latency import child_typeahead

            child_typeahead(rest[0], int(rest[1]))
        elif mode == "typing":
            from latency import child_typing

            child_typing(rest[0], int(rest[1]))
        elif mode == "detail":
            from latency import child_detail

            child_detail(rest[0], int(rest[1]))
        return 0

    sys.path.insert(0, str(HERE))
    from synth import build_store

    tmp = tempfile.TemporaryDirectory(prefix="chronology-bench-")
    store = args.store or Path(tmp.name) / "bench.db"
    build_s = None
    if not store.exists():
        print(f"building a synthetic store of {args.rounds} events…", file=sys.stderr)
        started = time.perf_counter()
        build_store(store, args.rounds)
        build_s = time.perf_counter() - started
    from chronology.db.store import Store

    with Store.open(store) as s:
        rounds = s.count_events()

    results: dict[str, object] = {"rounds": rounds}
    if build_s is not None:
        results["store_build_s"] = round(build_s, 2)
    results["store_mb"] = round(store.stat().st_size / 2**20, 1)

    # The apps measured: this checkout's, and (--compare-python) another's as "before_…".
    apps: dict[str, str | None] = {"": None}
    if args.compare_python:
        apps["before_"] = args.compare_python

    print("measuring start-up…", file=sys.stderr)
    _timed_startup("baseline", store, 1)  # warm the OS file cache for both
    for python in apps.values():
        _timed_startup("app", store, 1, python)
    # Interleaved, so that a change in the machine's load hits all alike. "noaxis_": this checkout's app
    # without the time axis.
    kinds: dict[str, tuple[str, str | None]] = {
        "baseline_": ("baseline", None),
        "noaxis_": ("app-noaxis", None),
        **{prefix: ("app", python) for prefix, python in apps.items()},
    }
    runs: dict[str, list[tuple[float, ...]]] = {prefix: [] for prefix in kinds}
    for _ in range(args.repeat):
        for prefix, (kind, python) in kinds.items():
            runs[prefix].append(_timed_startup(kind, store, 1, python))
    for prefix, timings in runs.items():
        results[f"{prefix}startup_s"] = round(statistics.median(r[0] for r in timings), 3)
        results[f"{prefix}ready_s"] = round(statistics.median(r[1] for r in timings), 3)
    results["axis_drawn_s"] = round(statistics.median(r[2] for r in runs[""]), 3)

    print("measuring cursor moves, the detail pane and type-ahead…", file=sys.stderr)
    base = _child_json("cursor-move run of the baseline", "moves-baseline", str(store), str(args.presses))
    results["baseline_move_ms_p95"] = round(_percentile(base["latencies_ms"], 95), 2)  # type: ignore[arg-type]
    results["baseline_rss_mb"] = round(base["rss_mb"], 1)  # type: ignore[arg-type]
    # This checkout's app with and without the axis (and the other checkout's) take turns, half the presses
    # each time, so that a change in the machine's load hits them alike.
    movers = {"noaxis_": ("app-noaxis", None), **{prefix: ("app", python) for prefix, python in apps.items()}}
    moves: dict[str, dict[str, list[float] | float]] = {}
    for _ in range(2):
        for prefix, (kind, python) in movers.items():
            run = _child_json(
                f"cursor-move run of {kind}", f"moves-{kind}", str(store), str(args.presses // 2), python=python
            )
            pooled = moves.setdefault(prefix, {"latencies_ms": [], "axis_ms": [], "rss_mb": 0.0})
            for key in ("latencies_ms", "axis_ms"):
                pooled[key] += run.get(key, [])  # type: ignore[operator]
            pooled["rss_mb"] = max(pooled["rss_mb"], run["rss_mb"])  # type: ignore[type-var]
    for prefix, pooled in moves.items():
        lat = pooled["latencies_ms"]
        results[f"{prefix}move_ms_p50"] = round(_percentile(lat, 50), 2)  # type: ignore[arg-type]
        results[f"{prefix}move_ms_p95"] = round(_percentile(lat, 95), 2)  # type: ignore[arg-type]
        results[f"{prefix}rss_mb"] = round(pooled["rss_mb"], 1)  # type: ignore[arg-type]
    axis_ms: list[float] = moves[""]["axis_ms"]  # type: ignore[assignment]
    results["axis_ms_p50"] = round(_percentile(axis_ms, 50), 3)
    results["axis_ms_p95"] = round(_percentile(axis_ms, 95), 3)
    repaints = [t for t in axis_ms if t > 0]  # the presses that moved the marker (or changed its mark)
    results["axis_repainted_pct"] = round(100 * len(repaints) / len(axis_ms), 1)
    results["axis_repaint_ms_p50"] = round(_percentile(repaints, 50), 3) if repaints else 0.0
    for prefix, python in apps.items():
        detail = _child_json("detail run", "detail", str(store), "40", python=python)["latencies_ms"]
        results[f"{prefix}detail_ms_p50"] = round(_percentile(detail, 50), 1)  # type: ignore[arg-type]
        results[f"{prefix}detail_ms_p95"] = round(_percentile(detail, 95), 1)  # type: ignore[arg-type]
    for prefix, python in apps.items():
        typed = _child_json("type-ahead run", "typeahead", str(store), str(args.words), python=python)["latencies_ms"]
        results[f"{prefix}typeahead_ms_p50"] = round(_percentile(typed, 50), 1)  # type: ignore[arg-type]
        results[f"{prefix}typeahead_ms_p95"] = round(_percentile(typed, 95), 1)  # type: ignore[arg-type]
    for prefix, python in apps.items():
        paced = _child_json("typing run", "typing", str(store), str(args.words), python=python)["latencies_ms"]
        results[f"{prefix}typing_ms_p50"] = round(_percentile(paced, 50), 1)  # type: ignore[arg-type]
        results[f"{prefix}typing_ms_p95"] = round(_percentile(paced, 95), 1)  # type: ignore[arg-type]

    if not args.no_search:
        print("measuring search…", file=sys.stderr)
        from search_bench import measure

        results.update(measure(store))

    ratio = results["startup_s"] / results["baseline_startup_s"]  # type: ignore[operator]
    rows = [
        ("events", f"{rounds:,}", ""),
        ("store size", f"{results['store_mb']} MiB", ""),
        (
            "start-up to first paint (baseline: bare Textual app)",
            f"{results['startup_s']} s",
            f"{ratio:.2f}× baseline ({results['baseline_startup_s']} s)",
        ),
        (
            "start-up until ready (first event shown, idle)",
            f"{results['ready_s']} s",
            f"{results['ready_s'] / results['baseline_ready_s']:.2f}× baseline ({results['baseline_ready_s']} s)",  # type: ignore[operator]
        ),
        (
            "cursor move p50 / p95",
            f"{results['move_ms_p50']} / {results['move_ms_p95']} ms",
            f"over {args.presses} presses; bare OptionList(1,000) p95 {results['baseline_move_ms_p95']} ms",
        ),
        ("peak RSS", f"{results['rss_mb']} MB", f"bare OptionList(1,000): {results['baseline_rss_mb']} MB"),
        ("↓ until the detail shows it p50 / p95", f"{results['detail_ms_p50']} / {results['detail_ms_p95']} ms", ""),
        (
            "keystroke until the matches show p50 / p95",
            f"{results['typeahead_ms_p50']} / {results['typeahead_ms_p95']} ms",
            "3-, 5-, 8-letter prefixes typed letter by letter",
        ),
        (
            "last key of a word typed at 8 keys/s until its matches show p50 / p95",
            f"{results['typing_ms_p50']} / {results['typing_ms_p95']} ms",
            "8 letters, not waiting between keys",
        ),
        (
            "without the time axis: start-up / ready",
            f"{results['noaxis_startup_s']} / {results['noaxis_ready_s']} s",
            f"with it: {results['startup_s']} / {results['ready_s']} s (same run)",
        ),
        (
            "without the time axis: cursor move p50 / p95",
            f"{results['noaxis_move_ms_p50']} / {results['noaxis_move_ms_p95']} ms",
            f"with it: {results['move_ms_p50']} / {results['move_ms_p95']} ms (same run)",
        ),
        (
            "time axis repaint per cursor move p50 / p95",
            f"{results['axis_ms_p50']} / {results['axis_ms_p95']} ms",
            f"repainted on {results['axis_repainted_pct']}% of the presses, "
            f"then p50 {results['axis_repaint_ms_p50']} ms",
        ),
        ("time axis drawn after launch", f"{results['axis_drawn_s']} s", "its counts read in a worker"),
    ]
    if args.compare_python:
        for name, key, unit in (
            ("start-up to first paint", "startup_s", "s"),
            ("start-up until ready", "ready_s", "s"),
            ("cursor move p95", "move_ms_p95", "ms"),
            ("peak RSS", "rss_mb", "MB"),
            ("↓ until the detail shows it p95", "detail_ms_p95", "ms"),
            ("keystroke until the matches show p95", "typeahead_ms_p95", "ms"),
            ("word typed at 8 keys/s until its matches show p95", "typing_ms_p95", "ms"),
        ):
            rows.append((f"  before: {name}", f"{results[f'before_{key}']} {unit}", f"now {results[key]} {unit}"))
    if "search_ms_p95" in results:
        base = results.get("baseline_search_ms_p95") or 0
        sratio = f"{results['search_ms_p95'] / base:.2f}× baseline p95 ({base} ms)" if base else ""  # type: ignore[operator]
        rows.append(("search p50 / p95", f"{results['search_ms_p50']} / {results['search_ms_p95']} ms", sratio))
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name.ljust(width)}  {value:>22}  {note}")
    if args.json:
        print(json.dumps(results))
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

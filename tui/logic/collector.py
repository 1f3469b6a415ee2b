"""How the app's process collects garbage while it runs: what start-up built is left out of full collections,
and full collections wait until nobody is typing (the app sets this up when its main screen mounts and undoes
it when the screen goes, so that a process that runs the app again, such as the tests, is left as it was).

Measured at 100,000 events, typing twelve words letter by letter (benchmarks/latency.py): with Python's
default thresholds fifteen full collections of 11–44 ms ran (480 ms in all), each pausing whatever key it
fell on. Full collections now run when no key or mouse event came for :data:`IDLE_S`, and on their own only
after ten times as many collections of the middle generation (after about ten seconds of typing without a
pause: then one longer pause instead of many). The young generations are collected as before.
"""

from __future__ import annotations

import gc
from time import monotonic

FULL_AFTER = 100  # collections of generation 1 before a full one is considered (Python's default: 10)
IDLE_S = 1.0  # no key or mouse event for this long: a full collection keeps nobody waiting

_last_input = 0.0  # monotonic time of the last key or mouse event
_middle_collections = 0  # generation 1's collections when the last idle collection ran

_saved: tuple[int, int, int] | None = None  # Python's thresholds, while the app's are set


def keep_full_collections_rare() -> None:
    """Full collections after :data:`FULL_AFTER` collections of the middle generation (until :func:`restore`)."""
    global _saved
    young, middle, full = gc.get_threshold()
    if _saved is None:
        _saved = (young, middle, full)
    gc.set_threshold(young, middle, max(full, FULL_AFTER))


def freeze_startup_objects() -> None:
    """Leave what start-up built (modules, widgets, the models, the search engine's dictionaries) out of
    Python's full garbage collections from now on: each one walked all of it, pausing the app 80–100 ms
    every few seconds of browsing (a ↓ whose detail took 120–160 ms instead of 40–60 at 100k events)."""
    gc.freeze()


def restore() -> None:
    """Undo both: the frozen objects can be collected again, and the thresholds are Python's again."""
    global _saved
    gc.unfreeze()
    if _saved is not None:
        gc.set_threshold(*_saved)
        _saved = None


def touched(now: float | None = None) -> None:
    """A key or mouse event came (``now``: its monotonic time, default now)."""
    global _last_input
    _last_input = monotonic() if now is None else now


def collect_if_idle(now: float | None = None) -> bool:
    """Run a full collection if no key or mouse event came for :data:`IDLE_S` and there may be garbage (the
    middle generation was collected since the last one ran here). Whether it ran."""
    global _middle_collections
    if (monotonic() if now is None else now) - _last_input < IDLE_S:
        return False
    if gc.get_stats()[1]["collections"] == _middle_collections:
        return False
    gc.collect()
    _middle_collections = gc.get_stats()[1]["collections"]
    return True

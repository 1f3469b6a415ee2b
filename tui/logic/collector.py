"""How the app's process collects garbage while it runs: what start-up built is left out of full collections,
and full collections come a tenth as often (the app sets this up when its main screen mounts and undoes it
when the screen goes, so that a process that runs the app again, such as the tests, is left as it was).

Measured at 100,000 events, typing twelve words letter by letter (benchmarks/latency.py): with Python's
default thresholds fifteen full collections of 11–44 ms ran (480 ms in all), each pausing whatever key it
fell on; with full collections after 100 collections of the middle generation instead of 10, none ran after
start-up. The young generations are still collected as before, so cycles of short-lived objects go as soon.
"""

from __future__ import annotations

import gc

FULL_AFTER = 100  # collections of generation 1 before a full one is considered (Python's default: 10)

_saved: list[tuple[int, int, int]] = []


def keep_full_collections_rare() -> None:
    """Full collections after :data:`FULL_AFTER` collections of the middle generation (until :func:`restore`)."""
    young, middle, full = gc.get_threshold()
    if not _saved:
        _saved.append((young, middle, full))
    gc.set_threshold(young, middle, max(full, FULL_AFTER))


def freeze_startup_objects() -> None:
    """Leave what start-up built (modules, widgets, the models, the search engine's dictionaries) out of
    Python's full garbage collections from now on: each one walked all of it, pausing the app 80–100 ms
    every few seconds of browsing (a ↓ whose detail took 120–160 ms instead of 40–60 at 100k events)."""
    gc.freeze()


def restore() -> None:
    """Undo both: the frozen objects can be collected again, and the thresholds are Python's again."""
    gc.unfreeze()
    if _saved:
        gc.set_threshold(*_saved.pop())

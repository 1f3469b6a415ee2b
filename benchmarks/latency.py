"""What a user waits for in the app, debounces and delays included (children of benchmarks/run.py).

* type-ahead: from a keystroke in the search bar until the timeline shows that query's matches, painted.
  Words are typed letter by letter, each letter's matches waited for before the next letter (a typist the
  app keeps up with); the keystrokes timed are those that complete a 3-, 5- and 8-letter prefix.
* typing: a word typed at a typist's pace (a key every 125 ms, not waiting for anything), timed from its last
  key until the timeline shows that word's matches, painted. The searches for its first letters (a one-letter
  prefix reads most of the index) must not hold up the last one.
* detail: from one ↓ press in the timeline until the detail pane shows the newly highlighted event,
  painted; presses are apart (one press, then the wait, then a short rest).

Keys go to the app's driver as a terminal's would (not through ``Pilot.press``, whose idle-waiting would be
counted). Each child prints one line of JSON: the latencies in milliseconds.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App

SIZE = (120, 40)
# Words of the synthetic chronology (benchmarks/synth.py: places, names, title words), 8 letters or more.
WORDS = ["Гельсінкі", "переговорів", "Зеленський", "Дмитрієв", "Консультації", "Стамбулі"]
PREFIXES = (3, 5, 8)
TIMEOUT_S = 20.0


def _send(app: App[None], key: str, char: str | None) -> None:
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def _until(app: App[None], pilot: object, done: Callable[[], bool]) -> None:
    """Wait until ``done()`` holds after the screen has handled what is queued; then paint.

    ``done()`` is polled on its own, and the screen's queues are waited for once it holds: waiting for them
    posts a callback to every widget, and doing so at every poll made the app share its thread with that
    work (a third of its time while a search ran), which a terminal never asks of it."""
    deadline = time.perf_counter() + TIMEOUT_S
    while True:
        if done():
            await pilot._wait_for_screen()  # type: ignore[attr-defined]
            if done():
                app.screen._on_timer_update()  # paint now, as the screen's refresh timer would
                return
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never showed what was waited for")
        await asyncio.sleep(0.001)


def _make_app(store_path: str) -> App[None]:
    from chronology.db.store import Store
    from chronology.tui.app import make_app

    return make_app(Store.open(store_path), lang="uk")


async def _open_bar(app: App[None], pilot: Any) -> Any:
    """Start the app, open the search bar (the search engine warms up as it opens); its search session."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    _send(app, "slash", "/")
    await pilot.pause()
    await app.workers.wait_for_complete()
    return app.main.search  # type: ignore[attr-defined]


async def _word_shown(app: App[None], pilot: Any, search: Any, query: str) -> None:
    """Wait until the timeline shows ``query``'s matches (or the error the bar shows), painted."""
    await _until(app, pilot, lambda: search.query == query and not search.searching)


async def _clear_bar(app: App[None], pilot: Any, search: Any) -> None:
    """Esc and / again: an empty bar for the next word."""
    _send(app, "escape", None)
    await _until(app, pilot, lambda: not search.query and search.results is None)
    _send(app, "slash", "/")
    await pilot.pause()


def _per_word(store_path: str, rounds: int, measure: Callable[..., Awaitable[list[float]]]) -> None:
    """Run the app and type each of :data:`WORDS` (``rounds`` times) with ``measure(app, pilot, search, word)``,
    which gives the latencies it timed; print them all."""
    app = _make_app(store_path)

    async def run() -> list[float]:
        latencies: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            search = await _open_bar(app, pilot)
            for _ in range(rounds):
                for word in WORDS:
                    latencies += await measure(app, pilot, search, word)
                    await _clear_bar(app, pilot, search)
        return latencies

    print(json.dumps({"latencies_ms": asyncio.run(run())}))


async def _letter_by_letter(app: App[None], pilot: Any, search: Any, word: str) -> list[float]:
    """Each letter's matches waited for before the next letter; the 3rd, 5th and 8th letters timed."""
    latencies = []
    for n in range(1, max(PREFIXES) + 1):
        started = time.perf_counter()
        _send(app, word[n - 1], word[n - 1])
        await _word_shown(app, pilot, search, word[:n])
        if n in PREFIXES:
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


KEY_GAP_S = 0.125  # eight keys a second: a practised typist


async def _at_a_typists_pace(app: App[None], pilot: Any, search: Any, word: str) -> list[float]:
    """Eight letters a key every :data:`KEY_GAP_S`, nothing waited for; timed from the last key."""
    typed = word[: max(PREFIXES)]
    for letter in typed[:-1]:
        _send(app, letter, letter)
        await asyncio.sleep(KEY_GAP_S)  # the app runs meanwhile (this is its event loop)
    last = time.perf_counter()
    _send(app, typed[-1], typed[-1])
    await _word_shown(app, pilot, search, typed)
    return [(time.perf_counter() - last) * 1000]


def child_typeahead(store_path: str, rounds: int) -> None:
    _per_word(store_path, rounds, _letter_by_letter)


def child_typing(store_path: str, rounds: int) -> None:
    _per_word(store_path, rounds, _at_a_typists_pace)


def child_detail(store_path: str, presses: int) -> None:
    app = _make_app(store_path)

    async def run() -> list[float]:
        latencies: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            main = app.main  # type: ignore[attr-defined]
            pane = main.detail_pane
            for _ in range(presses):
                target = main.timeline.cursor + 1
                started = time.perf_counter()
                _send(app, "down", None)

                def shown(target: int = target) -> bool:
                    wanted = main.current_event_id
                    on_it = main.timeline.cursor == target and wanted is not None
                    return on_it and pane.detail is not None and pane.detail.event.id == wanted

                await _until(app, pilot, shown)
                latencies.append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(0.05)  # one press at a time
            await app.workers.wait_for_complete()
        return latencies

    print(json.dumps({"latencies_ms": asyncio.run(run())}))

"""Regenerate the README's screenshots (``screenshots/*.svg``) from the real app on the bundled seed.

    python screenshots/generate.py            # writes screenshots/*.svg
    python screenshots/generate.py --out DIR  # somewhere else

Deterministic: an in-memory store built from the seed, no polling, the input's cursor blink off, every
search and detail load waited for, and nothing on screen depends on today's date; running it twice
writes the same files.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from chronology.db.seeds import load_seed
from chronology.db.store import Store
from chronology.tui.app import ChronologyApp, make_app
from chronology.tui.options import AppOptions
from textual.pilot import Pilot

HERE = Path(__file__).resolve().parent

Step = Callable[[ChronologyApp, Pilot], Awaitable[None]]


async def settle(app: ChronologyApp, pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def go_to(event_id: str) -> Step:
    async def step(app: ChronologyApp, pilot: Pilot) -> None:
        app.main.go_to_event(event_id)
        await settle(app, pilot)

    return step


def press(*keys: str) -> Step:
    async def step(app: ChronologyApp, pilot: Pilot) -> None:
        await pilot.press(*keys)
        await settle(app, pilot)

    return step


def search(query: str) -> Step:
    async def step(app: ChronologyApp, pilot: Pilot) -> None:
        await pilot.press("slash", *query)
        for _ in range(500):
            if app.main.search.results is not None and app.main.search.query == query:
                break
            await pilot.pause(0.01)
        else:
            raise RuntimeError(f"no search results for {query!r}")
        await settle(app, pilot)

    return step


def review(path: str, published: str, outlet: str) -> Step:
    """Open the review of an article (what `chronology add` does), once drafted."""

    async def step(app: ChronologyApp, pilot: Pilot) -> None:
        from chronology.tui.logic.article import load_article
        from chronology.tui.screens.review import ReviewScreen

        app.review_article(load_article(str(HERE.parent / path), published, outlet=outlet))
        for _ in range(1000):
            if isinstance(app.screen, ReviewScreen):
                break
            await pilot.pause(0.01)
        else:
            raise RuntimeError(f"no review of {path}")
        await settle(app, pilot)
        app.clear_notifications()  # "reading the article…" comes and goes with the clock
        await settle(app, pilot)

    return step


# name, title, language, size, steps
SCENES: list[tuple[str, str, str, tuple[int, int], list[Step]]] = [
    ("main", "chronology", "uk", (120, 36), [go_to("2025-04-11-saint-petersburg")]),
    ("search", "chronology — пошук", "uk", (120, 36), [search("Давос"), press("enter")]),
    ("help", "chronology — довідка", "uk", (120, 36), [press("question_mark")]),
    ("english", "chronology — English", "en", (120, 36), [go_to("2025-12-02-moscow")]),
    ("small", "chronology — 80×24", "uk", (80, 24), [go_to("2026-01-22-moscow")]),
    (
        "review",
        "chronology add — перегляд статті",
        "uk",
        (120, 36),
        [review("tests/data/review/moscow_follow_up.txt", "2025-12-04", "Оглядач"), press("a")],
    ),
]


async def shoot(name: str, title: str, lang: str, size: tuple[int, int], steps: list[Step], out: Path) -> Path:
    store = Store.memory(load_seed())
    try:
        app = make_app(store, lang=lang, options=AppOptions.steady())
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            for step in steps:
                await step(app, pilot)
            svg = app.export_screenshot(title=title)
    finally:
        store.close()
    path = out / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the SVG files (default: screenshots/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, title, lang, size, steps in SCENES:
        path = asyncio.run(shoot(name, title, lang, size, steps, args.out))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Snapshot tests (pytest-textual-snapshot): the screens as SVG, compared with the accepted ones.

Deterministic: the seed store in memory, the input's cursor blink off, no polling timer, searches and
detail loads waited for; nothing on screen depends on today's date. After an intended change of the
look, review the report and accept with ``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from chronology.db.store import Store
from chronology.tui.app import ChronologyApp, make_app
from chronology.tui.options import AppOptions


def snapshot_app(store: Store, lang: str = "uk") -> ChronologyApp:
    return make_app(store, lang=lang, options=AppOptions.steady())


async def settle(pilot) -> None:
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def go_to(event_id: str, *keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.main.go_to_event(event_id)
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


@pytest.fixture
def store(seed_store: Store) -> Store:
    return seed_store


def test_main_screen(snap_compare, store):
    """The timeline under year headings with the tally note; the St Petersburg meeting in full."""
    assert snap_compare(snapshot_app(store), terminal_size=(120, 40), run_before=go_to("2025-04-11-saint-petersburg"))


def test_main_screen_80x24(snap_compare, store):
    assert snap_compare(snapshot_app(store), terminal_size=(80, 24), run_before=go_to("2026-01-22-moscow"))


def test_small_terminal_shows_one_pane(snap_compare, store):
    assert snap_compare(snapshot_app(store), terminal_size=(40, 12), run_before=go_to("2025-03-13-moscow"))


def test_search(snap_compare, store):
    """Typing filters the timeline, counts hits and events, highlights the matches in the detail."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"конструктивними")
        for _ in range(200):
            if pilot.app.main.search.results is not None:
                break
            await pilot.pause(0.01)
        await settle(pilot)

    assert snap_compare(snapshot_app(store), terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare, store):
    assert snap_compare(snapshot_app(store), terminal_size=(120, 40), run_before=go_to("2025-03-13-moscow", "f1"))


def test_english_ui(snap_compare, store):
    assert snap_compare(
        snapshot_app(store, lang="en"), terminal_size=(120, 40), run_before=go_to("2025-04-11-saint-petersburg")
    )


def test_review_screen(snap_compare, store):
    """`chronology add`: the article with its found spans by kind, the proposed records beside it — an update of
    the stored 2 December meeting with both claims of its length, selected, its passage marked."""
    from pathlib import Path

    from chronology.tui.logic.article import load_article
    from chronology.tui.screens.review import ReviewScreen

    article = load_article(
        str(Path(__file__).parent / "data" / "review" / "moscow_follow_up.txt"), "2025-12-04", outlet="Оглядач"
    )
    app = make_app(store, options=AppOptions.steady(), article=article)

    async def run_before(pilot) -> None:
        for _ in range(500):
            if isinstance(pilot.app.screen, ReviewScreen):
                break
            await pilot.pause(0.01)
        await settle(pilot)
        pilot.app.clear_notifications()  # "reading the article…" comes and goes with the clock
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)

"""Issue #11 in the app, driven by Pilot: titles in full, the cursor in every theme, rounds, n/N's position,
copying, the palette and remembered settings, type-ahead."""

from __future__ import annotations

import pytest
from chronology.db.store import Store
from chronology.tui.present.labels import event_title
from chronology.tui.widgets.timeline import Timeline
from rich.color import Color as RichColor
from rich.segment import Segment

from .test_app import app_on, main, settle, timeline_lines


def flat_text(lines: list[str]) -> str:
    """Lines joined with their spacing squashed: a title wrapped onto a second line reads as one."""
    return " ".join(" ".join(line.split()) for line in lines)


# ---------------------------------------------------------------------------- 3: titles in full
@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_at_120_columns_every_title_shows_in_full(seed_store: Store, lang: str):
    app = app_on(seed_store, lang)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        shown = flat_text(timeline_lines(app))
        for row in seed_store.timeline():
            assert event_title(row, lang) in shown
        assert "…" not in shown


@pytest.mark.parametrize(("lang", "date", "title"), [("uk", "13 березня", "Перша"), ("en", "March 13", "Witkoff's")])
async def test_at_80_columns_the_title_gets_most_of_the_row(seed_store: Store, lang: str, date: str, title: str):
    app = app_on(seed_store, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        lines = timeline_lines(app)
        row = next(line for line in lines if date in line)
        assert row.index(title) < len(row) / 2 - 4  # the date column is narrow: the year is in the heading
        long_title = event_title(seed_store.timeline(1, 1)[0], lang)  # the ceasefire deadline: wraps
        assert long_title in flat_text(lines)


async def test_the_year_stays_in_sight_when_its_heading_scrolls_away(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot, app)
        await pilot.press(*["down"] * 9)  # 2 December 2025, the year's last event
        await settle(pilot, app)
        lines = timeline_lines(app)
        assert lines[0].startswith("── 2025 · 10 подій") and "2 грудня" in "".join(lines)
        await pilot.press("end")
        await settle(pilot, app)
        assert timeline_lines(app)[0].startswith("── 2026 · 6 подій")


# ---------------------------------------------------------------------------- 10: the cursor in every theme
def luminance(color: RichColor) -> float:
    r, g, b = (c / 255 for c in color.get_truecolor())
    r, g, b = ((c / 12.92) if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RichColor, b: RichColor) -> float:
    """WCAG contrast ratio, 1 (none) … 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def cursor_segments(timeline: Timeline) -> list[Segment]:
    """The segments of the highlighted event's lines, as drawn."""
    segments: list[Segment] = []
    for y, at in enumerate(timeline.screen_map()):
        if at.ref.kind == "event" and at.ref.index == timeline.cursor:
            segments += [s for s in timeline.render_line(y) if s.text]
    assert segments
    return segments


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark", "nord", "gruvbox"])
async def test_the_cursor_row_is_one_readable_band_in_every_theme(seed_store: Store, theme: str):
    app = app_on(seed_store)
    async with app.run_test(size=(200, 40)) as pilot:
        app.theme = theme
        await settle(pilot, app)
        main(app).go_to_event("2025-04-11-saint-petersburg")  # a row with a place and a duration
        await settle(pilot, app)
        timeline = app.query_one(Timeline)
        surface = timeline.rich_style.bgcolor
        for focused in (True, False):
            if not focused:
                await pilot.press("tab")  # into the detail: the timeline's cursor stays in sight
                await settle(pilot, app)
            segments = cursor_segments(timeline)
            backgrounds = {s.style.bgcolor for s in segments}
            assert len(backgrounds) == 1, backgrounds  # one band, padding and every cell alike
            band = backgrounds.pop()
            assert contrast(band, surface) > 1.3, (focused, band, surface)  # visible against the pane
            place = next(s for s in segments if "Санкт-Петербург" in s.text)
            assert contrast(place.style.color, band) >= 4.5  # the place reads on the band

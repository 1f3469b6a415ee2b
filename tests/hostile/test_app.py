"""The terminal app (Pilot) shows hostile data as text: no raw control on screen, no markup obeyed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from chronology.db.controls import UNSAFE_IN_TEXT
from chronology.db.models import parse_document
from chronology.db.store import Store
from chronology.tui.widgets.detail import DetailPane
from chronology.tui.widgets.detail_texts import FULL_CHARS, SHOWN_CHARS

from ..conftest import tiny_data
from ..test_app import SIZE, app_on, current_id, detail_text, screen_text, settle, shown_id, timeline_lines, until
from .hostile_data import hostile_data, run


def raw(text: str) -> list[str]:
    return sorted({m.group() for m in UNSAFE_IN_TEXT.finditer(text)})


async def test_the_detail_shows_escapes_as_pictures_and_markup_as_text():
    with Store.memory(parse_document(hostile_data())) as store:
        app = app_on(store, "en")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            screen, detail = screen_text(app), detail_text(app)
            assert raw(screen) == [] and raw(detail) == []
            assert "[/] [@click=app.quit]quit[/]" in screen  # the title, as text
            assert "␛]0;PWNED␇␛[2J" in detail and "�evil�" in detail  # one picture for one character


async def test_the_palette_shows_a_snippet_with_markup_as_text_and_keeps_running(tmp_path):
    with Store.memory(parse_document(hostile_data())) as store:
        app = app_on(store, "en")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("ctrl+p")
            await pilot.press(*"Санкції")
            await until(pilot, app, lambda: "@click=app.quit" in screen_text(app), "the snippet in the palette")
            screen = screen_text(app)
            assert raw(screen) == [] and "[/]" in screen
            assert app.is_running and app.return_code is None
            assert list(tmp_path.iterdir()) == []  # no screenshot written by [@click=app.screenshot]


HUGE = 10 << 20  # 10 MB


@pytest.fixture
def huge_db(tmp_path: Path) -> Path:
    """A store whose event m1 has a 10 MB title and a 10 MB summary (written into its row: indexing 20 MB of
    words would take the test half a minute, and only what the app draws is tested here)."""
    path = tmp_path / "huge.db"
    Store.build(path, parse_document(tiny_data())).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE events SET title = ?, summary = ? WHERE id = 'm1'", (HUGE_TITLE, HUGE_SUMMARY))
    conn.close()
    return path


HUGE_TITLE = "Заголовок " + "б" * HUGE
HUGE_SUMMARY = "Підсумок " + "в " * (HUGE // 2)


def drawn(app) -> int:
    """How many characters the detail pane holds, laid out (its lines × their width)."""
    pane = app.query_one(DetailPane)
    return sum(strip.cell_length for strip in pane._lines)


async def test_a_10_mb_title_and_summary_are_shown_cut_and_in_full_on_demand(huge_db: Path):
    with Store.open(huge_db) as store:
        app = app_on(store, "en")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert current_id(app) == "m1" and shown_id(app) == "m1"
            text = detail_text(app)
            assert "Заголовок " + "б" * (SHOWN_CHARS - 10) + "\n… " in text  # the first 5,000 characters
            assert f"… {len(HUGE_TITLE) - SHOWN_CHARS} more characters not shown (f: the full text)" in text
            assert f"… {len(HUGE_SUMMARY) - SHOWN_CHARS} more characters not shown" in text
            assert len(text) < 4 * SHOWN_CHARS and drawn(app) < 40 * SHOWN_CHARS  # bounded, not 20 MB
            assert max(len(line) for line in timeline_lines(app)) <= SIZE[0]

            await pilot.press("tab", "f")  # the detail pane: the full text
            await settle(pilot, app)
            text = detail_text(app)
            assert "б" * (FULL_CHARS - 10) in text
            hidden = len(HUGE_TITLE) - FULL_CHARS
            assert f"… {hidden} more characters not shown (chronology show m1 prints it all)" in text
            await pilot.press("f")  # and back
            await settle(pilot, app)
            assert len(detail_text(app)) < 4 * SHOWN_CHARS

            await pilot.press("Y")  # the event, copied with its full title
            await settle(pilot, app)
            assert HUGE_TITLE in app.clipboard
    shown = run("--db", str(huge_db), "show", "m1")
    assert shown.returncode == 0
    out = shown.stdout.decode()
    assert HUGE_TITLE in out and HUGE_SUMMARY.rstrip() in out  # show prints every field in full

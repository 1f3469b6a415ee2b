"""The terminal app (Pilot) shows hostile data as text: no raw control on screen, no markup obeyed."""

from __future__ import annotations

from chronology.db.controls import UNSAFE_IN_TEXT
from chronology.db.models import parse_document
from chronology.db.store import Store

from ..test_app import SIZE, app_on, detail_text, screen_text, settle, until
from .hostile_data import hostile_data


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

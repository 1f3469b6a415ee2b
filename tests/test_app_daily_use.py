"""Issue #11 in the app, driven by Pilot: titles in full, the cursor in every theme, rounds, n/N's position,
copying, the palette and remembered settings, type-ahead."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest
from chronology.db import search as search_module
from chronology.db.store import Store
from chronology.db.store.rounds import ROUND_KINDS
from chronology.tui import settings
from chronology.tui.app import make_app
from chronology.tui.i18n import resolve_lang
from chronology.tui.options import AppOptions
from chronology.tui.present.labels import event_title
from chronology.tui.widgets.detail import DetailPane
from chronology.tui.widgets.timeline import Timeline
from rich.color import Color as RichColor
from rich.segment import Segment
from textual import events
from textual.command import CommandList
from textual.keys import _character_to_key
from textual.widgets import Input

from .test_app import app_on, current_id, main, screen_text, settle, shown_id, timeline_lines, type_query, until


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
        assert "…" not in shown
        for row in seed_store.timeline():
            if event_title(row, lang) not in shown:  # further down: in full once the cursor brings it in sight
                main(app).go_to_event(row.id)
                await settle(pilot, app)
                shown = flat_text(timeline_lines(app))
                assert event_title(row, lang) in shown and "…" not in shown


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
        rows = seed_store.timeline()
        last_of_2025 = max(r.pos for r in rows if r.year == 2025)
        assert rows[last_of_2025].date == "2025-12-02"
        per_year = {year: sum(r.year == year for r in rows) for year in (2025, 2026)}
        assert all(5 <= n <= 20 for n in per_year.values())  # "подій" is the Ukrainian plural for these
        await pilot.press(*["down"] * last_of_2025)  # 2 December 2025, the year's last event
        await settle(pilot, app)
        lines = timeline_lines(app)
        assert lines[0].startswith(f"── 2025 · {per_year[2025]} подій") and "2 грудня" in "".join(lines)
        await pilot.press("end")
        await settle(pilot, app)
        assert timeline_lines(app)[0].startswith(f"── 2026 · {per_year[2026]} подій")


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


# ---------------------------------------------------------------------------- 1: typing ahead
async def send_burst(pilot, keys: str | list[str]) -> None:
    """Keys all queued at once, as a paste or ``tmux send-keys`` delivers them (Pilot's press waits between).
    ``keys``: characters, or a list of characters and key names ("escape")."""
    app = pilot.app
    for char in keys:
        if len(char) > 1:
            key = events.Key(char, None)
        else:
            key = events.Key(char if char.isalnum() else _character_to_key(char), char)
        key.set_sender(app)
        app._driver.send_message(key)
    await pilot.pause()


@pytest.mark.parametrize(("lang", "keys"), [("uk", "/Москва"), ("uk", ".Москва"), ("en", "/Moscow"), ("uk", "/jk")])
async def test_letters_typed_right_after_slash_land_in_the_search_bar(seed_store: Store, lang: str, keys: str):
    app = app_on(seed_store, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await send_burst(pilot, keys)
        await settle(pilot, app)
        assert app.query_one("#search-input", Input).value == keys[1:]
        assert main(app).timeline.cursor == 0  # j and k were text, not moves
        await pilot.press("slash")  # in the bar, / is a character
        assert app.query_one("#search-input", Input).value == keys[1:] + "/"


async def test_escape_then_slash_at_once_still_types_into_the_bar(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Москва")
        await send_burst(pilot, ["escape", "/", *"Женева"])  # a new search at once, the old one cleared
        await settle(pilot, app)
        assert app.query_one("#search-input", Input).value == "Женева"
        assert app.focused is app.query_one("#search-input", Input)


async def test_slash_arriving_as_the_screen_redraws_after_escape_stays_in_the_search_bar(seed_store: Store):
    """Esc sends the focus to the timeline at once and again after the next redraw (a narrow terminal shows one
    pane at a time). A / that arrives at that very moment, queued before the redraw's callbacks ran, must
    leave the focus in the search bar: the second call may not follow it there."""
    app = app_on(seed_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Москва")
        search = main(app).search
        await pilot.press("escape")
        await until(pilot, app, lambda: not search.query, "the search cleared")
        main(app).focus_pane("timeline")  # as Esc does: its second call waits for the redraw
        slash = events.Key("slash", "/")
        slash.set_sender(app)
        app.post_message(slash)  # queued first …
        await app.screen._invoke_and_clear_callbacks()  # … then the redraw's callbacks run
        await send_burst(pilot, "Женева")
        await settle(pilot, app)
        bar = app.query_one("#search-input", Input)
        assert app.focused is bar and bar.value == "Женева"


@pytest.mark.parametrize("fails", [False, True])
async def test_an_event_clicked_while_a_search_runs_is_shown_once_it_ends(seed_store: Store, monkeypatch, fails: bool):
    """The detail pane draws an event loaded while a newer search runs when that search's matches arrive (with
    their highlights), and also when the search fails."""
    app = app_on(seed_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Москва")
        screen = main(app)
        gate = threading.Event()
        real_search = search_module.search

        def gated_search(*args, **kwargs):
            gate.wait(10)
            if fails:
                raise sqlite3.OperationalError("disk I/O error")
            return real_search(*args, **kwargs)

        monkeypatch.setattr(search_module, "search", gated_search)
        try:
            await pilot.press("space")  # "Москва " searches anew: it waits at the gate
            rows = [i for i, line in enumerate(timeline_lines(app)) if line[2:3].isdigit() or line[2:3] == "≤"]
            await pilot.click("#timeline", offset=(4, rows[1]))  # the event after the highlighted one
            await until(pilot, app, lambda: screen.details.shown is not None and screen._showing_current(), "loaded")
            assert screen.search.searching
        finally:
            gate.set()
        await until(pilot, app, lambda: not screen.search.searching, "the search ended")
        await settle(pilot, app)
        assert shown_id(app) == current_id(app)
        text = screen.detail_pane.plain_text()
        assert event_title(screen.details.shown.event, "uk") in text and f"{current_id(app)}" in text


async def test_typing_more_letters_keeps_the_previous_matches_until_new_ones_arrive(seed_store: Store, monkeypatch):
    app = app_on(seed_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Москва")
        timeline = main(app).timeline
        moscow = timeline.layout_map.positions_between(0, 100)
        gate = threading.Event()
        real_search = search_module.search

        def slow_search(*args, **kwargs):
            gate.wait(10)
            return real_search(*args, **kwargs)

        monkeypatch.setattr(search_module, "search", slow_search)
        try:
            for letter in " Кушнер":
                await pilot.press(letter)
                await pilot.pause(0.02)  # the debounce passes: the search for what is typed so far starts
                assert timeline.layout_map.positions_between(0, 100) == moscow  # never a blank list
                status = str(app.query_one("#search-status").content).strip()
                assert status == "шукаю…" and "Нічого не знайдено" not in screen_text(app)
        finally:
            gate.set()
        search = main(app).search
        await until(pilot, app, lambda: search.query == "Москва Кушнер" and not search.searching, "new results")
        await settle(pilot, app)
        assert 0 < timeline.event_count < len(moscow)


# ---------------------------------------------------------------------------- 2: rounds
def rounds_of(store: Store) -> list[str]:
    """The rounds (meetings, talks, visits) in timeline order, read off the timeline's rows."""
    return [r.id for r in store.timeline() if r.kind in ROUND_KINDS]


@pytest.mark.parametrize(("lang", "keys"), [("uk", "LДL"), ("en", "L")])
async def test_one_key_goes_to_the_latest_meeting_that_took_place(seed_store: Store, lang: str, keys: str):
    app = app_on(seed_store, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        for key in keys:
            await pilot.press("home", key)
            await settle(pilot, app)
            assert current_id(app) == shown_id(app) == "2026-davos-talks"  # the 22 January one is planned
        assert ("Остання зустріч" if lang == "uk" else "Last meeting") in screen_text(app)  # in the footer


@pytest.mark.parametrize(("next_", "previous"), [("right_curly_bracket", "left_curly_bracket"), ("Ї", "Х")])
async def test_braces_step_between_rounds_skipping_statements_plans_and_announcements(seed_store, next_, previous):
    app = app_on(seed_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        rows = seed_store.timeline()
        rounds = rounds_of(seed_store)
        skipped = {r.kind for r in rows if r.id not in rounds}
        assert {"statement", "plan", "announcement"} <= skipped and "2025-autumn-visits" in rounds  # a visit counts
        assert rows[0].id not in rounds  # the first step leaves the first event for the first round
        visited = []
        for _ in rounds:
            await pilot.press(next_)
            visited.append(current_id(app))
        assert visited == rounds
        await pilot.press(next_)  # none later: it stays, and says so
        await settle(pilot, app)
        assert current_id(app) == rounds[-1] and "Далі раундів немає." in toasts(app)
        await pilot.press(previous, previous)
        await settle(pilot, app)
        assert current_id(app) == rounds[-3] == shown_id(app)


async def test_the_latest_meeting_is_a_palette_command_and_keeps_to_a_search(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Остання зустріч", "enter")
        await settle(pilot, app)
        assert current_id(app) == "2026-davos-talks"
        await type_query(pilot, app, "Кушнер")
        await pilot.press("enter", "L")
        await settle(pilot, app)
        assert current_id(app) == "2025-12-02-moscow"  # the latest held round among the matches


# ---------------------------------------------------------------------------- 4: n/N say where they are
@pytest.mark.parametrize(
    ("lang", "words"), [("uk", ("з", "з початку", "з кінця")), ("en", ("of", "from the top", "from the bottom"))]
)
async def test_n_shows_the_position_among_the_matches_and_says_when_it_wraps(seed_store, lang, words):
    of, from_top, from_bottom = words
    app = app_on(seed_store, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Москва" if lang == "uk" else "Moscow")
        await pilot.press("enter")
        await settle(pilot, app)
        count = main(app).timeline.event_count
        assert count > 3

        def status() -> str:
            return str(app.query_one("#search-status").content).strip()

        assert status().endswith(f" · 1 {of} {count}")
        await pilot.press("n")
        assert status().endswith(f" · 2 {of} {count}")
        await send_burst(pilot, "NN")  # two keys at once, as a quick double press delivers them
        await settle(pilot, app)
        assert status().endswith(f" · {count} {of} {count}, {from_bottom}")
        await pilot.press("n")
        assert status().endswith(f" · 1 {of} {count}, {from_top}")
        await pilot.press("down")  # moving on: the note goes
        await settle(pilot, app)
        assert status().endswith(f" · 2 {of} {count}")


# ---------------------------------------------------------------------------- 5: copying
def toasts(app) -> list[str]:
    return [str(t.render()) for t in app.screen.query("Toast")]


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_y_in_the_timeline_copies_the_first_quote_and_the_toast_says_which_and_how(seed_store, lang):
    app = app_on(seed_store, lang)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2026-davos-talks")  # two quotes, none selected
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert app.clipboard.startswith("«дуже позитивних» — ")
        assert app.query_one(DetailPane).selected_quote == 0  # the quote copied is marked
        (toast,) = toasts(app)
        if lang == "uk":
            assert "Надіслано в буфер обміну термінала (OSC 52)" in toast and "Скопійовано" not in toast
            assert "Цитата 1 з 2: «дуже позитивних» — " in toast
        else:
            assert "Sent to the terminal's clipboard (OSC 52)" in toast and "Quote 1 of 2: «дуже позитивних»" in toast


def with_two_quotes(store: Store) -> tuple[str, list[str]]:
    """The first event with two quotes or more, and its quotes' texts in the detail's order."""
    texts: dict[str, list[str]] = {}
    for quote in store.quotes():
        texts.setdefault(quote.event_id, []).append(quote.text)
    return next((event_id, found) for event_id, found in texts.items() if len(found) >= 2)


async def test_y_copies_the_selected_quote_or_the_event_when_it_has_none(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        event_id, quotes = with_two_quotes(seed_store)
        main(app).go_to_event(event_id)
        await settle(pilot, app)
        await pilot.press("tab", "down", "down", "y")  # the second quote, selected in the detail
        await settle(pilot, app)
        assert app.clipboard.startswith(f"«{quotes[1]}»")
        assert f"Вибрана цитата: «{quotes[1][:20]}" in toasts(app)[-1]  # the toast shortens a long quote
        main(app).go_to_event("2025-08-06-moscow")  # no quotes
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert app.clipboard.startswith("середа, 6 серпня 2025 р. — Переговори")
        assert "Подія: середа, 6 серпня 2025 р. — Переговори Віткоффа" in toasts(app)[-1]


async def test_the_toast_leaves_the_hit_count_in_sight(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "конструктивними")
        await pilot.press("enter", "y")
        await settle(pilot, app)
        status = app.query_one("#search-status")
        (toast,) = app.screen.query("Toast")
        assert not toast.region.overlaps(status.region)
        assert str(status.content).strip().startswith("6 збігів")  # padded on the left: its room only grows


async def test_the_selected_quote_has_a_bar_and_bold_text_not_colour_alone(seed_store: Store):
    app = app_on(seed_store, "uk")
    async with app.run_test(size=(120, 36)) as pilot:
        app.theme = "textual-light"
        await settle(pilot, app)
        main(app).go_to_event(with_two_quotes(seed_store)[0])
        await settle(pilot, app)
        await pilot.press("tab", "down", "down")
        await settle(pilot, app)
        pane = app.query_one(DetailPane)
        pane.scroll_to(y=pane.quote_lines(0)[0], animate=False, immediate=True)
        await settle(pilot, app)
        lines = screen_text(app).splitlines()
        x = pane.content_region.x
        rows = [pane.content_region.y + pane.quote_lines(i)[0] - int(pane.scroll_y) for i in (0, 1)]
        assert [lines[y][x] for y in rows] == ["▏", "▌"]
        styles = [pane.render_line(y - pane.content_region.y) for y in rows]
        bold = [any(seg.style and seg.style.bold and seg.text.strip() for seg in strip) for strip in styles]
        assert bold == [False, True]


# ---------------------------------------------------------------------------- 6: palette and settings
def highlighted_command(app) -> str:
    commands = app.screen.query_one(CommandList)
    return str(commands.get_option_at_index(commands.highlighted).prompt).splitlines()[0]


@pytest.mark.parametrize(("lang", "first"), [("uk", "Перейти до події"), ("en", "Go to event")])
async def test_the_palette_opens_on_a_useful_command_not_on_quit(seed_store: Store, lang: str, first: str):
    app = app_on(seed_store, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        assert highlighted_command(app) == first
        await pilot.press("enter")  # Enter on what opens highlighted: go to an event, not quit
        await settle(pilot, app)
        assert app.is_running


async def test_the_theme_list_marks_the_current_theme_and_nothing_found_is_ukrainian(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.theme = "nord"
        await settle(pilot, app)
        await pilot.press("ctrl+p", *"Змінити тему", "enter")
        await settle(pilot, app)
        text = screen_text(app)
        assert "● nord" in text and "поточна тема" in text and "● textual-dark" not in text
        await pilot.press(*"ґґґґ")
        await until(pilot, app, lambda: "Нічого не знайдено" in screen_text(app), "no matches, in Ukrainian")
        assert "No matches found" not in screen_text(app)


async def choose_in_palette(pilot, app, *commands: str) -> None:
    for command in commands:
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*command, "enter")
        await settle(pilot, app)


async def test_the_theme_and_language_chosen_are_there_after_a_restart(seed_store: Store, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    options = replace(AppOptions.steady(), remember=True)
    app = make_app(seed_store, resolve_lang(), options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await choose_in_palette(pilot, app, "Змінити тему")
        await pilot.press(*"textual-light", "enter")
        await settle(pilot, app)
        await choose_in_palette(pilot, app, "Змінити мову")
        assert (app.theme, app.lang) == ("textual-light", "en")
    assert sorted(p.name for p in (tmp_path / "chronology").iterdir()) == ["settings.json"]  # no temp files left
    monkeypatch.delenv("CHRONOLOGY_LANG")
    again = make_app(seed_store, resolve_lang(), options=options)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot, again)
        assert (again.theme, again.lang) == ("textual-light", "en")
        assert "Search" in screen_text(again)
    assert resolve_lang("uk") == "uk"  # --lang wins
    monkeypatch.setenv("CHRONOLOGY_LANG", "uk")
    assert resolve_lang() == "uk"  # and so does CHRONOLOGY_LANG


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"{not json", b'["a list"]', b'{"theme": 5, "lang": "fr"}'])
async def test_a_bad_settings_file_is_ignored(seed_store: Store, tmp_path, monkeypatch, content: bytes):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("CHRONOLOGY_LANG")
    (tmp_path / "chronology").mkdir()
    (tmp_path / "chronology" / "settings.json").write_bytes(content)
    assert resolve_lang() == "uk"
    app = make_app(seed_store, resolve_lang(), options=replace(AppOptions.steady(), remember=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.theme == "textual-dark" and app.lang == "uk"


def test_settings_that_cannot_be_written_are_let_go(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert settings.remember(blocked / "settings.json", theme="nord") is False
    assert settings.remember(tmp_path / "a" / "settings.json", theme="nord") is True
    assert settings.load(tmp_path / "a" / "settings.json") == settings.Settings(theme="nord")
    assert settings.remember(tmp_path / "a" / "settings.json", lang="en")
    assert settings.load(tmp_path / "a" / "settings.json") == settings.Settings(theme="nord", lang="en")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("uk", ("Остання зустріч", "Наступний раунд", "Копіювати подію")),
        ("en", ("Last meeting", "Next round", "Copy the event")),
    ],
)
async def test_the_help_lists_the_new_keys(seed_store: Store, lang: str, words: tuple[str, ...]):
    app = app_on(seed_store, lang)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("f1")
        await settle(pilot, app)
        text = screen_text(app)
        for word in words:
            assert word in text
        assert "L Д" in text and "} Ї" in text and "{ Х" in text and "Y Н" in text

"""The terminal app driven by Textual's Pilot: every binding, search, help, language, small terminals."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from chronology.db import search as search_module
from chronology.db.models import Chronology
from chronology.db.store import Store
from chronology.tui.app import ChronologyApp, make_app
from chronology.tui.options import AppOptions
from chronology.tui.present.formatting import format_edtf
from chronology.tui.screens.help import HelpScreen
from chronology.tui.screens.main import MainScreen
from chronology.tui.widgets.detail import DetailPane
from chronology.tui.widgets.timeline import Timeline
from textual.widgets import Input

SIZE = (120, 40)


def app_on(store: Store, lang: str = "uk") -> ChronologyApp:
    return make_app(store, lang=lang, options=AppOptions.steady())


async def settle(pilot, app: ChronologyApp) -> None:
    """Let messages, timers, workers (searches) and the detail loader's thread finish."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await detail_loaded(pilot, app)
    await pilot.pause()


async def detail_loaded(pilot, app: ChronologyApp) -> None:
    """Wait while the detail loader's thread is reading (it is not a Textual worker)."""
    screens = [s for s in app.screen_stack if isinstance(s, MainScreen)]
    for _ in range(500):
        if not screens or not screens[0].details.busy:
            return
        await pilot.pause(0.005)


async def until(pilot, app: ChronologyApp, condition, what: str) -> None:
    """Wait for ``condition()``; fail (not hang) if it never holds."""
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.01)
        await app.workers.wait_for_complete()
    raise AssertionError(f"never happened: {what}")


def screen_text(app: ChronologyApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def timeline_lines(app: ChronologyApp) -> list[str]:
    """The timeline's lines as shown (its own width of the screen)."""
    timeline = app.query_one(Timeline)
    region = timeline.region
    lines = screen_text(app).splitlines()[region.y : region.y + region.height]
    return [line[region.x : region.x + region.width] for line in lines]


def detail_text(app: ChronologyApp) -> str:
    """The detail pane's text, unwrapped."""
    return app.query_one(DetailPane).plain_text()


async def click_quote(pilot, app: ChronologyApp, index: int) -> None:
    """Click the first line of quote ``index`` in the detail pane (scrolled into sight first)."""
    pane = app.query_one(DetailPane)
    first, _ = pane.quote_lines(index)
    pane.scroll_to(y=first, animate=False, immediate=True)
    await pilot.pause()
    await pilot.click("#detail", offset=(4, first - int(pane.scroll_y)))


def main(app: ChronologyApp) -> MainScreen:
    return app.main


def current_id(app: ChronologyApp) -> str | None:
    return main(app).current_event_id


def shown_id(app: ChronologyApp) -> str | None:
    """The event the detail pane shows."""
    detail = app.query_one(DetailPane).detail
    return detail.event.id if detail else None


async def type_query(pilot, app: ChronologyApp, text: str) -> None:
    await pilot.press("slash")
    await pilot.press(*text)
    search = main(app).search
    await until(pilot, app, lambda: search.results is not None and search.query == text, f"results for {text}")
    await settle(pilot, app)


@pytest.fixture
def ids(seed_store: Store) -> list[str]:
    return seed_store.event_ids()


# ---------------------------------------------------------------------------- what the user sees
async def test_timeline_shows_years_dates_places_durations_and_planned(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        text = screen_text(app)
        assert "── 2025 · 11 подій" in text and "── 2026 · 6 подій" in text
        assert "6 за джерелом, датовано 4" in text  # the source's count vs the events it dates
        # The year is in the heading above: a row says the day.
        assert "13 березня   " in text and "13 березня 2025" not in text.split("▏")[0]
        assert "Санкт-Петербург" in text and ">12 год" in text
        assert "заплановано" in text  # the planned meeting of 22 January
        assert "▅ 11 квітня " in text  # rhythm marker: 29 days after the previous meeting
        assert "┆ 6 серпня " in text  # 117 days, but rounds without an exact date may lie between
        assert "  ≤ 6 серпня " in text  # known only to be before the talks of 6 August
        assert "Пошук" in text and "Довідка" in text  # search bar and footer
        # One timeline widget, no widget per event.
        assert len(app.query(Timeline)) == 1


async def test_detail_shows_the_event_in_full(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2025-04-11-saint-petersburg")
        await settle(pilot, app)
        text = detail_text(app)
        assert "п'ятниця, 11 квітня 2025 р." in text
        assert "Від попереднього датованого раунду: 29 днів (13 березня 2025 р.)" in text
        assert "Санкт-Петербург" in text and "понад чотири години" in text
        assert "Стівен Віткофф — спецпосланець президента США (США)" in text
        assert "«конструктивними»" in text and "Юрій Ушаков" in text  # quote: text, speaker
        assert "УНН, 21 січня 2026 р. · символи 1472–1660" in text  # cited passage: outlet and date
        assert "6 за джерелом, датовано 4" in text


async def test_the_first_event_is_selected_and_its_detail_loaded(seed_store: Store, ids: list[str]):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert current_id(app) == ids[0] == shown_id(app)
        assert app.focused is app.query_one(Timeline)


# ---------------------------------------------------------------------------- keys
@pytest.mark.parametrize("down,up", [("down", "up"), ("j", "k"), ("о", "л")])
async def test_up_down_move_between_events_and_the_detail_follows(seed_store: Store, ids, down, up):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(down, down, down)
        await settle(pilot, app)
        assert current_id(app) == ids[3] == shown_id(app)
        await pilot.press(up)
        await settle(pilot, app)
        assert current_id(app) == ids[2] == shown_id(app)


@pytest.mark.parametrize("first,last", [("home", "end"), ("g", "G"), ("п", "П")])
async def test_first_and_last(seed_store: Store, ids, first, last):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(last)
        await settle(pilot, app)
        assert current_id(app) == ids[-1] == shown_id(app)
        await pilot.press(first)
        await settle(pilot, app)
        assert current_id(app) == ids[0] == shown_id(app)


async def test_page_down_and_up_move_by_a_screenful(seed_store: Store, ids):
    app = app_on(seed_store)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot, app)
        timeline = app.query_one(Timeline)
        page = len(timeline.visible_indexes()) - 1  # the events on screen, less one
        assert 2 < page < 10
        await pilot.press("pagedown")
        await settle(pilot, app)
        assert current_id(app) == ids[page]
        await pilot.press(*["pagedown"] * len(ids))  # more pages than there are (the time axis takes lines too)
        assert current_id(app) == ids[-1]  # clamped at the end
        page = len(timeline.visible_indexes()) - 1  # long titles take two lines: pages differ
        await pilot.press("pageup")
        assert current_id(app) == ids[-1 - page]


@pytest.mark.parametrize("prev,next_", [("left_square_bracket", "right_square_bracket"), ("х", "ї")])
async def test_brackets_move_between_years(seed_store: Store, ids, prev, next_):
    first_2026 = next(r.id for r in seed_store.timeline() if r.year == 2026)
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(next_)
        await settle(pilot, app)
        assert current_id(app) == first_2026
        await pilot.press("down", prev)  # first back to the start of this year …
        assert current_id(app) == first_2026
        await pilot.press(prev)  # … then to the year before
        assert current_id(app) == ids[0]


async def test_the_selected_row_scrolls_into_view(seed_store: Store, ids):
    app = app_on(seed_store)
    async with app.run_test(size=(100, 10)) as pilot:
        await settle(pilot, app)
        await pilot.press("end")
        await settle(pilot, app)
        assert format_edtf(seed_store.timeline(len(ids) - 1, 1)[0].date) in screen_text(app)
        assert app.query_one(Timeline).scroll_y > 0


async def test_mouse_click_selects_an_event(seed_store: Store, ids):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        y = next(i for i, line in enumerate(timeline_lines(app)) if "13 березня" in line)
        await pilot.click("#timeline", offset=(10, y))
        await settle(pilot, app)
        march_13 = next(r.id for r in seed_store.timeline() if r.date == "2025-03-13")
        assert current_id(app) == march_13 == shown_id(app) != ids[0]


@pytest.mark.parametrize("tab", ["tab", "shift+tab"])
async def test_tab_switches_panes(seed_store: Store, tab):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(tab)
        await settle(pilot, app)
        assert app.focused is app.query_one(DetailPane)
        await pilot.press(tab)
        await settle(pilot, app)
        assert app.focused is app.query_one(Timeline)


@pytest.mark.parametrize("key", ["y", "н"])
async def test_copy_the_selected_quote_with_its_citation(seed_store: Store, key):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2025-04-11-saint-petersburg")
        await settle(pilot, app)
        await pilot.press("tab", "down")  # into the detail; ↓ selects the first quote
        await settle(pilot, app)
        assert app.query_one(DetailPane).selected_quote == 0
        await pilot.press(key)
        copied = app.clipboard
        assert copied.startswith("«конструктивними» — Юрій Ушаков, «За підсумками квітневої зустрічі»\n")
        assert "Джерело: УНН, 21 січня 2026 р., [опис упорядника: " in copied and "1744–1759" in copied
        source = seed_store.sources()[0]
        assert source.text[1744:1759] == "конструктивними"  # the citation points at the verbatim text


@pytest.mark.parametrize("key", ["Y", "Н"])
async def test_shift_y_copies_the_event(seed_store: Store, key):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2025-03-13-moscow")  # it has a quote: Y still copies the event
        await settle(pilot, app)
        await pilot.press(key)
        copied = app.clipboard
        assert copied.startswith("четвер, 13 березня 2025 р. — Перша резонансна поїздка")
        assert "Місце: Москва" in copied and "Тривалість: понад 12 годин" in copied
        passage = seed_store.event("2025-03-13-moscow").event.citations[0].text
        assert f"«{passage}»" in copied and "Джерело: УНН" in copied


async def test_quote_selection_moves_with_up_down_in_the_detail(seed_store: Store):
    """The selection moves with j/k (о/л on the Ukrainian layout) and stays on the last quote. Moving it redraws
    the two quotes concerned; the pane then shows what drawing it all anew shows: one quote behind the
    selected bar, the other behind the plain one."""
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2026-01-21-witkoff-cnbc")  # two quotes
        await settle(pilot, app)
        pane = app.query_one(DetailPane)

        def shown() -> list[list[tuple[str, object]]]:
            return [[(seg.text, seg.style) for seg in strip] for strip in pane._lines]

        for keys, selected in [(("tab", "j"), 0), (("j", "j"), 1), (("k",), 0), (("л",), None)]:
            await pilot.press(*keys)  # a second j on the last quote stays there
            await settle(pilot, app)
            assert pane.selected_quote == selected
            lines = shown()
            firsts = [pane.quote_lines(i)[0] for i in range(2)]
            marked = [i for i, first in enumerate(firsts) if "▌" in "".join(text for text, _ in lines[first])]
            assert marked == ([] if selected is None else [selected])
            pane._wrap()  # everything drawn anew
            assert shown() == lines


async def test_clicking_a_quote_selects_it(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2026-01-21-witkoff-cnbc")
        await settle(pilot, app)
        await click_quote(pilot, app, 1)
        await settle(pilot, app)
        assert app.query_one(DetailPane).selected_quote == 1


@pytest.mark.parametrize("key", ["q", "й"])
async def test_q_quits(seed_store: Store, key):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_letters_typed_in_the_search_bar_are_text_not_commands(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", "q", "й", "j", "y")
        assert app.is_running
        assert app.query_one("#search-input", Input).value == "qйjy"


# ---------------------------------------------------------------------------- search
def expected_status(store: Store, query: str) -> tuple[int, int]:
    results = search_module.search(store, query)
    return results.total_hits, len(results.event_positions)


@pytest.mark.parametrize("focus_key", ["slash", "full_stop"])
async def test_search_filters_the_timeline_as_you_type(seed_store: Store, focus_key):
    hits, events = expected_status(seed_store, "конструктивними")
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(focus_key)
        assert app.focused is app.query_one("#search-input", Input)
        await pilot.press(*"конструктивними")
        await until(pilot, app, lambda: main(app).search.results is not None, "search results")
        await settle(pilot, app)
        timeline = app.query_one(Timeline)
        assert timeline.event_count == events == 2
        assert str(app.query_one("#search-status").content).strip().startswith(f"{hits} збігів · 2 події · ")
        shown = [seed_store.rows_at([p])[0].id for p in timeline.layout_map.positions_between(0, 100)]
        assert shown == ["2025-04-11-saint-petersburg", "2026-davos-talks"]
        text = screen_text(app)
        assert "Зустріч Віткоффа з Пут" in text and "Переговори Віткоффа з" in text
        assert "Перша резонансна поїздка" not in text  # filtered out


async def test_search_count_wording_follows_ukrainian_plurals(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Давос")
        hits, events = expected_status(seed_store, "Давос")
        status = str(app.query_one("#search-status").content).strip()
        from chronology.tui.i18n import ngettext

        in_events = ngettext("{n} event", "{n} events", events, "uk")
        assert status.startswith(f"{ngettext('{n} hit', '{n} hits', hits, 'uk')} · {in_events} · ")
    assert ngettext("{n} hit", "{n} hits", 3, "uk") == "3 збіги"
    assert ngettext("{n} hit", "{n} hits", 21, "uk") == "21 збіг"
    assert ngettext("{n} event", "{n} events", 2, "uk") == "2 події"
    assert ngettext("{n} event", "{n} events", 5, "uk") == "5 подій"


@pytest.mark.parametrize(
    ("lang", "says"),
    [("uk", "у цьому сховищі немає пошукового індексу"), ("en", "this store has no search index")],
)
async def test_a_store_without_a_search_index_says_so_in_the_ui_language(seed_db_path: Path, lang: str, says: str):
    conn = sqlite3.connect(seed_db_path)
    conn.executescript("DROP TABLE search_fts; DROP TABLE search_rows;")
    conn.close()
    with Store.open(seed_db_path) as store:
        app = app_on(store, lang)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("slash", *"Женева")
            status = app.query_one("#search-status")
            await until(pilot, app, lambda: says in str(status.content), "the search bar says why")


async def test_search_highlights_matches_in_the_detail(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "конструктивними")
        pane = app.query_one(DetailPane)
        sentence = "назвав перемовини конструктивними"
        assert pane.spans(sentence) == [(sentence.index("конструктивними"), len(sentence))]
        quote = pane.texts.quotes[0]
        spans = [s for s in quote.spans if "bold" in str(s.style) or s.style]
        assert any(quote.plain[s.start : s.end] == "конструктивними" for s in spans)
        assert pane.selected_quote == 0  # the matching quote is preselected: y copies it


async def test_enter_jumps_to_the_first_hit_and_n_cycles(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("end")  # start away from the first hit
        await type_query(pilot, app, "Москва")
        positions = main(app).search.results.event_positions
        ids = [r.id for r in seed_store.rows_at(positions)]
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.focused is app.query_one(Timeline)
        assert current_id(app) == ids[0] == shown_id(app)
        await pilot.press("n")
        assert current_id(app) == ids[1]
        await pilot.press("т", "т")
        assert current_id(app) == ids[3]
        await pilot.press("N")
        assert current_id(app) == ids[2]
        await pilot.press("Т", "Т", "Т")
        await settle(pilot, app)
        assert current_id(app) == ids[-1] == shown_id(app)  # wrapped around


async def test_enter_before_the_results_arrive_still_jumps(seed_store: Store):
    app = make_app(seed_store, options=replace(AppOptions.steady(), search_debounce=0.5))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("G", "slash", *"Давос", "enter")  # Enter flushes the debounce and waits
        await until(pilot, app, lambda: app.focused is app.query_one(Timeline), "jump")
        await settle(pilot, app)
        first = seed_store.rows_at(main(app).search.results.event_positions[:1])[0].id
        assert current_id(app) == first


async def test_escape_clears_the_search_and_returns_to_the_timeline(seed_store: Store, ids):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Женева")
        assert app.query_one(Timeline).event_count < len(ids)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.query_one(Timeline).event_count == len(ids)
        assert app.query_one("#search-input", Input).value == ""
        assert app.query_one("#search-status").content == ""
        assert app.focused is app.query_one(Timeline)
        assert main(app).search.results is None


async def test_escape_in_the_timeline_also_clears_a_search(seed_store: Store, ids):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Женева")
        await pilot.press("enter")
        await settle(pilot, app)
        selected = current_id(app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.query_one(Timeline).event_count == len(ids)
        assert current_id(app) == selected  # the event found stays selected


async def test_no_results_says_so(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "ґвалтоньки")
        assert app.query_one(Timeline).event_count == 0
        text = screen_text(app)
        assert "Нічого не знайдено" in text and "ґвалтоньки" in text
        assert "збігів немає" in text
        await pilot.press("n")  # nothing to move to: no error
        assert app.is_running


async def test_stale_search_results_are_dropped(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = main(app)
        screen._start_search("Москва")
        screen._start_search("Женева")  # typed on before the first search finished
        await settle(pilot, app)
        assert screen.search.query == "Женева"
        assert screen.search.results.event_positions == search_module.search(seed_store, "Женева").event_positions


async def test_a_burst_of_moves_loads_only_the_latest_detail(seed_store: Store, ids):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        loads: list[str] = []
        screen = main(app)
        original = seed_store.event

        def counting(event_id: str):
            loads.append(event_id)
            return original(event_id)

        seed_store.event = counting  # type: ignore[method-assign]
        try:
            for _ in range(10):
                screen.timeline.action_cursor_down()  # ten moves before any load can finish
            await settle(pilot, app)
        finally:
            del seed_store.event
        assert shown_id(app) == ids[10]
        assert loads[-1] == ids[10] and len(loads) < 10


async def test_queued_moves_load_the_detail_only_where_they_stop(seed_store: Store, ids):
    app = make_app(seed_store, options=replace(AppOptions.steady(), search_debounce=0.2))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert shown_id(app) == ids[0]  # the first event is read ahead at start-up
        loads: list[str] = []
        original = seed_store.event

        def counting(event_id: str):
            loads.append(event_id)
            return original(event_id)

        seed_store.event = counting  # type: ignore[method-assign]
        try:
            timeline = main(app).timeline
            for _ in range(5):
                timeline.action_cursor_down()  # a burst: five moves queued before the first is handled
            await until(pilot, app, lambda: shown_id(app) == ids[5], "the detail after the burst")
        finally:
            del seed_store.event
        assert loads == [ids[5]]


async def test_one_key_press_shows_its_event_without_waiting_for_a_pause(seed_store: Store, ids):
    app = make_app(seed_store, options=AppOptions(poll_interval=0, cursor_blink=False))  # the defaults
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("down")
        for _ in range(3):  # messages and the load's worker, but no timer: no time passes
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert shown_id(app) == ids[1]


async def test_palette_search_command_focuses_the_search_bar(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Пошук", "enter")
        await settle(pilot, app)
        assert app.focused is app.query_one("#search-input", Input)


async def test_palette_goes_to_an_event(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Перейти до", "enter")
        await settle(pilot, app)
        await pilot.press(*"Женева")
        await until(pilot, app, lambda: "Консультації з європейськими" in screen_text(app), "event in palette")
        await pilot.press("enter")
        await settle(pilot, app)
        assert current_id(app) == "2025-autumn-geneva-consultations" == shown_id(app)


# ---------------------------------------------------------------------------- help
@pytest.mark.parametrize("key", ["question_mark", "f1", "comma"])
async def test_help_lists_the_focused_pane_and_the_app_bindings(seed_store: Store, key):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(key)
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Стрічка подій" in text and "Усюди" in text and "Застосунок" in text
        for words in ("Наступна подія", "Попередній рік", "Панель", "Копіювати", "Вийти", "Довідка"):
            assert words in text
        assert "↓ j о" in text and "[ х" in text  # every key, Ukrainian layout included
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)


async def test_help_from_the_detail_pane_lists_its_keys(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab", "question_mark")
        await settle(pilot, app)
        text = screen_text(app)
        assert "Подробиці події" in text and "Наступна цитата" in text
        assert "Стрічка подій" not in text.split("Усюди")[0]


async def test_every_binding_has_an_id_and_a_tooltip(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        nodes = [app, main(app), app.query_one(Timeline), app.query_one(DetailPane), app.query_one("#search")]
        await pilot.press("question_mark")
        await settle(pilot, app)
        nodes.append(app.screen)
        for node in nodes:
            declared = type(node).__dict__.get("BINDINGS", [])
            assert declared, type(node).__name__
            for binding in declared:
                assert binding.id and binding.tooltip and binding.description, (type(node).__name__, binding)


# ---------------------------------------------------------------------------- language
async def test_english_ui(seed_store: Store):
    app = app_on(seed_store, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2025-03-13-moscow")
        await settle(pilot, app)
        text = screen_text(app)
        assert "March 13, 2025" in text and "Thursday, March 13, 2025" in text
        assert "Search" in text and "Help" in text and "Copy" in text
        assert "── 2025 · 11 events" in text and "6 per source, 4 dated" in text


async def test_switching_language_at_runtime_rerenders_everything(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Москва")
        await pilot.press("enter")
        await settle(pilot, app)
        before = current_id(app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Змінити мову", "enter")
        await settle(pilot, app)
        assert app.lang == "en"
        text = screen_text(app)
        assert "March 13 " in text and "13 березня" not in text
        assert " hits · " in str(app.query_one("#search-status").content)
        assert "Copy" in text and "Копіювати" not in text
        assert current_id(app) == before  # the selection and the search survive
        app.action_switch_language()
        await settle(pilot, app)
        assert "13 березня " in screen_text(app)


# ---------------------------------------------------------------------------- sizes
async def test_resizing_down_to_40x12_and_back_never_crashes(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for width, height in [(120, 40), (80, 24), (60, 16), (40, 12), (30, 8), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await settle(pilot, app)
            await pilot.press("down", "end", "home")
            await settle(pilot, app)
            assert app.is_running
            assert current_id(app) == shown_id(app)


async def test_80x24_shows_both_panes(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.query_one(Timeline).display and app.query_one(DetailPane).display
        assert app.query_one(DetailPane).region.width > 20


async def test_40x12_shows_one_pane_and_tab_flips_it(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot, app)
        timeline, detail = app.query_one(Timeline), app.query_one(DetailPane)
        assert timeline.region.width == 40 and detail.region.width == 0
        assert "── 2025" in screen_text(app)  # the timeline, with its first year heading, fills the screen
        await pilot.press("tab")
        await settle(pilot, app)
        assert app.focused is detail and detail.region.width == 40 and timeline.region.width == 0
        await pilot.press("tab")
        await settle(pilot, app)
        assert app.focused is timeline and timeline.region.width == 40


# ---------------------------------------------------------------------------- store states
async def test_empty_store_says_how_to_import():
    store = Store.memory(Chronology())
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        text = screen_text(app)
        assert "Сховище порожнє" in text and "chronology import ФАЙЛ" in text
        await pilot.press("down", "end", "y", "n", "tab")  # nothing to act on: no error
        await settle(pilot, app)
        assert app.is_running


async def test_changes_by_another_process_show_up_keeping_the_selection(seed_db_path: Path, seed_doc):
    store = Store.open(seed_db_path)
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2025-12-02-moscow")
        await settle(pilot, app)
        # Another program adds an event dated before it (so its position shifts).
        early = seed_doc.events[0].model_copy(
            update={"id": "1999-extra", "date": "1999-05-01", "title": "Додана подія"}
        )
        with Store.open(seed_db_path) as other:
            other.write(Chronology(events=[early]))
        main(app).poll_store()
        await settle(pilot, app)
        assert "Додана подія" in screen_text(app) and "── 1999" in screen_text(app)
        assert current_id(app) == "2025-12-02-moscow" == shown_id(app)
        main(app).poll_store()  # nothing new: nothing re-read
        with Store.open(seed_db_path) as other:
            other.write(Chronology(events=[early.model_copy(update={"title": "Змінена подія"})]))
        await pilot.press("r")
        await settle(pilot, app)
        assert "Змінена подія" in screen_text(app)
    store.close()


async def test_the_store_is_checked_for_changes_every_poll_interval(seed_db_path: Path, seed_doc):
    store = Store.open(seed_db_path)
    app = make_app(store, options=replace(AppOptions.steady(), poll_interval=0.05))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        added = {"id": "1999-extra", "date": "1999-05-01", "title": "Додана подія"}
        with Store.open(seed_db_path) as other:
            other.write(Chronology(events=[seed_doc.events[0].model_copy(update=added)]))
        # Nobody presses r: the screen's own timer notices the other program's commit.
        await until(pilot, app, lambda: "Додана подія" in screen_text(app), "the added event")
    store.close()


# ---------------------------------------------------------------------------- scale, palette, theme
@pytest.fixture(scope="module")
def big_store():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from synth import generate

    store = Store.memory(generate(2000))
    yield store
    store.close()


async def test_the_timeline_is_virtual_and_reads_rows_in_windows(big_store: Store):
    app = app_on(big_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        widgets = len(app.screen.query("*"))
        screen = main(app)
        assert widgets < 80  # the same handful of widgets whatever the number of events
        assert len(screen.rows) < 400  # only the rows around the screen were read
        await pilot.press("end")
        await settle(pilot, app)
        assert current_id(app) == big_store.event_ids()[-1] == shown_id(app)
        assert len(app.screen.query("*")) == widgets
        assert len(screen.rows) < 800
        await pilot.press("home", "right_square_bracket", "right_square_bracket")
        await settle(pilot, app)
        second_year = big_store.year_starts()[2]
        assert main(app).timeline.current_pos == second_year[1]


async def test_palette_offers_go_to_event_search_language_and_theme(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Перейти до події", "Пошук", "Змінити мову: English", "Змінити тему", "Клавіші", "Вийти"):
            assert title in titles
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Змінити тему", "enter")
        await settle(pilot, app)
        await pilot.press(*"textual-light")
        await until(pilot, app, lambda: "textual-light" in screen_text(app), "the theme list")
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.theme == "textual-light"
        assert isinstance(app.screen, MainScreen)
        assert "13 березня " in screen_text(app)  # redrawn in the new colours, no error


async def test_theme_change_recolours_the_timeline(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        timeline = app.query_one(Timeline)
        before = timeline.get_component_rich_style("timeline--cursor")
        app.theme = "textual-light"
        await settle(pilot, app)
        after = timeline._style("timeline--cursor")
        assert after == timeline.get_component_rich_style("timeline--cursor") and after != before


async def test_help_from_the_search_bar_lists_search_keys_in_ukrainian(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", "f1")
        await settle(pilot, app)
        text = screen_text(app)
        assert "Пошук" in text and "Скинути пошук" in text and "Усюди" in text
        assert "Move cursor" not in text  # the input's own editing keys are not listed untranslated


def test_start_up_does_not_load_the_morphology_dictionaries(seed_db_path: Path):
    """pymorphy3 takes about a second to load: only the first search may load it, never start-up."""
    import subprocess
    import sys

    code = f"""
import sys
from chronology.db.store import Store
from chronology.tui.app import make_app
from chronology.tui.options import AppOptions
app = make_app(Store.open({str(seed_db_path)!r}), lang="uk", options=AppOptions(poll_interval=0))
async def auto_pilot(pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=auto_pilot)
print(sorted(m for m in sys.modules if m.startswith("pymorphy")))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("opener", [["/"], ["ctrl+p", *"Перейти до події", "enter"]], ids=["bar", "palette"])
async def test_opening_search_loads_the_search_engine_once(seed_store: Store, monkeypatch, opener):
    """The first query typed is not slowed by loading numpy, pymorphy3 and the store's names: the search bar
    and the palette's "go to event" start loading them when they open, once."""
    warmed: list[Store] = []
    monkeypatch.setattr(search_module, "warm_up", warmed.append)
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert warmed == []  # nothing loads at start-up
        await pilot.press(*opener)
        await settle(pilot, app)
        assert warmed == [seed_store]
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("/")
        await settle(pilot, app)
        assert warmed == [seed_store]


async def test_full_garbage_collections_are_rare_while_the_app_runs_and_python_s_own_after(seed_store: Store):
    import gc

    from chronology.tui.logic.collector import FULL_AFTER

    before = gc.get_threshold()
    app = app_on(seed_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert gc.get_threshold()[2] >= FULL_AFTER > before[2]
        assert gc.get_freeze_count() > 0  # what start-up built is out of the full collections' way
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_full_garbage_collection_waits_until_nobody_has_typed_for_a_second():
    import gc

    from chronology.tui.logic import collector

    collector.touched(now=100.0)
    gc.collect(1)  # the middle generation collected: there may be garbage
    assert not collector.collect_if_idle(now=100.0 + collector.IDLE_S / 2)  # someone is typing
    full = gc.get_stats()[2]["collections"]
    assert collector.collect_if_idle(now=100.0 + collector.IDLE_S)
    assert gc.get_stats()[2]["collections"] == full + 1
    assert not collector.collect_if_idle(now=200.0)  # nothing collected since: nothing to do


async def test_a_key_pressed_in_the_app_holds_off_full_garbage_collections(seed_store: Store):
    from chronology.tui.logic import collector

    app = app_on(seed_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        collector.touched(now=0.0)
        await pilot.press("down")
        assert not collector.collect_if_idle()  # the key was just now

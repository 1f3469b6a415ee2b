"""The app's search bar with what the query language gained: the word being typed, field filters, and the
help screen that says so (Pilot)."""

from __future__ import annotations

import pytest
from chronology.db.store import Store
from chronology.tui.screens.help import HelpScreen
from chronology.tui.widgets.detail import DetailPane
from chronology.tui.widgets.timeline import Timeline

from tests.test_app import SIZE, app_on, main, settle, until

GENEVA = ["2025-autumn-plan-28-points", "2025-autumn-geneva-consultations", "2025-autumn-plan-20-points"]


def shown_ids(app, store: Store) -> list[str]:
    timeline = app.query_one(Timeline)
    return [store.rows_at([p])[0].id for p in timeline.layout_map.positions_between(0, 100)]


async def typed(pilot, app, text: str) -> None:
    await pilot.press("slash", *text)
    search = main(app).search
    await until(pilot, app, lambda: search.results is not None and search.query == text, f"results for {text}")
    await settle(pilot, app)


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_a_word_half_typed_already_filters_the_timeline(seed_store: Store, lang: str) -> None:
    app = app_on(seed_store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await typed(pilot, app, "женев")
        assert shown_ids(app, seed_store) == GENEVA
        status = str(app.query_one("#search-status").content)
        # "8 збігів · 3 події · 1 з 3": the hits, the events shown, where the cursor is among them (n/N).
        events = status.split(" · ")[1]
        assert events == (f"{len(GENEVA)} події" if lang == "uk" else f"{len(GENEVA)} events"), status


async def test_a_name_half_typed_finds_its_other_spellings(seed_store: Store) -> None:
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await typed(pilot, app, "Уіткоф")  # the texts write "Віткофф"
        assert {"2025-03-13-moscow", "2026-davos-talks", "2026-01-22-moscow"} <= set(shown_ids(app, seed_store))


async def test_a_place_filter_shows_only_what_took_place_there(seed_store: Store) -> None:
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await typed(pilot, app, "місце:Москва -грудня")
        assert shown_ids(app, seed_store) == ["2025-03-13-moscow", "2025-08-06-moscow", "2026-01-22-moscow"]


@pytest.mark.parametrize(("lang", "words"), [("uk", ["місце:Москві", "женев"]), ("en", ["place:Moscow", "женев"])])
async def test_help_explains_filters_and_type_ahead(seed_store: Store, lang: str, words: list[str]) -> None:
    app = app_on(seed_store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f1")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        legend = str(app.screen.query_one("#help-legend").content)
        for word in words:
            assert word in legend


async def test_a_quote_chosen_for_a_prefix_is_let_go_when_the_query_no_longer_matches_it(seed_store: Store) -> None:
    app = app_on(seed_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2025-12-02-moscow")
        await settle(pilot, app)
        pane = app.query_one(DetailPane)
        (quote,) = pane.detail.quotes  # «нелегітимність українського керівництва»
        await typed(pilot, app, "К")  # a prefix of "керівництва": the search chooses the quote, as y would copy
        assert pane.selected_quote == 0 and pane.spans(quote.text)
        await pilot.press(*"ушнер")  # "Кушнер": the event still matches, its quote no longer does
        search = main(app).search
        await until(pilot, app, lambda: search.query == "Кушнер" and search.results is not None, "Кушнер")
        await settle(pilot, app)
        assert main(app).current_event_id == "2025-12-02-moscow" and not pane.spans(quote.text)
        assert pane.selected_quote is None and pane.scroll_y == 0
        await pilot.press("escape", "tab", "down")  # the reader's own choice stays
        await settle(pilot, app)
        assert pane.selected_quote == 0


def highlighted_words(pane: DetailPane) -> set[str]:
    """The words the detail pane highlights for the search (the match style's spans)."""
    texts = pane.texts
    assert texts is not None
    match = pane.get_component_rich_style("detail--match")
    blocks = [texts.head, texts.body, *texts.quotes, texts.sources]
    return {t.plain[s.start : s.end] for t in blocks for s in t.spans if s.style == match}


async def test_typing_on_keeps_the_detail_on_the_highlighted_event_with_its_highlights(seed_store: Store) -> None:
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await typed(pilot, app, "Віткофф")
        first = main(app).current_event_id
        pane = app.query_one(DetailPane)
        assert pane.detail is not None and pane.detail.event.id == first
        assert any(w.startswith("Віткоф") for w in highlighted_words(pane))
        await pilot.press(*" Кушнер")  # the highlighted event does not name him: the cursor moves on
        search = main(app).search
        await until(pilot, app, lambda: search.query == "Віткофф Кушнер" and not search.searching, "the new results")
        await settle(pilot, app)
        now = main(app).current_event_id
        assert now != first
        assert pane.detail is not None and pane.detail.event.id == now
        assert any(w.startswith("Кушнер") for w in highlighted_words(pane))

"""AppOptions: the app's settings, given once to make_app and read by the screen and the widgets."""

from __future__ import annotations

import dataclasses

import pytest
from chronology.db.store import Store
from chronology.tui.app import make_app
from chronology.tui.options import DEFAULTS, AppOptions, options_of
from chronology.tui.widgets.search_bar import SearchBar
from textual.app import App, ComposeResult
from textual.widgets import Input


def test_the_defaults_are_the_settings_people_use():
    assert AppOptions() == DEFAULTS
    assert (DEFAULTS.poll_interval, DEFAULTS.search_debounce, DEFAULTS.detail_delay) == (2.0, 0.0, 0.0)
    assert DEFAULTS.cursor_blink


def test_steady_options_leave_nothing_to_the_clock():
    steady = AppOptions.steady()
    assert steady.poll_interval == 0 and steady.detail_delay == 0 and not steady.cursor_blink


def test_options_cannot_change_once_made():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULTS.poll_interval = 0  # type: ignore[misc]


@pytest.mark.parametrize("name", ["poll_interval", "search_debounce", "detail_delay"])
def test_a_negative_time_is_refused(name: str):
    with pytest.raises(ValueError, match=name):
        AppOptions(**{name: -1})


def test_the_app_keeps_the_options_it_was_made_with(seed_store: Store):
    options = AppOptions(poll_interval=5, cursor_blink=False)
    assert make_app(seed_store, options=options).options is options
    assert make_app(seed_store).options == DEFAULTS


def test_an_app_without_options_gets_the_defaults():
    assert options_of(object()) is DEFAULTS


@pytest.mark.parametrize("blink", [True, False])
async def test_the_search_bar_reads_the_cursor_blink_from_the_app(seed_store: Store, blink: bool):
    app = make_app(seed_store, options=dataclasses.replace(AppOptions.steady(), cursor_blink=blink))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert app.query_one("#search-input", Input).cursor_blink is blink


async def test_a_search_bar_in_another_app_blinks_as_by_default():
    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield SearchBar(id="search")

    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.query_one("#search-input", Input).cursor_blink is DEFAULTS.cursor_blink

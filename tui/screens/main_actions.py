"""Key actions of the main screen that need only its panes: stepping between matches and rounds, going to an
event picked on the time axis, copying, opening a source.

:class:`~chronology.tui.screens.main.MainScreen`'s ``action_…`` methods call these (its keys are in
:mod:`.main_keys`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronology.db.controls import is_web_address

from ..logic.rounds import find_round, latest_held_round
from ..present.copy_texts import copy_choice

if TYPE_CHECKING:
    from .main import MainScreen


def _go_to_index(screen: MainScreen, index: int | None, missing: str) -> None:
    if index is None:
        screen.app.bell()
        screen.notify(missing, timeout=3)
        return
    screen.timeline.cursor = index
    if screen.focused is not screen.detail_pane:
        screen.focus_pane("timeline")


def step_hit(screen: MainScreen, step: int) -> None:
    """n and N: the next (``step`` +1) or previous (-1) event the search matches, going round at the ends (the
    status line says so: ``screen._wrapped``)."""
    timeline = screen.timeline
    count = timeline.event_count
    if not screen.search.active or not count:
        screen.app.bell()
        return
    target = (timeline.cursor + step) % count
    went_round = target != timeline.cursor + step
    screen._wrapped = (target, step) if went_round else None
    timeline.cursor = target
    screen._update_status()
    if screen.focused is not screen.detail_pane:
        screen.focus_pane("timeline")


def go_to_pos(screen: MainScreen, pos: int) -> None:
    """A click on the time axis: highlight the event at store position ``pos`` (else the nearest one shown)."""
    layout = screen.timeline.layout_map
    index = layout.index_of_pos(pos)
    screen.timeline.cursor = layout.nearest_index(pos) if index is None else index
    screen.focus_pane("timeline")


def _shows_every_event(screen: MainScreen) -> bool:
    return screen.timeline.layout_map is screen.all_layout


def _index_of_pos(screen: MainScreen, pos: int | None) -> int | None:
    return None if pos is None else screen.timeline.layout_map.index_of_pos(pos)


def latest_round(screen: MainScreen) -> None:
    """L: the latest round that took place, among the events shown (all: the store's index look-up)."""
    timeline = screen.timeline
    if _shows_every_event(screen):
        index = _index_of_pos(screen, screen.store.latest_held_round())
    else:
        index = latest_held_round(timeline.event_count, timeline.rows_of)
    _go_to_index(
        screen, index, screen._("No round (a meeting, talks or a visit) that took place among the events shown.")
    )


def step_round(screen: MainScreen, step: int) -> None:
    """} and {: the next (``step`` +1) or previous (-1) round, held or planned, among the events shown."""
    timeline = screen.timeline
    pos = timeline.current_pos
    if pos is not None and _shows_every_event(screen):
        store = screen.store
        index = _index_of_pos(screen, store.next_round(pos) if step > 0 else store.previous_round(pos))
    else:
        index = find_round(timeline.event_count, timeline.rows_of, timeline.cursor + step, step)
    missing = screen._("No later round.") if step > 0 else screen._("No earlier round.")
    _go_to_index(screen, index, missing)


def copy(screen: MainScreen, *, whole_event: bool = False) -> None:
    """y: the selected quote, else the event's first quote, else the event; Y (``whole_event``): the event;
    with its citation, through the terminal (OSC 52). The toast says what was sent."""
    detail = screen.details.shown
    if detail is None or detail.event.id != screen.current_event_id:
        screen.app.bell()
        return
    pane = screen.detail_pane
    copied = copy_choice(detail, pane.selected_quote, screen.lang, whole_event=whole_event)
    if copied.quote is not None:
        pane.reveal_quote(copied.quote)  # the quote copied is the one marked, in sight
    screen.app.copy_to_clipboard(copied.text)
    # The terminal may drop the request: say it was sent, not that it arrived.
    title = screen._("Sent to the terminal's clipboard (OSC 52)")
    screen.notify(f"{copied.what}: {copied.preview}", title=title, timeout=4)


def open_source(screen: MainScreen) -> None:
    """o: the source of the selected quote (or else of the event) in the web browser."""
    view = screen.detail_pane.view
    if view is None or view.id != screen.current_event_id:
        screen.app.bell()
        return
    url = view.source_url(screen.detail_pane.selected_quote)
    if url is None:
        screen.notify(screen._("The source gives no web address."), timeout=3)
        return
    if not is_web_address(url):  # import refuses it, but a store may have been edited by hand
        screen.notify(screen._("The source's address is not a web address: not opened."), timeout=3)
        return
    screen.app.open_url(url)  # the web browser (the browser's own tab under chronology serve)
    screen.notify(screen._("Opening {url}").format(url=url), timeout=3, markup=False)

"""The main screen: timeline (left), detail (right), search bar and footer; the workers that read the store.

Reads that follow a key press stay off the UI thread. The detail of the highlighted event is loaded at once
by a thread worker that asks :class:`~chronology.tui.logic.detail.DetailLoader` for the latest wanted event;
moves already queued behind the one at hand (a burst of keys) are coalesced: only the last one loads
(``options.detail_delay``, if set, makes the highlight rest that long first); searches run in an exclusive
thread worker, and :class:`~chronology.tui.logic.search.SearchSession` drops stale results. At start-up a plain thread
(:class:`~chronology.tui.logic.readers.Preload`) reads the store's shape and the first screenful while Textual
sets itself up; the first event's detail (which needs the pydantic models) loads just after the first paint.
Every ``options.poll_interval`` seconds the screen asks the store whether another process committed
(``PRAGMA data_version``) and, if so, re-reads it keeping the highlighted event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chronology.db.edtf import parse_edtf
from chronology.db.store import EventDetail, Store, TallyRow, TimelineRow
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import DescendantFocus
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from ..i18n import say, translator
from ..logic import collector
from ..logic.detail import DetailLoader, LoaderThread
from ..logic.readers import Preload, StoreReaders, StoreSnapshot
from ..logic.search import SearchOutcome, SearchSession, events_matching
from ..logic.status import position_text, status_line
from ..options import AppOptions, options_of
from ..present.labels import pick, tally_phrase
from ..widgets.detail import DetailPane
from ..widgets.footer import AppFooter
from ..widgets.localize import localize_bindings
from ..widgets.search_bar import SearchBar
from ..widgets.time_axis import TimeAxis
from ..widgets.timeline import Timeline
from ..widgets.timeline_model import RowCache, TimelineLayout
from . import main_actions
from .main_keys import MAIN_BINDINGS

NARROW = 72  # below this many columns the panes take turns
COMPACT_FOOTER = 100  # below this many columns the footer's keys stand closer together
SHORT = 20  # below this many lines the time axis takes two lines, not three
PRELOAD_ROWS = 150  # rows read ahead at start-up: more than a tall terminal shows


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    @dataclass
    class DetailLoaded(Message):
        event_id: str
        detail: EventDetail | None

    @dataclass
    class SearchFinished(Message):
        outcome: SearchOutcome

    def __init__(self, store: Store, lang: str) -> None:
        super().__init__(id="main")
        self.store = store
        self.lang = lang
        self.rows = RowCache(store)
        self.year_starts: list[tuple[int, int, int]] = []
        self.tallies: list[TallyRow] = []
        self.total = 0
        self.all_layout = TimelineLayout([])
        self.data_version: int | None = None
        self.search = SearchSession()
        self.details = DetailLoader()
        self.readers = StoreReaders(store)
        self._search_warmed = False
        self._detail_timer: Timer | None = None
        self._loader: LoaderThread | None = None  # started with the first load (after the first paint)
        self._focus_target: object = None  # where the focus was last sent (a pane, or the search bar)
        self._wrapped: tuple[int, int] | None = None  # (index, ±1): n/N just went round the end to it
        # Read the store's shape and the first screenful while Textual starts up. Not the first event's
        # detail: that needs the models (pydantic), loaded after the first paint.
        self._preload = Preload(store, first_rows=PRELOAD_ROWS)

    @property
    def options(self) -> AppOptions:
        return options_of(self.app)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield TimeAxis(id="axis")
        with Horizontal(id="panes"):
            yield Timeline(id="timeline")
            yield DetailPane(id="detail")
        yield SearchBar(id="search")
        yield AppFooter(id="footer")

    @property
    def timeline(self) -> Timeline:
        return self.query_one("#timeline", Timeline)

    @property
    def detail_pane(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    @property
    def axis(self) -> TimeAxis:
        return self.query_one("#axis", TimeAxis)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    def on_mount(self) -> None:
        self.localize(refresh=False)
        self.reload(self._preload.take())
        self.timeline.focus()
        collector.keep_full_collections_rare()
        self.set_interval(collector.IDLE_S / 2, collector.collect_if_idle)
        if self.options.poll_interval > 0:
            self.set_interval(self.options.poll_interval, self.poll_store)

    def on_unmount(self) -> None:
        if self._loader is not None:
            self._loader.stop()
        self.readers.close()
        collector.restore()

    # ------------------------------------------------------------------ language
    def localize(self, *, refresh: bool = True) -> None:
        for node in (self, self.timeline, self.detail_pane, self.search_bar):
            localize_bindings(node, self.lang)
        _ = translator(self.lang)
        self.search_bar.set_texts(_("Search: words, names, places (/ to focus)"))
        if refresh:
            self.refresh_bindings()

    def set_lang(self, lang: str) -> None:
        """Re-render everything in ``lang``."""
        self.lang = lang
        self.localize()
        self._show_timeline(keep_pos=self.timeline.current_pos)
        self._update_status()
        self._show_detail()

    def _(self, message: str) -> str:
        return translator(self.lang)(message)

    # ------------------------------------------------------------------ store
    def reload(self, snapshot: StoreSnapshot | None = None) -> None:
        """Read the store's shape (count, years, tallies) and redraw, keeping the highlighted event."""
        keep_id = self.current_event_id
        store = self.store
        snap = snapshot or StoreSnapshot.read(store, first_rows=0)
        self.data_version = snap.data_version
        self.total = snap.total
        self.year_starts = snap.year_starts
        self.tallies = snap.tallies
        self.rows.clear()
        self.rows.add(snap.rows)
        self.all_layout = TimelineLayout(self.year_starts, {y: len(n) for y, n in self._notes().items()})
        keep_pos = store.position(keep_id) if keep_id else None
        self.details.outdated = True  # the highlighted event itself may have changed
        if self.search.active and self.search.query:
            self._start_search(self.search.query)  # the matches may have changed too
        self._show_timeline(keep_pos=keep_pos)
        self.axis.load(lambda: self.readers.get("axis"))

    def poll_store(self) -> None:
        """Re-read the store if another process committed to it since we last looked."""
        try:
            version = self.store.data_version()
        except Exception:  # the store went away under us: keep showing what we have
            return
        if version != self.data_version:
            self.reload()

    def _notes(self) -> dict[int, list[str]]:
        """Tally notes under their year heading: "… у 2025 році: 6 за джерелом, датовано 4"."""
        notes: dict[int, list[str]] = {}
        for t in self.tallies:
            try:
                year = parse_edtf(t.period).year
            except ValueError:
                continue
            subject = pick(t.subject, t.subject_en, self.lang)
            # The numbers first: they are what a narrow pane must not cut off.
            notes.setdefault(year, []).append(f"{tally_phrase(t.stated, len(t.event_ids), self.lang)}: {subject}")
        return notes

    @property
    def current_event_id(self) -> str | None:
        if not self.is_mounted:
            return None
        row = self.timeline.current_row
        return row.id if row else None

    def rows_near_cursor(self, count: int) -> list[TimelineRow]:
        """Events around the highlighted one (the palette's list before anything is typed)."""
        pos = self.timeline.current_pos or 0
        return self.store.timeline(max(0, pos - count // 2), count)

    def find_events(self, query: str, limit: int) -> list[tuple[TimelineRow, str]]:
        """Events the search matches, best first, with a snippet (the palette's "go to event")."""
        return events_matching(self.readers.get("search"), self.store, query, limit)

    def go_to_event(self, event_id: str) -> None:
        """Highlight ``event_id`` (leaving the search if it hides the event) and focus the timeline."""
        pos = self.store.position(event_id)
        if pos is None:
            return
        if self.search.hides(pos):
            self._clear_search()
        index = self.timeline.layout_map.index_of_pos(pos)
        if index is not None:
            self.timeline.cursor = index
        self.focus_pane("timeline")

    # ------------------------------------------------------------------ timeline
    def _show_timeline(self, keep_pos: int | None = None) -> None:
        _ = self._
        notes = self._notes()
        results = self.search.results
        if results is not None:
            layout = TimelineLayout(
                self.year_starts, {y: len(n) for y, n in notes.items()}, positions=results.event_positions
            )
        else:
            layout = self.all_layout
        message = ""
        if self.total == 0:
            message = _("The store is empty. Add events with `chronology import FILE`.")
        elif not len(layout):
            message = _("Nothing found for «{query}».").format(query=self.search.query)
            message += " " + _("Esc shows every event again.")
        cursor = layout.nearest_index(keep_pos) if keep_pos is not None else 0
        self.axis.set_lang(self.lang)
        self.axis.show_matches(results.event_positions if results is not None else None)
        self.timeline.set_view(
            layout, self.rows, notes=notes, lang=self.lang, cursor=cursor, message=message, spans=self.search.spans
        )
        if not len(layout):
            self.axis.show_cursor(None)  # no Highlighted follows: nothing is highlighted
            self.details.forget()
            self._show_detail(message)

    @on(Timeline.Highlighted, "#timeline")
    def _highlighted(self, event: Timeline.Highlighted) -> None:
        """Load the newly highlighted event at once, unless the cursor has moved on already (keys were queued
        behind this move: the last move's own message loads its event), so a burst loads once."""
        if event.index != self.timeline.cursor:
            return  # a later move is on its way: its own message updates the status and loads its event
        if self._wrapped is not None and self._wrapped[0] != event.index:
            self._wrapped = None
        self.axis.show_cursor(self.timeline.current_row)  # repaints the marker's cells only, if it moved
        if self.search.active:
            self._update_status()
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        delay = self.options.detail_delay
        if self.details.shown is None:
            # Nothing shown yet (start-up): load right after the first paint, which it must not delay.
            self.call_after_refresh(self._want_current_detail)
        elif delay <= 0:
            self._want_current_detail()
        else:
            self._detail_timer = self.set_timer(delay, self._want_current_detail)

    @on(TimeAxis.Picked, "#axis")
    def _axis_picked(self, event: TimeAxis.Picked) -> None:
        main_actions.go_to_pos(self, event.pos)

    def _want_current_detail(self) -> None:
        self._detail_timer = None
        event_id = self.current_event_id
        if event_id is None or self.details.is_shown(event_id):
            return  # nothing highlighted, or already shown (e.g. read ahead at start-up)
        if self._loader is None:
            self._loader = LoaderThread(self.details, self._read_event, self._deliver_event)
        self._loader.want(event_id)

    # ------------------------------------------------------------------ detail (its thread)
    def _read_event(self, event_id: str) -> EventDetail | None:
        return self.readers.get("detail").event(event_id)

    def _deliver_event(self, event_id: str, detail: EventDetail | None) -> None:
        self.post_message(self.DetailLoaded(event_id, detail))  # from the loader's thread: thread-safe

    @on(DetailLoaded)
    def _detail_loaded(self, message: DetailLoaded) -> None:
        first = self.details.shown is None
        if not self.details.loaded(message.event_id, message.detail, highlighted=self.current_event_id):
            return  # the cursor moved on meanwhile; a newer load is on its way
        if self.search.searching and not first:
            return  # a newer query's matches are on their way, and draw it with their highlights (if still here)
        self._show_detail()
        if first:
            self.call_after_refresh(collector.freeze_startup_objects)
        if self.search.spans is not None:
            self.detail_pane.select_first_match()

    def _show_detail(self, message: str = "") -> None:
        detail = self.details.shown
        failure = self.details.failure
        if detail is None and not message and failure is not None and failure[0] == self.current_event_id:
            reason = say(failure[1], self.lang)
            message = self._("This event cannot be shown: {reason}. `chronology check` says more.").format(
                reason=reason
            )
        if detail is None and not message:
            message = self.timeline.message
        self.detail_pane.show(detail, self.lang, self.search.spans, message=message)

    # ------------------------------------------------------------------ search (worker)
    @on(SearchBar.Changed, "#search")
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self._start_search(event.query)

    def _start_search(self, query: str) -> None:
        generation = self.search.start(query)
        if generation is None:  # a blank query: every event again
            self._show_results()
            return
        self._update_status()
        self._run_search(query, generation)

    def warm_search(self) -> None:
        """Load what the first search needs (once) while the user types it: numpy, pymorphy3's dictionaries,
        the store's timeline and names (called when the search bar or the command palette opens)."""
        if not self._search_warmed:
            self._search_warmed = True
            self._warm_search()

    @work(thread=True, group="search-warm-up", exit_on_error=False)
    def _warm_search(self) -> None:
        self.search.warm_up(self.readers.get("search"))
        collector.freeze_startup_objects()  # the search engine's dictionaries too

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run_search(self, query: str, generation: int) -> None:
        outcome = self.search.run(self.readers.get("search"), query, generation)
        if outcome is not None:
            self.post_message(self.SearchFinished(outcome))

    @on(SearchFinished)
    def _search_finished(self, message: SearchFinished) -> None:
        outcome = message.outcome
        if not self.search.finish(outcome):
            return  # stale: the query changed after this search started
        if outcome.error:
            self.search_bar.set_status(say(outcome.cause or outcome.error, self.lang))
            self._show_detail()  # an event loaded while it searched
            return
        self._show_results()
        if self._showing_current():
            self.detail_pane.select_first_match()  # else the event loaded next selects its own
        if self.search.take_jump():
            self._jump_to_first()

    def _show_results(self) -> None:
        """Redraw for the search's results (or for none: every event), keeping the highlighted event. The
        detail pane shows the new highlights at once if it shows that event; if the cursor went to another
        (the event left the results), that one is loaded and shown with them instead."""
        self._show_timeline(keep_pos=self.timeline.current_pos)
        self._update_status()
        if self.current_event_id is None or self.details.shown is None or self._showing_current():
            self._show_detail()
        self.refresh_bindings()

    def _showing_current(self) -> bool:
        """Whether the detail pane shows the highlighted event (not one the cursor has just left)."""
        shown = self.details.shown
        return shown is not None and shown.event.id == self.current_event_id

    def _clear_search(self) -> None:
        self.search.clear()
        bar = self.search_bar
        if bar.value:
            with bar.prevent(SearchBar.Cleared):  # done here: its handler would move the focus again, later
                bar.action_clear()
        self._show_results()

    def _update_status(self) -> None:
        """The search's counts and, while it filters the timeline, where the cursor is among its events."""
        position = ""
        count = self.timeline.event_count
        if self.search.active and not self.search.searching and count:
            wrapped = self._wrapped[1] if self._wrapped is not None else 0
            position = position_text(self.timeline.cursor, count, self.lang, wrapped=wrapped)
        self.search_bar.set_status(status_line(self.search.status(self.lang), position))

    @on(SearchBar.Submitted, "#search")
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        if not event.query.strip():
            self.focus_pane("timeline")
        elif self.search.enter(event.query):
            self._jump_to_first()

    def _jump_to_first(self) -> None:
        if len(self.timeline.layout_map):
            self.timeline.cursor = 0
        self.focus_pane("timeline")

    @on(SearchBar.Cleared, "#search")
    def _search_cleared(self, event: SearchBar.Cleared) -> None:
        self.search.clear()
        self._show_results()
        if self.focused is not self.search_bar.input:  # unless / (typed right after Esc) started a new search
            self.focus_pane("timeline")

    # ------------------------------------------------------------------ panes
    def on_resize(self, event: events.Resize) -> None:
        """Narrower than ``NARROW`` columns only one pane shows (Tab flips between them). Set on the panes'
        container rather than as a screen breakpoint, so a resize restyles two widgets, not the screen."""
        self.query_one("#panes").set_class(event.size.width < NARROW, "-narrow")
        self.query_one(AppFooter).compact = event.size.width < COMPACT_FOOTER  # every key in sight at 80
        self.axis.set_class(event.size.height < SHORT, "-compact")

    def focus_pane(self, name: str) -> None:
        panes = self.query_one("#panes")
        panes.set_class(name == "detail", "-detail")
        widget = self.detail_pane if name == "detail" else self.timeline
        self._focus_target = widget

        def again() -> None:  # once shown (narrow: one pane at a time), unless / took the focus meanwhile
            if self._focus_target is widget:
                self.set_focus(widget)  # at once: widget.focus() would wait in the queue behind a / typed now

        self.call_after_refresh(again)
        self.set_focus(widget)  # at once: a key typed right after (/ after Esc) finds the focus where it goes

    @on(DescendantFocus)
    def _focus_changed(self, event: DescendantFocus) -> None:
        panes = self.query_one("#panes")
        if event.widget is self.detail_pane:
            panes.add_class("-detail")
        elif event.widget is self.timeline:
            panes.remove_class("-detail")
        elif event.widget is self.search_bar.input:
            self.warm_search()

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            return self.focused is not self.search_bar.input  # in the bar, / and . are typed
        if action in ("next_hit", "previous_hit"):
            return self.search.active
        if action == "clear_search":
            return self.search.active or bool(self.search.query) or self.search.searching
        return True

    def action_switch_pane(self) -> None:
        self.focus_pane("timeline" if self.focused is self.detail_pane else "detail")

    def action_focus_search(self) -> None:
        self._focus_target = self.search_bar.input
        self.set_focus(self.search_bar.input)  # at once, not after the keys already queued

    def action_next_hit(self) -> None:
        main_actions.step_hit(self, +1)

    def action_previous_hit(self) -> None:
        main_actions.step_hit(self, -1)

    def action_latest_round(self) -> None:
        main_actions.latest_round(self)

    def action_next_round(self) -> None:
        main_actions.step_round(self, +1)

    def action_previous_round(self) -> None:
        main_actions.step_round(self, -1)

    def action_copy(self) -> None:
        main_actions.copy(self)

    def action_copy_event(self) -> None:
        main_actions.copy(self, whole_event=True)

    def action_open_source(self) -> None:
        main_actions.open_source(self)

    def action_refresh(self) -> None:
        self.reload()
        self.notify(self._("Store read again."), timeout=2)

    def action_clear_search(self) -> None:
        self._clear_search()
        self.focus_pane("timeline")

"""The main screen: timeline (left), detail (right), search bar and footer; the store's reads and workers.

Reads that follow a key press stay off the UI thread. The detail of the highlighted event is loaded once
the highlight rests for ``options.detail_delay`` seconds (a held-down ↓ moves the highlight at full speed and
loads only where it stops), by a thread worker that always fetches the *latest* wanted event and never
shows a stale one; searches run in an exclusive thread worker whose stale results are dropped. At
start-up a plain thread reads the store's shape and the first screenful while Textual sets itself up;
the first event's detail (which needs the pydantic models) loads just after the first paint. File stores
get their own read connections for these workers, so a long search never holds the connection the
timeline draws from. Every ``options.poll_interval`` seconds the screen asks the store whether another process
committed (``PRAGMA data_version``) and, if so, re-reads it keeping the highlighted event.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from chronology.db.edtf import parse_edtf
from chronology.db.store import EventDetail, Store, TallyRow, TimelineRow
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import DescendantFocus
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from ..i18n import ngettext, translator
from ..labels import pick, tally_phrase
from ..options import AppOptions, options_of
from ..widgets.detail import DetailPane, event_citation, quote_citation
from ..widgets.footer import AppFooter
from ..widgets.localize import localize_bindings
from ..widgets.search_bar import SearchBar
from ..widgets.timeline import Timeline
from ..widgets.timeline_model import RowCache, TimelineLayout

Spans = Callable[[str], list[tuple[int, int]]]


NARROW = 72  # below this many columns the panes take turns
PRELOAD_ROWS = 150  # rows read ahead at start-up: more than a tall terminal shows


@dataclass
class StoreSnapshot:
    """What the screen needs to draw: the store's shape and, optionally, the first rows."""

    data_version: int
    total: int
    year_starts: list[tuple[int, int, int]]
    tallies: list[TallyRow]
    rows: list[TimelineRow]

    @classmethod
    def read(cls, store: Store, *, first_rows: int = 0) -> StoreSnapshot:
        version = store.data_version()
        total = store.count_events()
        year_starts = store.year_starts()
        tallies = store.tally_rows()
        rows = store.timeline(0, first_rows) if first_rows else []
        return cls(version, total, year_starts, tallies, rows)


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab,shift+tab",
            "switch_pane",
            "Switch pane",
            key_display="Tab",
            id="main.switch_pane",
            tooltip="Move between the timeline and the event details",
        ),
        Binding(
            "slash,full_stop",
            "focus_search",
            "Search",
            key_display="/",
            id="main.search",
            tooltip="Type to filter the timeline; Enter jumps to the first match, Esc clears",
        ),
        Binding("n,т", "next_hit", "Next match", id="main.next_hit", tooltip="The next event the search matches"),
        Binding(
            "N,Т",
            "previous_hit",
            "Previous match",
            show=False,
            id="main.previous_hit",
            tooltip="The previous event the search matches",
        ),
        Binding(
            "y,н",
            "copy",
            "Copy",
            id="main.copy",
            tooltip="Copy the selected quote (or else the event) with its citation",
        ),
        Binding(
            "r,к",
            "refresh",
            "Refresh",
            show=False,
            id="main.refresh",
            tooltip="Read the store again (changes by other programs also show up by themselves)",
        ),
        Binding(
            "escape",
            "clear_search",
            "Clear search",
            show=False,
            id="main.clear_search",
            tooltip="Clear the search and show every event",
        ),
    ]

    @dataclass
    class DetailLoaded(Message):
        event_id: str
        detail: EventDetail | None

    @dataclass
    class SearchDone(Message):
        generation: int
        query: str
        results: Any  # chronology.db.search.SearchResults
        spans: Spans

    @dataclass
    class SearchFailed(Message):
        generation: int
        query: str
        error: str

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
        # search state
        self.query_text = ""
        self.results: Any = None  # SearchResults of query_text, or None
        self.spans: Spans | None = None
        self.search_generation = 0
        self.searching = False
        self._jump_when_found = False
        self._search_lock = threading.Lock()
        self._search_warmed = False
        # detail state
        self.detail: EventDetail | None = None
        self._detail_lock = threading.Lock()
        self._detail_wanted: str | None = None
        self._detail_busy = False
        self._readers: dict[str, Store] = {}
        self._readers_lock = threading.Lock()
        self._detail_timer: Timer | None = None
        self._detail_dirty = True
        # Read the store's shape, the first screenful and the first event while Textual starts up (SQLite
        # releases the GIL, so this overlaps with parsing CSS and composing widgets).
        self._preload: StoreSnapshot | BaseException | None = None
        self._preload_thread = threading.Thread(target=self._run_preload, name="chronology-preload", daemon=True)
        self._preload_thread.start()

    def _run_preload(self) -> None:
        try:
            # Not the first event's detail: that needs the models (pydantic), loaded after the first paint.
            self._preload = StoreSnapshot.read(self.store, first_rows=PRELOAD_ROWS)
        except BaseException as exc:  # handed to the UI thread, which reads the store itself
            self._preload = exc

    def _take_preload(self) -> StoreSnapshot | None:
        self._preload_thread.join()
        snap, self._preload = self._preload, None
        return snap if isinstance(snap, StoreSnapshot) else None

    @property
    def options(self) -> AppOptions:
        return options_of(self.app)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
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
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    def on_mount(self) -> None:
        self.localize(refresh=False)
        self.reload(self._take_preload())
        self.timeline.focus()
        if self.options.poll_interval > 0:
            self.set_interval(self.options.poll_interval, self.poll_store)

    def on_unmount(self) -> None:
        with self._readers_lock:
            for reader in self._readers.values():
                reader.close()
            self._readers.clear()

    def _reader(self, purpose: str) -> Store:
        """A read connection of its own for a worker (file stores); the shared store otherwise."""
        if self.store.path is None:
            return self.store
        with self._readers_lock:  # workers and the palette's threads may ask at the same time
            reader = self._readers.get(purpose)
            if reader is None:
                reader = self._readers[purpose] = Store.open(self.store.path)
            return reader

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
        self._detail_dirty = True  # the highlighted event itself may have changed
        if self.results is not None and self.query_text:
            self._start_search(self.query_text)  # the matches may have changed too
        self._show_timeline(keep_pos=keep_pos)

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
        from chronology.db import search as search_module

        results = search_module.search(self._reader("search"), query, limit=limit * 3)
        seen: dict[int, str] = {}
        for hit in results.hits:
            if hit.event_pos not in seen:
                seen[hit.event_pos] = hit.snippet
            if len(seen) >= limit:
                break
        rows = self.store.rows_at(list(seen))
        return [(row, seen[row.pos]) for row in rows]

    def go_to_event(self, event_id: str) -> None:
        """Highlight ``event_id`` (leaving the search if it hides the event) and focus the timeline."""
        pos = self.store.position(event_id)
        if pos is None:
            return
        if self.results is not None and pos not in set(self.results.event_positions):
            self._clear_search()
        index = self.timeline.layout_map.index_of_pos(pos)
        if index is not None:
            self.timeline.cursor = index
        self._focus_pane("timeline")

    # ------------------------------------------------------------------ timeline
    def _show_timeline(self, keep_pos: int | None = None) -> None:
        _ = self._
        notes = self._notes()
        if self.results is not None:
            layout = TimelineLayout(
                self.year_starts, {y: len(n) for y, n in notes.items()}, positions=self.results.event_positions
            )
        else:
            layout = self.all_layout
        message = ""
        if self.total == 0:
            message = _("The store is empty. Add events with `chronology import FILE`.")
        elif not len(layout):
            message = _("Nothing found for «{query}».").format(query=self.query_text)
            message += " " + _("Esc shows every event again.")
        cursor = layout.nearest_index(keep_pos) if keep_pos is not None else 0
        self.timeline.set_view(
            layout, self.rows, notes=notes, lang=self.lang, cursor=cursor, message=message, spans=self.spans
        )
        if not len(layout):
            self.detail = None
            self._show_detail(message)

    @on(Timeline.Highlighted, "#timeline")
    def _highlighted(self, event: Timeline.Highlighted) -> None:
        """Load the newly highlighted event once the highlight rests for ``options.detail_delay`` seconds (so a
        held-down arrow key moves the highlight at full speed and loads only where it stops)."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        delay = self.options.detail_delay
        if self.detail is None:
            # Nothing shown yet (start-up): load right after the first paint, which it must not delay.
            self.call_after_refresh(self._want_current_detail)
        elif delay <= 0:
            self._want_current_detail()
        else:
            self._detail_timer = self.set_timer(delay, self._want_current_detail)

    def _want_current_detail(self) -> None:
        self._detail_timer = None
        event_id = self.current_event_id
        if event_id is None:
            return
        if not self._detail_dirty and self.detail is not None and self.detail.event.id == event_id:
            return  # already shown (e.g. read ahead at start-up)
        self._want_detail(event_id)

    # ------------------------------------------------------------------ detail (worker)
    def _want_detail(self, event_id: str) -> None:
        with self._detail_lock:
            self._detail_wanted = event_id
            start = not self._detail_busy
            self._detail_busy = True
        if start:
            self._load_details()

    @work(thread=True, group="detail", exit_on_error=False)
    def _load_details(self) -> None:
        """Load the latest wanted event until no newer one is wanted (stale loads are never shown)."""
        reader = self._reader("detail")
        while True:
            with self._detail_lock:
                wanted = self._detail_wanted
            assert wanted is not None
            try:
                detail = reader.event(wanted)
            except Exception:
                detail = None
            with self._detail_lock:
                if wanted == self._detail_wanted:
                    self._detail_busy = False
                    break
        self.post_message(self.DetailLoaded(wanted, detail))

    @on(DetailLoaded)
    def _detail_loaded(self, message: DetailLoaded) -> None:
        if message.event_id != self.current_event_id:
            return  # the cursor moved on meanwhile; a newer load is on its way
        self.detail = message.detail
        self._detail_dirty = False
        self._show_detail()
        if self.spans is not None:
            self.detail_pane.select_first_match()

    def _show_detail(self, message: str = "") -> None:
        if self.detail is None and not message:
            message = self.timeline.message
        self.detail_pane.show(self.detail, self.lang, self.spans, message=message)

    # ------------------------------------------------------------------ search (worker)
    @on(SearchBar.Changed, "#search")
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self._start_search(event.query)

    def _start_search(self, query: str) -> None:
        self.query_text = query
        self.search_generation += 1
        if not query.strip():
            self._clear_results()
            return
        self.searching = True
        self._update_status()
        self._search(query, self.search_generation)

    def warm_search(self) -> None:
        """Load what the first search needs (once) while the user types it: numpy, pymorphy3's dictionaries,
        the store's timeline and names (called when the search bar or the command palette opens)."""
        if not self._search_warmed:
            self._search_warmed = True
            self._warm_search()

    @work(thread=True, group="search-warm-up", exit_on_error=False)
    def _warm_search(self) -> None:
        from chronology.db import search as search_module

        with contextlib.suppress(Exception):  # a store that cannot be searched says so when searched
            search_module.warm_up(self._reader("search"))

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, generation: int) -> None:
        from chronology.db import search as search_module  # pymorphy3 loads here, never at start-up

        with self._search_lock:
            if generation != self.search_generation:
                return  # typed on meanwhile: a newer search is queued
            try:
                results = search_module.search(self._reader("search"), query, limit=200)
            except Exception as exc:  # e.g. a store without a search index: say so in the bar
                self.post_message(self.SearchFailed(generation, query, str(exc)))
                return
        # results.parsed has actor names expanded to all their aliases: highlight those too.
        spans = partial(search_module.match_spans, results.parsed or search_module.parse_query(query))
        self.post_message(self.SearchDone(generation, query, results, spans))

    @on(SearchFailed)
    def _search_failed(self, message: SearchFailed) -> None:
        if message.generation != self.search_generation:
            return
        self.searching = False
        self._jump_when_found = False
        self.search_bar.set_status(message.error)

    @on(SearchDone)
    def _search_done(self, message: SearchDone) -> None:
        if message.generation != self.search_generation:
            return  # stale: the query changed after this search started
        self.searching = False
        keep_pos = self.timeline.current_pos
        self.results = message.results
        self.spans = message.spans
        self._show_timeline(keep_pos=keep_pos)
        self._update_status()
        self._show_detail()
        if self.detail is not None:
            self.detail_pane.select_first_match()
        self.refresh_bindings()
        if self._jump_when_found:
            self._jump_when_found = False
            self._jump_to_first()

    def _clear_results(self) -> None:
        keep_pos = self.timeline.current_pos
        self.searching = False
        self._jump_when_found = False
        self.results = None
        self.spans = None
        self._show_timeline(keep_pos=keep_pos)
        self._update_status()
        self._show_detail()
        self.refresh_bindings()

    def _clear_search(self) -> None:
        self.search_generation += 1
        self.query_text = ""
        bar = self.search_bar
        if bar.value:
            bar.action_clear()  # posts Cleared, handled below
        self._clear_results()

    def _update_status(self) -> None:
        if self.searching:
            status = self._("searching…")
        elif self.results is None:
            status = ""
        elif not self.results.event_positions:
            status = self._("no hits")
        else:
            hits = ngettext("{n} hit", "{n} hits", self.results.total_hits, self.lang)
            events = ngettext("in {n} event", "in {n} events", len(self.results.event_positions), self.lang)
            status = f"{hits} {events}"  # "3 збіги у 2 подіях" / "3 matches in 2 events"
        self.search_bar.set_status(status)

    @on(SearchBar.Submitted, "#search")
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        if not event.query.strip():
            self._focus_pane("timeline")
        elif self.searching or self.query_text != event.query:
            self._jump_when_found = True
        else:
            self._jump_to_first()

    def _jump_to_first(self) -> None:
        if len(self.timeline.layout_map):
            self.timeline.cursor = 0
        self._focus_pane("timeline")

    @on(SearchBar.Cleared, "#search")
    def _search_cleared(self, event: SearchBar.Cleared) -> None:
        self.search_generation += 1
        self.query_text = ""
        self._clear_results()
        self._focus_pane("timeline")

    # ------------------------------------------------------------------ panes
    def on_resize(self, event: events.Resize) -> None:
        """Narrower than ``NARROW`` columns only one pane shows (Tab flips between them). Set on the panes'
        container rather than as a screen breakpoint, so a resize restyles two widgets, not the screen."""
        self.query_one("#panes").set_class(event.size.width < NARROW, "-narrow")

    def _focus_pane(self, name: str) -> None:
        panes = self.query_one("#panes")
        panes.set_class(name == "detail", "-detail")
        widget = self.detail_pane if name == "detail" else self.timeline
        self.call_after_refresh(widget.focus)
        widget.focus()

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
        if action in ("next_hit", "previous_hit"):
            return self.results is not None
        if action == "clear_search":
            return self.results is not None or bool(self.query_text) or self.searching
        return True

    def action_switch_pane(self) -> None:
        self._focus_pane("timeline" if self.focused is self.detail_pane else "detail")

    def action_focus_search(self) -> None:
        self.search_bar.input.focus()

    def _step_hit(self, step: int) -> None:
        timeline = self.timeline
        count = timeline.event_count
        if self.results is None or not count:
            self.app.bell()
            return
        timeline.cursor = (timeline.cursor + step) % count
        if self.focused is not self.detail_pane:
            self._focus_pane("timeline")

    def action_next_hit(self) -> None:
        self._step_hit(+1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def action_copy(self) -> None:
        detail = self.detail
        if detail is None or detail.event.id != self.current_event_id:
            self.app.bell()
            return
        quote = self.detail_pane.current_quote
        if quote is not None:
            text = quote_citation(detail, quote, self.lang)
            what = self._("the quote")
        else:
            text = event_citation(detail, self.lang)
            what = self._("the event")
        self.app.copy_to_clipboard(text)
        self.notify(self._("Copied {what} with its citation.").format(what=what), timeout=3)

    def action_refresh(self) -> None:
        self.reload()
        self.notify(self._("Store read again."), timeout=2)

    def action_clear_search(self) -> None:
        self._clear_search()
        self._focus_pane("timeline")

"""The search session: the query the main screen shows, the results of its latest search, and Enter's jump.

Every query started gets a new *generation*; a search's outcome is taken only if it still belongs to the
latest generation, so results for a query the user has typed over never show. Searches run in a worker
thread (:meth:`SearchSession.run`); everything else is called on the UI thread.
"""

from __future__ import annotations

import contextlib
import threading
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from ..i18n import hits_and_events, translator

if TYPE_CHECKING:
    from chronology.db.search import SearchResults
    from chronology.db.store import Store, TimelineRow

Spans = Callable[[str], list[tuple[int, int]]]
"""Where the query matches in a text: ``(start, end)`` character ranges, for highlighting."""

# Hits ranked per search: none. The search bar shows the matching events (every one, in the timeline) and
# their count, never a ranked page; ranking one with its snippets would cost a third of each keystroke's search.
LIMIT = 0
SPANS_REMEMBERED = 512  # texts whose highlights one search's outcome remembers (a screen's rows and a detail)


@dataclass(frozen=True)
class SearchOutcome:
    """What one search produced: its results and their highlighter, or the error to show instead."""

    generation: int
    query: str
    results: SearchResults | None = None
    spans: Spans | None = None
    error: str = ""
    cause: Exception | None = None  # the error itself, said in the UI's language where it is shown


class SearchSession:
    """The current query, the results shown for it, and whether Enter waits to jump to the first hit."""

    def __init__(self) -> None:
        self.query = ""
        self.results: SearchResults | None = None  # None: no search shown, every event is
        self.spans: Spans | None = None
        self.generation = 0
        self.searching = False  # a search for the current query is under way
        self.jump_when_found = False
        self._run_lock = threading.Lock()  # one search at a time
        self._running: Store | None = None  # the store a search is reading, while it does

    @property
    def active(self) -> bool:
        """Whether the timeline shows only what a search found."""
        return self.results is not None

    # ------------------------------------------------------------------ what the user does
    def start(self, query: str) -> int | None:
        """``query`` typed: the generation to search it under, or None for a blank query (results cleared).
        Any search still running for an earlier query is stale from now on."""
        self.query = query
        self.generation += 1
        self._stop_running()
        if not query.strip():
            self._drop_results()
            return None
        self.searching = True
        return self.generation

    def restart(self) -> int | None:
        """The store changed: the generation to search the shown query again under, if a search is shown."""
        if self.results is not None and self.query:
            return self.start(self.query)
        return None

    def clear(self) -> None:
        """Esc: no query, no results; a search still running is stale."""
        self.generation += 1
        self._stop_running()
        self.query = ""
        self._drop_results()

    def _drop_results(self) -> None:
        self.searching = False
        self.jump_when_found = False
        self.results = None
        self.spans = None

    def enter(self, query: str) -> bool:
        """Enter on ``query``: True to jump to the first hit now (its results are shown); otherwise the jump
        waits for them (:meth:`take_jump`)."""
        if self.searching or self.query != query:
            self.jump_when_found = True
            return False
        return True

    def take_jump(self) -> bool:
        """Whether Enter asked to jump once these results arrived (asked once: the next call says no)."""
        jump, self.jump_when_found = self.jump_when_found, False
        return jump

    def hides(self, pos: int) -> bool:
        """Whether the event at ``pos`` is filtered out of the timeline by the search shown."""
        if self.results is None:
            return False
        positions = self.results.event_positions  # sorted
        k = bisect_left(positions, pos)
        return k == len(positions) or positions[k] != pos

    # ------------------------------------------------------------------ the search itself
    def warm_up(self, store: Store) -> None:
        """(In a worker thread.) Load what the first search of ``store`` needs — numpy, pymorphy3's
        dictionaries, the store's timeline and names — so the first query typed is as fast as the next.
        Never raises: a store that cannot be searched says so when searched."""
        from chronology.db import search as engine  # pymorphy3 loads here, never at start-up

        with contextlib.suppress(Exception):
            engine.warm_up(store)

    def run(self, store: Store, query: str, generation: int) -> SearchOutcome | None:
        """Search ``store`` (in a worker thread). None if a newer query was started before this search could
        begin: it is not run at all. Never raises: a failure comes back as the outcome's ``error``."""
        from chronology.db import search as engine  # pymorphy3 loads with the first search, never at start-up

        def stale() -> bool:
            return generation != self.generation

        with self._run_lock:
            self._running = store
            try:
                if stale():  # checked after _running is set: a query typed from now on interrupts this one
                    return None
                # The query is being typed: its last word matches as a prefix too ("женев" finds "Женеві").
                results = engine.search(store, query, limit=LIMIT, typing=True, cancelled=stale)
            except Exception as exc:  # e.g. a store without a search index: the bar says so
                if stale():
                    return None  # given up for a newer query (interrupted): nothing to say
                return SearchOutcome(generation, query, error=str(exc), cause=exc)
            finally:
                self._running = None
        # results.parsed has actor names expanded to all their aliases: highlight those too.
        # Remembered per text: the detail pane, its selected quote and the timeline's rows ask for the same texts
        # again at every redraw, and a prefix's words are looked up among each word's normal forms.
        highlight = partial(engine.match_spans, results.parsed or engine.parse_query(query, typing=True))
        spans = lru_cache(maxsize=SPANS_REMEMBERED)(highlight)
        return SearchOutcome(generation, query, results, spans)

    def _stop_running(self) -> None:
        """Interrupt the search under way, if any: it searches for a query no longer wanted (at 100,000 events a
        one- or two-letter prefix reads for a second or more, which the next letter would wait for)."""
        running = self._running
        if running is not None:
            running.interrupt()

    def finish(self, outcome: SearchOutcome) -> bool:
        """Take a search's outcome (on the UI thread). False, and nothing changes, if it is stale: the query
        changed after it started. A failed search keeps the results shown before it."""
        if outcome.generation != self.generation:
            return False
        self.searching = False
        if outcome.results is None:
            self.jump_when_found = False
        else:
            self.results = outcome.results
            self.spans = outcome.spans
        return True

    # ------------------------------------------------------------------ what it says
    def status(self, lang: str) -> str:
        """The search bar's count line: "searching…", "no hits", "3 hits · 2 events" — or nothing."""
        _: Callable[[str], str] = translator(lang)
        if self.searching:
            return _("searching…")
        if self.results is None:
            return ""
        if not self.results.event_positions:
            return _("no hits")
        return hits_and_events(self.results.total_hits, len(self.results.event_positions), lang)


def events_matching(search_store: Store, store: Store, query: str, limit: int) -> list[tuple[TimelineRow, str]]:
    """Up to ``limit`` events ``query`` (as being typed) finds, best first, each once with its best hit's
    snippet (the palette's "go to event"). ``search_store`` is searched (a read connection of its own);
    ``store`` gives the rows."""
    from chronology.db import search as engine  # pymorphy3 loads with the first search, never at start-up

    results = engine.search(search_store, query, limit=limit * 3, typing=True)  # typed: the last word is a prefix
    seen: dict[int, str] = {}
    for hit in results.hits:
        if hit.event_pos not in seen:
            seen[hit.event_pos] = hit.snippet
        if len(seen) >= limit:
            break
    rows = store.rows_at(list(seen))
    return [(row, seen[row.pos]) for row in rows]

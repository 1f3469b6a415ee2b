"""Command palette provider "go to event": events near the cursor, or the search's matches for what is typed."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from chronology.db.store import TimelineRow
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from ..present.formatting import format_edtf
from ..present.labels import event_title
from ..present.safe import clip, in_place

if TYPE_CHECKING:
    from .main import MainScreen

NEARBY = 60  # events offered before anything is typed: this many around the highlighted one
MATCHES = 40


class EventsProvider(Provider):
    """Find an event by words from its title, quotes, place or people (the app's search)."""

    @property
    def main(self) -> MainScreen:
        from .main import MainScreen

        for screen in (self.screen, *reversed(self.app.screen_stack)):
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("no main screen")

    def _label(self, row: TimelineRow) -> Text:
        lang = self.main.lang
        text = Text(format_edtf(row.date, lang), style="bold")
        text.append(f" — {in_place(clip(event_title(row, lang)), lines=False)}")
        return text

    async def startup(self) -> None:
        self.main.warm_search()

    async def discover(self) -> Hits:
        main = self.main
        rows = await asyncio.to_thread(main.rows_near_cursor, NEARBY)
        for row in rows:
            yield DiscoveryHit(self._label(row), partial(main.go_to_event, row.id), help=escape(row.id))

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        main = self.main
        found = await asyncio.to_thread(main.find_events, query, MATCHES)
        for rank, (row, snippet) in enumerate(found):
            # The snippet is data: in the prompt, a Text (Textual parses a hit's help as markup: "[/]" would crash
            # the app, "[@click=app.quit]" run an action).
            prompt = self._label(row)
            prompt.append("\n" + in_place(clip(snippet), lines=False), style="dim")
            yield Hit(1.0 - rank / (MATCHES + 1), prompt, partial(main.go_to_event, row.id), text=prompt.plain)

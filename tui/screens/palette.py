"""The command palette: its commands in a useful order, "go to event", the themes (the current one marked),
and Textual's "No matches found" in the UI language.

- :class:`AppCommands`: the app's commands in the order the app gives them (Textual sorts them by name, which
  in Ukrainian puts "Вийти" first, highlighted, one Enter away);
- :class:`EventsProvider`: events near the cursor, or the search's matches for what is typed;
- :class:`ThemesProvider`: the colour themes, the current one marked;
- :class:`ChronologyPalette`: the palette screen, saying "nothing found" in the UI language.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any

from chronology.db.store import TimelineRow
from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from ..i18n import translator
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


class AppCommands(SystemCommandsProvider):
    """The app's commands, offered in the order the app lists them, the most useful first."""

    async def discover(self) -> Hits:
        for command in self.app.get_system_commands(self.screen):
            if command.discover:
                yield DiscoveryHit(command.title, command.callback, help=command.help)


class ThemesProvider(Provider):
    """The colour themes by name, the current one first, marked "●" and said so."""

    def _themes(self) -> list[tuple[str, partial[None]]]:
        return [(name, partial(setattr, self.app, "theme", name)) for name in sorted(self.app.available_themes)]

    def _help(self, name: str) -> str | None:
        if name != self.app.theme:
            return None
        return translator(getattr(self.app, "lang", "uk"))("the current theme")

    async def discover(self) -> Hits:
        themes = self._themes()
        themes.sort(key=lambda theme: theme[0] != self.app.theme)  # the current one first, in sight
        for name, choose in themes:
            mark = "● " if name == self.app.theme else "  "
            yield DiscoveryHit(Text(mark + name), choose, text=name, help=self._help(name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, choose in self._themes():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), choose, text=name, help=self._help(name))


class ChronologyPalette(CommandPalette):
    """Textual's palette, saying that nothing matched in the UI language."""

    def __init__(self, *args: Any, no_matches: str = "No matches found", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, with its words replaced (it has no setting for them).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                option = Option(
                    Align.center(Text(self.no_matches, style="not bold")), disabled=True, id=self._NO_MATCHES
                )
                self.query_one(CommandList).add_option(option)
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

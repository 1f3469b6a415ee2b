"""The terminal app: :func:`make_app` builds it (the CLI and the tests both call it).

Keys, the help screen, the command palette's commands, the UI language and the theme (both remembered for
the next run, :mod:`.settings`) live here; browsing (the timeline, the detail pane, search) lives in
:class:`~chronology.tui.screens.main.MainScreen`.
Nothing slow is imported at start-up: the search engine (and its morphology dictionaries) loads on the
first search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from chronology.db.store import Store
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.reactive import reactive
from textual.screen import Screen

from . import settings
from .i18n import LANGS, translator
from .options import DEFAULTS, AppOptions
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.palette import AppCommands, ChronologyPalette, EventsProvider, ThemesProvider
from .widgets.localize import localize_bindings

LANGUAGE_NAMES = {"uk": "українська", "en": "English"}


class ChronologyApp(App[None]):
    """Browse the chronology: timeline, details, search."""

    CSS_PATH = "app.tcss"
    TITLE = "chronology"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {AppCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,й", "quit", "Quit", id="app.quit", tooltip="Quit chronology"),
        Binding(
            "question_mark,f1,comma",
            "help",
            "Help",
            key_display="?",
            id="app.help",
            tooltip="Every key, for the focused pane and everywhere",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            key_display="^p",
            show=False,  # the footer shows the palette key on its right anyway
            priority=True,
            id="app.command_palette",
            tooltip="Go to an event, search, switch language or theme",
        ),
    ]

    lang: reactive[str] = reactive("uk", init=False)

    def __init__(self, store: Store, lang: str = "uk", *, options: AppOptions = DEFAULTS) -> None:
        super().__init__()
        self.store = store
        self.options = options  # read by the screen and the widgets (``options_of(self.app)``)
        self.set_reactive(ChronologyApp.lang, lang if lang in LANGS else "uk")
        if options.remember:
            theme = settings.load(options.settings_file).theme
            if theme in self.available_themes:
                self.theme = theme
        # Built now, so it starts reading the store while Textual sets itself up.
        self._main_screen = MainScreen(store, self.lang)

    def get_default_screen(self) -> Screen:
        return self._main_screen

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def _(self, message: str) -> str:
        return translator(self.lang)(message)

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.sub_title = self._("US–Russia talks on the war in Ukraine")

    # ------------------------------------------------------------------ language
    def watch_lang(self, lang: str) -> None:
        localize_bindings(self, lang)
        self.sub_title = self._("US–Russia talks on the war in Ukraine")
        self.main.set_lang(lang)
        self.screen.refresh_bindings()

    def action_switch_language(self) -> None:
        self.lang = "en" if self.lang == "uk" else "uk"
        self._remember(lang=self.lang)
        self.notify(self._("Language: {name}").format(name=LANGUAGE_NAMES[self.lang]), timeout=2)

    # ------------------------------------------------------------------ theme
    def watch_theme(self, theme: str) -> None:
        if self.is_running:  # chosen by the user, not the one read at start
            self._remember(theme=theme)

    def _remember(self, **choices: str) -> None:
        if self.options.remember:
            settings.remember(self.options.settings_file, **choices)

    # ------------------------------------------------------------------ help and palette
    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.focused, self.lang))

    def _palette(self, placeholder: str, providers: list[type[Provider]] | None = None) -> ChronologyPalette:
        return ChronologyPalette(providers, placeholder=placeholder, no_matches=self._("No matches found"))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            palette = self._palette(self._("Search for commands…"))
            palette.id = "--command-palette"
            self.push_screen(palette)

    def action_go_to_event(self) -> None:
        self.push_screen(self._palette(self._("Go to event: type words…"), [EventsProvider]))

    def action_search_themes(self) -> None:
        self.push_screen(self._palette(self._("Search for themes…"), [ThemesProvider]))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands, in the order it offers them (the first is highlighted when it opens)."""
        _ = self._
        other = "en" if self.lang == "uk" else "uk"
        yield SystemCommand(_("Go to event"), _("Find an event by its words and jump to it"), self.action_go_to_event)
        yield SystemCommand(
            _("Last meeting that took place"),
            _("The latest meeting or talks that took place (among the events shown)"),
            self._latest_round,
        )
        yield SystemCommand(_("Search"), _("Filter the timeline by words"), self._focus_search)
        yield SystemCommand(
            _("Switch language: {name}").format(name=LANGUAGE_NAMES[other]),
            _("Show the interface and dates in the other language"),
            self.action_switch_language,
        )
        yield SystemCommand(_("Switch theme"), _("Choose the colour theme"), self.action_search_themes)
        yield SystemCommand(_("Keys"), _("Every key, for the focused pane and everywhere"), self.action_help)
        yield SystemCommand(_("Quit"), _("Quit chronology"), self.exit)

    def _focus_search(self) -> None:
        self.main.action_focus_search()

    def _latest_round(self) -> None:
        self.main.action_latest_round()


def make_app(store: Store, lang: str = "uk", *, options: AppOptions = DEFAULTS) -> ChronologyApp:
    """The app on ``store`` in ``lang`` ("uk" or "en"), paced by ``options`` (see :class:`AppOptions`)."""
    return ChronologyApp(store, lang, options=options)

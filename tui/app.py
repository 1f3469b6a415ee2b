"""The terminal app: :func:`make_app` builds it (the CLI and the tests both call it).

Keys, the help screen, the command palette's commands, the UI language and the theme (both remembered for
the next run, :mod:`.settings`) live here; browsing (the timeline, the detail pane, search) lives in
:class:`~chronology.tui.screens.main.MainScreen`.
Nothing slow is imported at start-up: the search engine (and its morphology dictionaries) loads on the
first search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from chronology.db.store import Store
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import get_current_worker

from . import settings
from .i18n import LANGS, translator
from .logic import collector
from .options import DEFAULTS, AppOptions
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.palette import AppCommands, ChronologyPalette, EventsProvider, ThemesProvider
from .widgets.localize import localize_bindings

if TYPE_CHECKING:
    from .logic.article import Article
    from .logic.review import ReviewSession

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

    def __init__(
        self, store: Store, lang: str = "uk", *, options: AppOptions = DEFAULTS, article: Article | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.article = article  # `chronology add`: reviewed as soon as the app is up
        self.options = options  # read by the screen and the widgets (``options_of(self.app)``)
        self.set_reactive(ChronologyApp.lang, lang if lang in LANGS else "uk")
        if options.remember:
            theme = settings.load(options.settings_file).theme
            if theme in self.available_themes:
                self.theme = theme
        # Built now, so it starts reading the store while Textual sets itself up.
        self._main_screen = MainScreen(store, self.lang)

    def get_default_screen(self) -> Screen[None]:
        return self._main_screen

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def _(self, message: str) -> str:
        return translator(self.lang)(message)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            collector.touched()  # someone is at the keys: full garbage collections wait (tui/logic/collector.py)
        await super().on_event(event)

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.sub_title = self._("US–Russia talks on the war in Ukraine")
        if self.article is not None:
            self.call_after_refresh(self.review_article, self.article)

    # ------------------------------------------------------------------ language
    def watch_lang(self, lang: str) -> None:
        localize_bindings(self, lang)
        self.sub_title = self._("US–Russia talks on the war in Ukraine")
        self.main.set_lang(lang)
        for screen in self.screen_stack:
            set_lang = getattr(screen, "set_lang", None)
            if screen is not self.main and callable(set_lang):
                set_lang(lang)  # the review screen
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
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            palette = self._palette(self._("Search for commands…"))
            palette.id = "--command-palette"
            self.push_screen(palette)

    def action_go_to_event(self) -> None:
        self.push_screen(self._palette(self._("Go to event: type words…"), [EventsProvider]))

    def action_search_themes(self) -> None:
        self.push_screen(self._palette(self._("Search for themes…"), [ThemesProvider]))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's commands, in the order it offers them (the first is highlighted when it opens)."""
        _ = self._
        other = "en" if self.lang == "uk" else "uk"
        yield SystemCommand(_("Go to event"), _("Find an event by its words and jump to it"), self.action_go_to_event)
        yield SystemCommand(
            _("Last meeting that took place"),
            _("The latest round (a meeting, talks or a visit) that took place, among the events shown"),
            self._latest_round,
        )
        yield SystemCommand(_("Search"), _("Filter the timeline by words"), self._focus_search)
        yield SystemCommand(
            _("Switch language: {name}").format(name=LANGUAGE_NAMES[other]),
            _("Show the interface and dates in the other language"),
            self.action_switch_language,
        )
        yield SystemCommand(
            _("Add an article…"),
            _("Draft an article's events and quotes, review them and add the ones you accept"),
            self.action_add_article,
        )
        yield SystemCommand(_("Switch theme"), _("Choose the colour theme"), self.action_search_themes)
        yield SystemCommand(_("Keys"), _("Every key, for the focused pane and everywhere"), self.action_help)
        yield SystemCommand(_("Quit"), _("Quit chronology"), self.action_quit)

    def _focus_search(self) -> None:
        self.main.action_focus_search()

    def _latest_round(self) -> None:
        self.main.action_latest_round()

    async def action_quit(self) -> None:
        """Quit — but a review with decisions not saved asks first (save, drop them, or go on reviewing)."""
        from .screens.review import ReviewScreen  # loaded only if an article is being reviewed

        review = next((s for s in self.screen_stack if isinstance(s, ReviewScreen) and s.session.dirty), None)
        if review is None:
            self.exit()
        else:
            review.ask_before_leaving(self.exit)

    # ------------------------------------------------------------------ adding an article (issue #12)
    def action_add_article(self) -> None:
        from .screens.add_article import AddArticleScreen

        def chosen(article: Article | None) -> None:
            if article is not None:
                self.review_article(article)

        self.push_screen(AddArticleScreen(self.lang), chosen)

    def review_article(self, article: Article) -> None:
        """Draft ``article`` against the store (in a thread: it takes a moment) and open its review."""
        self.notify(self._("Reading the article…"), timeout=2)
        self._draft(article)

    @work(thread=True, exclusive=True, group="draft", exit_on_error=False)
    def _draft(self, article: Article) -> None:
        from .logic.review import ReviewSession

        try:
            session = ReviewSession.draft(article, self.store)
        except Exception as exc:  # a store that went away, a draft that failed: say so, keep the app
            message = self._("Could not draft the article: {error}").format(error=exc)
            self.call_from_thread(self.notify, message, severity="error", timeout=8)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._open_review, session)

    def _open_review(self, session: ReviewSession) -> None:
        from .screens.review import ReviewScreen

        self.push_screen(ReviewScreen(session, self.store, self.lang), self._review_closed)

    def _review_closed(self, event_ids: list[str] | None) -> None:
        """Back from the review: the written events in the timeline, the first of them selected."""
        if not event_ids:
            return
        main = self.main
        main.reload()
        positions = [(p, eid) for eid in event_ids if (p := self.store.position(eid)) is not None]
        if positions:
            main.go_to_event(min(positions)[1])
        message = self._("Added to the chronology: {n} events written or updated.").format(n=len(event_ids))
        self.notify(message, timeout=4)


def make_app(
    store: Store, lang: str = "uk", *, options: AppOptions = DEFAULTS, article: Article | None = None
) -> ChronologyApp:
    """The app on ``store`` in ``lang`` ("uk" or "en"), paced by ``options`` (see :class:`AppOptions`);
    ``article``: open its review at once (``chronology add``)."""
    return ChronologyApp(store, lang, options=options, article=article)

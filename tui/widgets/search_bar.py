"""The search bar: a one-line input that filters the timeline as you type.

Typing posts :class:`SearchBar.Changed` after a short pause (the app's ``options.search_debounce``); keys
already queued behind a change (a paste, a burst) are coalesced, so they run one search; Enter posts
:class:`SearchBar.Submitted` (after any pending change); Escape posts :class:`SearchBar.Cleared`. The bar
shows the status line the screen gives it ("3 збіги · 2 події · 1 з 2").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Region
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from ..options import options_of


class SearchInput(Input):
    """Textual's one-line input, without laying out the whole screen at every key.

    As its text grows, Textual's input grows its scrollable width, and a widget's ``virtual_size`` lays out
    the screen (every widget, then a full repaint: 40-60 ms on the 2-core machine, in the time from a key to
    its matches). The input scrolls its text itself; its own size does not change, so that layout is dropped.
    """

    _quiet = False

    def _watch_value(self, value: str) -> None:
        self._quiet = True
        try:
            super()._watch_value(value)
        finally:
            self._quiet = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        return super().refresh(*regions, repaint=repaint, layout=layout and not self._quiet, recompose=recompose)


class SearchBar(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "clear",
            "Clear search",
            # Handled as the key arrives (as / is): Esc and / typed at once clear the search, then start anew.
            priority=True,
            id="search.clear",
            tooltip="Clear the search and show every event",
        ),
    ]

    @dataclass
    class _BarMessage(Message):
        """What the bar posts; ``control`` is the bar, for ``@on(…, "#id")``."""

        bar: SearchBar

        @property
        def control(self) -> SearchBar:
            return self.bar

    @dataclass
    class Changed(_BarMessage):
        """The query changed and the typing paused."""

        query: str

    @dataclass
    class Submitted(_BarMessage):
        """Enter: jump to the first hit."""

        query: str

    @dataclass
    class Cleared(_BarMessage):
        """Escape: the search was cleared."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._timer: Timer | None = None
        self._pending: str | None = None
        self._status_width = 0

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt")
        yield SearchInput(id="search-input", compact=True, select_on_focus=False)
        yield Label("", id="search-status")

    def on_mount(self) -> None:
        self.input.cursor_blink = options_of(self.app).cursor_blink

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def set_texts(self, placeholder: str) -> None:
        self.input.placeholder = placeholder

    def set_status(self, status: str) -> None:
        """Show ``status`` at the right of the bar. Its room only grows while a search is shown (a shorter
        status is padded), so the screen is laid out again only when it must grow: the status changes at every
        key typed ("шукаю…", the counts) and every cursor move ("2 з 7"), and a layout costs 40-60 ms."""
        label = self.query_one("#search-status", Label)
        old = str(label.content)
        width = cell_len(status)
        if not status:
            self._status_width = 0
        elif width < self._status_width:
            status = " " * (self._status_width - width) + status
        if status != old:
            label.update(status, layout=cell_len(status) != cell_len(old))
            self._status_width = cell_len(status)

    @property
    def status(self) -> str:
        return str(self.query_one("#search-status", Label).content).strip()

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._pending = event.value
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if event.value != self.input.value:
            return  # more keys were typed already (a paste, a fast burst): their own Changed follows
        delay = options_of(self.app).search_debounce
        if delay <= 0:
            self._flush()
        else:
            self._timer = self.set_timer(delay, self._flush)

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._pending is not None:
            query, self._pending = self._pending, None
            self.post_message(self.Changed(self, query))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._flush()
        self.post_message(self.Submitted(self, event.value))

    def action_clear(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._pending = None
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        if self.input.has_focus:
            self.screen.set_focus(None)  # Esc leaves the bar at once (the screen decides where the focus goes)
        self.post_message(self.Cleared(self))

    def set_value(self, value: str) -> None:
        """Put ``value`` in the input (the palette's "search"), as if typed."""
        self.input.value = value

"""The help screen (? or F1): the focused pane's keys first, then every key that works everywhere."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from ..i18n import translator
from ..widgets.localize import english_bindings, localize_bindings

# Section titles per kind of node (English message ids); nodes not listed are shown under their class name.
SECTION_TITLES = {
    "Timeline": "Timeline",
    "DetailPane": "Event details",
    "SearchBar": "Search",
    "MainScreen": "Everywhere",
    "ChronologyApp": "Application",
    "ReviewScreen": "Review",
    "RecordList": "Proposed records",
    "ArticleView": "Article",
}


def binding_rows(node: DOMNode, lang: str) -> list[tuple[str, str, str]]:
    """(keys, description, tooltip) per action of ``node``, keys joined: "↓ j о"."""
    _ = translator(lang)
    by_action: dict[str, list[Binding]] = {}
    for _key, binding in english_bindings(node):
        if binding.system or not binding.description:
            continue
        by_action.setdefault(binding.action, []).append(binding)
    rows = []
    for bindings in by_action.values():
        keys: list[str] = []
        for b in bindings:
            shown = node.app.get_key_display(Binding(b.key, b.action))  # each key, not the footer's display
            if shown not in keys:
                keys.append(shown)
        first = bindings[0]
        rows.append((" ".join(keys), _(first.description), _(first.tooltip) if first.tooltip else ""))
    return rows


def help_sections(focused: Widget | None, app: DOMNode, lang: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The focused widget and its ancestors (nearest first), then the app: only nodes with bindings."""
    _ = translator(lang)
    nodes: list[DOMNode] = []
    node: DOMNode | None = focused
    while node is not None and node is not app:
        nodes.append(node)
        node = node.parent
    nodes.append(app)
    sections = []
    for n in nodes:
        if not type(n).__module__.startswith("chronology."):
            continue  # Textual's own widgets (the search input's editing keys) are not ours to list
        rows = binding_rows(n, lang)
        if rows:
            name = type(n).__name__
            sections.append((_(SECTION_TITLES.get(name, name)), rows))
    return sections


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,й,question_mark,f1,comma",
            "close",
            "Close",
            key_display="Esc",
            id="help.close",
            tooltip="Close the help and return to the timeline",
        ),
        Binding("down,j,о", "scroll(1)", "Scroll down", show=False, id="help.down", tooltip="Scroll the help down"),
        Binding("up,k,л", "scroll(-1)", "Scroll up", show=False, id="help.up", tooltip="Scroll the help up"),
    ]

    def __init__(self, focused: Widget | None, lang: str) -> None:
        super().__init__(id="help")
        self.focused_before = focused
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = translator(self.lang)
        with Vertical(id="help-dialog"):
            yield Static(Text(_("Keys"), style="bold"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self._table(), id="help-table")
                yield Static(self._legend(), id="help-legend")
            yield Static(_("Esc, q or ? closes this help."), id="help-hint")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_bindings()

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        table.add_column(style="dim")
        first = True
        for title, rows in help_sections(self.focused_before, self.app, self.lang):
            if not first:
                table.add_row("", "", "")
            first = False
            table.add_row(Text(title, style="bold underline"), "", "")
            for keys, description, tooltip in rows:
                table.add_row(keys, description, tooltip)
        return table

    def _legend(self) -> Text:
        _ = translator(self.lang)
        text = Text()
        text.append(f"\n{_('Timeline markers')}\n", style="bold underline")
        text.append("▁▂▃▄▅▆▇█ ", style="bold")
        text.append(
            _(
                "before the date: days since the previous round, on a log scale "
                "(▁ a day or less, ▃ about a week, ▅ about a month, █ more than four months)."
            )
        )
        text.append("\n┆ ", style="bold")
        text.append(_("instead of a bar: rounds without an exact date may lie between, so the gap may be shorter."))
        text.append("\n\n")
        text.append(f"{_('Search')}\n", style="bold underline")
        text.append(
            _(
                "All words must match, each in any of its forms (Путін finds путіним); the word you are still "
                'typing matches as a prefix (женев finds Женеві); "a phrase" matches word for word; A OR B matches '
                "either; -word leaves out events with it; prefix* matches word starts."
            )
        )
        text.append("\n")
        text.append(
            _(
                "Filters look at the event itself: place:Moscow, kind:meeting, with:Kushner, status:planned, "
                "year:2025 (also місце: вид: учасник: статус: рік:), values in any form and either language; they "
                "combine with words, OR and -, e.g. place:Moscow -December. A month or season name also finds "
                "the events dated in it."
            )
        )
        text.append("\n")
        text.append(_("Ctrl+P opens the command palette: go to an event, search, language, theme."))
        return text

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, lines: int) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        scroll.scroll_relative(y=lines, animate=False)

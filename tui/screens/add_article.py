""" "Add an article…" from the command palette (issue #12): the article's file and its publication date (and,
if known, the outlet), checked before anything is drafted — a problem is shown under its field, one line."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..i18n import translator
from ..logic.article import Article, ArticleError, load_article
from ..widgets.localize import localize_bindings

FIELDS = {
    "path": ("Article file (UTF-8 text)", "e.g. ~/articles/2026-01-24.txt"),
    "published": ("Publication date", "YYYY-MM-DD"),
    "outlet": ("Outlet (optional)", "e.g. Укрінформ"),
}  # each field's label and placeholder (message ids)


class AddArticleScreen(ModalScreen[Article | None]):
    """Ask for the article to review; dismissed with it, read and dated, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "open", "Review", key_display="^s", id="add.open", tooltip="Draft the article and review it"),
        Binding("escape", "cancel", "Cancel", key_display="Esc", id="add.cancel", tooltip="Add nothing"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__(classes="review-dialog")
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = translator(self.lang)
        with Vertical(classes="dialog", id="add-dialog"):
            yield Static(Text(_("Add an article"), style="bold"), classes="dialog-title")
            for name, (label, placeholder) in FIELDS.items():
                with Horizontal(classes="field-row"):
                    yield Static(_(label), classes="field-label")
                    yield Input(placeholder=_(placeholder), compact=True, id=f"add-{name}")
                yield Static("", id=f"add-error-{name}", classes="field-error")
            yield Static(
                _("Enter drafts it and opens the review (nothing is written before you save there); Esc cancels."),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        for error in self.query(".field-error"):
            error.display = False
        self.query_one("#add-path", Input).focus()

    def _value(self, name: str) -> str:
        return self.query_one(f"#add-{name}", Input).value

    def _error(self, name: str, message: str) -> None:
        for field in FIELDS:
            error = self.query_one(f"#add-error-{field}", Static)
            error.update(Text(message) if field == name else "")
            error.display = field == name
        self.query_one(f"#add-{name}", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "add-path" and not self._value("published").strip():
            self.query_one("#add-published", Input).focus()  # Enter in the first field: on to the date
            return
        self.action_open()

    def action_open(self) -> None:
        try:
            article = load_article(self._value("path"), self._value("published"), outlet=self._value("outlet"))
        except ArticleError as exc:
            self._error(exc.field, exc.message(self.lang))
            return
        self.dismiss(article)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The review's small dialogs (issue #12): editing a record (problems shown under their fields, one line each,
the form kept open), picking an event or a speaker (typed words filter the list), asking before unsaved
decisions are dropped, and the problems that kept a save from writing anything."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..i18n import translator
from ..logic.review import Problem, ReviewSession
from ..logic.review_fields import FieldSpec, apply_edit, fields_of
from ..present.labels import kind_label, side_label, status_label
from ..present.review_text import qualifier_label
from ..widgets.localize import localize_bindings

Choices = Callable[[str], Sequence[tuple[str, str]]]  # typed words → (value, label), best first


def _choice_label(spec: FieldSpec, value: str, lang: str) -> str:
    if spec.name == "kind":
        return kind_label(value, lang)
    if spec.name == "status":
        return status_label(value, lang)
    if spec.name == "side":
        return side_label(value, lang)  # type: ignore[arg-type]
    return qualifier_label(value, lang)


class EditScreen(ModalScreen[bool]):
    """Edit one record's fields; Enter or Ctrl+S applies (or shows what is wrong), Esc leaves it as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply", key_display="^s", id="edit.apply", tooltip="Apply the changes"),
        Binding(
            "escape", "cancel", "Cancel", key_display="Esc", id="edit.cancel", tooltip="Leave the record as it was"
        ),
    ]

    def __init__(self, session: ReviewSession, index: int, title: str, lang: str) -> None:
        super().__init__(classes="review-dialog")
        self.session = session
        self.index = index
        self.title_text = title
        self.lang = lang
        self.specs = fields_of(session, index)

    def compose(self) -> ComposeResult:
        _ = translator(self.lang)
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            with VerticalScroll(id="edit-fields"):
                for spec in self.specs:
                    with Horizontal(classes="field-row"):
                        yield Static(_(spec.label), classes="field-label")
                        if spec.choices:
                            options = []
                            for choice in spec.choices:
                                if isinstance(choice, tuple):
                                    value, label = choice
                                    options.append((label or _("unknown speaker"), value))
                                else:
                                    options.append((_choice_label(spec, choice, self.lang), choice))
                            yield Select(
                                options, value=spec.value, allow_blank=False, compact=True, id=f"field-{spec.name}"
                            )
                        else:
                            placeholder = _(spec.hint) if spec.hint else ""
                            yield Input(spec.value, placeholder=placeholder, compact=True, id=f"field-{spec.name}")
                    yield Static("", id=f"error-{spec.name}", classes="field-error")
            yield Static(_("Enter or Ctrl+S applies; Esc leaves the record as it was."), classes="dialog-hint")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        for error in self.query(".field-error"):
            error.display = False
        if self.specs:
            self.query_one(f"#field-{self.specs[0].name}").focus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for spec in self.specs:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                out[spec.name] = str(widget.value) if widget.value is not Select.BLANK else ""
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    def show_problems(self, problems: dict[str, Problem]) -> None:
        for spec in self.specs:
            error = self.query_one(f"#error-{spec.name}", Static)
            problem = problems.get(spec.name)
            error.update(Text(problem.message(self.lang)) if problem else "")
            error.display = problem is not None
        first = next((s.name for s in self.specs if s.name in problems), None)
        if first is not None:
            self.query_one(f"#field-{first}").focus()
        elif problems:  # a problem with no field of its own: under the first field
            error = self.query_one(f"#error-{self.specs[0].name}", Static)
            error.update(Text(next(iter(problems.values())).message(self.lang)))
            error.display = True

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        problems = apply_edit(self.session, self.index, self.values())
        if problems:
            self.show_problems(problems)
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class PickScreen(ModalScreen[str | None]):
    """Choose one of a list (an event, a speaker); typing filters it. Enter picks, Esc leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", key_display="Esc", id="pick.cancel", tooltip="Choose nothing"),
        Binding("down", "to_list", "To the list", show=False, id="pick.to_list", tooltip="Move into the list"),
    ]

    def __init__(self, title: str, choices: Choices, lang: str, *, placeholder: str = "") -> None:
        super().__init__(classes="review-dialog")
        self.title_text = title
        self.choices = choices
        self.lang = lang
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        _ = translator(self.lang)
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Input(placeholder=self.placeholder, compact=True, id="pick-input")
            yield OptionList(id="pick-list")
            yield Static(_("Type to find; ↓ and Enter choose; Esc leaves it as it was."), classes="dialog-hint")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refill("")

    @on(Input.Changed, "#pick-input")
    def _changed(self, event: Input.Changed) -> None:
        self.refill(event.value)

    @work(thread=True, exclusive=True, group="pick", exit_on_error=False)
    def refill(self, query: str) -> None:
        found = list(self.choices(query))
        self.app.call_from_thread(self._show, query, found)

    def _show(self, query: str, found: list[tuple[str, str]]) -> None:
        if not self.is_attached or query != self.query_one("#pick-input", Input).value:
            return  # typed over meanwhile
        options = self.query_one("#pick-list", OptionList)
        options.set_options([Option(Text(label), id=value) for value, label in found])
        if found:
            options.highlighted = 0

    @on(Input.Submitted, "#pick-input")
    def _pick_first(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        option = options.highlighted_option
        if option is not None:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.query_one("#pick-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmCloseScreen(ModalScreen[str]):
    """Decisions not saved: save them, drop them, or go on reviewing ("save", "discard", "stay")."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,і,ctrl+s", "choose('save')", "Save", id="confirm.save", tooltip="Write the accepted records"),
        Binding("d,в", "choose('discard')", "Discard", id="confirm.discard", tooltip="Close without writing"),
        Binding("escape", "choose('stay')", "Keep reviewing", key_display="Esc", id="confirm.stay", tooltip="Go back"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__(classes="review-dialog")
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = translator(self.lang)
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(Text(_("Your decisions are not saved"), style="bold"), classes="dialog-title")
            yield Static(
                _("Nothing of this article is in the store yet. Save the accepted records, or close and drop them?")
            )
            with Horizontal(id="confirm-buttons"):
                yield Button(_("Save (s)"), id="save", variant="primary")
                yield Button(_("Discard (d)"), id="discard", variant="error")
                yield Button(_("Keep reviewing (Esc)"), id="stay")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "stay")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ProblemsScreen(ModalScreen[None]):
    """Why nothing was written: each problem on its own line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,enter,q,й", "close", "Close", key_display="Esc", id="problems.close", tooltip="Back to the review"
        ),
    ]

    def __init__(self, problems: Sequence[str], lang: str) -> None:
        super().__init__(classes="review-dialog")
        self.problems = list(problems)
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = translator(self.lang)
        with Vertical(classes="dialog"):
            yield Static(Text(_("Nothing was written"), style="bold"), classes="dialog-title")
            with VerticalScroll(id="problems"):
                for problem in self.problems:
                    yield Static(Text(f"• {problem}"), classes="problem")
            yield Static(_("Fix these and save again; Esc goes back to the review."), classes="dialog-hint")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)

    def action_close(self) -> None:
        self.dismiss(None)

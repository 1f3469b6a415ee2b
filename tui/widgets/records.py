"""The review screen's list of proposed records (issue #12): one entry per record — its decision (✓ accepted,
✗ rejected, · not decided: a mark as well as a colour), a heading, its facts and, for an update, where the
article disagrees with the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from ..present.review_text import describe
from ..present.safe import in_place

if TYPE_CHECKING:
    from ..logic.review import ReviewSession


class RecordList(OptionList, inherit_bindings=False):
    """The proposed records; ↑/↓ move between them (the article follows)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j,о", "cursor_down", "Next record", show=False, id="records.next", tooltip="The next record"),
        Binding(
            "up,k,л", "cursor_up", "Previous record", show=False, id="records.previous", tooltip="The previous record"
        ),
        Binding("pagedown", "page_down", "Page down", show=False, id="records.page_down", tooltip="A page further"),
        Binding("pageup", "page_up", "Page up", show=False, id="records.page_up", tooltip="A page back"),
        Binding("home,g,п", "first", "First", show=False, id="records.first", tooltip="The first record"),
        Binding("end,G,П", "last", "Last", show=False, id="records.last", tooltip="The last record"),
        Binding("enter", "select", "Edit", show=False, id="records.edit", tooltip="Edit the record's fields"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "records--accepted",
        "records--rejected",
        "records--pending",
        "records--label",
        "records--conflict",
    }

    def _style(self, name: str) -> Style:
        """A component class's colour and text style, without its background (the highlight shows through)."""
        style = self.get_component_rich_style(name)
        return Style(color=style.color, bold=style.bold, italic=style.italic, underline=style.underline)

    def prompt(self, session: ReviewSession, index: int, lang: str) -> Text:
        text = describe(session, index, lang)
        decision = session[index].decision.value
        out = Text()
        out.append(f"{text.mark} ", style=self._style(f"records--{decision}"))
        out.append(text.heading, style="bold")
        for label, value in text.facts:
            out.append("\n  ")
            if label:
                out.append(f"{label}: ", style=self._style("records--label"))
            out.append(value)
        for line in text.disagreements:
            out.append("\n  ≠ ", style=self._style("records--conflict"))
            out.append(line, style=self._style("records--conflict"))
        if decision == "rejected":
            out.stylize("dim strike", len(text.mark) + 1, len(text.mark) + 1 + len(text.heading))
        out.plain = in_place(out.plain)  # the article's and the store's text shown, never obeyed (same length)
        return out

    def show(self, session: ReviewSession, lang: str, highlighted: int | None = None) -> None:
        """(Re)draw every record, keeping the highlighted one."""
        keep = self.highlighted if highlighted is None else highlighted
        self.set_options([self.prompt(session, i, lang) for i in range(len(session))])
        if len(session):
            self.highlighted = min(keep or 0, len(session) - 1)

    def redraw(self, session: ReviewSession, index: int, lang: str) -> None:
        """Redraw one record (after a decision or an edit)."""
        self.replace_option_prompt_at_index(index, self.prompt(session, index, lang))

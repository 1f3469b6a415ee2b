"""Scrolling views that draw their own lines: telling Textual how tall their content is, cheaply."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` a new content size without laying out the whole screen.

    Assigning ``virtual_size`` lays the screen out, which then lays it out again as sizes settle: two or three
    passes over every widget, 50–130 ms on a busy 2-core machine, for a change that leaves the view's own
    size as it was. Only its scrollbars need to follow (Textual's ``_scroll_update``); a scrollbar that comes
    or goes still lays the screen out, as it must (the content's width changes).
    """
    if size == view.virtual_size:
        return
    view.set_reactive(Widget.virtual_size, size)
    if view.is_mounted:
        view._scroll_update(size)

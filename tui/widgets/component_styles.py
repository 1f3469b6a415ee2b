"""A widget's component classes as Rich styles, looked up once: Textual works a style out anew at every call
(a CSS lookup, not cheap), and a widget that draws its own lines asks for several per line."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class ComponentStyles:
    """``styles(name)``: the Rich style of the widget's component class ``name`` ("" for the widget's own
    style), kept until :meth:`clear` (the theme changed)."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._found: dict[str, Style] = {}

    def __call__(self, name: str) -> Style:
        style = self._found.get(name)
        if style is None:
            widget = self._widget
            style = self._found[name] = widget.get_component_rich_style(name) if name else widget.rich_style
        return style

    def clear(self) -> None:
        self._found.clear()

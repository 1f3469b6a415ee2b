"""Bindings in the UI language: descriptions and tooltips are English message ids, translated per node.

Textual reads a node's bindings from ``node._bindings`` (a ``BindingsMap``, built from ``BINDINGS``); the
English originals are kept aside once, so switching language back and forth always starts from them.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from ..i18n import translator


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Translate ``node``'s binding descriptions and tooltips into ``lang``."""
    _ = translator(lang)
    original: BindingsMap | None = getattr(node, "_english_bindings", None)
    if original is None:
        original = node._bindings.copy()
        node._english_bindings = original  # type: ignore[attr-defined]
    translated: dict[str, list[Binding]] = {
        key: [
            replace(
                b,
                description=_(b.description) if b.description else "",
                tooltip=_(b.tooltip) if b.tooltip else "",
            )
            for b in bindings
        ]
        for key, bindings in original.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(translated)


def english_bindings(node: DOMNode) -> BindingsMap:
    """The node's bindings as declared (English), whatever the UI language."""
    return getattr(node, "_english_bindings", None) or node._bindings

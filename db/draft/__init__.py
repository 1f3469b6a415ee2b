"""Drafting an import document from a Ukrainian news article (issue #12): dates, held or planned,
places, durations, people, quotes, one event per real event, matched against a store.

The one entry point is :func:`draft_document`; it returns a :class:`DraftResult` with the import
document (:class:`~chronology.db.models.Chronology`) and the spans the review screen highlights. No
Textual, no network: Babel's CLDR data, pymorphy3's dictionary and the rules in this package.
"""

from __future__ import annotations

from .build import DraftResult, Span, draft_document
from .merge import Conflict
from .records import AT_MOST

__all__ = ["AT_MOST", "Conflict", "DraftResult", "Span", "draft_document"]

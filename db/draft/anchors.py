"""Where a phrase of a sentence attaches: the event words it belongs to, places side by side, headlines
(helpers of :mod:`.events`)."""

from __future__ import annotations

import re

from .records import Kind


def anchor_of(anchors: list[int], start: int, end: int) -> int:
    """The event word a phrase belongs to: the nearest one before it ("переговорів … у Давосі"), else the
    nearest after it ("15 серпня на Алясці … відбувся саміт")."""
    before = [a for a in anchors if a < start]
    if before:
        return max(before)
    return min(anchors, key=lambda a: abs(a - end))


def event_words(triggers: list[tuple[int, Kind]]) -> list[int]:
    """The event words a sentence's phrases attach to: verbs of saying only when nothing else tells of an
    event; words close together ("раунд переговорів", "виступить на форумі") as one."""
    kept = [t for t in triggers if t[1] is not Kind.STATEMENT] or triggers
    out: list[int] = []
    for at, _ in kept:
        if out and at - out[-1] < 25:
            continue
        out.append(at)
    return out


def apposed(between: str) -> bool:
    """Two places side by side: "на Алясці, в Анкориджі"."""
    return re.fullmatch(r",?\s*(?:у|в|на)?\s*", between) is not None


def is_heading(text: str) -> bool:
    """A headline: one line without the full stop a sentence ends with."""
    return not text.rstrip().endswith((".", "!", "?", "…", "»", '"', "”", ")")) and "\n" not in text

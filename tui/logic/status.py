"""The search bar's status line: the search's counts, then where the cursor is among the matches.

"22 збіги у 7 подіях · 2 з 7" / "22 hits in 7 events · 2 of 7"; after n or N went round the end of the list,
", з початку" / ", from the top" (or "з кінця" / "from the bottom") says so until the cursor moves on.
"""

from __future__ import annotations

from ..i18n import translator


def position_text(index: int, count: int, lang: str, *, wrapped: int = 0) -> str:
    """The cursor's place among ``count`` matches ("2 з 7"), with a note when n (``wrapped`` > 0) or N
    (``wrapped`` < 0) just went round from one end to the other."""
    _ = translator(lang)
    text = _("{index} of {count}").format(index=index + 1, count=count)
    if wrapped > 0:
        text += ", " + _("from the top")
    elif wrapped < 0:
        text += ", " + _("from the bottom")
    return text


def status_line(counts: str, position: str) -> str:
    """The counts and the position side by side (either may be empty)."""
    return " · ".join(part for part in (counts, position) if part)

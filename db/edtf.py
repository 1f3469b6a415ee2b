"""Extended Date/Time Format (EDTF) dates, the subset a chronology needs, and their formatting.

Accepted (Library of Congress EDTF levels 0 and 1):

* ``2025``, ``2025-03``, ``2025-03-13``: year, month, day precision;
* ``2025-21`` … ``2025-24``: spring, summer, autumn, winter of a year;
* a trailing qualifier: ``~`` approximate, ``?`` uncertain, ``%`` both (``2026-01~``).

People-facing formatting of these dates lives in :mod:`chronology.tui.present.formatting`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from .errors import IMPOSSIBLE_DATE, IMPOSSIBLE_MONTH, NOT_EDTF, EdtfError

_EDTF = re.compile(r"^(?P<year>\d{4})(?:-(?P<mid>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[~?%])?$")

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
# Northern-hemisphere meteorological seasons: (first month, last month); winter runs into next year.
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A parsed EDTF date: its precision, bounds and qualifier."""

    text: str
    precision: Precision
    year: int
    month: int | None = None  # 1–12 for month/day precision
    day: int | None = None
    season: int | None = None  # 21–24 for season precision
    approximate: bool = False
    uncertain: bool = False

    @property
    def lower(self) -> dt.date:
        """The first day the date can mean (used to sort events)."""
        if self.precision is Precision.DAY:
            assert self.month and self.day
            return dt.date(self.year, self.month, self.day)
        if self.precision is Precision.MONTH:
            assert self.month
            return dt.date(self.year, self.month, 1)
        if self.precision is Precision.SEASON:
            assert self.season
            return dt.date(self.year, _SEASON_MONTHS[self.season][0], 1)
        return dt.date(self.year, 1, 1)

    @property
    def upper(self) -> dt.date:
        """The last day the date can mean."""
        if self.precision is Precision.DAY:
            return self.lower
        if self.precision is Precision.MONTH:
            assert self.month
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.precision is Precision.SEASON:
            assert self.season
            last = _SEASON_MONTHS[self.season][1]
            year = self.year + 1 if self.season == 24 else self.year
            return dt.date(year, last, calendar.monthrange(year, last)[1])
        return dt.date(self.year, 12, 31)


@lru_cache(maxsize=4096)
def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF string; raise :class:`EdtfError` naming what is wrong."""
    m = _EDTF.match(text.strip()) if isinstance(text, str) else None
    if not m:
        raise EdtfError(NOT_EDTF, text=text)
    year = int(m["year"])
    q = m["q"] or ""
    approximate, uncertain = q in ("~", "%"), q in ("?", "%")
    mid = m["mid"]
    if mid is None:
        return EdtfDate(text, Precision.YEAR, year, approximate=approximate, uncertain=uncertain)
    value = int(mid)
    if m["day"] is None:
        if 1 <= value <= 12:
            return EdtfDate(text, Precision.MONTH, year, month=value, approximate=approximate, uncertain=uncertain)
        if value in SEASONS:
            return EdtfDate(text, Precision.SEASON, year, season=value, approximate=approximate, uncertain=uncertain)
        raise EdtfError(IMPOSSIBLE_MONTH, text=text)
    day = int(m["day"])
    try:
        dt.date(year, value, day)
    except ValueError:
        raise EdtfError(IMPOSSIBLE_DATE, text=text) from None
    return EdtfDate(text, Precision.DAY, year, month=value, day=day, approximate=approximate, uncertain=uncertain)

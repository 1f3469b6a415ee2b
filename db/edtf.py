"""Extended Date/Time Format (EDTF) dates, the subset a chronology needs, and their formatting.

Accepted (Library of Congress EDTF levels 0 and 1, and one form of level 2):

* ``2025``, ``2025-03``, ``2025-03-13``: year, month, day precision;
* ``2025-21`` … ``2025-24``: spring, summer, autumn, winter of a year;
* a trailing qualifier: ``~`` approximate, ``?`` uncertain, ``%`` both (``2026-01~``);
* "one of a set" with an open end: ``[..2026-01-21]`` some day on or before 21 January 2026 (the source
  says only that it had happened by then), ``[2026-01..]`` January 2026 or later. Any of the forms above
  may stand inside the brackets; the precision is the bound's.

Each date has its *bounds* (:attr:`EdtfDate.lower`, :attr:`EdtfDate.upper`: the first and last day it can
mean, :data:`OPEN_LOWER` / :data:`OPEN_UPPER` on an open side) and a *sort date* (:attr:`EdtfDate.sort`:
where a chronology places it, the first day of the date or of its bound).

People-facing formatting of these dates lives in :mod:`chronology.tui.present.formatting`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from .errors import IMPOSSIBLE_DATE, IMPOSSIBLE_MONTH, IMPOSSIBLE_YEAR, NOT_EDTF, EdtfError

_DATE = r"(?P<year>[0-9]{4})(?:-(?P<mid>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<q>[~?%])?"  # ASCII digits only
_EDTF = re.compile(rf"^{_DATE}\Z")
_SET = re.compile(r"^\[(?:\.\.(?P<before>[^\[\]]+)|(?P<after>[^\[\].]+)\.\.)\]\Z")
# The years a date may name: every date it spans (winter runs into the next year) must be a calendar date.
FIRST_YEAR, LAST_YEAR = 1, 9998

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
# Northern-hemisphere meteorological seasons: (first month, last month); winter runs into next year.
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}
OPEN_LOWER = dt.date.min  # the lower bound of "[..X]": any time before
OPEN_UPPER = dt.date.max  # the upper bound of "[X..]": any time after


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


class Bound(StrEnum):
    """Whether a date is an open-ended set: the date itself, or it *or earlier*, or it *or later*."""

    NONE = ""
    NOT_AFTER = "not_after"  # [..X]: on or before X
    NOT_BEFORE = "not_before"  # [X..]: on or after X


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A parsed EDTF date: its precision, the day/month/season/year it names, its qualifier and bound."""

    text: str
    precision: Precision
    year: int
    month: int | None = None  # 1–12 for month/day precision
    day: int | None = None
    season: int | None = None  # 21–24 for season precision
    approximate: bool = False
    uncertain: bool = False
    bound: Bound = Bound.NONE

    @property
    def first(self) -> dt.date:
        """The first day of the date as named (of the bound, for an open-ended set)."""
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
    def last(self) -> dt.date:
        """The last day of the date as named (of the bound, for an open-ended set)."""
        if self.precision is Precision.DAY:
            return self.first
        if self.precision is Precision.MONTH:
            assert self.month
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.precision is Precision.SEASON:
            assert self.season
            last = _SEASON_MONTHS[self.season][1]
            year = self.year + 1 if self.season == 24 else self.year
            return dt.date(year, last, calendar.monthrange(year, last)[1])
        return dt.date(self.year, 12, 31)

    @property
    def lower(self) -> dt.date:
        """The first day the date can mean (:data:`OPEN_LOWER` for "[..X]")."""
        return OPEN_LOWER if self.bound is Bound.NOT_AFTER else self.first

    @property
    def upper(self) -> dt.date:
        """The last day the date can mean (:data:`OPEN_UPPER` for "[X..]")."""
        return OPEN_UPPER if self.bound is Bound.NOT_BEFORE else self.last

    @property
    def sort(self) -> dt.date:
        """Where a chronology places the date: its first day (for an open-ended set, its bound's)."""
        return self.first

    @property
    def exact_day(self) -> bool:
        """A day, no qualifier, no open end: the only dates a gap between rounds is measured from."""
        return self.precision is Precision.DAY and not (self.approximate or self.uncertain) and self.bound is Bound.NONE


@lru_cache(maxsize=4096)
def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF string; raise :class:`EdtfError` naming what is wrong."""
    if not isinstance(text, str):
        raise EdtfError(NOT_EDTF, text=text)
    bound, inner = Bound.NONE, text  # no spaces around it: a date is exactly its characters
    s = _SET.match(text)
    if s:
        bound = Bound.NOT_AFTER if s["before"] is not None else Bound.NOT_BEFORE
        inner = s["before"] if s["before"] is not None else s["after"]
    m = _EDTF.match(inner)
    if not m:
        raise EdtfError(NOT_EDTF, text=text)
    year = int(m["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise EdtfError(IMPOSSIBLE_YEAR, text=text)
    q = m["q"] or ""
    approximate, uncertain = q in ("~", "%"), q in ("?", "%")

    def date(
        precision: Precision, month: int | None = None, day: int | None = None, season: int | None = None
    ) -> EdtfDate:
        return EdtfDate(text, precision, year, month, day, season, approximate, uncertain, bound)

    mid = m["mid"]
    if mid is None:
        return date(Precision.YEAR)
    value = int(mid)
    if m["day"] is None:
        if 1 <= value <= 12:
            return date(Precision.MONTH, month=value)
        if value in SEASONS:
            return date(Precision.SEASON, season=value)
        raise EdtfError(IMPOSSIBLE_MONTH, text=text)
    day = int(m["day"])
    try:
        dt.date(year, value, day)
    except ValueError:
        raise EdtfError(IMPOSSIBLE_DATE, text=text) from None
    return date(Precision.DAY, month=value, day=day)

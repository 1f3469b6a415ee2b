"""The words of the relative calendar the date reader knows (closed classes: these are the rules, not data
about months, which come from CLDR through :mod:`.lexicon`): "минулого", "наступного тижня", "вчора",
"восени", "на початку", "близько" …, and the small calendar sums the reader does with them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .lexicon import words
from .tense import Tense

# Words of the relative calendar (closed classes: these are the rules, not data about months).
_PREV = words("минулого минулої минулий минула минулому минулій попереднього попередньої торішньої")
_NEXT = words("наступного наступної наступний наступна наступному наступній прийдешнього")
_THIS = words("цього цієї цей ця цьому цій поточного поточної поточному")
_WEEK = words("тиждень тижня тижні тижнем")
_MONTH = words("місяць місяця місяці місяцем")
_YEAR = words("рік року році роком р")
_DAYS = {"сьогодні": 0, "учора": -1, "вчора": -1, "позавчора": -2, "завтра": 1, "післязавтра": 2}
_SEASON_ADVERBS = {
    "навесні": 21,
    "весною": 21,
    "влітку": 22,
    "улітку": 22,
    "літом": 22,
    "восени": 23,
    "взимку": 24,
    "узимку": 24,
    "зимою": 24,
}
_SEASON_STEMS = {"весн": 21, "літ": 22, "осен": 23, "осін": 23, "зим": 24}
# Parts of a period: kept in date_phrase, the EDTF keeps the period's precision.
_PARTS = (
    "на початку",
    "на початок",
    "з початку",
    "в середині",
    "у середині",
    "всередині",
    "наприкінці",
    "в кінці",
    "у кінці",
    "до кінця",
    "під кінець",
    "на кінець",
    "у першій половині",
    "в першій половині",
    "у другій половині",
    "в другій половині",
    "раніше цього",
    "пізніше цього",
)
_APPROX = words("близько приблизно орієнтовно приблизно десь")
_UNCERTAIN = words("ймовірно імовірно можливо нібито")
_SINCE = words("з від із протягом починаючи")


def _month_edtf(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _pick_year(
    published: dt.date, tense: Tense, first: Callable[[int], dt.date], last: Callable[[int], dt.date]
) -> int:
    """The year that places a period (given by its first and last day in a year) as the tense says."""
    years = [published.year - 1, published.year, published.year + 1]
    if tense is Tense.PAST:
        past = [y for y in years if first(y) <= published]
        return max(past) if past else published.year
    if tense is Tense.FUTURE:
        future = [y for y in years if last(y) >= published]
        return min(future) if future else published.year
    return min(years, key=lambda y: min(abs((first(y) - published).days), abs((last(y) - published).days)))


def _safe_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None

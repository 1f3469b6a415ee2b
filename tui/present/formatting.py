"""The one place that turns data into words for people: dates, durations, gaps (Babel, CLDR data).

The CLI, the TUI and the exports all call these, so a date reads the same everywhere:
"13 березня 2025 р.", "березень 2025 р.", "осінь 2025 р.", "близько січня 2026 р.", "не пізніше 21 січня
2026 р." / "March 13, 2025", "no later than January 21, 2026".
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.units import format_unit
from chronology.db.edtf import SEASONS, Bound, EdtfDate, Precision, parse_edtf

LANGS = ("uk", "en")

# CLDR has no season names; these are the only hand-written date words, per language.
_SEASON_NAMES = {
    "uk": {"spring": "весна", "summer": "літо", "autumn": "осінь", "winter": "зима"},
    "en": {"spring": "spring", "summer": "summer", "autumn": "autumn", "winter": "winter"},
}
_SEASON_GENITIVE = {"spring": "весни", "summer": "літа", "autumn": "осені", "winter": "зими"}
_APPROX = {"uk": "близько {}", "en": "about {}"}
_UNCERTAIN = {"uk": "{} (?)", "en": "{} (?)"}
_BOUNDS = {
    "uk": {Bound.NOT_AFTER: "не пізніше {}", Bound.NOT_BEFORE: "не раніше {}"},
    "en": {Bound.NOT_AFTER: "no later than {}", Bound.NOT_BEFORE: "no earlier than {}"},
}
_BOUNDS_COMPACT = {Bound.NOT_AFTER: "≤ {}", Bound.NOT_BEFORE: "≥ {}"}
# Patterns per precision, as CLDR's skeletons give them (with a plain space where CLDR has a narrow one):
# Ukrainian yMMMMd "d MMMM y 'р'.", yMMMM "LLLL y 'р'." (the stand-alone month: "березень 2025 р.", not
# "березня"); a season and a year end in "р." the same way. English: "MMMM d, y", "MMMM y", "y".
_PATTERNS = {
    "uk": {"day": "d MMMM y 'р'.", "weekday": "EEEE, d MMMM y 'р'.", "month": "LLLL y 'р'.", "year": "y 'р'."},
    "en": {"day": "MMMM d, y", "weekday": "EEEE, MMMM d, y", "month": "LLLL y", "year": "y"},
}
# The same without the year, for lists that show the year in a heading above ("13 березня", "March 13").
# A date that is only a year keeps it.
_PATTERNS_NO_YEAR = {
    "uk": {"day": "d MMMM", "weekday": "EEEE, d MMMM", "month": "LLLL", "year": "y 'р'."},
    "en": {"day": "MMMM d", "weekday": "EEEE, MMMM d", "month": "LLLL", "year": "y"},
}
_YEAR_SUFFIX = {"uk": " р.", "en": ""}


def _our_apostrophe(text: str) -> str:
    """CLDR writes the Ukrainian apostrophe as ʼ ("пʼятниця"); our text uses ' throughout."""
    return text.replace("ʼ", "'")


def format_edtf(
    value: str | EdtfDate, lang: str = "uk", *, weekday: bool = False, compact: bool = False, year: bool = True
) -> str:
    """Format an EDTF date for people, in Ukrainian (default) or English.

    ``weekday`` names the day of the week where the date is one day; ``compact`` writes an open-ended date
    with ≤ / ≥ (the timeline's narrow date column) instead of "не пізніше" / "no later than"; ``year=False``
    leaves the year out where a heading above says it ("13 березня", "осінь"); a date that is only a year
    keeps it.

    >>> format_edtf("2025-03-13")
    '13 березня 2025 р.'
    >>> format_edtf("2025-23")
    'осінь 2025 р.'
    >>> format_edtf("[..2026-01-21]")
    'не пізніше 21 січня 2026 р.'
    >>> format_edtf("2025-03-13", year=False)
    '13 березня'
    """
    d = parse_edtf(value) if isinstance(value, str) else value
    lang = lang if lang in _PATTERNS else "uk"
    if d.bound is not Bound.NONE:
        if compact:
            text = _BOUNDS_COMPACT[d.bound].format(_plain(d, lang, weekday=False, year=year))
        else:
            inner = _genitive(d, lang, year=year) if lang == "uk" else _plain(d, lang, weekday=False, year=year)
            text = _BOUNDS[lang][d.bound].format(_APPROX[lang].format(inner) if d.approximate else inner)
    elif d.approximate:
        inner = _genitive(d, lang, year=year) if lang == "uk" else _plain(d, lang, weekday=False, year=year)
        text = _APPROX[lang].format(inner)
    else:
        text = _plain(d, lang, weekday=weekday, year=year)
    if d.uncertain:
        text = _UNCERTAIN[lang].format(text)
    return _our_apostrophe(text)


def _plain(d: EdtfDate, lang: str, *, weekday: bool, year: bool = True) -> str:
    """The date as named, without qualifier or bound: "13 березня 2025 р.", "осінь 2025 р.", "January 2026"
    (without ``year``: "13 березня", "осінь", "January")."""
    patterns = (_PATTERNS if year else _PATTERNS_NO_YEAR)[lang]
    if d.precision is Precision.SEASON:
        assert d.season
        return _SEASON_NAMES[lang][SEASONS[d.season]] + (f" {d.year}{_YEAR_SUFFIX[lang]}" if year else "")
    if d.precision is Precision.DAY:
        return format_date(d.first, patterns["weekday" if weekday else "day"], locale=lang)
    return format_date(d.first, patterns[d.precision.value], locale=lang)


def _genitive(d: EdtfDate, lang: str, *, year: bool = True) -> str:
    """After "близько", "не пізніше" Ukrainian takes the genitive: "січня 2026 р.", "осені 2025 р."."""
    if d.precision is Precision.MONTH:
        return format_date(d.first, "MMMM y 'р'." if year else "MMMM", locale=lang)
    if d.precision is Precision.DAY:
        return format_date(d.first, _PATTERNS[lang]["day"] if year else "d MMMM", locale=lang)
    if d.precision is Precision.YEAR:
        return f"{d.year} р."
    assert d.season
    return _SEASON_GENITIVE[SEASONS[d.season]] + (f" {d.year} р." if year else "")


def format_day(day: dt.date, lang: str = "uk", *, weekday: bool = False) -> str:
    """Format a calendar day (e.g. a status's "as of" date) with the same patterns."""
    lang = lang if lang in _PATTERNS else "uk"
    return _our_apostrophe(format_date(day, _PATTERNS[lang]["weekday" if weekday else "day"], locale=lang))


_QUALIFIED = {
    "uk": {
        "exact": "{}",
        "about": "близько {}",
        "at_least": "понад {}",
        "at_most": "не більше {}",
        "almost": "майже {}",
    },
    "en": {
        "exact": "{}",
        "about": "about {}",
        "at_least": "more than {}",
        "at_most": "at most {}",
        "almost": "almost {}",
    },
}
_QUALIFIED_SHORT = {"exact": "{}", "about": "~{}", "at_least": ">{}", "at_most": "≤{}", "almost": "<{}"}


# Ukrainian nouns after a number, by the case the qualifier governs: "3 години" (exact, nominative; "майже"
# governs nothing), "понад 3 години" (accusative), "близько 3 годин", "не більше 3 годин" (genitive). CLDR's
# unit patterns are nominative only.
_UK_UNITS = {
    "hour": {
        "nom": ("година", "години", "годин", "години"),
        "acc": ("годину", "години", "годин", "години"),
        "gen": ("години", "годин", "годин", "години"),
    },
    "minute": {
        "nom": ("хвилина", "хвилини", "хвилин", "хвилини"),
        "acc": ("хвилину", "хвилини", "хвилин", "хвилини"),
        "gen": ("хвилини", "хвилин", "хвилин", "хвилини"),
    },
}
_UK_CASE = {"exact": "nom", "almost": "nom", "at_least": "acc", "about": "gen", "at_most": "gen"}


def _uk_form(value: float) -> int:
    """CLDR plural category for Ukrainian: 0 one, 1 few, 2 many, 3 other (fractions)."""
    if value != int(value):
        return 3
    n = int(value)
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def _amount(minutes: int, lang: str, length: Literal["short", "long", "narrow"], qualifier: str = "exact") -> str:
    value: int | float
    if minutes % 60 == 0:
        unit, value = "hour", minutes // 60
    elif minutes > 60 and minutes % 30 == 0:
        unit, value = "hour", minutes / 60
    else:
        unit, value = "minute", minutes
    if lang == "uk" and length == "long":
        noun = _UK_UNITS[unit][_UK_CASE.get(qualifier, "nom")][_uk_form(value)]
        return f"{format_decimal(value, locale=lang)} {noun}"
    return format_unit(value, f"duration-{unit}", locale=lang, length=length)


def format_duration(
    minutes: int | None, qualifier: str | None, phrase: str | None = None, lang: str = "uk", *, short: bool = False
) -> str:
    """A duration as the source puts it: its own phrase in Ukrainian, else "понад 12 годин" / "more than 12 hours".

    ``short`` gives the compact timeline form: ">12 год", "~5 год", "3 год". Unknown: "".
    """
    if minutes is None:
        return ""
    lang = lang if lang in LANGS else "uk"
    if short:
        return _QUALIFIED_SHORT.get(qualifier or "exact", "{}").format(_amount(minutes, lang, "short"))
    if phrase and lang == "uk":
        return phrase
    qualifier = qualifier or "exact"
    return _QUALIFIED[lang].get(qualifier, "{}").format(_amount(minutes, lang, "long", qualifier))


def format_days(days: int, lang: str = "uk") -> str:
    """A number of days: "118 днів" / "118 days"."""
    return format_unit(days, "duration-day", locale=lang if lang in LANGS else "uk", length="long")


def format_gap(days: int | None, lang: str = "uk") -> str:
    """How long after the previous round: "через 29 днів" / "29 days later"; same day: "того ж дня"."""
    if days is None:
        return ""
    if days == 0:
        return "того ж дня" if lang == "uk" else "the same day"
    amount = format_days(days, lang)
    return f"через {amount}" if lang != "en" else f"{amount} later"


# A time axis's tick labels: a day of the month, a month (stand-alone, abbreviated: "бер.", "Mar"), a year.
_TICK_PATTERNS = {"day": "d", "month": "LLL", "year": "y"}
_TICK_WITH_YEAR = {"day": "d MMM y", "month": "LLL y", "year": "y"}


def format_axis_tick(day: dt.date, unit: str, lang: str = "uk", *, with_year: bool = False) -> str:
    """The label of a time axis's tick at ``day`` naming a ``unit`` ("day", "month" or "year"): "13",
    "бер.", "2025" ("Mar"); ``with_year``: "бер. 2025", "13 бер. 2025".

    >>> format_axis_tick(dt.date(2025, 3, 1), "month", with_year=True)
    'бер. 2025'
    """
    lang = lang if lang in LANGS else "uk"
    patterns = _TICK_WITH_YEAR if with_year else _TICK_PATTERNS
    return format_date(day, patterns.get(unit, "y"), locale=lang)

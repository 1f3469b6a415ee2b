"""Dates, durations and gaps, in Ukrainian (Babel, CLDR) and English: every precision."""

from __future__ import annotations

import datetime as dt

import pytest
from chronology.db.edtf import Precision, parse_edtf
from chronology.db.errors import EdtfError
from chronology.tui.present.formatting import format_day, format_duration, format_edtf, format_gap


@pytest.mark.parametrize(
    ("edtf", "uk", "en"),
    [
        ("2025-03-13", "13 березня 2025 р.", "March 13, 2025"),
        ("2025-08", "серпень 2025 р.", "August 2025"),  # CLDR's yMMMM: stand-alone LLLL, not "серпня"
        ("2025-23", "осінь 2025 р.", "autumn 2025"),
        ("2025-21", "весна 2025 р.", "spring 2025"),
        ("2025-22", "літо 2025 р.", "summer 2025"),
        ("2025-24", "зима 2025 р.", "winter 2025"),
        ("2025", "2025 р.", "2025"),
        ("2026-01~", "близько січня 2026 р.", "about January 2026"),
        ("2025~", "близько 2025 р.", "about 2025"),
        ("2025-23~", "близько осені 2025 р.", "about autumn 2025"),
        ("2025-08-06?", "6 серпня 2025 р. (?)", "August 6, 2025 (?)"),
        ("[..2026-01-21]", "не пізніше 21 січня 2026 р.", "no later than January 21, 2026"),
        ("[..2026-01]", "не пізніше січня 2026 р.", "no later than January 2026"),
        ("[..2025-23]", "не пізніше осені 2025 р.", "no later than autumn 2025"),
        ("[2025..]", "не раніше 2025 р.", "no earlier than 2025"),
        ("[2026-01-21..]", "не раніше 21 січня 2026 р.", "no earlier than January 21, 2026"),
    ],
)
def test_every_precision(edtf, uk, en):
    assert format_edtf(edtf) == uk
    assert format_edtf(edtf, "en") == en


def test_month_season_and_year_end_in_r_as_cldr_writes_a_month():
    from babel.dates import format_skeleton

    cldr = format_skeleton("yMMMM", dt.date(2026, 1, 1), locale="uk")
    assert format_edtf("2026-01") == cldr.replace("\u202f", " ") == "січень 2026 р."  # our text: a plain space
    for edtf in ("2026-01", "2025-23", "2025", "2026-01~", "2025-23?"):
        assert "р." in format_edtf(edtf), edtf


def test_an_open_ended_date_has_no_weekday_and_a_compact_form():
    assert format_edtf("[..2026-01-21]", weekday=True) == "не пізніше 21 січня 2026 р."
    assert format_edtf("[..2026-01-21]", compact=True) == "≤ 21 січня 2026 р."
    assert format_edtf("[2026-01..]", "en", compact=True) == "≥ January 2026"


def test_one_apostrophe_in_dates():
    assert format_edtf("2026-01-23", weekday=True) == "п'ятниця, 23 січня 2026 р."  # CLDR writes пʼятниця
    assert format_day(dt.date(2026, 1, 23), weekday=True) == "п'ятниця, 23 січня 2026 р."


def test_weekday():
    assert format_edtf("2025-03-13", weekday=True) == "четвер, 13 березня 2025 р."
    assert format_edtf("2026-01-22", "en", weekday=True) == "Thursday, January 22, 2026"
    assert format_day(dt.date(2026, 1, 21)) == "21 січня 2026 р."


@pytest.mark.parametrize(
    ("edtf", "precision", "lower", "upper"),
    [
        ("2025-03-13", Precision.DAY, "2025-03-13", "2025-03-13"),
        ("2024-02", Precision.MONTH, "2024-02-01", "2024-02-29"),
        ("2025-23", Precision.SEASON, "2025-09-01", "2025-11-30"),
        ("2025-24", Precision.SEASON, "2025-12-01", "2026-02-28"),
        ("2025", Precision.YEAR, "2025-01-01", "2025-12-31"),
        ("[..2026-01-21]", Precision.DAY, "0001-01-01", "2026-01-21"),
        ("[..2025-23]", Precision.SEASON, "0001-01-01", "2025-11-30"),
        ("[2026-01..]", Precision.MONTH, "2026-01-01", "9999-12-31"),
    ],
)
def test_bounds(edtf, precision, lower, upper):
    d = parse_edtf(edtf)
    assert d.precision is precision
    assert (d.lower.isoformat(), d.upper.isoformat()) == (lower, upper)


@pytest.mark.parametrize(
    ("edtf", "sort"),
    [
        ("[..2026-01-21]", "2026-01-21"),
        ("[..2025-23]", "2025-09-01"),
        ("[2026-01..]", "2026-01-01"),
        ("2025-23", "2025-09-01"),
    ],
)
def test_an_open_ended_date_sorts_at_its_bound(edtf, sort):
    assert parse_edtf(edtf).sort.isoformat() == sort


@pytest.mark.parametrize(
    "bad",
    ["2025-02-29", "2025-00", "2025-20", "2025-13-01", "", "2025/03", "13.03.2025", "[..]", "[2025..2026]", "..2025"],
)
def test_bad_dates(bad):
    with pytest.raises(EdtfError):
        parse_edtf(bad)


def test_durations():
    assert format_duration(720, "at_least", "понад 12 годин") == "понад 12 годин"
    assert format_duration(720, "at_least", None) == "понад 12 годин"
    assert format_duration(720, "at_least", "понад 12 годин", "en") == "more than 12 hours"
    assert format_duration(300, "about", None) == "близько 5 годин"
    assert format_duration(180, "exact", None) == "3 години"
    assert format_duration(90, "exact", None, "en") == "1.5 hours"
    assert format_duration(45, "exact", None) == "45 хвилин"
    assert format_duration(300, "about", short=True) == "~5 год"
    assert format_duration(720, "at_least", short=True) == ">12 год"
    assert format_duration(None, None) == ""
    assert format_duration(180, "at_most", None, "en") == "at most 3 hours"
    assert format_duration(120, "almost", None, "en") == "almost 2 hours"
    assert format_duration(180, "at_most", short=True) == "≤3 год"
    assert format_duration(120, "almost", short=True) == "<2 год"


@pytest.mark.parametrize(
    ("minutes", "qualifier", "expected"),
    [
        (60, "exact", "1 година"),
        (60, "at_least", "понад 1 годину"),
        (60, "about", "близько 1 години"),
        (120, "about", "близько 2 годин"),
        (180, "at_least", "понад 3 години"),
        (300, "at_least", "понад 5 годин"),
        (90, "about", "близько 1,5 години"),
        (1260, "exact", "21 година"),
        (660, "at_least", "понад 11 годин"),
        (21, "about", "близько 21 хвилини"),
        (45, "at_least", "понад 45 хвилин"),
        (180, "at_most", "не більше 3 годин"),  # "не більше трьох годин": genitive
        (60, "at_most", "не більше 1 години"),
        (1260, "at_most", "не більше 21 години"),
        (120, "almost", "майже 2 години"),  # "майже дві години": "майже" governs no case
        (300, "almost", "майже 5 годин"),
        (60, "almost", "майже 1 година"),
    ],
)
def test_ukrainian_durations_decline_after_their_qualifier(minutes, qualifier, expected):
    assert format_duration(minutes, qualifier) == expected


def test_gaps():
    assert format_gap(29) == "через 29 днів"
    assert format_gap(1) == "через 1 день"
    assert format_gap(3) == "через 3 дні"
    assert format_gap(116, "en") == "116 days later"
    assert format_gap(0) == "того ж дня"
    assert format_gap(None) == ""

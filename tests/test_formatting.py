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
        ("2025-08", "серпень 2025", "August 2025"),  # stand-alone LLLL, not "серпня"
        ("2025-23", "осінь 2025", "autumn 2025"),
        ("2025-21", "весна 2025", "spring 2025"),
        ("2025-22", "літо 2025", "summer 2025"),
        ("2025-24", "зима 2025", "winter 2025"),
        ("2025", "2025 р.", "2025"),
        ("2026-01~", "близько січня 2026", "about January 2026"),
        ("2025~", "близько 2025 року", "about 2025"),
        ("2025-23~", "близько осені 2025", "about autumn 2025"),
        ("2025-08-06?", "6 серпня 2025 р. (?)", "August 6, 2025 (?)"),
    ],
)
def test_every_precision(edtf, uk, en):
    assert format_edtf(edtf) == uk
    assert format_edtf(edtf, "en") == en


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
    ],
)
def test_bounds(edtf, precision, lower, upper):
    d = parse_edtf(edtf)
    assert d.precision is precision
    assert (d.lower.isoformat(), d.upper.isoformat()) == (lower, upper)


@pytest.mark.parametrize("bad", ["2025-02-29", "2025-00", "2025-20", "2025-13-01", "", "2025/03", "13.03.2025"])
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

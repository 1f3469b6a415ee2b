"""Drafting: dates as articles write them become EDTF, resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from chronology.db.draft import draft_document
from chronology.db.draft.dates import find_dates
from chronology.db.draft.lexicon import month_forms, weekday_forms
from chronology.db.draft.segments import Segments
from chronology.db.draft.tense import Tense, clause_tense

THURSDAY = dt.date(2026, 1, 22)  # a Thursday in January
WEDNESDAY = dt.date(2026, 1, 21)


def dates_in(text: str, published: dt.date) -> list[tuple[str, str]]:
    seg = Segments(text)

    def tense_at(pos: int) -> Tense:
        s = seg.sentence_at(pos)
        return clause_tense(text, s.start, s.end, pos) if s else Tense.UNKNOWN

    return [(d.phrase, d.edtf) for d in find_dates(seg, published, tense_at)]


def only_date(text: str, published: dt.date = WEDNESDAY) -> str:
    found = dates_in(text, published)
    assert len(found) == 1, found
    return found[0][1]


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("Зустріч відбулася 13 березня 2025 року в Москві.", "2025-03-13"),
        ("Зустріч відбулася 13 березня 2025 р. в Москві.", "2025-03-13"),
        ("Делегації зустрілися у середу, 9 квітня 2025 року.", "2025-04-09"),
        ("Переговори пройшли у 2025 році.", "2025"),
        ("На початку 2025 року Трамп повернувся до Білого дому.", "2025"),
        ("У серпні 2025 року тиск посилився.", "2025-08"),
        ("Зустріч, за даними джерел, відбулася близько 10 березня 2025 року.", "2025-03-10~"),
        ("Документ підписали 09.04.2025 у Києві.", "2025-04-09"),
    ],
)
def test_explicit_dates(text: str, edtf: str) -> None:
    assert only_date(text) == edtf


def test_a_day_without_a_year_takes_the_year_its_paragraph_names() -> None:
    text = "У серпні 2025 року тиск посилився. 6 серпня Віткофф знову прибув до Москви."
    assert dates_in(text, WEDNESDAY)[-1] == ("6 серпня", "2025-08-06")


def test_a_day_without_a_year_is_placed_by_the_tense_around_the_publication_date() -> None:
    published = dt.date(2026, 1, 21)
    assert only_date("Зустріч відбулася 2 грудня у Москві.", published) == "2025-12-02"
    assert only_date("Зустріч відбудеться 2 лютого у Москві.", published) == "2026-02-02"


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("Віткофф у четвер зустрівся з путіним.", "2026-01-15"),  # past: the Thursday before
        ("Віткофф у четвер зустрінеться з путіним.", "2026-01-22"),  # future: the Thursday after
        ("Минулого понеділка делегації провели переговори.", "2026-01-19"),
        ("Наступного вівторка делегації проведуть переговори.", "2026-01-27"),
        ("Вчора делегації провели переговори.", "2026-01-20"),
        ("Сьогодні делегації проводять переговори.", "2026-01-21"),
        ("Позавчора делегації провели переговори.", "2026-01-19"),
        ("Завтра делегації проведуть переговори.", "2026-01-22"),
    ],
)
def test_weekdays_and_relative_days_count_from_the_publication_date(text: str, edtf: str) -> None:
    assert only_date(text, WEDNESDAY) == edtf


@pytest.mark.parametrize(
    ("text", "published", "edtf"),
    [
        ("Наступного тижня сторони проведуть переговори.", dt.date(2026, 2, 12), "2026-02"),
        ("Наступного тижня сторони проведуть переговори.", dt.date(2026, 1, 22), "2026-01~"),  # Jan 26 – Feb 1
        ("Минулого місяця сторони провели переговори.", dt.date(2026, 1, 21), "2025-12"),
        ("Зустріч може відбутися до кінця місяця.", dt.date(2026, 3, 3), "2026-03"),
        ("Зустріч відбудеться на початку наступного місяця.", dt.date(2026, 12, 10), "2027-01"),
        ("Торік у листопаді делегації провели консультації.", dt.date(2026, 3, 20), "2025-11"),
        ("Цього року сторони проведуть п'ять раундів.", dt.date(2026, 3, 20), "2026"),
    ],
)
def test_weeks_months_and_years_relative_to_the_publication(text: str, published: dt.date, edtf: str) -> None:
    assert only_date(text, published) == edtf


@pytest.mark.parametrize(
    ("text", "published", "edtf"),
    [
        ("Восени делегації провели три раунди.", dt.date(2025, 12, 20), "2025-23"),
        ("Восени делегації проведуть нові раунди.", dt.date(2026, 3, 1), "2026-23"),
        ("Навесні 2025 року делегації зустрілися в Стамбулі.", dt.date(2026, 1, 21), "2025-21"),
        ("Цієї осені по портах було завдано ударів.", dt.date(2025, 11, 28), "2025-23"),
        ("Взимку переговори зупинилися.", dt.date(2026, 1, 21), "2025-24"),
    ],
)
def test_seasons(text: str, published: dt.date, edtf: str) -> None:
    assert only_date(text, published) == edtf


def test_the_source_words_of_a_vague_date_are_kept() -> None:
    result = draft_document(
        "Наприкінці лютого Віткофф і Кушнер мають прибути до москви, де планують зустрітися з путіним.",
        dt.date(2026, 2, 12),
        outlet="Тест",
    )
    (event,) = result.data["events"]
    assert (event["date"], event["date_phrase"]) == ("2026-02", "Наприкінці лютого")


def test_month_names_come_from_cldr_in_every_case() -> None:
    forms = month_forms()
    march = {form for form, month in forms.items() if month == 3}
    # nominative, genitive, dative/locative, instrumental, locative: all from pymorphy3's lexeme of CLDR's name
    assert {"березень", "березня", "березню", "березнем", "березні"} <= march
    assert {forms[w] for w in ("січня", "лютому", "квітнем", "травні", "червень", "липня", "серпні")} == {
        1,
        2,
        4,
        5,
        6,
        7,
        8,
    }
    assert len(set(forms.values())) == 12


def test_weekday_names_come_from_cldr_in_every_case_and_apostrophe() -> None:
    days = weekday_forms()
    assert {days[w] for w in ("понеділок", "понеділка", "вівторок", "середу", "четвер", "суботу", "неділю")} == {
        0,
        1,
        2,
        3,
        5,
        6,
    }
    assert days["п'ятницю"] == 4
    assert "серед" not in days  # the genitive plural is the preposition "серед"
    assert only_date("У п’ятницю делегації зустрілися.", WEDNESDAY) == "2026-01-16"
    assert only_date("У пʼятницю делегації зустрілися.", WEDNESDAY) == "2026-01-16"


def test_a_weekday_with_a_date_is_the_date() -> None:
    assert dates_in("Віткофф повідомив, що в четвер 22 січня зустрінеться з путіним.", WEDNESDAY) == [
        ("в четвер 22 січня", "2026-01-22")
    ]


def test_a_bound_is_not_a_date() -> None:
    seg = Segments("Делегації вперше з 2022 року зустрілися 16 травня.")
    found = find_dates(seg, dt.date(2025, 12, 20), lambda pos: Tense.PAST)
    assert [d.since for d in found] == [True, False]


@pytest.mark.parametrize("babel_first", [False, True])
def test_month_names_do_not_depend_on_what_babel_loaded_before(babel_first: bool, tmp_path: Path) -> None:
    """Babel caches one dict per locale, merged or not: the names must come out the same either way."""
    code = (
        ("from babel import Locale; Locale('uk').months\n" if babel_first else "")
        + "from chronology.db.draft.lexicon import month_forms, weekday_forms\n"
        + "print(month_forms()['жовтні'], month_forms()['листопаді'], weekday_forms()['середу'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["10", "11", "2"]


def test_reading_month_names_leaves_babel_able_to_format_numbers_and_dates_afterwards():
    """The drafting engine reads CLDR's month names in the same process as the app formats dates: it must not
    leave Babel's cache of the Ukrainian locale without its inherited data (that broke every later number)."""
    from babel import localedata
    from chronology.db.draft import lexicon
    from chronology.tui.present.formatting import format_duration, format_edtf

    localedata._cache.clear()  # as in a fresh process: nothing of the locale loaded yet
    lexicon._uk_calendar.cache_clear()
    assert lexicon.month_genitive(3) == "березня"
    assert format_duration(90, "about", None, "uk") == "близько 1,5 години"
    assert format_edtf("2025-03-13", "uk") == "13 березня 2025 р."

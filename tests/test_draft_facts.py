"""Drafting: held or planned, places, durations, people and quotes, each as articles write them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from chronology.db.draft import AT_MOST, draft_document
from chronology.db.draft.durations import find_durations
from chronology.db.draft.people import find_people
from chronology.db.draft.places import find_places, nominative_place
from chronology.db.draft.segments import Segments
from chronology.db.models import DurationQualifier, EventKind, Side, Status
from chronology.db.seeds import load_seed

PUBLISHED = dt.date(2026, 1, 21)


def draft(text: str, published: dt.date = PUBLISHED, known: Any = None) -> dict[str, Any]:
    return draft_document(text, published, outlet="Тест", known=known).data


def only_event(text: str, published: dt.date = PUBLISHED) -> dict[str, Any]:
    events = draft(text, published)["events"]
    assert len(events) == 1, [e["citations"][0]["text"] for e in events]
    return events[0]


class _Actors:
    """A store's reading API with the seed's actors and no events."""

    def actors(self) -> list[Any]:
        return load_seed().actors

    def events(self) -> list[Any]:
        return []


# ---------------------------------------------------------------------------------------------- status
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("12 січня делегації провели переговори в Женеві.", "held"),
        ("2 лютого делегації проведуть переговори в Женеві.", "planned"),
        ("Наприкінці січня делегації мають провести переговори в Женеві.", "planned"),
        ("Наприкінці січня делегації можуть зустрітися в Женеві.", "planned"),
        ("Наприкінці січня Віткофф анонсував візит до Москви, де планує зустрітися з путіним.", "planned"),
        ("Зустріч у Женеві запланована на 23 січня.", "planned"),
        ("Зустріч у Женеві, призначену на 23 січня, скасували.", "cancelled"),
    ],
)
def test_held_or_planned_from_tense_and_modality(text: str, status: str) -> None:
    event = only_event(text)
    assert event["status"] == status
    assert event["status_as_of"] == PUBLISHED.isoformat()


def test_a_past_date_is_held_whatever_the_verb() -> None:
    assert only_event("13 березня 2025 року Віткофф має зустрітися з путіним у Москві.")["status"] == "held"


# ---------------------------------------------------------------------------------------------- places
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("у Москві", "Москва"),
        ("в москві", "Москва"),
        ("у санкт-петербурзі", "Санкт-Петербург"),
        ("в Абу-Дабі", "Абу-Дабі"),
        ("у Гельсінкі", "Гельсінкі"),
        ("у Маямі (штат Флорида)", "Маямі"),
        ("в Женеві", "Женева"),
        ("у Лондоні", "Лондон"),
        ("у Києві", "Київ"),
        ("в Ер-Ріяді", "Ер-Ріяд"),
        ("на Алясці", "Аляска"),
    ],
)
def test_places_in_the_locative_become_nominative(text: str, place: str) -> None:
    event = only_event(f"12 січня делегації провели переговори {text}.")
    assert event["place"] == place
    assert text in event["citations"][0]["text"]  # the source's own spelling stays in the citation


def test_an_unknown_place_is_put_in_the_nominative_by_its_ending() -> None:
    assert nominative_place("Анкориджі") == "Анкоридж"
    assert nominative_place("Джидді") == "Джидда"


def test_a_lowercase_name_is_a_place_when_the_article_also_capitalises_it() -> None:
    seg = Segments("Туреччина пропонує Стамбул як майданчик. 16 травня у стамбулі пройшли переговори.")
    assert [p.name for p in find_places(seg)] == ["Стамбул"]


def test_institutions_are_not_places() -> None:
    seg = Segments("В Офісі президента заявили, що у Білому домі та в Кремлі знають про зустріч у Відні.")
    assert [p.name for p in find_places(seg)] == ["Відень"]


# ---------------------------------------------------------------------------------------------- durations
@pytest.mark.parametrize(
    ("phrase", "minutes", "qualifier"),
    [
        ("понад 12 годин", 720, "at_least"),
        ("близько п'яти годин", 300, "about"),
        ("майже дві години", 120, "at_most"),
        ("трохи менше години", 60, "at_most"),
        ("не більше трьох годин", 180, "at_most"),
        ("п'ятигодинну зустріч", 300, "exact"),
        ("півтори години", 90, "exact"),
        ("понад чотири з половиною години", 270, "at_least"),
        ("40 хвилин", 40, "exact"),
        ("трохи більше шести годин", 360, "at_least"),
        ("40-хвилинна зустріч", 40, "exact"),
        ("годину", 60, "exact"),
    ],
)
def test_durations(phrase: str, minutes: int, qualifier: str) -> None:
    (found,) = find_durations(Segments(f"Розмова тривала {phrase}, повідомили сторони."))
    assert (found.phrase, found.minutes, found.qualifier) == (phrase, minutes, qualifier)


def test_at_most_waits_for_the_model_behind_one_constant() -> None:
    assert AT_MOST in {q.value for q in DurationQualifier}
    event = only_event("12 січня делегації провели в Женеві майже дві години.")
    assert event["duration"] == {"minutes": 120, "qualifier": AT_MOST, "phrase": "майже дві години"}


# ---------------------------------------------------------------------------------------------- people
def test_known_people_are_matched_in_any_case_and_spelling() -> None:
    seg = Segments("Віткофф прибув разом із Джаредом Кушнером, а перед тим зустрівся з кирилом дмітрієвим і путіним.")
    people, mentions = find_people(seg, load_seed().actors)
    assert [m.person for m in mentions] == ["witkoff", "kushner", "dmitriev", "putin"]
    assert all(p.actor_id for p in people)


def test_new_people_are_proposed_in_the_nominative_with_the_role_the_article_gives() -> None:
    data = draft(
        "22 січня в Анкарі Андрій Сибіга зустрівся з очільником МЗС Туреччини Хаканом Фіданом.", known=_Actors()
    )
    actors = {a["name_uk"]: a for a in data["actors"]}
    assert set(actors) == {"Андрій Сибіга", "Хакан Фідан"}
    assert actors["Хакан Фідан"]["role"] == "очільник МЗС Туреччини"
    assert actors["Хакан Фідан"]["aliases"] == ["Хаканом Фіданом"]
    assert {a["id"] for a in data["actors"]} == set(data["events"][0]["participants"])


def test_a_role_and_side_are_read_from_the_words_before_the_name() -> None:
    data = draft("20 січня секретар РНБО Рустем Умєров провів переговори з Віткоффом у Давосі.", known=_Actors())
    (umerov,) = data["actors"]
    assert (umerov["name_uk"], umerov["role"], umerov["side"]) == ("Рустем Умєров", "секретар РНБО", Side.UA.value)
    assert set(data["events"][0]["participants"]) == {umerov["id"], "witkoff"}


# ---------------------------------------------------------------------------------------------- quotes
def quotes_of(text: str) -> list[tuple[str, str | None, str | None]]:
    data = draft(text, known=_Actors())
    return [(q["text"], q["speaker_id"], q["given_as"]) for q in data["quotes"]]


def test_guillemets_with_a_dash_attribution() -> None:
    text = "20 січня сторони провели переговори. «Ми готові до діалогу», — заявив Ушаков журналістам."
    assert quotes_of(text) == [("Ми готові до діалогу", "ushakov", "журналістам")]


def test_straight_quotes_after_a_colon() -> None:
    text = '20 січня сторони провели переговори. Після зустрічі Ушаков заявив: "Розмова була корисною".'
    assert quotes_of(text) == [("Розмова була корисною", "ushakov", None)]


def test_direct_speech_without_marks_and_where_it_was_said() -> None:
    text = "Ми маємо поїхати зустрітися з ним у четвер - сказав Віткофф в інтерв'ю CNBC."
    assert quotes_of(text) == [("Ми маємо поїхати зустрітися з ним у четвер", "witkoff", "в інтерв'ю CNBC")]


def test_a_word_quoted_by_the_speaker_is_his() -> None:
    text = '11 квітня 2025 року Ушаков назвав перемовини в Петербурзі "конструктивними".'
    assert quotes_of(text) == [("конструктивними", "ushakov", None)]


def test_nested_quotes_each_with_its_own_speaker() -> None:
    text = '7 січня Віткофф зустрівся з путіним.\n— Він говорив: "Ми ближчі до угоди", — каже Кушнер.'
    spans = {(t, s) for t, s, _ in quotes_of(text)}
    assert ('Він говорив: "Ми ближчі до угоди"', "kushner") in spans
    assert ("Ми ближчі до угоди", "witkoff") in spans


def test_paraphrase_and_terms_in_quotation_marks_are_not_speech() -> None:
    text = (
        "13 березня 2025 року зустріч стала початком так званого «рамкового плану». "
        "Допис подає це так, ніби Ушаков заявив: «Путін готовий зустрітися у Стамбулі вже в березні»."
    )
    result = draft_document(text, PUBLISHED, outlet="Тест", known=_Actors())
    kinds = {q["text"]: (result.quote_kinds[q["id"]], q["speaker_id"]) for q in result.data["quotes"]}
    assert kinds == {
        "рамкового плану": ("term", None),
        "Путін готовий зустрітися у Стамбулі вже в березні": ("paraphrase", None),
    }


def test_quote_offsets_are_exact() -> None:
    text = 'Перше речення. 20 січня сторони провели переговори. Ушаков назвав їх "корисними" і "чесними".'
    for q in draft(text)["quotes"]:
        assert text[q["offset"] : q["offset"] + len(q["text"])] == q["text"]


# ---------------------------------------------------------------------------------------------- one event
def test_an_event_told_twice_is_one_event_with_two_citations() -> None:
    text = (
        "Перша поїздка відбулася 13 березня 2025 року, коли Віткофф прибув до Москви. "
        "Ця зустріч тривала понад 12 годин і завершилася пізно вночі."
    )
    event = only_event(text)
    assert event["kind"] == EventKind.MEETING.value
    assert event["status"] == Status.HELD.value
    assert (event["date"], event["place"], event["duration"]["minutes"]) == ("2025-03-13", "Москва", 720)
    assert len(event["citations"]) == 2


def test_two_meetings_on_one_day_in_two_places_stay_two() -> None:
    text = (
        "Позавчора в Анкарі Сибіга зустрівся з Фіданом. "
        "Того ж дня, позавчора, в москві Віткофф зустрівся з кирилом дмітрієвим."
    )
    events = draft(text, dt.date(2025, 11, 28))["events"]
    assert [(e["date"], e["place"]) for e in events] == [("2025-11-26", "Анкара"), ("2025-11-26", "Москва")]


def test_a_separate_conversation_the_same_day_is_another_event() -> None:
    text = (
        "Учора в Брюсселі Зеленський зустрівся з Генеральним секретарем НАТО Марком Рютте. "
        "Окремо Зеленський провів коротку розмову з прем'єр-міністром Польщі Дональдом Туском у Брюсселі."
    )
    events = draft(text, dt.date(2026, 4, 3), known=_Actors())["events"]
    assert [(e["date"], e["place"], len(e["participants"])) for e in events] == [
        ("2026-04-02", "Брюссель", 2),
        ("2026-04-02", "Брюссель", 2),
    ]

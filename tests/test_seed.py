"""The bundled seed: it loads, and every record stays true to its source article, character for character."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache

import pytest
from chronology.db.edtf import parse_edtf
from chronology.db.models import Chronology, Event, Status
from chronology.db.seeds import SEED_DOCUMENT, load_seed, seed_files

SOURCE_ID = "unn-2026-01-21"
SOURCE_FILE = "000_32f261f9b184bad9.txt"
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QUOTED = re.compile(r'"([^"]+)"')


@cache
def seed() -> Chronology:
    return load_seed()


def raw_text() -> str:
    return seed_files().joinpath(SOURCE_FILE).read_bytes().decode("utf-8")


def source_text() -> str:
    (source,) = [s for s in seed().sources if s.id == SOURCE_ID]
    return source.text


def events() -> dict[str, Event]:
    return {e.id: e for e in seed().events}


def event_on(date: str, *, status: Status = Status.HELD, place: str | None = None) -> Event:
    found = [e for e in seed().events if e.date == date and e.status is status and (place is None or e.place == place)]
    assert len(found) == 1, f"expected one {status.value} event on {date} ({place}), got {[e.id for e in found]}"
    return found[0]


def test_seed_loads() -> None:
    doc = seed()
    assert len(doc.sources) == 1
    assert doc.events and doc.quotes and doc.actors and doc.tallies


def test_seed_json_names_its_text_file() -> None:
    data = json.loads(seed_files().joinpath(SEED_DOCUMENT).read_text(encoding="utf-8"))
    (source,) = data["sources"]
    assert source["text_file"] == SOURCE_FILE
    assert "text" not in source


def test_source_metadata() -> None:
    (source,) = seed().sources
    assert source.id == SOURCE_ID
    assert source.outlet == "УНН"
    assert source.cites == ["CNBC", "Reuters", "Bloomberg"]
    assert source.published.isoformat() == "2026-01-21"
    assert source.language == "uk"
    assert source.url is None
    assert source.title.strip()
    # The title is not in the article (which has no URL to check it by): the curator's description.
    assert source.title not in source.text and source.title_origin.value == "curator"
    assert source.outlet_en == "UNN"


def test_source_text_is_the_file_verbatim() -> None:
    raw = raw_text()
    assert source_text() == raw
    assert unicodedata.normalize("NFC", raw) == raw
    assert raw.startswith(" date 2026-01-21 ")


def test_every_quote_is_verbatim_at_its_offset() -> None:
    text = source_text()
    for q in seed().quotes:
        assert q.source_id == SOURCE_ID
        assert text[q.offset : q.offset + len(q.text)] == q.text, q.id


def test_every_citation_is_verbatim_at_its_offset() -> None:
    text = source_text()
    passages = [(e.id, c) for e in seed().events for c in e.citations]
    passages += [(t.id, t.citation) for t in seed().tallies]
    assert passages
    for owner, c in passages:
        assert c.source_id == SOURCE_ID
        assert text[c.offset : c.offset + len(c.text)] == c.text, owner


def test_ids_are_kebab_case() -> None:
    doc = seed()
    for rec in [*doc.events, *doc.quotes, *doc.tallies, *doc.actors]:
        assert KEBAB.match(rec.id), rec.id


def test_every_event_has_a_citation_and_a_valid_date() -> None:
    for e in seed().events:
        assert len(e.citations) >= 1, e.id
        parse_edtf(e.date)
        assert e.title.strip() and e.summary.strip(), e.id


def test_planned_events_have_status_as_of() -> None:
    for e in seed().events:
        if e.status is not Status.HELD:
            assert e.status_as_of is not None, e.id


def test_actors() -> None:
    actors = {a.id: a for a in seed().actors}
    persons = {"witkoff", "putin", "kushner", "dmitriev", "ushakov", "trump", "zelensky"}
    assert set(actors) == persons | {"trump-administration", "kremlin", "eu-allies", "kyiv"}
    assert {a.id for a in actors.values() if a.type.value == "person"} == persons
    assert {"Віткофф", "Віткоффа", "Уіткофф", "Уіткоффа", "Witkoff", "Стівен Віткофф"} <= set(actors["witkoff"].aliases)
    assert {"путін", "путіним", "путіна", "Путіним", "володимир путін"} <= set(actors["putin"].aliases)
    assert {"Кушнером", "Джаредом Кушнером"} <= set(actors["kushner"].aliases)
    assert {"дмітрієв", "Дмітрієв", "кирилом дмітрієвим", "Дмітрієвим"} <= set(actors["dmitriev"].aliases)
    assert actors["dmitriev"].name_uk == "Кирило Дмітрієв"  # as the article spells him
    assert "Дмитрієв" in actors["dmitriev"].aliases
    assert actors["dmitriev"].role is None  # the article gives no position
    assert actors["kushner"].role == "зять Трампа"
    assert actors["ushakov"].role == "представник Кремля"
    sides = {a.id: a.side.value for a in actors.values()}
    assert sides == {
        "witkoff": "US",
        "putin": "RU",
        "kushner": "US",
        "dmitriev": "RU",
        "ushakov": "RU",
        "trump": "US",
        "zelensky": "UA",
        "trump-administration": "US",
        "kremlin": "RU",
        "eu-allies": "other",
        "kyiv": "UA",
    }
    for a in actors.values():
        assert (a.role is None) == (a.role_en is None), a.id


def test_spellings_the_article_uses_are_aliases() -> None:
    text = source_text()
    actors = {a.id: a for a in seed().actors}
    for spelling in ("дмітрієвим", "Уіткоффа", "Кушнером", "путіним"):
        assert spelling in text
    assert "дмітрієвим" in {alias.casefold() for alias in actors["dmitriev"].aliases}


def test_first_meeting_13_march_2025() -> None:
    e = event_on("2025-03-13")
    assert e.place == "Москва"
    assert e.duration is not None
    assert e.duration.minutes >= 720
    assert e.duration.qualifier.value == "at_least"
    assert e.duration.phrase == "понад 12 годин"
    assert {"witkoff", "putin"} <= set(e.participants)


def test_meeting_11_april_2025() -> None:
    e = event_on("2025-04-11")
    assert e.place == "Санкт-Петербург"
    assert e.duration is not None
    assert (e.duration.minutes, e.duration.qualifier.value) == (240, "at_least")
    assert {"witkoff", "putin"} <= set(e.participants)


def test_talks_6_august_2025() -> None:
    e = event_on("2025-08-06")
    assert e.place == "Москва"
    assert e.duration is not None
    assert (e.duration.minutes, e.duration.qualifier.value) == (180, "exact")
    assert e.duration.phrase == "три години"
    assert {"witkoff", "putin"} <= set(e.participants)


def test_informal_dmitriev_meeting_does_not_invent_a_day_or_place() -> None:
    found = [e for e in seed().events if "dmitriev" in e.participants and e.kind.value == "meeting"]
    assert len(found) == 1
    e = found[0]
    assert e.date == "[..2025-08-06]"  # "перед ними": on or before the talks of 6 August
    assert e.date_phrase == "перед ними" and e.before == "2025-08-06-moscow"
    assert e.place is None


def test_meeting_2_december_2025_with_kushner() -> None:
    e = event_on("2025-12-02")
    assert e.place == "Москва"
    assert e.duration is not None
    assert (e.duration.minutes, e.duration.qualifier.value) == (300, "about")
    assert {"witkoff", "kushner", "putin"} <= set(e.participants)


def test_autumn_2025_events() -> None:
    # Only the series of visits is stated as autumn; the plans and Geneva are inferred from its paragraph.
    [visits] = [e for e in seed().events if e.date == "2025-23"]
    assert visits.kind.value == "visit" and visits.date_phrase == "Осіння серія візитів"
    inferred = [e for e in seed().events if e.date == "2025-23?"]
    assert {e.kind.value for e in inferred} == {"plan", "consultation"}
    assert any(e.place == "Женева" for e in inferred)
    for e in inferred:
        assert e.date_phrase is None and e.note, e.id
    geneva = events()["2025-autumn-geneva-consultations"]
    assert geneva.participants == ["eu-allies", "kyiv"]
    plan28 = events()["2025-autumn-plan-28-points"]
    assert plan28.status.value == "revised" and plan28.before == "2025-autumn-plan-20-points"
    assert any("Женеві" in c.text for c in plan28.citations)  # its outcome's passage


def test_planned_meeting_22_january_2026() -> None:
    e = event_on("2026-01-22", status=Status.PLANNED)
    assert e.status_as_of is not None and e.status_as_of.isoformat() == "2026-01-21"
    assert e.place == "Москва"
    assert e.duration is None
    assert {"witkoff", "kushner", "putin"} <= set(e.participants)


def test_davos_talks_are_not_given_an_invented_day() -> None:
    davos = [e for e in seed().events if e.place == "Давос"]
    assert len(davos) == 1
    assert davos[0].date == "[..2026-01-21]"  # over by "Зараз, 21 січня 2026 року"; no day, no month given


@pytest.mark.parametrize("event_id", ["2026-01-21-witkoff-cnbc", "2026-01-21-kremlin-confirms"])
def test_what_only_the_publication_date_dates_is_no_later_than_it(event_id: str) -> None:
    e = events()[event_id]
    assert e.date == "[..2026-01-21]" and e.date_phrase is None
    assert e.note == "Дата не вказана; відомо лише з матеріалу від 21 січня 2026 р."


def test_every_date_phrase_is_the_articles_own_words() -> None:
    for e in seed().events:
        if e.date_phrase:
            assert any(e.date_phrase in c.text for c in e.citations), e.id
            assert e.date_phrase_en, e.id


def test_names_the_article_gives_are_participants() -> None:
    by_id = events()
    assert by_id["2025-ceasefire-deadline"].participants == ["trump-administration"]
    assert by_id["2026-01-21-kremlin-confirms"].participants == ["kremlin"]


def test_deadline_comes_before_the_talks_of_6_august() -> None:
    e = events()["2025-ceasefire-deadline"]
    assert (e.kind.value, e.date, e.before) == ("deadline", "[..2025-08-06]", "2025-08-06-moscow")


def test_witkoff_direct_speech() -> None:
    by_text = {q.text: q for q in seed().quotes}
    for said in (
        "Ми маємо поїхати зустрітися з ним у четвер",
        "Але саме росіяни просять про цю зустріч. Я думаю, що це важлива заява з їхнього боку",
    ):
        assert said in by_text, said
        assert by_text[said].speaker_id == "witkoff"
    assert by_text["Ми маємо поїхати зустрітися з ним у четвер"].given_as == "в інтерв'ю CNBC"


def test_tally_of_2025_meetings() -> None:
    (tally,) = [t for t in seed().tallies if t.id == "meetings-2025"]
    assert tally.stated == 6
    assert tally.period == "2025"
    assert len(tally.event_ids) == 4
    assert tally.citation.text == "Протягом 2025 року Віткофф зустрічався з володимиром путіним шість разів"
    by_id = events()
    assert sorted(by_id[i].date for i in tally.event_ids) == [
        "2025-03-13",
        "2025-04-11",
        "2025-08-06",
        "2025-12-02",
    ]
    for i in tally.event_ids:
        assert "putin" in by_id[i].participants


def test_every_double_quoted_phrase_but_one_is_a_quote() -> None:
    text = source_text()
    phrases = list(QUOTED.finditer(text))
    assert len(phrases) == 8
    quotes = {(q.text, q.offset) for q in seed().quotes}
    missing = [m.group(1) for m in phrases if (m.group(1), m.start(1)) not in quotes]
    # "зриві миру" is about all past meetings ("Всі минулі рази…"): no one event to hang it on.
    assert missing == ["зриві миру"]


@pytest.mark.parametrize("phrase", ["рамкового плану", "конструктивні", "дедлайну"])
def test_article_wording_has_no_speaker(phrase: str) -> None:
    (q,) = [q for q in seed().quotes if q.text == phrase]
    assert q.speaker_id is None


def test_quote_kinds() -> None:
    kinds = {q.text: q.kind.value for q in seed().quotes}
    assert kinds["рамкового плану"] == kinds["дедлайну"] == "term"  # the article's own quotation marks
    assert kinds["нелегітимність українського керівництва"] == "paraphrase"  # "власну мантру про …"
    assert kinds["конструктивними"] == "speech"


def test_zelensky_hopes() -> None:
    e = events()["2026-01-zelensky-bloomberg"]
    assert "сподівається" in e.title and "чекає" not in e.title


def test_first_high_profile_trip() -> None:
    assert events()["2025-03-13-moscow"].title.startswith("Перша резонансна поїздка")


# Lower-case names of people and places, as the article writes them ("росіяни", the people, stays lower-case).
CURATOR_SPELLING = re.compile(r"\b(путін\w*|москв\w*|кремл\w*|росі(?:я|ї|ю|єю)|рф|санкт-петербург\w*)\b")


def test_the_curator_capitalises_names_and_places() -> None:
    doc = seed()
    texts = [(e.id, f) for e in doc.events for f in (e.title, e.summary, e.outcome, e.note) if f]
    texts += [(a.id, a.name_uk) for a in doc.actors] + [(a.id, a.role) for a in doc.actors if a.role]
    texts += [(t.id, t.subject) for t in doc.tallies] + [(s.id, s.title) for s in doc.sources]
    for rid, text in texts:
        outside_quotes = re.sub(r"«[^»]*»", "", text)
        assert not CURATOR_SPELLING.search(outside_quotes), (rid, CURATOR_SPELLING.search(outside_quotes))


def test_ushakov_called_the_talks_constructive() -> None:
    (q,) = [q for q in seed().quotes if q.text == "конструктивними"]
    assert q.speaker_id == "ushakov"
    assert events()[q.event_id].date == "2025-04-11"


def test_references_resolve() -> None:
    doc = seed()
    actor_ids = {a.id for a in doc.actors}
    event_ids = {e.id for e in doc.events}
    for e in doc.events:
        assert set(e.participants) <= actor_ids, e.id
    for q in doc.quotes:
        assert q.event_id in event_ids, q.id
        assert q.speaker_id is None or q.speaker_id in actor_ids, q.id

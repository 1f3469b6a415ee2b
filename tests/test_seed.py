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
    assert set(actors) == {"witkoff", "putin", "kushner", "dmitriev", "ushakov", "trump", "zelensky"}
    assert {"Віткофф", "Віткоффа", "Уіткофф", "Уіткоффа", "Witkoff", "Стівен Віткофф"} <= set(actors["witkoff"].aliases)
    assert {"путін", "путіним", "путіна", "Путіним", "володимир путін"} <= set(actors["putin"].aliases)
    assert {"Кушнером", "Джаредом Кушнером"} <= set(actors["kushner"].aliases)
    assert {"дмітрієв", "Дмітрієв", "кирилом дмітрієвим", "Дмітрієвим"} <= set(actors["dmitriev"].aliases)
    assert "не вказана" in actors["dmitriev"].role
    assert actors["kushner"].role == "зять Трампа"
    assert actors["ushakov"].role == "представник кремля"
    sides = {a.id: a.side.value for a in actors.values()}
    assert sides == {
        "witkoff": "US",
        "putin": "RU",
        "kushner": "US",
        "dmitriev": "RU",
        "ushakov": "RU",
        "trump": "US",
        "zelensky": "UA",
    }
    for a in actors.values():
        assert a.role_en, a.id


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
    found = [e for e in seed().events if "dmitriev" in e.participants and e.date.startswith("2025")]
    assert len(found) == 1
    e = found[0]
    date = parse_edtf(e.date)
    assert date.uncertain or date.precision.value != "day"
    assert e.place is None


def test_meeting_2_december_2025_with_kushner() -> None:
    e = event_on("2025-12-02")
    assert e.place == "Москва"
    assert e.duration is not None
    assert (e.duration.minutes, e.duration.qualifier.value) == (300, "about")
    assert {"witkoff", "kushner", "putin"} <= set(e.participants)


def test_autumn_2025_events() -> None:
    autumn = [e for e in seed().events if e.date == "2025-23"]
    assert {e.kind.value for e in autumn} >= {"plan", "consultation"}
    assert any(e.place == "Женева" for e in autumn)


def test_planned_meeting_22_january_2026() -> None:
    e = event_on("2026-01-22", status=Status.PLANNED)
    assert e.status_as_of is not None and e.status_as_of.isoformat() == "2026-01-21"
    assert e.place == "Москва"
    assert e.duration is None
    assert {"witkoff", "kushner", "putin"} <= set(e.participants)


def test_davos_talks_are_not_given_an_invented_day() -> None:
    davos = [e for e in seed().events if e.place == "Давос"]
    assert len(davos) == 1
    assert parse_edtf(davos[0].date).precision.value != "day"


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


def test_every_double_quoted_phrase_is_a_quote() -> None:
    text = source_text()
    phrases = list(QUOTED.finditer(text))
    assert len(phrases) == 8
    quotes = {(q.text, q.offset) for q in seed().quotes}
    for m in phrases:
        assert (m.group(1), m.start(1)) in quotes, m.group(1)


@pytest.mark.parametrize("phrase", ["рамкового плану", "конструктивні", "зриві миру"])
def test_article_wording_has_no_speaker(phrase: str) -> None:
    (q,) = [q for q in seed().quotes if q.text == phrase]
    assert q.speaker_id is None


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

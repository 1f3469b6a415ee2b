"""Model validation: every refusal names the record and the field."""

from __future__ import annotations

import pytest
from chronology.db.errors import ChronologyError
from chronology.db.models import parse_document
from chronology.db.rules import check_document

from .conftest import tiny_data


def problems(data) -> list[str]:
    with pytest.raises(ChronologyError) as exc:
        check_document(parse_document(data))
    return exc.value.problems


def test_tiny_document_is_valid():
    doc = parse_document(tiny_data())
    check_document(doc)
    assert [e.id for e in doc.events] == ["m1", "m2"]


def test_quote_not_verbatim_at_its_offset():
    data = tiny_data()
    data["quotes"][0]["offset"] += 1
    [msg] = problems(data)
    assert msg.startswith("quotes[q1].text: not found verbatim at offset")
    assert "(it is at offset" in msg


def test_quote_text_nowhere_in_source():
    data = tiny_data()
    data["quotes"][0]["text"] = "деструктивними"
    [msg] = problems(data)
    assert "quotes[q1].text" in msg and "nowhere in the source" in msg


def test_citation_not_verbatim():
    data = tiny_data()
    data["events"][0]["citations"][0]["text"] = "13 березня 2025 року Віткофф зустрівся з Путіним у Москві."
    citation, phrase = problems(data)
    assert citation.startswith("events[m1].citations[0].text: not found verbatim")
    # …and the duration's words, which only that passage held, are no longer in any citation
    assert phrase.startswith("events[m1].duration.phrase: 'понад 12 годин' is not verbatim in any of the event's")


def test_id_used_twice():
    data = tiny_data()
    data["events"][1]["id"] = "m1"
    msgs = problems(data)
    assert "events[m1].id: id used twice" in msgs


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("quotes", 0, "speaker_id"), "lavrov", "quotes[q1].speaker_id: no actor 'lavrov'"),
        (("quotes", 0, "event_id"), "m9", "quotes[q1].event_id: no event 'm9'"),
        (("quotes", 0, "source_id"), "nope", "quotes[q1].source_id: no source 'nope'"),
        (("tallies", 0, "event_ids"), ["m1", "m7"], "tallies[t1].event_ids: no event 'm7'"),
    ],
)
def test_broken_references(path, value, expected):
    data = tiny_data()
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    assert expected in problems(data)


def test_participant_must_exist():
    data = tiny_data()
    data["events"][0]["participants"].append("kushner")
    assert "events[m1].participants: no actor 'kushner'" in problems(data)


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13", "2025-25", "25-03-13", "2025-3-1", "березень"])
def test_impossible_or_malformed_date_is_refused(date):
    data = tiny_data()
    data["events"][0]["date"] = date
    with pytest.raises(ChronologyError) as exc:
        parse_document(data)
    [msg] = exc.value.problems
    assert msg.startswith("events[m1].date:")


def test_planned_needs_as_of():
    data = tiny_data()
    del data["events"][1]["status_as_of"]
    with pytest.raises(ChronologyError) as exc:
        parse_document(data)
    assert exc.value.problems == ["events[m2]: status 'planned' needs status_as_of (the date it is known as of)"]


def test_event_needs_a_citation():
    data = tiny_data()
    data["events"][0]["citations"] = []
    with pytest.raises(ChronologyError) as exc:
        parse_document(data)
    assert exc.value.problems[0].startswith("events[m1].citations:")


def test_unknown_field_is_refused():
    data = tiny_data()
    data["events"][0]["wheN"] = "x"
    with pytest.raises(ChronologyError) as exc:
        parse_document(data)
    assert exc.value.problems[0].startswith("events[m1].wheN:")


def test_text_is_stored_nfc():
    data = tiny_data()
    data["events"][0]["title"] = "Зустріч у Києві"  # ї composed
    decomposed = "Зустрі\u0438\u0306"  # и + combining breve = й
    data["events"][0]["summary"] = decomposed
    doc = parse_document(data)
    assert doc.events[0].summary == "Зустрій"


def test_references_resolve_against_known_records():
    data = tiny_data()
    quote = data["quotes"][0]
    doc = parse_document({"quotes": [quote]})
    check_document(
        doc, known_sources={"src": data["sources"][0]["text"]}, known_actors={"ushakov"}, known_events={"m1"}
    )


# ---------------------------------------------------------------------- the source's words and the curator's
def test_source_words_must_be_in_the_events_citations():
    data = tiny_data()
    data["events"][0]["date_phrase"] = "13 березня 2025 року"  # in m1's first citation: fine
    data["quotes"][0]["given_as"] = "назвав перемовини"  # in the passage the quote comes from: fine
    check_document(parse_document(data))
    data["events"][0]["date_phrase"] = "березня 2025"  # part of it, but cut inside no word: still verbatim
    check_document(parse_document(data))
    data["events"][0]["date_phrase"] = "13 березн"  # cut inside a word: not the source's words
    [msg] = problems(data)
    assert msg.startswith("events[m1].date_phrase: '13 березн' is not verbatim in any of the event's citations")


def test_a_quote_must_come_from_a_passage_its_event_cites():
    data = tiny_data()
    data["quotes"][0]["event_id"] = "m2"
    [msg] = problems(data)
    assert msg.startswith("quotes[q1].offset: characters ") and "outside every citation of event 'm2'" in msg


def test_curator_text_quotes_the_source_exactly():
    data = tiny_data()
    data["events"][0]["summary"] = "Ушаков назвав перемовини «конструктивними»."
    check_document(parse_document(data))
    data["events"][0]["summary"] = "Ушаков назвав перемовини «конструктивні»."
    [msg] = problems(data)
    assert msg.startswith("events[m1].summary: «конструктивні» is not verbatim in the sources the event cites")


def test_before_must_name_another_existing_event():
    data = tiny_data()
    data["events"][0]["before"] = "m9"
    assert "events[m1].before: no event 'm9'" in problems(data)
    data["events"][0]["before"] = "m1"
    with pytest.raises(ChronologyError) as exc:
        parse_document(data)
    assert exc.value.problems == ["events[m1]: before names the event itself"]


@pytest.mark.parametrize(
    ("path", "field", "value", "expected"),
    [
        (("events", 0), "date_phrase_en", "in March", "events[m1]: date_phrase_en is the English of date_phrase"),
        (("events", 0), "note_en", "A note", "events[m1]: note_en is the English of note"),
        (("quotes", 0), "given_as_en", "as he put it", "quotes[q1]: given_as_en is the English of given_as"),
    ],
)
def test_an_english_companion_needs_its_original(path, field, value, expected):
    data = tiny_data()
    data[path[0]][path[1]][field] = value
    with pytest.raises(ChronologyError) as exc:
        parse_document(data)
    [msg] = exc.value.problems
    assert msg.startswith(expected)


def test_a_term_has_no_speaker():
    data = tiny_data()
    data["quotes"][0]["kind"] = "term"
    with pytest.raises(ChronologyError) as exc:
        parse_document(data)
    [msg] = exc.value.problems
    assert msg.startswith("quotes[q1]: a term (the source's own quotation marks) has no speaker")


def test_an_empty_role_is_a_role_not_stated():
    data = tiny_data()
    data["actors"][0]["role"] = ""
    assert parse_document(data).actors[0].role is None

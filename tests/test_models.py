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

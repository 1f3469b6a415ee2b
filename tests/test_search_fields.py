"""Field filters, month and status words, English possessives and type-ahead: queries and what they find.

(Over the seed plus a few events of tests.test_search; the plain query language is tested there.)
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from chronology.db.models import EventKind, Status
from chronology.db.search import match_spans, parse_query, search
from chronology.db.search.fields import DATE, implicit_fields, values
from chronology.db.store import Store
from chronology.db.text import fold, tokens
from chronology.tui.present.formatting import format_edtf
from chronology.tui.present.labels import kind_label, status_label

from tests.test_search import CNBC, DMITRIEV_EVENTS, GENEVA_EVENTS, KUSHNER_EVENTS, WITKOFF_EVENTS, relevance_doc

MOSCOW_PLACE = {"2025-03-13-moscow", "2025-08-06-moscow", "2025-12-02-moscow", "2026-01-22-moscow"}
MEETINGS = {e.id for e in relevance_doc().events if e.kind is EventKind.MEETING}
PLANNED = {"2026-01-22-moscow"}
DECEMBER = "2025-12-02-moscow"
YEAR_2026 = {e.id for e in relevance_doc().events if e.date.startswith("2026")}
AUTUMN = {"2025-autumn-plan-28-points", "2025-autumn-geneva-consultations", "2025-autumn-plan-20-points"}
# Events that mention Moscow without taking place there: the St Petersburg meeting, the CNBC interview,
# the deadline.
MENTION_MOSCOW = {"2025-04-11-saint-petersburg", CNBC, "2025-ceasefire-deadline"}


@pytest.fixture(scope="module")
def store():
    s = Store.memory(relevance_doc())
    yield s
    s.close()


def found(store: Store, query: str, *, typing: bool = False) -> set[str]:
    """Every event the query finds, checked against its hits."""
    results = search(store, query, limit=None, typing=typing)
    ids = {h.event_id for h in results.hits}
    assert {store.position(i) for i in ids} == set(results.event_positions)
    assert len(results.hits) == results.total_hits
    return ids


# query → exactly the events it finds (None: see must/must_not)
EXACTLY = [
    # Where: the event's place, not mentions elsewhere; any form, either language.
    ("місце:Москва", MOSCOW_PLACE),
    ("місце:Москві", MOSCOW_PLACE),
    ("МІСЦЕ:москві", MOSCOW_PLACE),
    ("place:Moscow", MOSCOW_PLACE),
    ("місце:Moscow", MOSCOW_PLACE),
    ('місце:"Санкт-Петербург"', {"2025-04-11-saint-petersburg"}),
    ("місце:Петербурзі", {"2025-04-11-saint-petersburg"}),
    # What kind: the enum value or the word people see, in either language and any form.
    ("вид:зустріч", MEETINGS),
    ("вид:зустрічі", MEETINGS),
    ("kind:meeting", MEETINGS),
    ("kind:meetings", MEETINGS),
    ("kind:зустріч", MEETINGS),
    ("вид:переговори", {"2026-davos-talks"}),
    ("вид:переговори OR вид:консультації", {"2026-davos-talks", "2025-autumn-geneva-consultations"}),
    # Status.
    ("статус:заплановано", PLANNED),
    ("статус:запланована", PLANNED),
    ("status:planned", PLANNED),
    ("status:скасовано", set()),
    # Who took part (any name, any form), not who is mentioned: the CNBC interview names Kushner.
    ("учасник:Кушнером", KUSHNER_EVENTS),
    ("with:Kushner", KUSHNER_EVENTS),
    ("with:Witkoff", WITKOFF_EVENTS),
    ("учасник:Уіткофф", WITKOFF_EVENTS),
    ("учасник:Дмитрієв", DMITRIEV_EVENTS),
    # When.
    ("рік:2026", YEAR_2026),
    ("year:2026", YEAR_2026),
    ("рік:2024-2026", {e.id for e in relevance_doc().events if not e.date.startswith("[")}),
    ("рік:двадцять", set()),
    # Combined with each other, with words, OR and -.
    ("вид:зустріч рік:2026", {"2026-01-22-moscow"}),
    ("place:Moscow -December", MOSCOW_PLACE - {DECEMBER}),
    ("місце:Москва -статус:заплановано", MOSCOW_PLACE - PLANNED),
    ("with:Witkoff -місце:Москва", WITKOFF_EVENTS - MOSCOW_PLACE),
    ("Кушнер місце:Москва", KUSHNER_EVENTS),
    ("Кушнер OR місце:Давос", KUSHNER_EVENTS | {CNBC, "2026-davos-talks"}),
    ("-місце:Москва", set()),  # only leaves out: nothing to look for
]


@pytest.mark.parametrize(("query", "expected"), EXACTLY, ids=[q for q, _ in EXACTLY])
def test_field_filters(store: Store, query: str, expected: set[str]) -> None:
    assert found(store, query) == expected


def test_a_place_filter_leaves_out_mere_mentions(store: Store) -> None:
    assert found(store, "Москва") >= MENTION_MOSCOW
    assert not MENTION_MOSCOW & found(store, "місце:Москва")


def test_events_found_by_filters_alone_are_hits_on_their_titles_in_timeline_order(store: Store) -> None:
    results = search(store, "kind:meeting")
    assert results.total_hits == results.total_events == len(MEETINGS)
    assert [(h.kind, h.field) for h in results.hits] == [("event", "title")] * len(MEETINGS)
    assert [h.event_pos for h in results.hits] == sorted(h.event_pos for h in results.hits)
    for hit in results.hits:
        detail = store.event(hit.event_id)
        assert detail is not None and hit.text == detail.event.title and hit.snippet == detail.event.title


@pytest.mark.parametrize("name", ["джерело:УНН", "foo:bar", "10:30", "http://example.com", "місцевість:Москва"])
def test_unknown_field_names_are_literal_text(name: str) -> None:
    q = parse_query(name)
    assert q.terms and all(t.field is None for g in q.groups for t in g)


def test_a_filter_without_a_value_is_nothing_to_look_for() -> None:
    assert parse_query("місце:").is_empty
    assert [t.keys for t in parse_query("Кушнер вид:").terms] == [("кушнер",)]


# ----------------------------------------------------------------------------------- words for fields
def test_status_words_people_see_find_those_events(store: Store) -> None:
    assert found(store, "заплановано") >= PLANNED
    assert found(store, "planned") >= PLANNED
    assert found(store, "заплановано Москва") == PLANNED  # with other words: the planned Moscow meeting


def test_month_and_season_words_find_events_dated_in_them(store: Store) -> None:
    assert DECEMBER in found(store, "грудня")
    assert DECEMBER in found(store, "December")
    assert DECEMBER in found(store, "грудні")
    assert found(store, "восени") >= AUTUMN and found(store, "autumn") >= AUTUMN
    assert found(store, "Москва грудня") == {DECEMBER}


@pytest.mark.parametrize("query", ["Moscow -December", "Москва -грудня", "Москва -грудень", "Moscow -winter"])
def test_month_names_in_exclusions_leave_out_the_events_dated_in_them(store: Store, query: str) -> None:
    result = found(store, query)
    assert DECEMBER not in result
    assert {"2025-03-13-moscow", "2025-08-06-moscow"} <= result


def test_english_possessives_find_the_name(store: Store) -> None:
    assert found(store, "Putin's") == found(store, "Putin") and found(store, "Putin")
    assert found(store, "Witkoff's") == found(store, "Witkoff") >= WITKOFF_EVENTS
    assert found(store, "Putin’s") == found(store, "Putin")
    title = "Witkoff's first meeting with Putin in Moscow"
    assert [title[s:e] for s, e in match_spans("Putin's Witkoff", title)] == ["Witkoff's", "Putin"]


# ----------------------------------------------------------------------------------- every word the UI shows
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_kind_and_status_label_the_ui_shows_is_accepted_by_the_filters(lang: str) -> None:
    for kind in EventKind:
        assert values("kind", fold(kind_label(kind.value, lang))) == (kind.value,), kind
        assert values("kind", kind.value) == (kind.value,)
    for status in Status:
        assert values("status", fold(status_label(status.value, lang))) == (status.value,), status
        assert values("status", status.value) == (status.value,)
        # Statuses the timeline shows (all but held) are words that find their events.
        shown = "status" in implicit_fields(fold(status_label(status.value, lang)))
        assert shown == (status is not Status.HELD), status
    for kind in EventKind:  # "held" as the detail pane words it for a statement, a plan, a deadline…
        assert values("status", fold(status_label(Status.HELD.value, lang, kind.value))) == ("held",), kind


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("edtf", [f"2025-{m:02d}" for m in range(1, 13)] + [f"2025-{m:02d}-15" for m in range(1, 13)]
                         + ["2025-01~", "2025-21", "2025-22", "2025-23", "2025-24", "2025-23~"])  # fmt: skip
def test_every_month_and_season_the_ui_shows_is_a_word_that_finds_its_events(lang: str, edtf: str) -> None:
    shown = format_edtf(edtf, lang)
    code = int(edtf[5:7])
    named = [values(DATE, t.key) for t in tokens(shown) if values(DATE, t.key)]
    assert named == [(code,)], (shown, named)


def test_the_vocabulary_covers_exactly_the_stores_kinds_and_statuses() -> None:
    from chronology.db.search.fields import KIND_WORDS, STATUS_WORDS

    assert set(KIND_WORDS) == {k.value for k in EventKind}
    assert set(STATUS_WORDS) == {s.value for s in Status}


# ----------------------------------------------------------------------------------- type-ahead
@pytest.mark.parametrize(
    ("typed", "must"),
    [
        ("женев", GENEVA_EVENTS),
        ("перегов", {"2026-davos-talks", "2025-08-06-moscow"}),
        ("кремл", {"2026-01-21-kremlin-confirms"}),
        ("Уіткоф", WITKOFF_EVENTS),
        ("Кушн", KUSHNER_EVENTS),
        ("Москві", MOSCOW_PLACE),  # a whole word typed still finds every form ("Москва")
        ("Віткофф Давос", {"2026-davos-talks"}),
        ("Санкт-Петер", {"2025-04-11-saint-petersburg"}),  # a word of two, the second being typed
        ("місце:Мос", MOSCOW_PLACE),
        ("вид:зус", MEETINGS),
    ],
)
def test_the_word_being_typed_matches_as_a_prefix(store: Store, typed: str, must: set[str]) -> None:
    assert must <= found(store, typed, typing=True)


@pytest.mark.parametrize("typed", ["женев", "перегов", "кремл", "Уіткоф"])
def test_whole_words_only_unless_typing(store: Store, typed: str) -> None:
    assert found(store, typed) == set()
    assert found(store, typed + "*") == found(store, typed, typing=True)


def test_typing_rules() -> None:
    def prefixed(text: str) -> list[tuple[str, ...]]:
        return [t.keys for t in parse_query(text, typing=True).terms if t.prefix]

    assert prefixed("путін женев") == [("женев",)]
    assert prefixed("женев ") == []  # a space: the word is complete
    assert prefixed('"у Жен') == []  # inside a phrase
    assert prefixed("путін -Кушн") == []  # an exclusion waits for its whole word
    assert [t.keys for t in parse_query("Кушнер OR", typing=True).terms] == [("кушнер",)]
    assert [t.keys for t in parse_query("Кушнер АБО ", typing=True).terms] == [("кушнер",)]
    assert parse_query("женев", typing=True).typing and not parse_query("женев").typing


def test_typing_keeps_what_the_query_finds_growing_letter_by_letter(store: Store) -> None:
    """Each letter of "Дмітрієв" finds at least the events the whole word finds: nothing blanks mid-word."""
    whole = found(store, "Дмітрієв")
    assert whole >= DMITRIEV_EVENTS
    for n in range(3, len("Дмітрієв") + 1):
        assert whole <= found(store, "Дмітрієв"[:n], typing=True), "Дмітрієв"[:n]


# ----------------------------------------------------------------------------------- reads
def _plans(store: Store, run: Callable[[], object]) -> list[str]:
    sent: list[str] = []
    store.conn.set_trace_callback(sent.append)
    try:
        run()
    finally:
        store.conn.set_trace_callback(None)
    plans = []
    for sql in sent:
        if sql.lstrip().upper().startswith("SELECT") and "FROM events" in sql:
            plans += [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return plans


@pytest.mark.parametrize("query", ["вид:зустріч", "статус:заплановано", "рік:2025", "грудня", "восени", "заплановано"])
def test_filters_read_events_by_an_index_never_a_scan(query: str) -> None:
    with Store.memory(relevance_doc()) as fresh:  # nothing remembered from earlier searches
        plans = _plans(fresh, lambda: search(fresh, query))
    assert any("events_" in p for p in plans), plans
    assert not any(p.startswith("SCAN events") for p in plans), plans


def test_a_typed_prefix_of_too_many_words_to_list_finds_and_ranks_the_same_events(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronology.db.search import query as query_module

    listed = search(store, "Віткофф пер", limit=50, typing=True)
    monkeypatch.setattr(query_module, "PREFIX_WORDS", 1)  # "пер" stands for more: FTS5's own prefix search
    unlisted = search(store, "Віткофф пер", limit=50, typing=True)
    assert unlisted.event_positions == listed.event_positions and unlisted.total_hits == listed.total_hits
    assert [h.ref for h in unlisted.hits] == [h.ref for h in listed.hits]

"""The review of a drafted article without the screen (tui/logic/review.py, review_fields.py): decisions, edits,
quotes re-pointed, events merged into stored ones, and the one transaction that writes what was accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from chronology.db.store import Store
from chronology.tui.logic.article import ArticleError, load_article, parse_published, read_article
from chronology.tui.logic.review import Decision, Kind, ReviewSession, nearby_events, stored_event
from chronology.tui.logic.review_fields import apply_edit, fields_of
from chronology.tui.present.review_text import describe

ARTICLES = Path(__file__).parent / "data" / "articles"
ABU_DHABI = ARTICLES / "01_wire_abu_dhabi.txt"


@pytest.fixture
def session(seed_store: Store) -> ReviewSession:
    return ReviewSession.draft(load_article(str(ABU_DHABI), "2026-02-12", outlet="Агентство"), seed_store)


def index_of(session: ReviewSession, kind: Kind, n: int = 0) -> int:
    return [i for i, r in enumerate(session.records) if r.kind == kind][n]


def event_titled(session: ReviewSession, heading: str, place: str) -> int:
    return next(
        i
        for i, r in enumerate(session.records)
        if r.is_event and heading in describe(session, i, "uk").heading and r.data["place"] == place
    )


# ---------------------------------------------------------------------------------------------- the article
def test_an_article_is_read_as_utf8_and_dated(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffВчора Віткофф зустрівся з путіним.".encode())
    assert read_article(str(path)) == "Вчора Віткофф зустрівся з путіним."
    assert parse_published("2026-01-21").isoformat() == "2026-01-21"


@pytest.mark.parametrize(
    ("content", "published", "field", "words"),
    [
        (None, "2026-01-21", "path", "no such file"),
        (b"   \n", "2026-01-21", "path", "is empty"),
        ("Київ".encode("cp1251"), "2026-01-21", "path", "not UTF-8"),
        (b"text", "21.01.2026", "published", "not a date"),
        (b"text", "2026-02-30", "published", "not a date"),
        (b"text", "", "published", "Give the publication date"),
    ],
)
def test_a_bad_article_says_what_is_wrong_in_one_line(tmp_path: Path, content, published, field, words) -> None:
    path = tmp_path / "a.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        load_article(str(path), published)
    assert caught.value.field == field
    assert words in caught.value.message("en") and "\n" not in caught.value.message("uk")
    assert caught.value.message("uk") != caught.value.message("en")  # the catalog has it


# ---------------------------------------------------------------------------------------------- the records
def test_the_records_are_the_source_the_events_the_quotes_and_the_new_people(session: ReviewSession) -> None:
    kinds = [r.kind for r in session.records]
    assert kinds[0] == Kind.SOURCE
    assert kinds == sorted(kinds, key=[Kind.SOURCE, Kind.EVENT, Kind.UPDATE, Kind.QUOTE, Kind.ACTOR].index)
    assert all(r.decision == Decision.PENDING for r in session.records[1:])
    quote = session[index_of(session, Kind.QUOTE)]
    assert session.text[quote.spans[0][0] : quote.spans[0][1]] == quote.data["text"]
    assert all(r.spans for r in session.records if r.is_event)


def test_nothing_accepted_is_nothing_to_save(session: ReviewSession, seed_store: Store) -> None:
    before = seed_store.count_events()
    result = session.save(seed_store, "en")
    assert not result.saved and "Nothing is accepted yet" in result.problems[0]
    assert seed_store.count_events() == before


def test_accepting_two_events_writes_them_and_their_new_people_in_one_go(
    session: ReviewSession, seed_store: Store
) -> None:
    first, second = index_of(session, Kind.EVENT, 0), index_of(session, Kind.EVENT, 3)
    session.decide(first, Decision.ACCEPTED)
    session.decide(second, Decision.ACCEPTED)
    assert session.dirty
    result = session.save(seed_store)
    assert result.saved and not session.dirty
    assert result.event_ids == [session[first].id, session[second].id]
    for eid in result.event_ids:
        assert seed_store.event(eid) is not None
    assert seed_store.record_ids("sources") >= {session.source_id}
    named = set(session[first].data["participants"]) | set(session[second].data["participants"])
    assert named <= seed_store.record_ids("actors")  # a new person an accepted event names comes along


def test_a_rejected_person_is_left_out_of_what_names_them(session: ReviewSession, seed_store: Store) -> None:
    quote = index_of(session, Kind.QUOTE)
    speaker = session[quote].data["speaker_id"]
    person = next(i for i, r in enumerate(session.records) if r.kind == Kind.ACTOR and r.id == speaker)
    event = session.event_record(session[quote].data["event_id"])
    assert event is not None
    session.decide(session.records.index(event), Decision.ACCEPTED)
    session.decide(quote, Decision.ACCEPTED)
    session.decide(person, Decision.REJECTED)
    doc, problems = session.build()
    assert not problems
    assert speaker not in {a["id"] for a in doc["actors"]}
    assert doc["quotes"][0]["speaker_id"] is None


def test_a_quote_of_an_event_not_accepted_keeps_anything_from_being_written(
    session: ReviewSession, seed_store: Store
) -> None:
    before = seed_store.count_events()
    session.decide(index_of(session, Kind.EVENT), Decision.REJECTED)
    quote = next(
        i for i, r in enumerate(session.records) if r.kind == Kind.QUOTE and r.data["event_id"] == session[1].id
    )
    session.decide(quote, Decision.ACCEPTED)
    session.decide(index_of(session, Kind.EVENT, 1), Decision.ACCEPTED)
    result = session.save(seed_store, "en")
    assert not result.saved and "belongs to an event you have not accepted" in result.problems[0]
    assert seed_store.count_events() == before and session.dirty


def test_a_refused_import_comes_back_as_its_problems_and_writes_nothing(
    session: ReviewSession, seed_store: Store
) -> None:
    before = seed_store.count_events()
    quote = index_of(session, Kind.QUOTE)
    session.repoint_quote(quote, "no-such-event")
    session.decide(quote, Decision.ACCEPTED)
    session.decide(index_of(session, Kind.EVENT), Decision.ACCEPTED)
    result = session.save(seed_store)
    assert not result.saved and any("no event 'no-such-event'" in p for p in result.problems)
    assert seed_store.count_events() == before


def test_accept_all_accepts_only_what_is_not_decided(session: ReviewSession) -> None:
    session.decide(1, Decision.REJECTED)
    count = session.accept_all_pending()
    assert count == len(session) - 2
    assert session[1].decision == Decision.REJECTED
    assert session.counts() == {Decision.PENDING: 0, Decision.ACCEPTED: len(session) - 2, Decision.REJECTED: 1}


# ---------------------------------------------------------------------------------------------- edits
def test_an_invalid_date_is_refused_with_a_reason_and_the_record_stays(session: ReviewSession) -> None:
    i = index_of(session, Kind.EVENT)
    before = dict(session[i].data)
    values = {f.name: f.value for f in fields_of(session, i)}
    problems = apply_edit(session, i, {**values, "date": "2026-13-40"})
    assert set(problems) == {"date"} and "is not a date" in problems["date"].message("en")
    assert "не дата" in problems["date"].message("uk")
    assert session[i].data == before and not session.dirty


def test_an_edit_changes_the_record(session: ReviewSession) -> None:
    i = index_of(session, Kind.EVENT)
    values = {f.name: f.value for f in fields_of(session, i)}
    edited = {
        **values,
        "date": "2026-02-11",
        "status": "planned",
        "status_as_of": "2026-02-12",
        "place": "Маямі",
        "duration_minutes": "300",
        "duration_qualifier": "about",
        "participants": "Віткофф, Рустем Умєров",
        "title": "Переговори в Маямі",
    }
    assert apply_edit(session, i, edited) == {}
    d = session[i].data
    assert (d["place"], d["status"], d["status_as_of"], d["title"]) == (
        "Маямі",
        "planned",
        "2026-02-12",
        edited["title"],
    )
    assert d["duration"]["minutes"] == 300 and d["participants"] == ["witkoff", "rustem-umierov"]
    assert session.dirty


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("title", "  ", "cannot be empty"),
        ("status_as_of", "12.02.2026", "is not a day"),
        ("duration_minutes", "п'ять", "not a number of minutes"),
        ("participants", "Віткофф, Невідомий Чоловік", "No one named «Невідомий Чоловік»"),
    ],
)
def test_each_bad_field_says_why(session: ReviewSession, field: str, value: str, words: str) -> None:
    i = index_of(session, Kind.EVENT)
    values = {f.name: f.value for f in fields_of(session, i)}
    problems = apply_edit(session, i, {**values, field: value})
    assert list(problems) == [field] and words in problems[field].message("en")


def test_a_planned_event_needs_the_day_its_status_is_known(session: ReviewSession) -> None:
    i = index_of(session, Kind.EVENT)
    values = {f.name: f.value for f in fields_of(session, i)}
    problems = apply_edit(session, i, {**values, "status": "planned", "status_as_of": ""})
    assert list(problems) == ["status_as_of"]


def test_a_quote_gets_another_event_and_speaker(session: ReviewSession) -> None:
    quote = index_of(session, Kind.QUOTE)
    session.repoint_quote(quote, "2026-01-22-moscow")
    session.set_speaker(quote, "putin")
    assert (session[quote].data["event_id"], session[quote].data["speaker_id"]) == ("2026-01-22-moscow", "putin")
    values = {f.name: f.value for f in fields_of(session, quote)}
    assert values["speaker_id"] == "putin"
    assert apply_edit(session, quote, {**values, "speaker_id": "", "given_as": "у телеграмі"}) == {}
    assert session[quote].data["speaker_id"] is None and session[quote].data["given_as"] == "у телеграмі"


# ---------------------------------------------------------------------------------------------- merging
def test_merging_into_a_stored_event_adds_the_citations_and_keeps_both_claims(
    session: ReviewSession, seed_store: Store
) -> None:
    i = event_titled(session, "лютий 2026 р. · заплановано", "Москва")
    drafted = session[i]
    quotes_before = [q.id for q in session.quotes_of(drafted.id)]
    stored = stored_event(seed_store, "2026-01-22-moscow")
    assert stored is not None
    nearby = [row.id for row in nearby_events(seed_store, drafted.data["date"], 5)]
    assert "2026-01-22-moscow" in nearby
    update = session.merge(i, stored)
    assert update.kind == Kind.UPDATE and update.id == "2026-01-22-moscow" and update.decision == Decision.ACCEPTED
    assert len(update.data["citations"]) == len(stored["citations"]) + len(drafted.spans)
    assert {c.field for c in update.conflicts} >= {"date"}
    claims = update.data["claims"]
    assert [c["value"] for c in claims if c["field"] == "date"] == ["2026-01-22", "2026-02"]
    assert [q.id for q in session.quotes_of("2026-01-22-moscow")] == quotes_before
    result = session.save(seed_store)
    assert result.saved and result.event_ids == ["2026-01-22-moscow"]
    detail = seed_store.event("2026-01-22-moscow")
    assert detail is not None and [c.field.value for c in detail.event.claims] == ["date", "date"]
    assert any(c.source_id == session.source_id for c in detail.event.citations)

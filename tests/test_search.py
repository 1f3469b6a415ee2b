"""Full-text search (chronology.db.search): a relevance table over the seed, the query language, index
upkeep on writes, highlights and snippets, the `search` command, and a fuzz test over arbitrary input."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from functools import cache

import pytest
from babel import Locale
from chronology.db.errors import StoreError
from chronology.db.models import Chronology, Event, Passage, Quote
from chronology.db.search import (
    Query,
    match_spans,
    parse_query,
    reindex,
    search,
    snippet,
)
from chronology.db.seeds import load_seed
from chronology.db.store import Store
from chronology.db.text import fold, tokens
from chronology.tui.cli import main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WITKOFF_EVENTS = {
    "2025-03-13-moscow",
    "2025-04-11-saint-petersburg",
    "2025-08-06-moscow",
    "2025-08-06-dmitriev-informal",
    "2025-12-02-moscow",
    "2026-davos-talks",
    "2026-01-21-witkoff-cnbc",
    "2026-01-22-moscow",
}
GENEVA_EVENTS = {"2025-autumn-geneva-consultations", "2025-autumn-plan-28-points", "2025-autumn-plan-20-points"}
DMITRIEV_EVENTS = {"2025-08-06-dmitriev-informal", "2026-davos-talks"}
KUSHNER_EVENTS = {"2025-12-02-moscow", "2026-01-22-moscow"}
CNBC = "2026-01-21-witkoff-cnbc"


def _extra_events(doc: Chronology) -> list[Event]:
    """Events whose summaries (free text, not quotes) carry the word forms and spellings the seed lacks."""
    source = doc.sources[0]
    neutral = "пише УНН"  # a passage that mentions none of the words the table looks for
    citation = Passage(source_id=source.id, offset=source.text.index(neutral), text=neutral)

    def event(eid: str, summary: str) -> Event:
        return Event(
            id=eid, kind="statement", date="2024-06-01", title=f"Тестова подія {eid}", summary=summary,
            citations=[citation],
        )  # fmt: skip

    return [
        event("x-meetings", "Кількість зустрічей зросла."),
        event("x-kyiv", "Делегація провела переговори у Києві."),
        event("x-latin-y", "Лист підписав Пyтін."),  # a Latin y inside the Cyrillic word, as typed by someone
        event("x-stress", "Обговорювали Же́неву."),  # a stress mark
        event("x-modifier-apostrophe", "Дали інтервʼю каналу."),  # U+02BC
        event("x-quote-host", "Подія без жодних згадок."),
    ]


@cache
def relevance_doc() -> Chronology:
    doc = load_seed()
    extra = _extra_events(doc)
    source = doc.sources[0]
    offset = source.text.index("конструктивними")
    quote = Quote(
        id="x-q", event_id="x-quote-host", speaker_id="ushakov", text="конструктивними", source_id=source.id,
        offset=offset,
    )  # fmt: skip
    return doc.model_copy(update={"events": [*doc.events, *extra], "quotes": [*doc.quotes, quote]})


@pytest.fixture
def store():
    s = Store.memory(relevance_doc())
    yield s
    s.close()


def event_ids(store: Store, query: str) -> set[str]:
    """Every event the query finds (through all hits, not only the first page)."""
    results = search(store, query, limit=None)
    ids = {h.event_id for h in results.hits}
    positions = {store.position(i) for i in ids}
    assert positions == set(results.event_positions), "hits and event_positions disagree"
    assert len(results.hits) == results.total_hits
    return ids


# query → events that must appear, events that must not
RELEVANCE = [
    # Case: never SQLite's ASCII-only folding.
    ("ПУТІН", {"2025-03-13-moscow", "2025-12-02-moscow", "x-latin-y"}, {"2025-autumn-plan-28-points", "x-kyiv"}),
    ("путін", {"2025-03-13-moscow", "x-latin-y"}, {"2025-autumn-geneva-consultations"}),
    # Word forms: every normal form is indexed.
    ("Путіна", {"2025-03-13-moscow", "2025-08-06-dmitriev-informal"}, {"x-kyiv", "2026-01-zelensky-bloomberg"}),
    ("Женева", GENEVA_EVENTS | {"x-stress"}, {"2025-03-13-moscow", "x-kyiv"}),
    ("зустріч", {"x-meetings", "2025-03-13-moscow"}, {"2025-autumn-plan-28-points", "x-kyiv"}),
    ("зустрічей", {"x-meetings", "2025-03-13-moscow"}, {"x-kyiv"}),
    ("Київ", {"x-kyiv", "2025-autumn-geneva-consultations"}, {"x-meetings", "2025-03-13-moscow"}),
    ("конструктивні", {"2025-04-11-saint-petersburg", "2026-davos-talks", "x-quote-host"}, {"2025-03-13-moscow"}),
    # Normalisation: apostrophes, Latin look-alikes, stress marks, in the query and in the text.
    ("інтерв’ю", {"2026-01-zelensky-bloomberg", "2026-01-21-witkoff-cnbc", "x-modifier-apostrophe"}, {"x-kyiv"}),
    ("ІНТЕРВʼЮ", {"2026-01-zelensky-bloomberg", "x-modifier-apostrophe"}, {"2025-03-13-moscow"}),
    ("інтерв`ю", {"2026-01-21-witkoff-cnbc", "x-modifier-apostrophe"}, {"2025-03-13-moscow"}),
    ("Пyтін", {"2025-03-13-moscow", "x-latin-y"}, {"x-kyiv"}),  # Latin y typed
    ("Kиїв", {"x-kyiv"}, {"x-meetings"}),  # Latin K typed
    ("Же́нева", GENEVA_EVENTS | {"x-stress"}, {"x-kyiv"}),
    # Aliases: an actor by any of their names.
    ("Уіткофф", WITKOFF_EVENTS, {"2025-autumn-geneva-consultations", "2026-01-zelensky-bloomberg"}),
    ("Віткофф", WITKOFF_EVENTS, {"2025-autumn-geneva-consultations", "x-kyiv"}),
    ("Witkoff", WITKOFF_EVENTS, {"2026-01-zelensky-bloomberg", "x-kyiv"}),
    ("Віткоффа", WITKOFF_EVENTS, {"2026-01-zelensky-bloomberg"}),
    ("Дмитрієв", DMITRIEV_EVENTS, {"2025-03-13-moscow", "2025-12-02-moscow"}),
    ("дмітрієв", DMITRIEV_EVENTS, {"2025-03-13-moscow", "2025-12-02-moscow"}),
    ("Ушаков", {"2025-04-11-saint-petersburg"}, {"2025-03-13-moscow"}),
    # Syntax: all words must match …
    ("Кушнер Москва", KUSHNER_EVENTS, {"2025-03-13-moscow", "2026-davos-talks"}),
    ("Віткофф Давос", {"2026-davos-talks"}, {"2025-03-13-moscow", "2025-08-06-dmitriev-informal"}),
    # … an exact phrase, word for word, in order …
    ('"у Женеві"', {"2025-autumn-geneva-consultations", "2025-autumn-plan-28-points"}, {"x-stress"}),
    ("«у Женеві»", {"2025-autumn-geneva-consultations"}, {"x-stress"}),
    ('"Женеві у"', set(), GENEVA_EVENTS),
    ('"Женева"', {"2025-autumn-geneva-consultations"}, {"2025-autumn-plan-28-points"}),  # exact: not "Женеві"
    # … OR …
    ("Кушнер OR Дмітрієв", KUSHNER_EVENTS | DMITRIEV_EVENTS, {"2025-03-13-moscow"}),
    ("Кушнер АБО Дмітрієв", KUSHNER_EVENTS | DMITRIEV_EVENTS, {"2025-03-13-moscow"}),
    ("Давос OR Женева путін", {"2026-davos-talks"}, {"2025-autumn-geneva-consultations", "2025-03-13-moscow"}),
    # … -word leaves out every event that mentions it anywhere (participants included) …
    # (the CNBC interview names Kushner in its summary and a passage)
    ("Віткофф -Кушнер", WITKOFF_EVENTS - KUSHNER_EVENTS - {CNBC}, KUSHNER_EVENTS | {CNBC}),
    ("Москва -Кушнер -путін", set(), {"2025-03-13-moscow", *KUSHNER_EVENTS}),
    (
        'путін -"у Москві"',
        {"2025-04-11-saint-petersburg", "2025-03-13-moscow"},
        {"2025-12-02-moscow", "2025-08-06-moscow"},
    ),
    # … and prefixes.
    ("конструктив*", {"2025-04-11-saint-petersburg", "2026-davos-talks"}, {"2025-03-13-moscow"}),
    ("Женев*", GENEVA_EVENTS | {"x-stress"}, {"2025-03-13-moscow"}),
    ("київ*", {"x-kyiv", "2025-autumn-geneva-consultations"}, {"2025-03-13-moscow"}),  # prefix of a normal form
    ('"у Жен"*', {"2025-autumn-geneva-consultations"}, {"x-stress"}),
    # Anything else is literal text.
    ("NEAR(путін", set(), {"2025-03-13-moscow"}),
    ("путін NOT", set(), {"2025-03-13-moscow"}),
    ("{qx}: путін", set(), {"2025-03-13-moscow"}),  # no column filter: the word "qx" is nowhere
    ("20-пунктну", {"2025-autumn-plan-28-points", "2025-autumn-plan-20-points"}, {"2025-03-13-moscow"}),
]


@pytest.mark.parametrize(("query", "must", "must_not"), RELEVANCE, ids=[r[0] for r in RELEVANCE])
def test_relevance(store: Store, query: str, must: set[str], must_not: set[str]) -> None:
    found = event_ids(store, query)
    assert must <= found, f"missing: {sorted(must - found)}"
    assert not (must_not & found), f"unexpected: {sorted(must_not & found)}"


def test_relevance_table_covers_each_rule() -> None:
    queries = [r[0] for r in RELEVANCE]
    for syntax in ('"', "OR", " -", "*"):
        assert any(syntax in q for q in queries), syntax


def test_quotes_rank_above_background_text(store: Store) -> None:
    results = search(store, "конструктивними")
    assert results.hits[0].kind == "quote"
    assert {h.kind for h in results.hits} >= {"quote", "passage"}
    first_background = next(i for i, h in enumerate(results.hits) if h.kind != "quote")
    assert all(h.kind == "quote" for h in results.hits[:first_background])
    quote = results.hits[0]
    assert quote.speaker_id == "ushakov"
    assert quote.field == "text"


def test_participant_hits_come_after_text_hits(store: Store) -> None:
    results = search(store, "Кушнер", limit=None)
    kinds = [h.kind for h in results.hits]
    assert "actor" in kinds
    first_actor = kinds.index("actor")
    assert set(kinds[first_actor:]) == {"actor"}
    assert {h.event_id for h in results.hits if h.kind == "actor"} == KUSHNER_EVENTS
    assert all(h.field == "participants" for h in results.hits[first_actor:])


def test_hit_fields(store: Store) -> None:
    results = search(store, "Ушаков конструктивними")
    assert results.hits
    for hit in results.hits:
        detail = store.event(hit.event_id)
        assert detail is not None
        assert hit.event_date == detail.event.date
        assert hit.event_pos == detail.pos
        assert hit.kind in ("quote", "event", "passage", "actor")
        assert hit.field in ("text", "title", "summary", "outcome", "place", "participants", "citation")
        for s, e in hit.spans:
            assert 0 <= s < e <= len(hit.snippet)
    ranks = [h.rank for h in results.hits if h.kind != "actor"]
    assert ranks == sorted(ranks)


def test_hit_text_is_the_records_original_text(store: Store) -> None:
    for hit in search(store, "путін", limit=None).hits:
        detail = store.event(hit.event_id)
        assert detail is not None
        e = detail.event
        if hit.kind == "quote":
            assert hit.text in {q.text for q in detail.quotes}
            assert hit.speaker_id == next(q.speaker_id for q in detail.quotes if q.id == hit.ref)
        elif hit.kind == "passage":
            assert hit.text in {c.text for c in e.citations}
        elif hit.kind == "event":
            assert hit.text == getattr(e, hit.field if hit.lang == "uk" else f"{hit.field}_en")
        else:
            assert hit.text.startswith(detail.actors[hit.ref].name_uk)
        assert hit.spans, (hit.kind, hit.field, hit.text)


def test_limit_total_and_positions(store: Store) -> None:
    everything = search(store, "путін", limit=None)
    page = search(store, "путін", limit=3)
    assert len(page.hits) == 3
    assert page.total_hits == everything.total_hits == len(everything.hits)
    assert list(page.event_positions) == list(everything.event_positions) == sorted(set(everything.event_positions))
    assert page.hits == everything.hits[:3]
    assert search(store, "путін", limit=0).hits == []
    assert search(store, "путін", limit=0).total_hits == everything.total_hits


def test_nothing_found_and_empty_queries(store: Store) -> None:
    for text in ("", "   ", "!!!", '""', "-", "*", "-путін", '-"у Женеві"'):
        q = parse_query(text)
        assert q.is_empty, text
        results = search(store, text)
        assert (results.hits, results.total_hits, list(results.event_positions)) == ([], 0, [])
    assert search(store, "абракадабра").total_hits == 0


# ----------------------------------------------------------------------------------- the query language
def test_parse_query() -> None:
    q = parse_query('Путіна "у Женеві" зустр* -Кушнер Віткофф OR Witkoff')
    words = [[(t.keys, t.exact, t.prefix) for t in g] for g in q.groups]
    assert words == [
        [(("путіна",), False, False)],
        [(("у", "женеві"), True, False)],
        [(("зустр",), False, True)],
        [(("віткофф",), False, False), (("witkoff",), False, False)],
    ]
    assert [t.keys for t in q.excluded] == [("кушнер",)]


@pytest.mark.parametrize("text", ["OR", "OR путін", "путін OR", "путін OR OR Москва", "-путін OR Москва"])
def test_stray_or_is_a_word(text: str) -> None:
    q = parse_query(text)
    assert ("or",) in [t.keys for g in q.groups for t in g]


def test_unclosed_quote_is_a_phrase_to_the_end() -> None:
    q = parse_query('путін "у Женеві')
    assert [t.keys for g in q.groups for t in g] == [("путін",), ("у", "женеві")]


def test_query_is_the_same_object_for_search(store: Store) -> None:
    q = parse_query("Путіна")
    assert isinstance(q, Query)
    assert search(store, q).total_hits == search(store, "Путіна").total_hits


# ----------------------------------------------------------------------------------- highlights, snippets
def test_match_spans_words_forms_phrases_prefixes() -> None:
    text = "Віткофф зустрівся з Путіним у Женеві; зустрічей було чотири. Інтерв’ю — CNBC."
    assert [text[s:e] for s, e in match_spans("путін", text)] == ["Путіним"]
    assert [text[s:e] for s, e in match_spans("Женева", text)] == ["Женеві"]
    assert [text[s:e] for s, e in match_spans('"у Женеві"', text)] == ["у Женеві"]
    assert [text[s:e] for s, e in match_spans("зустр*", text)] == ["зустрівся", "зустрічей"]
    assert [text[s:e] for s, e in match_spans("інтерв'ю", text)] == ["Інтерв’ю"]
    assert [text[s:e] for s, e in match_spans("путін -Женева", text)] == ["Путіним"]
    assert match_spans("Москва", text) == []
    assert match_spans("", text) == []


def test_match_spans_of_an_expanded_query_highlight_aliases(store: Store) -> None:
    results = search(store, "Дмитрієв")
    assert results.parsed is not None
    text = "Неформальна зустріч Віткоффа з Кирилом Дмітрієвим"
    assert [text[s:e] for s, e in match_spans(results.parsed, text)] == ["Дмітрієвим"]


def test_snippet_cuts_around_the_first_match() -> None:
    text = " ".join(f"слово{i}" for i in range(40)) + " Женеві " + " ".join(f"хвіст{i}" for i in range(40))
    spans = match_spans("Женева", text)
    snip, moved = snippet(text, spans)
    assert snip.startswith("…") and snip.endswith("…")
    assert len(tokens(snip)) <= 11
    assert [snip[s:e] for s, e in moved] == ["Женеві"]


def test_snippet_of_short_text_is_the_text_on_one_line() -> None:
    text = "Зустріч\nу Женеві"
    snip, moved = snippet(text, match_spans("Женева", text))
    assert snip == "Зустріч у Женеві"
    assert [snip[s:e] for s, e in moved] == ["Женеві"]


# ----------------------------------------------------------------------------------- index upkeep
def _integrity(store: Store) -> None:
    store.conn.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)")
    rows = store.conn.execute("SELECT count(*) FROM search_rows").fetchone()[0]
    fts = store.conn.execute("SELECT count(*) FROM search_fts").fetchone()[0]
    assert rows == fts


def test_upsert_replaces_index_rows(store: Store) -> None:
    before = store.conn.execute("SELECT count(*) FROM search_rows").fetchone()[0]
    detail = store.event("2025-03-13-moscow")
    assert detail is not None
    changed = detail.event.model_copy(update={"title": "Перша зустріч у Стамбулі"})
    store.write(Chronology(events=[changed]))
    assert "2025-03-13-moscow" in event_ids(store, "Стамбул")
    hits = search(store, "Москві", limit=None).hits
    assert not [h for h in hits if h.event_id == "2025-03-13-moscow" and h.field == "title" and h.lang == "uk"]
    assert store.conn.execute("SELECT count(*) FROM search_rows").fetchone()[0] == before
    _integrity(store)


def test_quote_upsert_and_move(store: Store) -> None:
    q = next(q for q in store.quotes() if q.id == "q-ushakov-constructive")
    store.write(Chronology(quotes=[q.model_copy(update={"event_id": "2025-03-13-moscow"})]))
    hits = [h for h in search(store, "конструктивними", limit=None).hits if h.ref == "q-ushakov-constructive"]
    assert [h.event_id for h in hits] == ["2025-03-13-moscow"]
    store.write(Chronology(quotes=[q]))
    store.write(Chronology(quotes=[q]))
    hits = [h for h in search(store, "конструктивними", limit=None).hits if h.ref == "q-ushakov-constructive"]
    assert [h.event_id for h in hits] == ["2025-04-11-saint-petersburg"]
    _integrity(store)


def test_new_alias_is_found_after_actor_upsert(store: Store) -> None:
    assert event_ids(store, "Віткоффенко") == set()
    actor = next(a for a in store.actors() if a.id == "witkoff")
    store.write(Chronology(actors=[actor.model_copy(update={"aliases": [*actor.aliases, "Віткоффенко"]})]))
    found = event_ids(store, "Віткоффенко")
    assert found >= WITKOFF_EVENTS  # as a participant, and every other name of his in the texts
    assert found == event_ids(store, "Віткофф")
    _integrity(store)


def test_deleting_records_anywhere_deletes_their_index_rows(store: Store) -> None:
    with store.transaction():
        store.conn.execute("DELETE FROM quotes WHERE id = 'x-q'")
        store.conn.execute("DELETE FROM events WHERE id = 'x-kyiv'")
    assert "x-quote-host" not in event_ids(store, "конструктивними")
    assert "x-kyiv" not in event_ids(store, "Київ")
    orphans = store.conn.execute("SELECT count(*) FROM search_rows WHERE ref IN ('x-q', 'x-kyiv')").fetchone()[0]
    assert orphans == 0
    _integrity(store)


def test_index_update_is_all_or_nothing(store: Store) -> None:
    detail = store.event("2025-03-13-moscow")
    assert detail is not None
    changed = detail.event.model_copy(update={"title": "Перша зустріч у Стамбулі"})
    with pytest.raises(RuntimeError), store.transaction():
        store._write(Chronology(events=[changed]))
        raise RuntimeError("the import fails after the index was updated")
    assert event_ids(store, "Стамбул") == set()
    assert "2025-03-13-moscow" in event_ids(store, "Москві")
    _integrity(store)


def test_reindex_gives_the_same_results(store: Store) -> None:
    queries = ["путін", "Женева", '"у Женеві"', "зустр*", "Уіткофф -Кушнер"]
    before = {q: [(h.event_id, h.kind, h.field, h.ref) for h in search(store, q, limit=None).hits] for q in queries}
    reindex(store)
    after = {q: [(h.event_id, h.kind, h.field, h.ref) for h in search(store, q, limit=None).hits] for q in queries}
    assert after == before
    _integrity(store)


def test_file_store_is_indexed_when_built(seed_db_path) -> None:
    with Store.open(seed_db_path) as s:
        assert {"2025-autumn-geneva-consultations"} <= {h.event_id for h in search(s, "Женева").hits}


def test_store_without_index_says_so(seed_db_path) -> None:
    conn = sqlite3.connect(seed_db_path)
    conn.executescript("DROP TABLE search_fts; DROP TABLE search_rows;")
    conn.close()
    with Store.open(seed_db_path) as s:
        with pytest.raises(StoreError, match="no search index"):
            search(s, "Женева")
        reindex(s)
        assert search(s, "Женева").total_hits > 0


def test_search_does_not_load_pymorphy_or_numpy_at_import() -> None:
    code = (
        "import sys, chronology.db.search, chronology.db.store, chronology.tui.cli; "
        "assert 'pymorphy3' not in sys.modules, 'pymorphy3 loaded at import'; "
        "assert 'numpy' not in sys.modules, 'numpy loaded at import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_search_from_threads(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    queries = ["путін", "Женева", "Уіткофф", "зустр*"] * 5
    expected = {q: search(store, q).total_hits for q in set(queries)}
    with ThreadPoolExecutor(4) as pool:
        totals = list(pool.map(lambda q: (q, search(store, q).total_hits), queries))
    assert all(expected[q] == n for q, n in totals)


# ----------------------------------------------------------------------------------- fuzz
@cache
def fuzz_store() -> Store:
    return Store.memory(relevance_doc())


SYNTAX = ['"', "«", "»", "“", "”", "„", "-", "*", "OR", "АБО", "AND", "NOT", "NEAR(", "(", ")", "{", "}", ":", "^",
          "+", "'", "’", "ʼ", "\\", "\x00", "путін", "Женева", "qx", " ", "  ", "\n"]  # fmt: skip


def _check_never_raises(text: str) -> None:
    store = fuzz_store()
    results = search(store, text, limit=5)
    assert results.total_hits >= len(results.hits)
    assert list(results.event_positions) == sorted(set(results.event_positions))
    for hit in results.hits:
        for s, e in hit.spans:
            assert 0 <= s < e <= len(hit.snippet)
    for s, e in match_spans(text, "Віткофф зустрівся з путіним у Женеві"):
        assert 0 <= s < e


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_fuzz_arbitrary_unicode_never_raises(text: str) -> None:
    _check_never_raises(text)


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=4)), max_size=12).map("".join))
def test_fuzz_query_syntax_never_raises(text: str) -> None:
    _check_never_raises(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted({t.key for e in load_seed().events for t in tokens(e.title)})))
def test_every_title_word_finds_its_event(word: str) -> None:
    store = fuzz_store()
    ids = {h.event_id for h in search(store, word, limit=None).hits}
    titled = {e.id for e in relevance_doc().events if word in {t.key for t in tokens(e.title)}}
    assert titled <= ids, fold(word)


# ----------------------------------------------------------------------------------- the command
def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_cli_lines(seed_db_path) -> None:
    code, out = run("search", "--db", str(seed_db_path), "конструктивними")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "11 квітня 2025 р.  [цитата] Юрій Ушаков: конструктивними  (2025-04-11-saint-petersburg)"
    assert "\x1b[" not in out  # not a terminal: no ANSI
    assert lines[-1] == "6 збігів · 2 події"


def test_cli_plural_forms(seed_db_path, tmp_path, tiny_doc) -> None:
    tiny = tmp_path / "tiny.db"
    Store.build(tiny, tiny_doc).close()
    _, out = run("search", "--db", str(tiny), "Ушаков")  # one cited passage names him
    assert out.strip().splitlines()[-1] == "1 збіг · 1 подія"
    _, out = run("search", "--db", str(tiny), "--lang", "en", "Ушаков")
    assert out.strip().splitlines()[-1] == "1 hit · 1 event"
    _, out = run("search", "--db", str(seed_db_path), "нелегітимність")
    assert out.strip().splitlines()[-1] == "3 збіги · 1 подія"
    _, out = run("search", "--db", str(seed_db_path), "--lang", "en", "Давосі")
    assert out.strip().splitlines()[-1] == "6 hits · 2 events"
    _, out = run("search", "--db", str(seed_db_path), "--limit", "2", "путін")
    with Store.open(seed_db_path) as s:
        results = search(s, "путін", limit=None)
    total, events = results.total_hits, results.total_events
    word = {"one": "збіг", "few": "збіги", "many": "збігів"}[Locale.parse("uk").plural_form(total)]
    in_events = {"one": "подія", "few": "події", "many": "подій"}[Locale.parse("uk").plural_form(events)]
    assert out.strip().splitlines()[-1].startswith(f"{total} {word} · {events} {in_events} (показано перші 2")


def test_cli_color_always(seed_db_path) -> None:
    _, out = run("search", "--db", str(seed_db_path), "--color", "always", "конструктивними")
    assert "\x1b[1mконструктивними\x1b[0m" in out


def test_cli_json(seed_db_path) -> None:
    code, out = run("search", "--db", str(seed_db_path), "--json", "--limit", "3", "путін")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 3
    for hit in hits:
        assert {"event_id", "event_date", "kind", "speaker", "text", "snippet"} <= set(hit)
        assert hit["kind"] in ("quote", "event", "passage", "actor")
    _, out = run("search", "--db", str(seed_db_path), "--json", "конструктивними")
    first = json.loads(out)[0]
    assert (first["kind"], first["speaker"], first["event_date"]) == ("quote", "ushakov", "2025-04-11")
    _, out = run("search", "--db", str(seed_db_path), "--json", "абракадабра")
    assert json.loads(out) == []


def test_cli_exclusion_needs_no_double_dash(seed_db_path) -> None:
    code, out = run("search", "--db", str(seed_db_path), "--json", "--limit", "0", "Віткофф", "-Кушнер")
    assert code == 0
    assert not {h["event_id"] for h in json.loads(out)} & KUSHNER_EVENTS


@pytest.mark.parametrize("argv", [[], [""], ["   "], ["-Кушнер"], ["!!!"]])
def test_cli_empty_query_is_a_usage_error(seed_db_path, argv: list[str], capsys) -> None:
    code, out = run("search", "--db", str(seed_db_path), *argv)
    assert code == 2
    assert out == ""
    err = capsys.readouterr().err
    assert err.startswith("chronology: помилка: нічого шукати") and err.count("\n") == 1


def test_cli_bad_limit(seed_db_path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        run("search", "--db", str(seed_db_path), "--limit", "-1", "путін")
    assert exc.value.code == 2


def test_cli_reindex(seed_db_path) -> None:
    conn = sqlite3.connect(seed_db_path)
    conn.executescript("DROP TABLE search_fts; DROP TABLE search_rows;")
    conn.close()
    code, _ = run("search", "--db", str(seed_db_path), "Женева")
    assert code == 1
    code, out = run("search", "--db", str(seed_db_path), "--reindex")
    assert (code, out) == (0, "Пошуковий індекс перебудовано.\n")
    code, out = run("search", "--db", str(seed_db_path), "--reindex", "Женева")
    assert code == 0
    assert "Консультації з європейськими союзниками та Києвом у Женеві" in out


def _has_insert_trigger(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_rows_ai'").fetchone() is not None


def test_large_import_into_a_small_store_builds_the_index_in_bulk(tiny_store: Store) -> None:
    assert event_ids(tiny_store, "Женева") == set()
    with pytest.raises(RuntimeError), tiny_store.transaction():
        tiny_store._write(load_seed())  # more new rows than the store has: the bulk path
        raise RuntimeError("the import fails")
    assert _has_insert_trigger(tiny_store)  # the rollback restored it
    assert event_ids(tiny_store, "Женева") == set()
    tiny_store.write(load_seed())
    assert _has_insert_trigger(tiny_store)
    assert event_ids(tiny_store, "Женева") >= GENEVA_EVENTS
    assert {"m1", "2025-04-11-saint-petersburg"} <= event_ids(tiny_store, "конструктивними")
    _integrity(tiny_store)
    # A small write afterwards goes row by row through the trigger again.
    detail = tiny_store.event("m2")
    assert detail is not None
    tiny_store.write(Chronology(events=[detail.event.model_copy(update={"title": "Зустріч у Стамбулі"})]))
    assert event_ids(tiny_store, "Стамбул") == {"m2"}
    _integrity(tiny_store)

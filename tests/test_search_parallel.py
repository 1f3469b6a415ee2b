"""How a search runs fast without changing what it finds: the side connections it reads on in parallel
(and its falling back to one connection), the bm25 of one prefix worked out in Python, and the word list
(``search_terms``) that spells prefixes out."""

from __future__ import annotations

import importlib.util
import sqlite3
from functools import cache
from pathlib import Path

import pytest
from chronology.db.errors import SearchCancelled
from chronology.db.models import Chronology
from chronology.db.search import (
    SearchResults,
    engine,
    fts_expression,
    has_index,
    morphology,
    parse_query,
    rank,
    reindex,
    search,
    warm_up,
)
from chronology.db.search.engine import _matching_events, _state
from chronology.db.search.query import prefix_expander
from chronology.db.search.rank import bm25_idf, one_prefix_words, rank_one_prefix
from chronology.db.search.schema import ACTOR_BASE
from chronology.db.store import SCHEMA_VERSION, Store
from chronology.db.store import schema as store_schema

from tests.test_search import relevance_doc

QUERIES = ["путін", "Женева", '"у Женеві"', "зустр*", "Уіткофф -Кушнер", "перегов* -Москва", "Віткофф OR Кушнер"]
PREFIXES = ["зустр*", "перегов*", "Женев*", "конструктив*", "київ*", "мир*", "віт*", "Ві*", "з*", "witk*", "2025*"]


@cache
def synthetic_doc() -> Chronology:
    """300 events of benchmarks/synth.py: many hits per word, so the ranking has candidates to choose from."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "synth.py"
    spec = importlib.util.spec_from_file_location("chronology_bench_synth", path)
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    doc: Chronology = synth.generate(300)
    return doc


@pytest.fixture(scope="module", params=["relevance", "synthetic"])
def memory_store(request):
    s = Store.memory(relevance_doc() if request.param == "relevance" else synthetic_doc())
    yield s
    s.close()


@pytest.fixture
def file_store(tmp_path: Path):
    path = tmp_path / "store.db"
    Store.build(path, relevance_doc()).close()
    s = Store.open(path)
    yield s
    s.close()


def _summary(results: SearchResults) -> tuple:
    hits = [(h.event_id, h.kind, h.field, h.lang, h.ref, h.rank, h.snippet, h.spans) for h in results.hits]
    return hits, results.total_hits, results.event_positions


def _expressions(store: Store, text: str) -> tuple[str, list[str], str]:
    """(the prefix spelled out as words, those words, the prefix as FTS5 sees it) for a one-prefix query."""
    q = parse_query(text)
    expand = prefix_expander(store.conn)
    words = one_prefix_words(q, expand)
    assert words is not None
    return fts_expression(q.groups, expand), words, fts_expression(q.groups)


# ------------------------------------------------------------------------------- bm25 of one prefix
@pytest.mark.parametrize("text", PREFIXES)
@pytest.mark.parametrize("limit", [1, 5, 50, 3000])
@pytest.mark.parametrize("candidates", [rank.RANK_CANDIDATES, 30])
def test_one_prefix_ranking_is_fts5s_bm25(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch, text: str, limit: int, candidates: int
) -> None:
    monkeypatch.setattr(rank, "RANK_CANDIDATES", candidates)  # 30: fewer than the hits, a cut
    conn = memory_store.conn
    expr, words, as_prefix = _expressions(memory_store, text)
    assert expr != as_prefix, "the prefix was not spelled out"
    fts5 = rank.rank(conn, as_prefix, set(), limit)
    events, _, actor_rows = _matching_events(conn, _state(memory_store), expr)
    idf = bm25_idf(conn, len(events) + actor_rows)
    ours = [(rowid, score * idf, row) for rowid, score, row in rank_one_prefix(conn, expr, words, set(), limit)]
    assert ours == fts5  # the same rows in the same order, with bit-for-bit the same scores


def test_the_prefixes_compared_find_something() -> None:
    with Store.memory(relevance_doc()) as s:
        assert all(search(s, text).total_hits for text in PREFIXES)
    with Store.memory(synthetic_doc()) as s:  # more hits than 4 × 5 or 30 candidates: cuts are compared too
        assert all(search(s, text, limit=0).total_hits > 30 for text in ["зустр*", "перегов*", "з*", "мир*"])


def test_one_prefix_ranking_leaves_out_excluded_events(memory_store: Store) -> None:
    conn = memory_store.conn
    expr, words, as_prefix = _expressions(memory_store, "зустр*")
    moscow = fts_expression(parse_query("Москві").groups)
    excluded = set(_matching_events(conn, _state(memory_store), moscow)[0].tolist())
    assert excluded
    ours = [rowid for rowid, _, _ in rank_one_prefix(conn, expr, words, excluded, 50)]
    assert ours == [rowid for rowid, _, _ in rank.rank(conn, as_prefix, excluded, 50)]


def test_search_ranks_one_prefix_by_fts5s_bm25(memory_store: Store) -> None:
    """search() itself, not only its parts: the hits' ranks are FTS5's bm25 of the prefix."""
    results = search(memory_store, "зустр*", limit=20)
    _, _, as_prefix = _expressions(memory_store, "зустр*")
    fts5 = [score for _, score, row in rank.rank(memory_store.conn, as_prefix, set(), 20) if row is not None]
    assert [h.rank for h in results.hits if h.kind != "actor"] == fts5[: len(results.hits)]


# ------------------------------------------------------------------------------- side connections
def test_side_readers_of_a_file_store(file_store: Store) -> None:
    sides = file_store.side_readers(2)
    assert len(sides) == 2 and sides[0] is not sides[1] and file_store.conn not in sides
    assert file_store.side_readers(2) == sides  # opened once, kept
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        sides[0].execute("DELETE FROM events")
    file_store.close()
    assert file_store.side_readers(2) == []
    with pytest.raises(sqlite3.ProgrammingError):
        sides[0].execute("SELECT 1")


def test_memory_store_has_no_side_readers() -> None:
    with Store.memory(relevance_doc()) as s:
        assert s.side_readers(2) == []


def _one_connection(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "side_readers", lambda count: [])


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("limit", [0, 3, 50, None])
def test_parallel_search_finds_what_one_connection_finds(
    file_store: Store, monkeypatch: pytest.MonkeyPatch, text: str, limit: int | None
) -> None:
    submitted: list[object] = []
    real_pool = engine._search_pool

    class Spy:
        def submit(self, fn, *args):
            submitted.append(fn)
            return real_pool().submit(fn, *args)

    monkeypatch.setattr(engine, "_search_pool", Spy)
    parallel = _summary(search(file_store, text, limit=limit))
    assert len(submitted) == 2, "the search did not run its side reads"
    with monkeypatch.context() as m:
        _one_connection(file_store, m)
        assert _summary(search(file_store, text, limit=limit)) == parallel
    assert parallel[1] > 0


def test_store_changed_meanwhile_searches_again_on_one_connection(
    file_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _summary(search(file_store, "зустр*"))
    versions = iter(range(1000))
    monkeypatch.setattr(engine, "_data_version", lambda conn: next(versions))  # changes every time
    calls: list[sqlite3.Connection] = []
    real = engine._matching_events

    def spy(conn, state, expr):
        calls.append(conn)
        return real(conn, state, expr)

    monkeypatch.setattr(engine, "_matching_events", spy)
    assert _summary(search(file_store, "зустр*")) == expected
    assert calls == [file_store.conn]


def test_failed_side_read_is_done_again_on_the_main_connection(
    file_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _summary(search(file_store, "Уіткофф"))
    sides = file_store.side_readers(2)
    real = engine._event_hits

    def failing(conn, expr, lo=0, hi=ACTOR_BASE):
        if conn in sides:
            raise sqlite3.OperationalError("disk I/O error")
        return real(conn, expr, lo, hi)

    monkeypatch.setattr(engine, "_event_hits", failing)
    assert _summary(search(file_store, "Уіткофф")) == expected


def test_search_inside_a_transaction_sees_its_changes(file_store: Store) -> None:
    """Side connections see committed data only: inside a transaction the search stays on the store's own."""
    detail = file_store.event("2025-03-13-moscow")
    assert detail is not None
    changed = detail.event.model_copy(update={"title": "Перша зустріч у Стамбулі"})
    with file_store.transaction():
        file_store._write(Chronology(events=[changed]))
        assert {h.event_id for h in search(file_store, "Стамбул").hits} == {"2025-03-13-moscow"}
    assert {h.event_id for h in search(file_store, "Стамбул").hits} == {"2025-03-13-moscow"}


def test_search_sees_another_processs_commit(file_store: Store, tmp_path: Path) -> None:
    assert search(file_store, "Стамбул").total_hits == 0
    other = Store.open(file_store.path)
    detail = other.event("2025-03-13-moscow")
    assert detail is not None
    other.write(Chronology(events=[detail.event.model_copy(update={"title": "Перша зустріч у Стамбулі"})]))
    other.close()
    results = search(file_store, "Стамбул")
    assert {h.event_id for h in results.hits} == {"2025-03-13-moscow"} and results.total_hits == 1


# ------------------------------------------------------------------------------- the word list
def _vocabulary(store: Store) -> set[str]:
    store.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, search_fts, row)")
    return {t for (t,) in store.conn.execute("SELECT term FROM temp.v")}


def _terms(store: Store) -> set[str]:
    return {t for (t,) in store.conn.execute("SELECT term FROM search_terms")}


def test_word_list_is_the_index_vocabulary(memory_store: Store) -> None:
    assert _terms(memory_store) == _vocabulary(memory_store)


def test_word_list_follows_writes_and_reindex() -> None:
    with Store.memory(relevance_doc()) as s:
        detail = s.event("2025-03-13-moscow")
        assert detail is not None
        s.write(Chronology(events=[detail.event.model_copy(update={"title": "Зустріч у Трабзоні"})]))
        assert "трабзоні" in _terms(s)
        assert {h.event_id for h in search(s, "Трабз*").hits} == {"2025-03-13-moscow"}
        assert _terms(s) >= _vocabulary(s)  # words of the old title may linger; they match nothing
        reindex(s)
        assert _terms(s) == _vocabulary(s)


def test_upgrade_from_schema_1_adds_the_word_list(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Store.build(path, relevance_doc()).close()
    with Store.open(path) as s:
        before = {q: _summary(search(s, q)) for q in QUERIES}
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE search_terms")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        assert s.backup is not None and s.backup.exists()
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert _terms(s) == _vocabulary(s)
        assert {q: _summary(search(s, q)) for q in QUERIES} == before


def test_upgrade_of_a_store_without_search_index(tmp_path: Path) -> None:
    path = tmp_path / "bare.db"
    Store.build(path, relevance_doc()).close()
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE search_fts; DROP TABLE search_rows; DROP TABLE search_terms; PRAGMA user_version = 1;"
    )
    conn.close()
    with Store.open(path) as s:
        assert not has_index(s.conn)
        reindex(s)
        assert search(s, "зустр*").total_hits > 0 and _terms(s) == _vocabulary(s)
    assert 1 in store_schema.MIGRATIONS


def test_warm_up_loads_what_a_first_search_needs(file_store: Store) -> None:
    warm_up(file_store)
    assert morphology._morph is not None
    assert file_store in engine._states and len(file_store._side) == 2
    assert search(file_store, "зустр*").total_hits > 0


def test_a_search_its_caller_no_longer_wants_stops_between_its_reads(file_store: Store) -> None:
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 1  # wanted for the first read, not after

    with pytest.raises(SearchCancelled):
        search(file_store, "переговори Москва", typing=True, cancelled=cancelled)
    assert search(file_store, "переговори Москва", typing=True, cancelled=lambda: False).total_hits > 0


def test_an_interrupted_read_stops_at_once_and_leaves_the_store_usable(file_store: Store) -> None:
    side = file_store.side_readers(1)
    for conn in [file_store.conn, *side]:
        conn.create_function("interrupt_me", 0, lambda: file_store.interrupt() or 0)
        slow = "WITH RECURSIVE n(i) AS (SELECT interrupt_me() UNION ALL SELECT i + 1 FROM n WHERE i < 50000000)"
        with pytest.raises(sqlite3.OperationalError, match="interrupt"):
            conn.execute(slow + " SELECT count(*) FROM n").fetchone()
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0


def test_what_a_search_keeps_is_read_where_a_newer_query_does_not_interrupt_it(file_store: Store) -> None:
    steady = file_store.steady_reader()
    assert steady is not file_store.conn and steady not in file_store.side_readers(2)
    assert file_store.steady_reader() is steady  # opened once, kept
    steady.create_function("interrupt_me", 0, lambda: file_store.interrupt() or 0)
    counted = "WITH RECURSIVE n(i) AS (SELECT interrupt_me() UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
    assert steady.execute(counted + " SELECT count(*) FROM n").fetchone()[0] == 100001


def test_a_store_in_memory_keeps_its_sets_on_its_own_connection() -> None:
    with Store.memory(relevance_doc()) as s:
        assert s.steady_reader() is s.conn

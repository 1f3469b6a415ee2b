"""`chronology check`: the bundled store is clean; a store whose source words were changed is not, and each
finding names the record and the field; the rules hold for any edit (hypothesis); an old store upgrades
untouched and reports what the old seed got wrong."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from chronology.db.check import document_findings
from chronology.db.models import Chronology, parse_document
from chronology.db.seeds import seed_files
from chronology.db.store import SCHEMA_VERSION, Store
from chronology.db.text import verbatim_in
from chronology.tui.cli import main as cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DATA = Path(__file__).parent / "data"


def check(db: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli(["--db", str(db), "--lang", "en", "check", *args], out=out)
    return code, out.getvalue()


def sql(db: Path, statement: str, *params: object) -> None:
    conn = sqlite3.connect(db)
    conn.execute(statement, params)
    conn.commit()
    conn.close()


# ---------------------------------------------------------------------- the command
def test_the_bundled_store_is_clean(seed_db_path: Path):
    code, out = check(seed_db_path)
    assert code == 0
    assert out.startswith("No findings: ") and out.endswith(" records checked.\n")
    code, out = check(seed_db_path, "--json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize(
    ("statement", "where"),
    [
        ("UPDATE events SET date_phrase = 'наприкінці липня' WHERE id = '2026-01-22-moscow'", "2026-01-22-moscow"),
        ("UPDATE events SET duration_phrase = 'понад 13 годин' WHERE id = '2025-03-13-moscow'", "2025-03-13-moscow"),
        ("UPDATE quotes SET given_as = 'в інтерв''ю Fox News' WHERE id = 'q-cnbc-thursday'", "q-cnbc-thursday"),
    ],
    ids=["date_phrase", "duration.phrase", "given_as"],
)
def test_changed_source_words_are_found(seed_db_path: Path, statement: str, where: str):
    sql(seed_db_path, statement)  # as another SQLite tool might
    code, out = check(seed_db_path)
    assert code == 1
    *findings, total = out.splitlines()
    assert total == "1 finding."
    field = {"date_phrase": "date_phrase", "duration": "duration.phrase", "given_as": "given_as"}
    [line] = findings
    kind = "quotes" if where.startswith("q-") else "events"
    name = next(v for k, v in field.items() if k in statement)
    assert line.startswith(f"{kind}[{where}].{name}: ")
    assert "is not verbatim" in line
    code, out = check(seed_db_path, "--json")
    [finding] = json.loads(out)
    assert code == 1 and finding["record"] == f"{kind}[{where}]" and finding["field"] == name


def test_a_quote_moved_outside_its_events_passages_is_found(seed_db_path: Path):
    sql(seed_db_path, "UPDATE quotes SET event_id = '2026-01-22-moscow' WHERE id = 'q-framework-plan'")
    code, out = check(seed_db_path)
    assert code == 1
    assert out.splitlines()[0].startswith("quotes[q-framework-plan].offset: characters 1407–1422 of ")


def test_check_speaks_ukrainian_by_default(seed_db_path: Path):
    out = io.StringIO()
    assert cli(["--db", str(seed_db_path), "check"], out=out) == 0
    assert out.getvalue().startswith("Зауважень немає: перевірено ")


# ---------------------------------------------------------------------- the rules, for any edit
def seed() -> Chronology:
    data = json.loads(seed_files().joinpath("chronology.json").read_text(encoding="utf-8"))
    data["sources"][0]["text"] = seed_files().joinpath(data["sources"][0].pop("text_file")).read_text("utf-8")
    return parse_document(data)


SEED = seed()
# (record list, index, field) of every source-words field the seed fills
FIELDS = [("events", i, "date_phrase") for i, e in enumerate(SEED.events) if e.date_phrase]
FIELDS += [("events", i, "duration.phrase") for i, e in enumerate(SEED.events) if e.duration and e.duration.phrase]
FIELDS += [("quotes", i, "given_as") for i, q in enumerate(SEED.quotes) if q.given_as]


def edited(kind: str, index: int, field: str, words: str) -> tuple[Chronology, str]:
    """The seed with one source-words field set to ``words``, and where a finding about it would point."""
    doc = SEED.model_copy(deep=True)
    record = getattr(doc, kind)[index]
    if field == "duration.phrase":
        record.duration.phrase = words
    else:
        setattr(record, field, words)
    return doc, f"{kind}[{record.id}].{field}"


def passages_of(kind: str, index: int) -> list[str]:
    if kind == "events":
        return [c.text for c in SEED.events[index].citations]
    quote = SEED.quotes[index]
    event = next(e for e in SEED.events if e.id == quote.event_id)
    return [c.text for c in event.citations if c.source_id == quote.source_id]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(FIELDS), words=st.text(min_size=1, max_size=40).map(str.strip).filter(bool))
def test_any_words_not_in_the_cited_passages_are_found(target: tuple[str, int, str], words: str):
    kind, index, field = target
    if any(verbatim_in(words, text) for text in passages_of(kind, index)):
        return  # by chance the source's words after all
    doc, where = edited(kind, index, field, words)
    findings = document_findings(doc)
    assert [f.where for f in findings] == [where]


@settings(max_examples=60, deadline=None)
@given(target=st.sampled_from(FIELDS), data=st.data())
def test_any_words_of_the_cited_passages_pass(target: tuple[str, int, str], data: st.DataObject):
    kind, index, field = target
    text = data.draw(st.sampled_from(passages_of(kind, index)))
    words = text.split(" ")
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    phrase = " ".join(words[start:end])  # whole words of one passage, as it writes them
    doc, _ = edited(kind, index, field, phrase)
    assert document_findings(doc) == []


def test_before_that_the_dates_contradict_or_a_cycle_is_found():
    doc = SEED.model_copy(deep=True)
    by_id = {e.id: e for e in doc.events}
    by_id["2025-12-02-moscow"].before = "2025-04-11-saint-petersburg"
    by_id["2025-autumn-plan-20-points"].before = "2025-autumn-plan-28-points"  # 28 → 20 → 28
    found = {f.where: f.message for f in document_findings(doc)}
    assert set(found) == {"events[2025-12-02-moscow].before", "events[2025-autumn-plan-20-points].before"}
    assert (
        "'2025-04-11-saint-petersburg' is dated 2025-04-11, earlier than this event"
        in found["events[2025-12-02-moscow].before"]
    )
    assert (
        "a cycle (2025-autumn-plan-20-points → 2025-autumn-plan-28-points → 2025-autumn-plan-20-points)"
        in (found["events[2025-autumn-plan-20-points].before"])
    )


# ---------------------------------------------------------------------- an old store
V3_COLUMNS = {
    "sources": ("outlet_en", "title_origin"),
    "actors": ("type",),
    "events": ("date_phrase_en", "date_sort", "before_id", "note", "note_en", "gap_from", "gap_undated"),
    "quotes": ("kind", "given_as_en"),
}


def as_schema_2(path: Path) -> None:
    """Take a store back to schema version 2: without the columns version 3 added."""
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX events_order")
    for table, columns in V3_COLUMNS.items():
        for column in columns:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("CREATE INDEX events_order ON events (date_lower, id)")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def old_seed() -> Chronology:
    """The seed as version 0.1.0 shipped it (before the audit of issue #10)."""
    data = json.loads((DATA / "seed-0.1.0.json").read_text(encoding="utf-8"))
    data["sources"][0]["text"] = seed_files().joinpath(data["sources"][0].pop("text_file")).read_text("utf-8")
    return parse_document(data)


def test_upgrade_from_schema_2_backs_up_keeps_the_data_and_check_reports_the_old_seed(tmp_path: Path):
    path = tmp_path / "old.db"
    Store.build(path, old_seed()).close()
    with Store.open(path) as s:
        before = s.to_document()
        rows = [(r.id, r.gap_days) for r in s.timeline()]
    as_schema_2(path)
    with Store.open(path) as s:
        assert s.backup is not None and s.backup.exists()
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.to_document() == before  # nothing rewritten
        assert [(r.id, r.gap_days) for r in s.timeline()] == rows
        gap = {r.id: (r.gap_from, r.gap_undated) for r in s.timeline()}
    # The old seed's informal meeting, "2025-08-06?" and told after the talks of that day, may lie between.
    assert gap["2025-12-02-moscow"] == ("2025-08-06", 1)
    backup = sqlite3.connect(s.backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 2
    backup.close()
    code, out = check(path)
    assert code == 1
    where = [line.split(": ", 1)[0] for line in out.splitlines()[:-1]]
    assert where == [
        "events[2025-ceasefire-deadline].date_phrase",
        "events[2025-ceasefire-deadline].title",  # «дедлайн»: the article writes "дедлайну"
        "events[2025-ceasefire-deadline].summary",
        "events[2025-08-06-dmitriev-informal].date_phrase",
        "events[2025-autumn-geneva-consultations].date_phrase",
        "events[2025-autumn-plan-20-points].date_phrase",
        "events[2026-davos-talks].date_phrase",
        "events[2026-davos-talks].summary",
        "events[2026-01-21-witkoff-cnbc].date_phrase",
        "events[2026-01-21-kremlin-confirms].date_phrase",
        "quotes[q-ushakov-constructive].given_as",
        "quotes[q-illegitimacy].given_as",
        "quotes[q-peace-disruption].offset",
    ]
    assert out.splitlines()[-1] == "13 findings."


def test_the_new_seed_imports_into_an_old_store_and_check_lists_what_is_left(tmp_path: Path):
    """A store built from the 0.1.0 seed takes the audited seed in (its records are replaced by id); what
    an import cannot remove — the old quote on the planned meeting — is what check still reports."""
    path = tmp_path / "old.db"
    Store.build(path, old_seed()).close()
    seed_file = tmp_path / "seed.json"
    data = json.loads(seed_files().joinpath("chronology.json").read_text(encoding="utf-8"))
    data["sources"][0]["text"] = seed_files().joinpath(data["sources"][0].pop("text_file")).read_text("utf-8")
    seed_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    assert cli(["--db", str(path), "--lang", "en", "import", str(seed_file)], out=out) == 0
    code, out_check = check(path)
    assert code == 1
    assert [line.split(": ", 1)[0] for line in out_check.splitlines()[:-1]] == ["quotes[q-peace-disruption].offset"]

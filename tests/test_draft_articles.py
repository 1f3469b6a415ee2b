"""Drafting whole articles: the test articles against their hand-made answers, the drafts import cleanly
(``chronology import --dry-run`` against the seed store), and an article about a stored event updates it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from chronology.db.draft import draft_document
from chronology.db.draft.records import QUALIFIERS, Kind, Party, State
from chronology.db.io import ImportFile, plan_import
from chronology.db.models import Chronology, DurationQualifier, EventKind, Side, Status, parse_document
from chronology.db.seeds import load_seed
from chronology.db.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from draft_score import articles, score, seed_answer, total

# The level reached on the test articles (tests/data/articles): the engine must not fall below it.
FLOORS = {
    "dates_recall": 0.98,  # 0.985 reached
    "dates_precision": 1.0,
    "status": 1.0,
    "place": 0.98,  # 0.987 reached
    "duration": 1.0,
    "participants": 0.94,  # 0.947 reached
    "quotes_recall": 1.0,
    "guillemet_quotes_found": 1.0,
    "speakers": 0.98,  # 0.985 reached
    "speech_vs_paraphrase": 1.0,
    "day_recall": 1.0,
    "day_precision": 1.0,
}
# The seed's curated chronology also records what no rule here reads (a deadline, plan versions, statements
# dated by the publication): its recall is lower, the rest holds.
SEED_FLOORS = {
    "dates_recall": 0.5,
    "dates_precision": 1.0,
    "status": 1.0,
    "place": 0.87,
    "duration": 1.0,
    "quotes_recall": 1.0,
    "guillemet_quotes_found": 1.0,
    "speakers": 0.9,
}


@pytest.fixture(scope="module")
def actors_only() -> Chronology:
    return Chronology(actors=load_seed().actors)


def test_the_test_articles_are_read_as_their_answers_say(actors_only: Chronology) -> None:
    scores = []
    with Store.memory(actors_only) as store:
        for name, text, answer in articles():
            published = dt.date.fromisoformat(answer["published"])
            result = draft_document(text, published, outlet=answer["outlet"], title=answer["title"], known=store)
            scores.append(score(name, text, answer, result, actors_only))
    figures = total(scores).figures
    low = {k: round(figures[k], 3) for k, floor in FLOORS.items() if figures[k] < floor}
    assert not low, f"below the level reached: {low}; misses: {[m for s in scores for m in s.misses]}"


def test_the_test_articles_are_many_styles_of_a_decent_length() -> None:
    found = articles()
    assert len(found) >= 6
    for name, text, answer in found:
        assert 2000 <= len(text) <= 6000, name
        assert answer["events"] and answer["quotes"], name
        for q in answer["quotes"]:
            assert text[q["offset"] : q["offset"] + len(q["text"])] == q["text"], (name, q["text"])


def test_the_seed_article_against_the_seed(actors_only: Chronology) -> None:
    text, answer = seed_answer(load_seed())
    with Store.memory(actors_only) as store:
        result = draft_document(text, dt.date(2026, 1, 21), outlet="УНН", known=store)
    figures = score("seed", text, answer, result, actors_only).figures
    low = {k: round(figures[k], 3) for k, floor in SEED_FLOORS.items() if figures[k] < floor}
    assert not low


def test_every_draft_imports_cleanly_into_the_seed_store() -> None:
    seed = load_seed()
    with Store.memory(seed) as store:
        for name, text, answer in articles():
            result = draft_document(
                text, dt.date.fromisoformat(answer["published"]), outlet=answer["outlet"], known=store
            )
            plan = plan_import(store, [ImportFile(f"{name}.json", result.document)])  # raises if anything is off
            assert plan.counts["sources"].added == 1
            assert plan.counts["events"].added + plan.counts["events"].updated == len(result.data["events"])
            # every citation and quote is verbatim at its offset in the article
            for e in result.data["events"]:
                for c in e["citations"]:
                    if c["source_id"] == result.data["sources"][0]["id"]:
                        assert text[c["offset"] : c["offset"] + len(c["text"])] == c["text"]


def test_the_json_is_the_document() -> None:
    _name, text, answer = articles()[0]
    result = draft_document(text, dt.date.fromisoformat(answer["published"]), outlet=answer["outlet"])
    assert parse_document(json.loads(result.to_json())) == result.document
    assert result.data["sources"][0]["text"] == text


def test_the_found_spans_are_there_for_the_review_screen() -> None:
    _name, text, answer = articles()[0]
    result = draft_document(text, dt.date.fromisoformat(answer["published"]), outlet=answer["outlet"])
    kinds = {s.kind for s in result.spans}
    assert kinds == {"date", "place", "duration", "person", "quote"}
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(text) and span.label


ARTICLE = (
    "2 грудня 2025 року Віткофф знову зустрівся з путіним у Москві. "
    "За даними джерел, зустріч тривала понад шість годин. "
    "«Розмова була корисною», — сказав Ушаков журналістам."
)


def test_an_event_already_in_the_store_is_updated_not_duplicated() -> None:
    seed = load_seed()
    with Store.memory(seed) as store:
        result = draft_document(ARTICLE, dt.date(2025, 12, 3), outlet="Тест", known=store)
        (event,) = result.data["events"]
        assert event["id"] == "2025-12-02-moscow"  # the stored event, not a new one
        stored = next(e for e in seed.events if e.id == event["id"])
        assert len(event["citations"]) == len(stored.citations) + 3  # the new passages join the old ones
        assert event["duration"] == stored.duration.model_dump(mode="json")  # the stored claim stays …
        (conflict,) = result.conflicts  # … and the other one is reported with its passage
        assert (conflict.field, conflict.stored, conflict.claimed) == (
            "duration",
            "300 min (about): близько п'яти годин",
            "360 min (at_least): понад шість годин",
        )
        assert "понад шість годин" in conflict.passage["text"]
        # both claims are kept on the event, each with the passage that makes it
        assert [(c["value"], c["passage"]["source_id"]) for c in event["claims"]] == [
            ("близько п'яти годин", "unn-2026-01-21"),
            ("понад шість годин", result.data["sources"][0]["id"]),
        ]
        assert "близько п'яти годин" in event["claims"][0]["passage"]["text"]
        assert [q["event_id"] for q in result.data["quotes"]] == ["2025-12-02-moscow"]
        assert list(result.updates.values()) == ["2025-12-02-moscow"]
        assert result.events[0].existing_id == "2025-12-02-moscow"
        plan = plan_import(store, [ImportFile("draft.json", result.document)])
        assert (plan.counts["events"].added, plan.counts["events"].updated) == (0, 1)


def test_another_place_date_or_status_is_kept_as_claims_too() -> None:
    from chronology.db.draft.merge import merge_into

    seed = load_seed()
    with Store.memory(seed) as store:
        old = store.events_by_id(["2026-01-22-moscow"])["2026-01-22-moscow"].model_dump(mode="json")
    new = dict(old, id="x", date="2026-01-23", status="held", status_as_of="2026-01-24", place="Санкт-Петербург")
    new["citations"] = [{"source_id": "new", "offset": 0, "text": "У Санкт-Петербурзі 23 січня зустріч відбулася."}]
    merged, conflicts = merge_into(old, new)
    assert [c.field for c in conflicts] == ["date", "status", "place"]
    assert [(c["field"], c["value"]) for c in merged["claims"]] == [
        ("date", "2026-01-22"),
        ("date", "2026-01-23"),
        ("status", "planned"),
        ("status", "held"),
        ("place", "Москва"),
        ("place", "Санкт-Петербург"),
    ]
    assert merged["place"] == "Москва" and merged["date"] == "2026-01-22"  # the stored facts stay …
    assert (merged["status"], merged["status_as_of"]) == ("held", "2026-01-24")  # … but a planned event took place
    assert all(c["passage"]["text"] in [p["text"] for p in merged["citations"]] for c in merged["claims"])


def test_drafting_leaves_babels_ukrainian_locale_whole() -> None:
    code = (
        "import datetime\n"
        "from chronology.db.draft import draft_document\n"
        "draft_document('12 січня Віткофф зустрівся з путіним у Москві.', datetime.date(2026, 1, 21), outlet='x')\n"
        "from babel.units import format_unit\n"
        "print(format_unit(118, 'duration-day', locale='uk', length='long'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "118 днів"


def test_the_engine_words_are_the_model_words() -> None:
    assert {k.value for k in Kind} == {k.value for k in EventKind}
    assert {s.value for s in State} == {s.value for s in Status}
    assert {p.value for p in Party} == {s.value for s in Side}
    assert {q.value for q in DurationQualifier} >= QUALIFIERS


def test_drafting_needs_no_pydantic_no_textual_and_no_network(tmp_path: Path) -> None:
    code = (
        "import datetime, socket, sys\n"
        "def no_network(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = no_network\n"
        "from chronology.db.draft import draft_document\n"
        "r = draft_document('12 січня Віткофф зустрівся з путіним у Москві.', datetime.date(2026, 1, 21), outlet='x')\n"
        "print(len(r.data['events']), 'pydantic' in sys.modules, any(m.startswith('textual') for m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["1", "False", "False"]

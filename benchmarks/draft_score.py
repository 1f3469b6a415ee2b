"""Scoring a drafted document against a hand-made answer (used by draft_bench.py and the tests).

An answer (``tests/data/articles/NN_slug.answer.json``, or the seed turned into one by
:func:`seed_answer`) lists the events a journalist would record and every quote with its exact offset.
Drafted events are paired one to one with expected events of the same date (qualifiers aside), the pair
whose cited passages overlap most first; the pairs are then compared field by field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronology.db.draft import AT_MOST, DraftResult
from chronology.db.draft.people import stem
from chronology.db.models import Chronology
from chronology.db.text import fold

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "articles"
SEED_TEXT = ROOT / "seeds" / "000_32f261f9b184bad9.txt"


def articles() -> list[tuple[str, str, dict[str, Any]]]:
    """(name, text, answer) of every test article, in name order."""
    out = []
    for path in sorted(ARTICLES.glob("*.txt")):
        answer = json.loads(path.with_suffix(".answer.json").read_text(encoding="utf-8"))
        out.append((path.stem, path.read_text(encoding="utf-8"), answer))
    return out


def seed_answer(seed: Chronology) -> tuple[str, dict[str, Any]]:
    """The seed article and its curated chronology as an answer."""
    source = seed.sources[0]
    names = {a.id: a.name_uk for a in seed.actors}
    events = [
        {
            "date": e.date,
            "status": e.status.value,
            "place": e.place,
            "duration": e.duration.model_dump(mode="json") if e.duration else None,
            "participants": [names[p] for p in e.participants],
            "kind": e.kind.value,
            "cites": [c.text for c in e.citations],
        }
        for e in seed.events
    ]
    quotes = [
        {"text": q.text, "offset": q.offset, "speaker": names.get(q.speaker_id or ""), "speech": None}
        for q in seed.quotes
    ]
    answer = {
        "published": source.published.isoformat(),
        "outlet": source.outlet,
        "title": source.title,
        "events": events,
        "quotes": quotes,
    }
    return source.text, answer


def person_key(name: str | None) -> str | None:
    if not name:
        return None
    return stem(name.split()[-1])


def _bare(edtf: str) -> str:
    return re.sub(r"[~?%]$", "", edtf)


@dataclass
class Score:
    name: str
    expected_events: int = 0
    drafted_events: int = 0
    matched: int = 0
    status_ok: int = 0
    place_ok: int = 0
    duration_ok: int = 0
    participants_ok: int = 0
    participants_jaccard: float = 0.0
    day_expected: set[str] = field(default_factory=set)
    day_drafted: set[str] = field(default_factory=set)
    quotes_expected: int = 0
    quotes_drafted: int = 0
    quotes_exact: int = 0
    guillemets_expected: int = 0
    guillemets_found: int = 0
    speakers_ok: int = 0
    speech_checked: int = 0
    speech_ok: int = 0
    misses: list[str] = field(default_factory=list)

    def ratio(self, a: float, b: float) -> float:
        return a / b if b else 1.0

    @property
    def figures(self) -> dict[str, float]:
        m = self.matched
        day_hit = len(self.day_expected & self.day_drafted)
        return {
            "dates_recall": self.ratio(m, self.expected_events),
            "dates_precision": self.ratio(m, self.drafted_events),
            "day_recall": self.ratio(day_hit, len(self.day_expected)),
            "day_precision": self.ratio(day_hit, len(self.day_drafted)),
            "status": self.ratio(self.status_ok, m),
            "place": self.ratio(self.place_ok, m),
            "duration": self.ratio(self.duration_ok, m),
            "participants": self.ratio(self.participants_ok, m),
            "participants_jaccard": self.ratio(self.participants_jaccard, m),
            "quotes_recall": self.ratio(self.quotes_exact, self.quotes_expected),
            "quotes_precision": self.ratio(self.quotes_exact, self.quotes_drafted),
            "guillemet_quotes_found": self.ratio(self.guillemets_found, self.guillemets_expected),
            "speakers": self.ratio(self.speakers_ok, self.quotes_exact),
            "speech_vs_paraphrase": self.ratio(self.speech_ok, self.speech_checked),
        }


def _overlap(expected: dict[str, Any], cited: list[str]) -> int:
    return sum(1 for c in expected["cites"] if any(c in t or t in c for t in cited))


def score(name: str, text: str, answer: dict[str, Any], result: DraftResult, known: Chronology | None = None) -> Score:
    """Compare a draft with its answer."""
    s = Score(name)
    doc = result.document
    names = {a.id: a.name_uk for a in (known.actors if known else [])}
    names.update({a.id: a.name_uk for a in doc.actors})
    source_id = doc.sources[0].id
    drafted = [e for e in doc.events if any(c.source_id == source_id for c in e.citations)]
    expected = answer["events"]
    s.expected_events, s.drafted_events = len(expected), len(drafted)
    pairs: list[tuple[int, int, int]] = []
    for i, x in enumerate(expected):
        for j, e in enumerate(drafted):
            if _bare(x["date"]) == _bare(e.date):
                pairs.append((_overlap(x, [c.text for c in e.citations if c.source_id == source_id]), i, j))
    used_x: set[int] = set()
    used_e: set[int] = set()
    for _, i, j in sorted(pairs, key=lambda p: -p[0]):
        if i in used_x or j in used_e:
            continue
        used_x.add(i)
        used_e.add(j)
        x, e = expected[i], drafted[j]
        s.matched += 1
        s.status_ok += x["status"] == e.status.value
        s.place_ok += fold(x["place"] or "") == fold(e.place or "")
        xd = x["duration"]
        if xd is None or e.duration is None:
            s.duration_ok += xd is None and e.duration is None
        else:
            q = AT_MOST if xd["qualifier"] == "at_most" else xd["qualifier"]
            s.duration_ok += xd["minutes"] == e.duration.minutes and q == e.duration.qualifier.value
        want = {person_key(p) for p in x["participants"]}
        got = {person_key(names.get(p, p)) for p in e.participants}
        label = f"{x['date']} {x['cites'][0][:30]!r}"
        if x["status"] != e.status.value:
            s.misses.append(f"status of {label}: {e.status.value}")
        if fold(x["place"] or "") != fold(e.place or ""):
            s.misses.append(f"place of {label}: {e.place} (expected {x['place']})")
        if (xd_ := x["duration"]) != (e.duration and e.duration.model_dump(mode="json")):
            got_phrase = e.duration and e.duration.phrase
            s.misses.append(f"duration of {label}: {got_phrase} (expected {xd_ and xd_['phrase']})")
        if want != got:
            s.misses.append(f"participants of {label}: {sorted(map(str, got))} (expected {sorted(map(str, want))})")
        s.participants_ok += want == got
        s.participants_jaccard += len(want & got) / len(want | got) if want | got else 1.0
    for i, x in enumerate(expected):
        if i not in used_x:
            s.misses.append(f"missed event {x['date']} {x['cites'][0][:50]!r}")
    for j, e in enumerate(drafted):
        if j not in used_e:
            s.misses.append(f"extra event {e.date} {e.citations[0].text[:50]!r}")
    s.day_expected = {x["date"] for x in expected if re.fullmatch(r"\d{4}-\d{2}-\d{2}", x["date"])}
    s.day_drafted = {e.date for e in drafted if re.fullmatch(r"\d{4}-\d{2}-\d{2}", e.date)}

    got_quotes = {(q.offset, q.offset + len(q.text)): q for q in doc.quotes if q.source_id == source_id}
    s.quotes_expected, s.quotes_drafted = len(answer["quotes"]), len(got_quotes)
    for x in answer["quotes"]:
        span = (x["offset"], x["offset"] + len(x["text"]))
        if text[span[0] - 1 : span[0]] == "«":
            s.guillemets_expected += 1
            s.guillemets_found += span in got_quotes
        q = got_quotes.get(span)
        if q is None:
            s.misses.append(f"missed quote {x['text'][:50]!r}")
            continue
        s.quotes_exact += 1
        speaker = names.get(q.speaker_id) if q.speaker_id else None
        if person_key(speaker) == person_key(x["speaker"]):
            s.speakers_ok += 1
        else:
            s.misses.append(f"speaker of {x['text'][:40]!r}: {speaker} (expected {x['speaker']})")
        if x.get("speech") is not None:
            s.speech_checked += 1
            kind = result.quote_kinds.get(q.id, "")
            s.speech_ok += (kind in ("speech", "partial")) == x["speech"]
    return s


def dateparser_days(text: str, published: dt.date) -> set[str]:
    """The day-level dates dateparser finds in a text (relative ones against the publication date)."""
    from dateparser.search import search_dates

    base = dt.datetime(published.year, published.month, published.day, 12)
    found = search_dates(text, languages=["uk"], settings={"RELATIVE_BASE": base}) or []
    return {d.date().isoformat() for _, d in found}


def total(scores: list[Score]) -> Score:
    t = Score("all")
    for s in scores:
        for f in (
            "expected_events",
            "drafted_events",
            "matched",
            "status_ok",
            "place_ok",
            "duration_ok",
            "participants_ok",
            "quotes_expected",
            "quotes_drafted",
            "quotes_exact",
            "guillemets_expected",
            "guillemets_found",
            "speakers_ok",
            "speech_checked",
            "speech_ok",
        ):
            setattr(t, f, getattr(t, f) + getattr(s, f))
        t.participants_jaccard += s.participants_jaccard
        t.day_expected |= {f"{s.name}:{d}" for d in s.day_expected}
        t.day_drafted |= {f"{s.name}:{d}" for d in s.day_drafted}
    return t

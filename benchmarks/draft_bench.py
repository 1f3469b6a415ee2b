"""Drafting benchmark (issue #12): how well draft_document reads articles, against dateparser, and how fast.

    python benchmarks/draft_bench.py            # readable table
    python benchmarks/draft_bench.py --json     # … and a last line of JSON
    python benchmarks/draft_bench.py --misses   # … and what each article missed

On the seed article (against seeds/chronology.json) and on the test articles (tests/data/articles, against
their hand-made answers), with the seed's actors known and no events in the store:

* ``dates_recall`` / ``dates_precision``: expected events found with their EDTF date / drafted events
  that are expected ones (paired one to one by date and cited passages);
* ``status``, ``place``, ``duration``, ``participants``: accuracy over the paired events (``duration``:
  minutes and qualifier, "at most" as the model can hold it);
* ``quotes_recall`` / ``quotes_precision``: quotes with the exact span; ``guillemet_quotes_found``: the
  share of «…» quotes found exactly; ``speakers``: right speaker over the exact quotes;
  ``speech_vs_paraphrase``: speech told apart from terms and retellings (test articles only);
* ``day_recall`` / ``day_precision``: the distinct day-level dates of the events, and the same for the
  baseline ``dateparser.search_dates(text, languages=['uk'])`` (the ``bench`` extra installs it);
* ``draft_s``: drafting a 5,000-character article to JSON in a fresh process, start-up included (best of
  5); ``draft_with_store_s``: the same opening a store file (the seed) and matching against it;
  ``draft_warm_ms``: drafting in a warm process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chronology.db.draft import draft_document
from chronology.db.models import Chronology
from chronology.db.seeds import load_seed
from chronology.db.store import Store
from draft_score import Score, articles, dateparser_days, score, seed_answer, total

COLUMNS = (
    "dates_recall",
    "dates_precision",
    "status",
    "place",
    "duration",
    "participants",
    "quotes_recall",
    "guillemet_quotes_found",
    "speakers",
    "speech_vs_paraphrase",
    "day_recall",
    "day_precision",
)


def five_thousand() -> str:
    """A 5,000-character article: test articles one after another, cut at a paragraph near 5,000."""
    text = ""
    for _, body, _ in articles():
        text += body + "\n"
        if len(text) >= 5000:
            break
    return text[:5000]


def startup_seconds(rounds: int = 5, store: Path | None = None) -> float:
    """Wall time of a fresh interpreter importing the engine and drafting a 5,000-character article to
    JSON (with ``store``: opening that store file first and matching against it, as the CLI will)."""
    path = Path(tempfile.mkdtemp()) / "article.txt"
    path.write_text(five_thousand(), encoding="utf-8")
    code = (
        "import datetime, pathlib\n"
        "from chronology.db.draft import draft_document\n"
        f"text = pathlib.Path({str(path)!r}).read_text(encoding='utf-8')\n"
    )
    if store is None:
        code += "draft_document(text, datetime.date(2026, 2, 12), outlet='bench').to_json()\n"
    else:
        code += (
            "from chronology.db.store import Store\n"
            f"with Store.open({str(store)!r}) as s:\n"
            "    draft_document(text, datetime.date(2026, 2, 12), outlet='bench', known=s).to_json()\n"
        )
    times = []
    try:
        for _ in range(rounds):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print a last line of JSON")
    parser.add_argument("--misses", action="store_true", help="list what each article missed")
    parser.add_argument("--no-timing", action="store_true", help="skip the start-up timing")
    args = parser.parse_args()

    seed = load_seed()
    actors_only = Chronology(actors=seed.actors)
    cases = [("seed", *seed_answer(seed)), *articles()]
    scores: list[Score] = []
    baseline: dict[str, tuple[float, float]] = {}
    base_hits = base_found = base_expected = 0
    with Store.memory(actors_only) as store:
        for name, text, answer in cases:
            published = dt.date.fromisoformat(answer["published"])
            result = draft_document(text, published, outlet=answer["outlet"], title=answer["title"], known=store)
            s = score(name, text, answer, result, actors_only)
            scores.append(s)
            days = dateparser_days(text, published)
            hit = len(days & s.day_expected)
            baseline[name] = (hit / len(s.day_expected) if s.day_expected else 1.0, hit / len(days) if days else 1.0)
            if name != "seed":
                base_hits, base_found, base_expected = (
                    base_hits + hit,
                    base_found + len(days),
                    base_expected + len(s.day_expected),
                )
    own = total([s for s in scores if s.name != "seed"])
    rows = [*scores, own]
    width = max(len(s.name) for s in rows)
    print(f"{'article':{width}}  " + "  ".join(c[:10].rjust(10) for c in COLUMNS) + "  dp_recall dp_precis")
    for s in rows:
        f = s.figures
        dp = baseline.get(s.name) or (
            base_hits / base_expected if base_expected else 1.0,
            base_hits / base_found if base_found else 1.0,
        )
        print(f"{s.name:{width}}  " + "  ".join(f"{f[c]:10.2f}" for c in COLUMNS) + f"  {dp[0]:9.2f} {dp[1]:9.2f}")
        if args.misses and s.misses:
            for m in s.misses:
                print(f"    {m}")
    print(
        f"(the 'all' row is the test articles without the seed: {own.expected_events} expected events, "
        f"{own.drafted_events} drafted, {own.quotes_expected} quotes)"
    )

    warm = []
    text = five_thousand()
    for _ in range(5):
        start = time.perf_counter()
        draft_document(text, dt.date(2026, 2, 12), outlet="bench")
        warm.append(time.perf_counter() - start)
    figures: dict[str, object] = {
        "articles": {s.name: s.figures for s in scores},
        "all": own.figures,
        "dateparser_all": {"day_recall": base_hits / base_expected, "day_precision": base_hits / base_found},
        "dateparser": {k: {"day_recall": v[0], "day_precision": v[1]} for k, v in baseline.items()},
        "draft_warm_ms": round(statistics.median(warm) * 1000, 1),
    }
    print(f"draft_warm_ms (5,000 characters, warm process): {figures['draft_warm_ms']}")
    if not args.no_timing:
        figures["draft_s"] = round(startup_seconds(), 3)
        print(f"draft_s (fresh process, start-up included, best of 5): {figures['draft_s']}")
        folder = Path(tempfile.mkdtemp())
        try:
            Store.build(folder / "seed.db", seed).close()
            figures["draft_with_store_s"] = round(startup_seconds(store=folder / "seed.db"), 3)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(
            f"draft_with_store_s (the same, opening the seed store and matching against it): "
            f"{figures['draft_with_store_s']}"
        )
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

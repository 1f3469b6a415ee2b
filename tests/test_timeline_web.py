"""TimelineJS: dates by their range, years as eras; the web page (`export --format html`) in headless Chromium
with TimelineJS's own built files."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from chronology.tui.present.exports.html import CDN, TIMELINE_CSS, TIMELINE_JS

from .real_tools import chromium_page, free_port, server
from .test_cli import run

# TimelineJS's built files (npm's @knight-lab/timelinejs, dist/): the machine has no internet for the CDN.
TIMELINEJS_DIST = Path(
    os.environ.get(
        "CHRONOLOGY_TEST_TIMELINEJS",
        Path.home() / ".cache/chronology-tests/timelinejs/node_modules/@knight-lab/timelinejs/dist",
    )
)


def _timeline(db: Path, *args: str) -> dict:
    code, out = run("--db", str(db), "export", "--format", "timelinejs", *args)
    assert code == 0
    return json.loads(out)


def test_months_seasons_and_years_span_their_range(seed_db_path: Path):
    tl = _timeline(seed_db_path)
    by_id = {s["unique_id"]: s for s in tl["events"]}
    autumn = by_id["2025-autumn-visits"]
    assert autumn["start_date"] == {"year": 2025, "month": 9, "display_date": "осінь 2025 р."}
    assert autumn["end_date"] == {"year": 2025, "month": 11, "day": 30}
    assert autumn["display_date"] == "осінь 2025 р."
    month = by_id["2026-01-us-updated-peace-plan"]
    assert month["start_date"] == {"year": 2026, "month": 1, "display_date": "січень 2026 р."}
    assert month["end_date"] == {"year": 2026, "month": 1, "day": 31}
    year = by_id["2025-trump-returns-to-white-house"]
    assert year["start_date"] == {"year": 2025, "display_date": "2025 р."}
    assert year["end_date"] == {"year": 2025, "month": 12, "day": 31}
    day = by_id["2025-03-13-moscow"]
    assert "end_date" not in day and day["display_date"] == "13 березня 2025 р."

    def start(slide: dict) -> tuple[int, int, int]:
        d = slide["start_date"]
        return (d["year"], d.get("month", 1), d.get("day", 1))

    assert start(by_id["2025-03-13-moscow"]) < start(autumn) < start(by_id["2025-12-02-moscow"])


def test_years_of_the_chronology_are_eras(seed_db_path: Path):
    tl = _timeline(seed_db_path, "--lang", "en")
    assert tl["eras"] == [
        {
            "start_date": {"year": y, "month": 1, "day": 1},
            "end_date": {"year": y, "month": 12, "day": 31},
            "text": {"headline": str(y)},
        }
        for y in (2025, 2026)
    ]
    assert tl["scale"] == "human"
    autumn = next(s for s in tl["events"] if s["unique_id"] == "2025-autumn-visits")
    assert autumn["display_date"] == "autumn 2025"


def test_winter_runs_into_the_next_year(tmp_path: Path):
    from chronology.tui.present.exports.timelinejs import timeline_date, timeline_end_date

    assert timeline_date("2025-24", "en") == {"year": 2025, "month": 12, "display_date": "winter 2025"}
    assert timeline_end_date("2025-24") == {"year": 2026, "month": 2, "day": 28}


@pytest.mark.parametrize(("lang", "title"), [("uk", "Хронологія переговорів"), ("en", "Chronology of US–Russia")])
def test_html_page_embeds_the_timeline_and_loads_timelinejs_from_its_cdn(seed_db_path: Path, lang: str, title: str):
    code, page = run("--db", str(seed_db_path), "--lang", lang, "export", "--format", "html")
    assert code == 0
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    assert f'href="{TIMELINE_CSS}"' in page and f'<script src="{TIMELINE_JS}"></script>' in page
    assert TIMELINE_JS == "https://cdn.knightlab.com/libs/timeline3/latest/js/timeline.js"
    assert f"<title>{title}" in page
    assert f'{{"language": "{lang}", "script_path": "{CDN}/js/"' in page
    data = page.split('<script type="application/json" id="timeline-data">')[1].split("</script>")[0]
    assert "<" not in data  # nothing in the data can close the script element
    assert json.loads(data) == _timeline(seed_db_path, "--lang", lang)


def test_html_escapes_data_that_looks_like_markup(tmp_path: Path):
    from chronology.db.models import parse_document
    from chronology.db.store import Store
    from chronology.tui.present.exports.html import export_html

    from .conftest import tiny_data

    data = tiny_data()
    data["events"][0]["title"] = "</script><script>alert(1)</script>"
    with Store.memory(parse_document(data)) as store:
        page = export_html(store)
    assert page.count("</script>") == 3 and "alert(1)" in page  # the two page scripts, the data; no fourth


def test_html_page_renders_in_chromium_in_date_order(seed_db_path: Path, tmp_path: Path):
    if not (TIMELINEJS_DIST / "js" / "timeline.js").exists():
        pytest.skip(
            f"TimelineJS's built files are not at {TIMELINEJS_DIST} (npm install --prefix "
            "~/.cache/chronology-tests/timelinejs @knight-lab/timelinejs, or set CHRONOLOGY_TEST_TIMELINEJS)"
        )
    code, page = run("--db", str(seed_db_path), "export", "--format", "html")
    assert code == 0
    site = tmp_path / "site"
    site.mkdir()
    (site / "timelinejs").symlink_to(TIMELINEJS_DIST)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    (site / "index.html").write_text(page.replace(CDN, f"{base}/timelinejs"), encoding="utf-8")
    with (
        server([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], f"{base}/", cwd=site),
        chromium_page() as browser_page,
    ):
        errors: list[str] = []
        browser_page.on("pageerror", lambda exc: errors.append(str(exc)))
        browser_page.goto(f"{base}/index.html")
        browser_page.wait_for_selector(".tl-timemarker", timeout=30_000)
        browser_page.wait_for_function("window.timeline && window.timeline.ready", timeout=30_000)
        order = browser_page.evaluate("window.timeline.config.events.map(e => e.unique_id)")
        language = browser_page.evaluate("window.timeline.language.lang")
        eras = browser_page.evaluate("window.timeline.config.eras.length")
        headlines = browser_page.locator(".tl-slide .tl-headline").all_text_contents()
        markers = browser_page.locator(".tl-timemarker").count()
        browser_page.screenshot(path=str(tmp_path / "timeline.png"))
    assert not errors
    assert order.index("2025-03-13-moscow") < order.index("2025-autumn-geneva-consultations")
    assert order.index("2025-autumn-geneva-consultations") < order.index("2025-12-02-moscow")
    assert language == "uk" and eras == 2 and markers == len(order)  # a marker for every event
    assert any("Консультації з європейськими союзниками" in h for h in headlines)

"""One description of an event: `chronology show`, the detail pane and the Markdown export list the same
sections, with the same labels, in the same order; the one source label; fallbacks marked."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from chronology.db.store import Store
from chronology.tui.cli import main as cli
from chronology.tui.i18n import translator
from chronology.tui.present.event_view import EventView
from chronology.tui.present.exports.markdown import md_escape

from .conftest import TINY_TEXT
from .test_app import SIZE, app_on, detail_text, settle, shown_id, until

# The detail pane's order, which every rendering follows.
ORDER = (
    "date",
    "title",
    "gap",
    "date_phrase",
    "before",
    "note",
    "kind",
    "status",
    "place",
    "duration",
    "tally",
    "participants",
    "summary",
    "outcome",
    "quotes",
    "sources",
    "id",
)
LABELS = (
    "Since the previous dated round",
    "Date in the source",
    "Before",
    "Curator's note",
    "Kind",
    "Status",
    "Place",
    "Duration",
    "Participants",
    "Summary",
    "Outcome",
    "Quotes",
    "Sources",
    "Event id",
)


def labels_in(text: str, known: set[str]) -> list[str]:
    """The section labels in a rendering, in order: a known label starting a line (after a Markdown list
    mark or bold) or after the pane's " · ", followed by a colon, by " (n)" or by the end of the line."""
    names = "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
    pattern = re.compile(rf"(?:^|· )(?:- )?(?:\*\*)?({names})(?=:| \(\d|$)", re.MULTILINE)
    return [m.group(1) for m in pattern.finditer(text)]


def known_labels(views: list[EventView], lang: str) -> set[str]:
    _ = translator(lang)
    return {_(label) for label in LABELS} | {label for v in views for label in v.labels}


def run(*argv: str) -> str:
    out = io.StringIO()
    assert cli(list(argv), out=out) == 0
    return out.getvalue()


def markdown_events(md: str) -> dict[str, str]:
    """Each event's block of the Markdown export (from its ### heading), by event id."""
    blocks = [b for b in re.split(r"^(?=##)", md, flags=re.MULTILINE) if b.startswith("### ")]
    return {re.findall(r"`([^`]+)`\s*$", b)[0]: b for b in blocks}


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_show_the_pane_and_the_markdown_export_list_the_same_sections_in_order(
    seed_store: Store, seed_db_path: Path, lang: str
):
    ids = seed_store.event_ids()
    views = [EventView.build(seed_store.event(i), lang) for i in ids]
    known = known_labels(views, lang)
    md = markdown_events(run("--db", str(seed_db_path), "--lang", lang, "export", "--format", "md"))
    assert list(md) == ids
    app = app_on(seed_store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for n, (event_id, view) in enumerate(zip(ids, views, strict=True)):
            if n:
                await pilot.press("down")
            await until(pilot, app, lambda event_id=event_id: shown_id(app) == event_id, f"the detail of {event_id}")
            await settle(pilot, app)
            pane = detail_text(app)
            show = run("--db", str(seed_db_path), "--lang", lang, "show", event_id)
            expected = list(view.labels)
            assert labels_in(show, known) == expected, event_id
            assert labels_in(pane, known) == expected, event_id
            assert labels_in(md[event_id], known) == expected, event_id
            # The date and the title come first, before any label.
            assert show.splitlines()[0] == f"{view.date.text} — {view.title}"
            assert pane.splitlines()[:2] == [view.date.text, view.title]
            assert md[event_id].splitlines()[0] == f"### {md_escape(view.date.plain)} — {md_escape(view.title)}"


def test_every_seed_event_has_its_sections_in_the_panes_order(seed_store: Store):
    for event_id in seed_store.event_ids():
        keys = [s.key for s in EventView.build(seed_store.event(event_id), "uk").sections]
        assert keys == sorted(keys, key=ORDER.index), event_id
        always = {"date", "title", "kind", "status", "place", "duration", "participants", "outcome", "sources", "id"}
        assert always <= set(keys), event_id


def test_the_view_marks_what_the_source_does_not_say(tiny_store: Store):
    planned = EventView.build(tiny_store.event("m2"), "uk")
    assert [s.key for s in planned.sections] == [
        "date",
        "title",
        "gap",
        "kind",
        "status",
        "place",
        "duration",
        "participants",
        "outcome",
        "sources",
        "id",
    ]  # no summary, no quotes: the sections are not there at all
    for key in ("place", "duration", "outcome"):
        fact = planned.fact(key)
        assert fact is not None and fact.value.fallback and fact.value.text == "у джерелі не вказано"
        assert planned.text(key) == ""  # a table cell stays empty
    status = planned.fact("status")
    assert status is not None and status.emphasis and status.value.text == "заплановано (станом на 21 січня 2026 р.)"

    held = EventView.build(tiny_store.event("m1"), "uk")
    place = held.fact("place")
    assert place is not None and not place.value.fallback and place.value.data and place.value.text == "Москва"
    phrases = [c.text for c in tiny_store.event("m1").event.citations]
    assert [p.text.text for p in held.passages] == phrases
    assert all(p.text.verbatim for p in held.passages)
    [quote] = held.quotes
    start = TINY_TEXT.index("конструктивними")
    assert quote.speaker.text == "Юрій Ушаков" and not quote.speaker.fallback
    assert quote.where == f"символи {start}–{start + len('конструктивними')}"


def test_an_unknown_speaker_is_a_fallback(seed_store: Store):
    quotes = EventView.build(seed_store.event("2026-davos-talks"), "uk").quotes
    assert [q.kind for q in quotes] == ["speech", "speech"]
    for quote in quotes:
        assert quote.speaker.fallback and not quote.speaker.data and quote.speaker.text == "мовець не вказаний"


@pytest.mark.parametrize(
    ("lang", "label"),
    [("uk", "УНН, 21 січня 2026 р."), ("en", "УНН, January 21, 2026")],
)
def test_one_source_label_for_show_and_every_export(tiny_store: Store, tmp_path: Path, lang: str, label: str):
    # The passage names none of the agencies the source cites: outlet and date only.
    passage = EventView.build(tiny_store.event("m1"), lang).passages[0]
    assert passage.source.label == label
    path = tmp_path / "tiny.db"
    Store.build(path, tiny_store.to_document()).close()
    db = ("--db", str(path), "--lang", lang)
    assert f"  {label} [" in run(*db, "show", "m1")
    for fmt in ("csv", "timelinejs"):
        assert f"{label}, {passage.where}" in run(*db, "export", "--format", fmt), fmt
    # A list of sources names each source with the agencies it cites (the Markdown's list, [1] in the text).
    listed = label.replace("УНН,", "УНН (Reuters),")
    assert f"\n1. {listed} — " in run(*db, "export", "--format", "md")


def test_a_passage_is_labelled_with_the_agency_it_names(seed_store: Store):
    labels = {
        c.start: c.source.label for c in EventView.build(seed_store.event("2026-01-21-witkoff-cnbc"), "uk").passages
    }
    assert labels == {
        17: "УНН, 21 січня 2026 р.",
        191: "УНН, 21 січня 2026 р., за CNBC",  # "в інтерв'ю CNBC"
        292: "УНН, 21 січня 2026 р., за Reuters",  # "Як зазначає Reuters"
        433: "УНН, 21 січня 2026 р.",
    }
    en = EventView.build(seed_store.event("2026-01-21-witkoff-cnbc"), "en").passages[2].source.label
    assert en == "UNN, January 21, 2026, via Reuters"


def test_the_presentation_layer_imports_neither_textual_nor_rich(tmp_path: Path):
    code = (
        "import sys\n"
        "import chronology.tui.present.copy_texts, chronology.tui.present.plain, chronology.tui.present.exports\n"
        "print(sorted({n.split('.')[0] for n in sys.modules if n.split('.')[0] in ('textual', 'rich')}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"

"""What the reader sees of the truth-to-source rules: a date the source does not state, the curator's note,
a paraphrase and a term, a gap with rounds of unknown date between, `before`, an unknown position, the
English companions of the source's words — in `chronology show` and in the detail pane (through Pilot)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from chronology.db.store import Store
from chronology.tui.cli import main as cli
from chronology.tui.present.event_view import EventView
from chronology.tui.widgets.detail import Styles, pane_texts
from chronology.tui.widgets.timeline import Timeline

from .test_app import SIZE, app_on, detail_text, main, screen_text, settle


def show(db: Path, event_id: str, lang: str = "uk") -> str:
    out = io.StringIO()
    assert cli(["--db", str(db), "--lang", lang, "show", event_id], out=out) == 0
    return out.getvalue()


# ---------------------------------------------------------------------- chronology show
def test_a_date_known_only_from_the_publication_is_no_later_than_it(seed_db_path: Path):
    out = show(seed_db_path, "2026-01-21-witkoff-cnbc")
    assert out.startswith("не пізніше 21 січня 2026 р. — Віткофф в інтерв'ю CNBC: зустріч із Путіним у четвер\n")
    assert "середа" not in out  # no weekday: it is not the event's day
    en = show(seed_db_path, "2026-01-21-witkoff-cnbc", "en")
    assert en.startswith("no later than January 21, 2026 — ")


def test_the_curators_note_is_labelled_and_never_in_guillemets(seed_db_path: Path):
    out = show(seed_db_path, "2026-01-21-kremlin-confirms")
    assert "\nПримітка упорядника: Дата не вказана; відомо лише з матеріалу від 21 січня 2026 р.\n" in out
    assert "«Дата не вказана" not in out and "Дата в джерелі" not in out
    en = show(seed_db_path, "2026-01-21-kremlin-confirms", "en")
    assert "\nCurator's note: The source gives no date; it is known only from the article of January 21, 2026.\n" in en


def test_a_paraphrase_is_not_shown_as_speech(seed_db_path: Path):
    out = show(seed_db_path, "2025-12-02-moscow")
    line = next(x for x in out.splitlines() if "нелегітимність" in x and x.startswith("  «"))
    assert line.startswith("  «нелегітимність українського керівництва» — переказ джерела (мовець: Володимир Путін)")
    assert "— Володимир Путін" not in line
    assert ", «власну мантру» [УНН, символи 2822–2861]" in line  # how the source gives it: its own words


def test_a_term_has_no_speaker(seed_db_path: Path):
    out = show(seed_db_path, "2025-03-13-moscow")
    assert "  «рамкового плану» — у лапках у джерелі [УНН, символи 1407–1422]" in out


def test_a_gap_says_when_rounds_of_unknown_date_lie_between(seed_db_path: Path):
    assert (
        "Від попереднього датованого раунду: 118 днів (6 серпня 2025 р.); між ними були раунди без точної дати"
        in show(seed_db_path, "2025-12-02-moscow")
    )  # the autumn series of visits
    assert (
        "Від попереднього датованого раунду: 117 днів (11 квітня 2025 р.); між ними могли бути раунди без точної дати"
        in show(seed_db_path, "2025-08-06-moscow")
    )  # the informal meeting, known only to be before the talks
    assert "Since the previous dated round: 51 days (December 2, 2025); rounds without an exact date may fall in" in (
        show(seed_db_path, "2026-01-22-moscow", "en")
    )


def test_before_names_the_later_event(seed_db_path: Path):
    out = show(seed_db_path, "2025-08-06-dmitriev-informal")
    assert out.startswith("не пізніше 6 серпня 2025 р. — Неформальна зустріч Віткоффа з Кирилом Дмітрієвим\n")
    assert "\nДата в джерелі: «перед ними»\nПеред: Переговори Віткоффа з Путіним у Москві на тлі «дедлайну»\n" in out
    en = show(seed_db_path, "2025-08-06-dmitriev-informal", "en")
    assert "\nDate in the source: «перед ними» (“before them”)\n" in en
    assert '\nBefore: Witkoff\'s talks with Putin in Moscow against the backdrop of the "deadline"\n' in en


def test_an_unknown_position_and_parties_that_are_not_people(seed_db_path: Path):
    out = show(seed_db_path, "2025-08-06-dmitriev-informal")
    assert "\n  Кирило Дмітрієв — посада в джерелі не вказана (Росія)\n" in out  # no double brackets
    geneva = show(seed_db_path, "2025-autumn-geneva-consultations")
    assert "\n  Європейські союзники — група\n  Київ — українська влада (Україна)\n" in geneva
    assert "\n  Кремль — інституція (Росія)\n" in show(seed_db_path, "2026-01-21-kremlin-confirms")


@pytest.mark.parametrize(
    ("event_id", "status"),
    [
        ("2025-03-13-moscow", "відбулася"),
        ("2026-01-21-witkoff-cnbc", "зроблено"),
        ("2025-autumn-plan-20-points", "представлено"),
        ("2025-autumn-plan-28-points", "переглянуто (станом на 21 січня 2026 р.)"),
        ("2025-ceasefire-deadline", "встановлено"),
    ],
)
def test_status_words_by_kind(seed_db_path: Path, event_id: str, status: str):
    assert f"\nСтатус: {status}\n" in show(seed_db_path, event_id)


def test_the_english_ui_shows_the_source_words_with_their_english(seed_db_path: Path):
    out = show(seed_db_path, "2026-01-22-moscow", "en")
    assert "\nDate in the source: «в четвер 22 січня» (“on Thursday, January 22”)\n" in out
    cnbc = show(seed_db_path, "2026-01-21-witkoff-cnbc", "en")
    assert "— Steve Witkoff, «в інтерв'ю CNBC» (“in an interview with CNBC”) [UNN, chars 191–233]" in cnbc
    assert "\n  UNN, January 21, 2026, via CNBC [chars 191–290]:\n" in cnbc


# ---------------------------------------------------------------------- the pane and the timeline
async def test_the_pane_shows_the_same(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("2025-08-06-dmitriev-informal")
        await settle(pilot, app)
        text = detail_text(app)
        assert text.startswith("не пізніше 6 серпня 2025 р.\nНеформальна зустріч Віткоффа з Кирилом Дмітрієвим\n")
        assert "Дата в джерелі: «перед ними»" in text
        assert "Перед: Переговори Віткоффа з Путіним у Москві на тлі «дедлайну»" in text
        assert "Примітка упорядника: Точної дати й місця джерело не називає" in text
        assert "Кирило Дмітрієв — посада в джерелі не вказана (Росія)" in text

        main(app).go_to_event("2025-12-02-moscow")
        await settle(pilot, app)
        text = detail_text(app)
        assert "118 днів (6 серпня 2025 р.); між ними були раунди без точної дати" in text
        assert "«нелегітимність українського керівництва»\n  — переказ джерела (мовець: Володимир Путін)" in text

        main(app).go_to_event("2025-03-13-moscow")
        await settle(pilot, app)
        assert "«рамкового плану»\n  — у лапках у джерелі" in detail_text(app)


async def test_the_timeline_marks_an_uncertain_gap_and_an_open_date(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        lines = screen_text(app).splitlines()
        timeline = app.query_one(Timeline)
        assert timeline.event_count == seed_store.count_events()
        rows = {r.id: r for r in seed_store.timeline()}
        assert rows["2025-12-02-moscow"].gap_undated and not rows["2025-04-11-saint-petersburg"].gap_undated
        # Rows leave out the year (the year's heading gives it).
        moscow_dec = next(x for x in lines if "2 грудня" in x)
        assert moscow_dec.lstrip("│▏ ").startswith("┆ 2 грудня")
        april = next(x for x in lines if "11 квітня" in x)
        assert "▅ 11 квітня" in april
        assert any("≤ 21 січня" in x and "Віткофф в інтерв'ю CNB" in x for x in lines)


def test_an_unknown_position_is_muted_in_the_pane(seed_store: Store):
    styles = Styles()
    texts = pane_texts(EventView.build(seed_store.event("2025-08-06-dmitriev-informal"), "uk"), styles=styles)
    body = texts.body
    start = body.plain.index("посада в джерелі не вказана")
    styled = [s.style for s in body.spans if s.start <= start < s.end]
    assert styles.muted in styled
    assert "(посада" not in body.plain  # not in brackets: the side is the only bracketed part

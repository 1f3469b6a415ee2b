"""Reviewing an article in the app (`chronology add`, "Додати статтю…"), by keyboard through Pilot: accept and
reject, edit with problems shown inline, re-point quotes, merge into stored events, save in one transaction."""

from __future__ import annotations

from pathlib import Path

from chronology.db.store import Store
from chronology.tui.app import ChronologyApp, make_app
from chronology.tui.logic.article import load_article
from chronology.tui.logic.review import Decision, Kind
from chronology.tui.options import AppOptions
from chronology.tui.screens.add_article import AddArticleScreen
from chronology.tui.screens.help import HelpScreen
from chronology.tui.screens.main import MainScreen
from chronology.tui.screens.review import ReviewScreen
from chronology.tui.screens.review_modals import ConfirmCloseScreen, EditScreen, PickScreen, ProblemsScreen
from chronology.tui.widgets.article import ArticleView, wrap
from hypothesis import given
from hypothesis import strategies as st

ARTICLES = Path(__file__).parent / "data" / "articles"
ABU_DHABI = ARTICLES / "01_wire_abu_dhabi.txt"
SIZE = (120, 36)


def app_reviewing(store: Store, lang: str = "uk") -> ChronologyApp:
    article = load_article(str(ABU_DHABI), "2026-02-12", outlet="Агентство")
    return make_app(store, lang=lang, options=AppOptions.steady(), article=article)


async def until(pilot, condition, what: str) -> None:
    """Wait for ``condition()``; fail (not hang) if it never holds."""
    for _ in range(600):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


async def review_opened(pilot) -> ReviewScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen), "the review screen opened")
    return pilot.app.screen


def screen_text(app: ChronologyApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_accepting_two_events_and_saving_adds_them_to_the_timeline_selected(seed_store: Store) -> None:
    before = seed_store.count_events()
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        review = await review_opened(pilot)
        session = review.session
        first, second = session[1], session[2]
        assert review.records.highlighted == 1  # the first proposed record, not the source
        await pilot.press("a", "ф")  # accept, accept (the Ukrainian layout's а is the same key)
        assert (first.decision, second.decision) == (Decision.ACCEPTED, Decision.ACCEPTED)
        assert seed_store.count_events() == before  # nothing written before saving
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "back on the timeline")
        assert seed_store.count_events() == before + 2
        written = sorted([(seed_store.position(first.id), first.id), (seed_store.position(second.id), second.id)])
        await until(pilot, lambda: app.main.current_event_id == written[0][1], "the first written event selected")
        notices = [n.message for n in app._notifications]  # toasts are not in the compositor's strips
        assert "Додано до хронології: записано чи оновлено подій — 2." in notices


async def test_quitting_with_unsaved_decisions_asks_first(seed_store: Store) -> None:
    before = seed_store.count_events()
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await review_opened(pilot)
        await pilot.press("x")  # reject a record: a decision not saved yet
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmCloseScreen), "the question")
        assert "Ваші рішення не збережено" in screen_text(app)
        await pilot.press("escape")  # keep reviewing
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back in the review")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmCloseScreen), "the question again")
        await pilot.press("d")  # discard
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the review closed")
        assert seed_store.count_events() == before


async def test_quitting_the_app_from_a_review_with_unsaved_decisions_asks_too(seed_store: Store) -> None:
    before = seed_store.count_events()
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await review_opened(pilot)
        await pilot.press("a")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmCloseScreen), "the question")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back in the review")
        assert app.return_code is None  # still running
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmCloseScreen), "the question again")
        await pilot.press("s")  # save, then quit
        await until(pilot, lambda: app.return_code is not None, "the app quit")
    assert seed_store.count_events() == before + 1


async def test_closing_a_review_without_decisions_does_not_ask(seed_store: Store) -> None:
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await review_opened(pilot)
        await pilot.press("down", "j", "о")  # moving between records decides nothing
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the review closed at once")


async def test_an_invalid_date_in_the_edit_form_says_why_and_keeps_the_form_open(seed_store: Store) -> None:
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        review = await review_opened(pilot)
        record = review.session[1]
        date_before = record.data["date"]
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit form")
        await pilot.press("tab", "tab")  # title → kind → date
        await pilot.press("ctrl+a", "ctrl+k", *"2026-13-40", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)  # still open
        error = app.screen.query_one("#error-date")
        assert error.display and "«2026-13-40» — не дата" in str(error.content)
        assert app.screen.focused is app.screen.query_one("#field-date")
        assert record.data["date"] == date_before
        await pilot.press("ctrl+a", "ctrl+k", *"2026-02-10", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the form closed")
        assert record.data["date"] == "2026-02-10"
        assert "10 лютого 2026 р." in screen_text(app)


async def test_merging_a_drafted_event_into_an_existing_one_adds_its_citation(seed_store: Store) -> None:
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        review = await review_opened(pilot)
        session = review.session
        moscow = next(i for i, r in enumerate(session.records) if r.is_event and r.data["place"] == "Москва")
        while review.records.highlighted != moscow:
            await pilot.press("down")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, PickScreen), "the list of stored events")
        await pilot.press(*"запланована")
        await until(pilot, lambda: app.screen.query_one("#pick-list").option_count > 0, "the search's events")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back in the review")
        update = session.record_of(Kind.UPDATE, "2026-01-22-moscow")
        assert update is not None and update.decision == Decision.ACCEPTED
        assert "Оновлення наявної події" in screen_text(app) and "Дата: 22 січня 2026 р. (у сховищі)" in screen_text(
            app
        )
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "saved")
        await until(pilot, lambda: app.main.current_event_id == "2026-01-22-moscow", "the updated event selected")
        detail = seed_store.event("2026-01-22-moscow")
        assert detail is not None
        assert any(c.source_id == session.source_id for c in detail.event.citations)
        assert {c.field.value for c in detail.event.claims} == {"date"}


async def test_a_quote_is_pointed_to_another_event_and_speaker(seed_store: Store) -> None:
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        review = await review_opened(pilot)
        session = review.session
        quote = next(i for i, r in enumerate(session.records) if r.kind == Kind.QUOTE)
        while review.records.highlighted != quote:
            await pilot.press("down")
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PickScreen), "the list of events")
        await pilot.press(*"запланована")
        await until(
            pilot,
            lambda: any(o.id == "2026-01-22-moscow" for o in app.screen.query_one("#pick-list").options),
            "the stored event found",
        )
        await pilot.press("down")  # into the list
        while app.screen.query_one("#pick-list").highlighted_option.id != "2026-01-22-moscow":
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back in the review")
        assert session[quote].data["event_id"] == "2026-01-22-moscow"
        await pilot.press("і")  # s on the Ukrainian layout: another speaker
        await until(pilot, lambda: isinstance(app.screen, PickScreen), "the list of people")
        await pilot.press(*"Путін", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back in the review")
        assert session[quote].data["speaker_id"] == "putin"


async def test_a_refused_save_shows_its_problems_and_writes_nothing(seed_store: Store) -> None:
    before = seed_store.count_events()
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        review = await review_opened(pilot)
        session = review.session
        event = session[1]
        quote = next(
            i for i, r in enumerate(session.records) if r.kind == Kind.QUOTE and r.data["event_id"] == event.id
        )
        await pilot.press("x")  # reject the event …
        while review.records.highlighted != quote:
            await pilot.press("down")
        await pilot.press("a")  # … but accept its quote
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the problems")
        assert "Нічого не записано" in screen_text(app)
        assert "належить до події, яку ви не прийняли" in app.screen.problems[0]
        assert seed_store.count_events() == before
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back in the review")
        assert session.dirty


async def test_selecting_a_record_scrolls_the_article_to_its_passage(seed_store: Store) -> None:
    app = app_reviewing(seed_store)
    async with app.run_test(size=(120, 24)) as pilot:
        review = await review_opened(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.scroll_y == 0
        await pilot.press("end")  # the last record: a person named late in the article
        last = review.session[len(review.session) - 1]
        line = article.line_of(last.spans[0][0])
        assert article.scroll_y <= line < article.scroll_y + article.scrollable_content_region.height
        assert article.scroll_y > 0
        await pilot.press("home")
        assert article.scroll_y == 0


async def test_help_lists_the_review_keys(seed_store: Store) -> None:
    app = app_reviewing(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await review_opened(pilot)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        text = screen_text(app)
        for words in (
            "Запропоновані записи",
            "Перегляд",
            "Прийняти",
            "Відхилити",
            "Змінити",
            "Об'єднати",
            "Інша подія",
        ):
            assert words in text, words
        assert "a ф" in text and "x ч" in text and "m ь" in text


async def test_the_review_in_english(seed_store: Store) -> None:
    app = app_reviewing(seed_store, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await review_opened(pilot)
        text = screen_text(app)
        assert "Accept" in text and "Merge" in text and "not decided: 20" in text
        assert "February 11, 2026" in text and "Participants: Steve Witkoff, Jared Kushner" in text


async def test_adding_an_article_from_the_palette_asks_for_the_file_and_the_date(seed_store: Store) -> None:
    app = make_app(seed_store, options=AppOptions.steady())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Додати статтю")
        await until(pilot, lambda: "Додати статтю…" in screen_text(app), "the command offered")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AddArticleScreen), "the form")
        await pilot.press(*str(ABU_DHABI), "enter", *"12.02.2026", "enter")
        error = app.screen.query_one("#add-error-published")
        assert error.display and "12.02.2026 — не дата" in str(error.content)
        await pilot.press("ctrl+a", "ctrl+k", *"2026-02-12", "enter")
        review = await review_opened(pilot)
        assert review.session.source["published"] == "2026-02-12"


# ---------------------------------------------------------------------------------------------- the article's lines
@given(
    st.text(alphabet=st.sampled_from("ab вґ—ї'\n  «»"), max_size=300),
    st.integers(min_value=1, max_value=40),
)
def test_the_article_wraps_to_the_pane_and_keeps_every_character(text: str, width: int) -> None:
    from rich.cells import cell_len

    lines = wrap(text, width)
    assert all(cell_len(text[a:b]) <= width for a, b in lines)
    assert all(0 <= a <= b <= len(text) for a, b in lines) and lines == sorted(lines)
    kept = "".join(text[a:b] for a, b in lines)
    assert kept.replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert sum(1 for a, b in lines if a == b) >= text.count("\n\n")  # blank lines stay


def test_a_paragraph_breaks_at_spaces() -> None:
    text = "Делегації провели раунд переговорів.\n\nЗустріч тривала шість годин."
    assert [text[a:b] for a, b in wrap(text, 20)] == [
        "Делегації провели",
        "раунд переговорів.",
        "",
        "Зустріч тривала",
        "шість годин.",
    ]

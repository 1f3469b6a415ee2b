"""A source's web address: checked on import (http or https only), printed by show, shown as a link in the
detail pane, opened in the browser by o (щ); the seed's source has none (the article does not state it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chronology.db.errors import ChronologyError
from chronology.db.models import parse_document
from chronology.db.store import Store
from chronology.tui.present.event_view import EventView
from chronology.tui.screens.help import HelpScreen
from chronology.tui.widgets.detail import pane_texts

from .conftest import tiny_data
from .test_app import SIZE, app_on, detail_text, main, screen_text, settle
from .test_cli import run

URL = "https://unn.ua/news/test-article"


def url_doc(url: str | None = URL):
    data = tiny_data()
    data["sources"][0]["url"] = url
    return parse_document(data)


@pytest.fixture
def url_store():
    store = Store.memory(url_doc())
    yield store
    store.close()


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://unn.ua/x", "unn.ua/x", "https://", "https://unn.ua/a b"])
def test_only_web_addresses_are_accepted(bad: str):
    with pytest.raises(ChronologyError, match=r"sources\[src\]\.url: not a web address"):
        url_doc(bad)


def test_the_import_refuses_a_source_that_is_not_a_web_address(tmp_path: Path, seed_db_path: Path, capsys):
    data = tiny_data()
    data["sources"][0]["url"] = "javascript:alert(1)"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run("--lang", "en", "--db", str(seed_db_path), "import", str(path))[0] == 1
    assert "url: not a web address" in capsys.readouterr().err


def test_the_seed_source_has_no_invented_address(seed_doc):
    assert [s.url for s in seed_doc.sources] == [None]


def test_show_prints_the_address(tmp_path: Path):
    path = tmp_path / "url.db"
    Store.build(path, url_doc()).close()
    code, out = run("--db", str(path), "show", "m1")
    assert code == 0
    lines = out.splitlines()
    passage = next(i for i, line in enumerate(lines) if line.startswith("  УНН, 21 січня 2026 р. [символи 0–"))
    assert lines[passage + 2] == f"    {URL}"


def test_the_detail_pane_links_the_address(url_store: Store):
    texts = pane_texts(EventView.build(url_store.event("m1"), "uk"))
    assert URL in texts.sources.plain
    links = [span.style.link for span in texts.sources.spans if hasattr(span.style, "link") and span.style.link]
    assert links == [URL] * len(url_store.event("m1").event.citations)  # under each passage of that source


async def test_o_opens_the_source_in_the_browser_with_a_toast(url_store: Store, monkeypatch: pytest.MonkeyPatch):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    app = app_on(url_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("m1")
        await settle(pilot, app)
        assert URL in detail_text(app)
        rendered = "".join(strip.render(app.console) for strip in app.screen._compositor.render_strips())
        assert f";{URL}\x1b\\" in rendered  # an OSC 8 hyperlink: ESC ] 8 ; id=… ; URL ESC \
        await pilot.press("o")
        await pilot.press("щ")  # the same key on the Ukrainian layout
        await settle(pilot, app)
        assert opened == [URL, URL]
        assert [n.message for n in app._notifications] == [f"Відкриваю {URL}"] * 2


async def test_o_says_when_the_source_gives_no_address(seed_store: Store, monkeypatch: pytest.MonkeyPatch):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        assert opened == []
        assert [n.message for n in app._notifications] == ["Джерело не має вебадреси."]


async def test_help_lists_the_key(url_store: Store):
    app = app_on(url_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
    assert "o щ" in text and "Відкрити джерело" in text


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "file:///etc/passwd"])
async def test_a_store_edited_by_hand_to_a_bad_address_says_why_and_opens_nothing(
    url_store: Store, monkeypatch: pytest.MonkeyPatch, bad: str
):
    url_store.conn.execute("UPDATE sources SET url = ?", (bad,))  # past the import's check
    url_store.conn.commit()
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    app = app_on(url_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main(app).go_to_event("m1")
        await settle(pilot, app)
        shown = " ".join(detail_text(app).split())
        assert shown.startswith("Цю подію не вдається показати: Source.url: не вебадреса:"), shown
        await pilot.press("o")
        await settle(pilot, app)
        assert opened == []


@pytest.mark.parametrize(
    ("url", "web"),
    [(URL, True), ("http://unn.ua", True), ("javascript:alert(1)", False), ("file:///etc/passwd", False),
     ("https://", False), ("https://unn.ua/a b", False), ("https://unn.ua/\x1b]52;c;", False)],
)  # fmt: skip
def test_only_web_addresses_are_linked_or_opened(url: str, web: bool) -> None:
    from chronology.db.controls import is_web_address

    assert is_web_address(url.replace("\\x1b", "\x1b")) is web

"""Random control, markup and direction characters through import and out of every output path: nothing a
terminal would obey comes out, and markup stays the text it is."""

from __future__ import annotations

import io
from pathlib import Path

from chronology.db.store import Store
from chronology.tui.cli import main
from chronology.tui.present.event_view import EventView
from chronology.tui.widgets.detail import pane_texts, quote_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .hostile_data import hostile_data, raw_controls, write_json

CONTROLS = [chr(c) for c in [*range(1, 0x20), *range(0x7F, 0xA0)]] + list("\u061c\u200e\u200f\u2028\u2029")
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
MARKUP = ["[", "]", "[/]", "[b]", "[@click=app.quit]", "[link=x]", "$", "\\", "=", "+", "-", "@", "<", ">", "&"]
piece = st.sampled_from(CONTROLS + BIDI + MARKUP) | st.text(alphabet="абвгґ xyz", min_size=1, max_size=4)
hostile_words = st.lists(piece, min_size=1, max_size=12).map(lambda p: "Санкції " + "".join(p))
curator_text = st.lists(st.sampled_from(MARKUP) | st.text(alphabet="абв ", max_size=3), max_size=8).map("".join)

OUTPUTS = [
    ["list"],
    ["show", "m1"],
    ["search", "Санкції"],
    ["export", "--format", "md"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    ["export", "--format", "timelinejs"],
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=hostile_words, curator=curator_text)
def test_random_hostile_text_never_reaches_the_terminal_raw(tmp_path_factory, words: str, curator: str):
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "s.db"
    data = hostile_data(words, curator)
    code = main(["--db", str(db), "import", "--no-seed", str(write_json(folder / "f.json", data))], out=io.StringIO())
    assert code == 0
    for args in OUTPUTS:
        out = io.StringIO()
        assert main(["--db", str(db), "--lang", "en", *args], out=out) == 0, args
        assert raw_controls(out.getvalue().encode("utf-8", "surrogatepass")) == [], args
    with Store.open(db) as store:  # the app's detail pane and quotes, as drawn
        view = EventView.build(store.event("m1"), "en")
        texts = pane_texts(view)
        for text in [texts.head, texts.body, texts.sources, *[quote_text(q) for q in view.quotes]]:
            assert raw_controls(text.plain.encode("utf-8", "surrogatepass")) == []
        assert curator in texts.head.plain  # markup in the title: the same characters, not styles


def test_the_fuzz_alphabet_holds_what_the_issue_names():
    assert {"\x1b", "\x07", "\r", "\x9b", "\u202e"} <= set(CONTROLS + BIDI)
    assert Path(__file__).name == "test_fuzz.py"

"""The one normaliser (chronology.db.text): folding and word splitting shared by indexing and querying."""

from __future__ import annotations

import unicodedata

import pytest
from chronology.db.text import APOSTROPHE, fold, nfc, tokens, words
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        # Case: full Unicode folding, Ukrainian letters included (SQLite's lower() folds ASCII only).
        ("ПУТІН", "путін"),
        ("Путіним", "путіним"),
        ("ҐЕНЕРАЛ ЇЖАК ЄВРОПА", "ґенерал їжак європа"),
        ("WITKOFF", "witkoff"),
        # Apostrophes: ' ’ ʼ ` (and ‘ ´ ʹ) are one.
        ("інтерв'ю", "інтерв'ю"),
        ("інтерв’ю", "інтерв'ю"),
        ("інтервʼю", "інтерв'ю"),
        ("інтерв`ю", "інтерв'ю"),
        ("перемир‘я", "перемир'я"),
        # Stress marks dropped, the breve of й and the diaeresis of ї kept.
        ("Же́нева", "женева"),
        ("Кѝїв", "київ"),
        ("зу́стріч й їжак", "зустріч й їжак"),
        # Latin look-alikes inside Cyrillic words become Cyrillic …
        ("Пyтін", "путін"),  # Latin y
        ("Kиїв", "київ"),  # Latin K
        ("Mосква", "москва"),  # Latin M
        ("Bіткофф", "віткофф"),  # Latin B
        ("Київ", "київ"),  # Latin i
        # … and Cyrillic look-alikes inside Latin words become Latin; pure words are left alone.
        ("Witkоff", "witkoff"),  # Cyrillic о
        ("CNBC", "cnbc"),
        ("Reuters", "reuters"),
        # Invisible characters pasted inside words.
        ("Ві\u00adткофф", "віткофф"),
        ("путі\u200bн", "путін"),
    ],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_fold_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Київ, й, ї")
    assert decomposed != "Київ, й, ї"
    assert fold(decomposed) == "київ, й, ї"
    assert fold(decomposed) == unicodedata.normalize("NFC", fold(decomposed))


def test_fold_keeps_text_outside_words() -> None:
    assert fold("13 березня 2025 року: «Так!»") == "13 березня 2025 року: «так!»"


def test_nfc() -> None:
    assert nfc("и\u0306") == "й"
    assert nfc("й") == "й"


def test_tokens_offsets_point_into_the_original_text() -> None:
    text = "Віткофф в інтерв’ю CNBC: зустріч із Пyтіним — 22 січня, 20-пунктна версія."
    toks = tokens(text)
    assert [t.key for t in toks] == [
        "віткофф",
        "в",
        "інтерв'ю",
        "cnbc",
        "зустріч",
        "із",
        "путіним",
        "22",
        "січня",
        "20",
        "пунктна",
        "версія",
    ]
    for t in toks:
        assert fold(text[t.start : t.end]) == t.key


def test_tokens_keep_stress_marks_and_apostrophes_inside_words() -> None:
    text = "Же́нева, пам`ять, 'цитата'"
    assert [(t.key, text[t.start : t.end]) for t in tokens(text)] == [
        ("женева", "Же́нева"),
        ("пам'ять", "пам`ять"),
        ("цитата", "цитата"),
    ]


def test_words() -> None:
    assert words("ПУТІН і Путіним") == ["путін", "і", "путіним"]
    assert words("") == []
    assert words("!!! — …") == []


def test_apostrophe_constant() -> None:
    assert fold("’") == APOSTROPHE


@settings(max_examples=2000, deadline=None)
@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(max_examples=2000, deadline=None)
@given(st.text())
def test_token_keys_are_single_words(text: str) -> None:
    for t in tokens(text):
        assert t.key
        assert 0 <= t.start < t.end <= len(text)
        assert not any(ch.isspace() for ch in t.key)
        assert '"' not in t.key
        # Folding a word on its own gives the same key: query words and indexed words agree.
        assert [x.key for x in tokens(text[t.start : t.end])] == [t.key]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Путін", "ПУТІН", "путін", "Пyтін", "пу́тін", "Путi\u200bн"]), min_size=1))
def test_spellings_fold_to_one_key(spellings: list[str]) -> None:
    assert {fold(s) for s in spellings} == {"путін"}

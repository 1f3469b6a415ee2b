"""The one text normaliser, shared by loading, indexing and querying.

* :func:`nfc` is applied to everything stored: it keeps text verbatim (quotes are checked against their
  source after it) and only unifies Unicode composition.
* :func:`fold` is the search key: NFC, case folded (Python's full Unicode folding, never SQLite's
  ASCII-only ``lower()``), the apostrophes ' ’ ʼ ` (and ‘ ´ ʹ) as one, stress marks dropped, invisible
  characters (soft hyphen, zero-width space/joiners, BOM) dropped, and look-alike letters unified in words
  that mix scripts: "Пyтін" with a Latin y is "путін", "Witkоff" with a Cyrillic о is "witkoff".
* :func:`tokens` splits *original* text into words with their character offsets and folded keys. The
  search index is built from these keys, queries are parsed into them, and highlights are placed with
  their offsets, so what is indexed, what is typed and what is highlighted always agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

APOSTROPHE = "'"
# U+0027, U+2019, U+02BC, U+0060, U+2018, U+00B4, U+02B9 all mean the Ukrainian apostrophe.
APOSTROPHES = "'’ʼ`‘´ʹ"
_APOSTROPHES = str.maketrans({c: APOSTROPHE for c in APOSTROPHES})
_STRESS = {"\u0301", "\u0300"}  # combining acute / grave used as stress marks
# Invisible characters that pasted text carries inside words; they never separate words.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE))

# Latin letters that look like Cyrillic ones (lower case; text is case folded first): "i" in "Київ"
# typed on an English layout, "Пyтін", "Kиїв" (capital K folds to k).
_LOOKALIKES = {
    "a": "а",
    "c": "с",
    "e": "е",
    "i": "і",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "k": "к",
    "m": "м",
    "h": "н",
    "t": "т",
    "b": "в",
    "ï": "ї",
}
_LATIN_TO_CYRILLIC = str.maketrans(_LOOKALIKES)
_CYRILLIC_TO_LATIN = str.maketrans({cyr: lat for lat, cyr in _LOOKALIKES.items()})

# A word: letters, digits and combining marks (stress, breve, Cyrillic titlo …), with invisible characters
# and apostrophes inside it ("інтерв'ю", "ім’я", "пам`ять"). Underscore and punctuation separate words.
_WORD_CHAR = rf"(?:[^\W_]|[\u0300-\u036f\u0483-\u0489{_INVISIBLE}])"
_WORD = re.compile(rf"{_WORD_CHAR}+(?:[{APOSTROPHES}]{_WORD_CHAR}+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")
_LATIN = re.compile(r"[a-zà-ɏ]")


class Token(NamedTuple):
    """A word of an original text: its search key and where it is (``text[start:end]``)."""

    key: str
    start: int
    end: int


def nfc(text: str) -> str:
    """Unicode NFC: the form every stored text is kept in."""
    return unicodedata.normalize("NFC", text)


def _drop_stress(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    if not any(ch in _STRESS for ch in decomposed):
        return text
    # Keep the breve of й and the diaeresis of ї, drop only stress marks.
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _STRESS))


def _unify_script(word: str) -> str:
    """In a word that mixes Cyrillic and Latin letters, write the look-alikes in the word's main script."""
    if word.isascii():
        return word
    cyrillic = len(_CYRILLIC.findall(word))
    if not cyrillic:
        return word
    latin = len(_LATIN.findall(word))
    if not latin:
        return word
    if cyrillic >= latin:
        return word.translate(_LATIN_TO_CYRILLIC)
    return word.translate(_CYRILLIC_TO_LATIN)


def _fold_word(match: re.Match[str]) -> str:
    return _unify_script(match.group(0))


def fold(text: str) -> str:
    """The search key of a text: the same function folds what is indexed and what is typed."""
    text = nfc(text).translate(_DROP_INVISIBLE)
    text = _drop_stress(text).casefold().translate(_APOSTROPHES)
    return _WORD.sub(_fold_word, text)


@lru_cache(maxsize=200_000)
def _fold_key(word: str) -> str:
    return fold(word)


def tokens(text: str) -> list[Token]:
    """The words of an original (unfolded) text with their folded keys and offsets into ``text``.

    >>> [t.key for t in tokens("Зустріч з Пyтіним у Києві, інтерв’ю")]
    ['зустріч', 'з', 'путіним', 'у', 'києві', "інтерв'ю"]
    """
    found: list[Token] = []
    for m in _WORD.finditer(text):
        key = _fold_key(m.group(0))
        if key:
            found.append(Token(key, m.start(), m.end()))
    return found


def words(text: str) -> list[str]:
    """The folded words of a text (apostrophes kept inside words: "інтерв'ю"; digits are words): the keys of
    :func:`tokens`, without the offsets (faster: indexing calls this for every record)."""
    return [key for key in map(_fold_key, _WORD.findall(text)) if key]


def verbatim_in(phrase: str, text: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` character for character, as whole words: "перед ними" is in
    "а перед ними Віткофф", "дедлайн" is not in "на тлі дедлайну"."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        opens = start == 0 or not (phrase[0].isalnum() and text[start - 1].isalnum())
        closes = end == len(text) or not (phrase[-1].isalnum() and text[end].isalnum())
        if opens and closes:
            return True
        start = text.find(phrase, start + 1)
    return False

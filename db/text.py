"""The one text normaliser, shared by loading, indexing and querying.

* :func:`nfc` is applied to everything stored: it keeps text verbatim (quotes are checked against their
  source after it) and only unifies Unicode composition.
* :func:`fold` is the search key: NFC, case folded (Python's full Unicode folding, never SQLite's
  ASCII-only ``lower()``), the apostrophes ' ’ ʼ ` as one, stress marks dropped, and Latin look-alike
  letters inside Cyrillic words turned Cyrillic ("Пyтін" with a Latin y is "путін").
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHE = "'"
# U+0027, U+2019, U+02BC, U+0060, U+2018, U+00B4, U+02B9 all mean the Ukrainian apostrophe.
_APOSTROPHES = str.maketrans({c: APOSTROPHE for c in "'’ʼ`‘´ʹ"})
_STRESS = {"\u0301", "\u0300"}  # combining acute / grave used as stress marks

# Latin letters that look like Cyrillic ones (lower case; text is case folded first).
_LATIN_TO_CYRILLIC = str.maketrans(
    {
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
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def nfc(text: str) -> str:
    """Unicode NFC: the form every stored text is kept in."""
    return unicodedata.normalize("NFC", text)


def _drop_stress(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    if not any(ch in _STRESS for ch in decomposed):
        return text
    # Keep the breve of й and the diaeresis of ї, drop only stress marks.
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _STRESS))


def _fold_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if _CYRILLIC.search(word) and not word.isascii():
        return word.translate(_LATIN_TO_CYRILLIC)
    return word


def fold(text: str) -> str:
    """The search key of a text: the same function folds what is indexed and what is typed."""
    text = _drop_stress(nfc(text)).casefold().translate(_APOSTROPHES)
    return _WORD.sub(_fold_mixed_word, text)


def words(text: str) -> list[str]:
    """The words of an already folded text (apostrophes kept inside words: "інтерв'ю")."""
    return _WORD.findall(text)

"""Normal forms of Ukrainian words (pymorphy3, loaded on first use, never at import)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from ..text import tokens

_morph_lock = threading.Lock()
_morph: Any = None


def analyzer() -> Any:
    """pymorphy3's Ukrainian analyzer, loaded on first use (never at import) and shared: the search index and
    the drafting engine (:mod:`chronology.db.draft.lexicon`) use this one."""
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                import pymorphy3
                import pymorphy3_dicts_uk

                # The dictionary's folder given, not looked up: pymorphy3 would read every installed package's
                # entry points for it (importlib.metadata, a tenth of a second at each start).
                _morph = pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_uk.get_path(), lang="uk")
    return _morph


# Words pymorphy3 can analyse: Cyrillic letters with apostrophes inside ("інтерв'ю"). Anything else (numbers,
# Latin names, other scripts, mixtures) is its own normal form.
CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:'[\u0400-\u04ff]+)*")


@lru_cache(maxsize=500_000)
def lemmas(key: str) -> tuple[str, ...]:
    """Every normal form pymorphy3 gives for a folded word ("києві" → ("кий", "київ")), folded; cached.

    Words that are not all Cyrillic (numbers, Latin names, other scripts) are their own normal form.
    """
    if not CYRILLIC_WORD.fullmatch(key):
        return (key,)
    try:
        parses = analyzer().parse(key)
    except Exception:  # pragma: no cover - pymorphy3 failing on a word must not fail indexing or a query
        return (key,)
    forms: set[str] = set()
    for parse in parses:
        found = tokens(parse.normal_form)
        if len(found) == 1:
            forms.add(found[0].key)
    return tuple(sorted(forms)) if forms else (key,)


@lru_cache(maxsize=500_000)
def lemma_text(key: str) -> str:
    return " ".join(lemmas(key))


_LATIN_WORD = re.compile(r"[a-z][a-z0-9']*[a-z]")


@lru_cache(maxsize=100_000)
def query_forms(key: str) -> tuple[str, ...]:
    """The forms a typed word finds: its normal forms (:func:`lemmas`) and, for an English word, the word
    with and without the possessive 's ("putin's" ↔ "putin"; the index holds words as written, so this
    is done at query time and costs one more word to look up)."""
    found = lemmas(key)
    if not _LATIN_WORD.fullmatch(key):
        return found
    base = key[:-2] if key.endswith("'s") else key
    return tuple(dict.fromkeys((*found, base, base + "'s")))

"""Word knowledge the drafting rules share: pymorphy3's Ukrainian dictionary, Babel's CLDR calendar names,
Ukrainian numerals, and the small closed word classes the rules key on (speech verbs, hedges …).

Month and weekday names are never typed here: CLDR gives the Ukrainian names (format and stand-alone),
pymorphy3 gives every grammatical form of them, so "березня", "березні", "березнем" and "березень" all
resolve to March, "у середу" and "середи" to Wednesday.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..search.morphology import analyzer
from ..text import fold

# A word of an article: letters with inner apostrophes and hyphens ("п'ятигодинну", "Абу-Дабі").
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`-][^\W\d_]+)*")


def words(text: str) -> frozenset[str]:
    """A closed word class written as one string: ``words("ніби нібито начебто")``."""
    return frozenset(text.split())


@lru_cache(maxsize=50_000)
def parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's parses of a word (case folded, apostrophes unified), by the analyser the search shares
    (:func:`chronology.db.search.morphology.analyzer`: one per process, loaded on first use)."""
    return tuple(analyzer().parse(key(word)))


@lru_cache(maxsize=100_000)
def key(word: str) -> str:
    """The comparison key of a word: folded, one apostrophe (as the search index folds it)."""
    return fold(word)


@lru_cache(maxsize=50_000)
def lemmas(word: str) -> frozenset[str]:
    """Every normal form pymorphy3 offers for a word (and the word itself)."""
    return frozenset({key(word)} | {p.normal_form for p in parses(word)})


def lemma_in(word: str, names: Iterable[str]) -> bool:
    return not lemmas(word).isdisjoint(names)


def _forms(lemma: str, *, singular: bool = False) -> set[str]:
    """All forms of a noun from pymorphy3's lexeme (only the lemma if pymorphy3 does not know it);
    ``singular``: leave out the plural ("серед" is also a preposition)."""
    out: set[str] = {key(lemma)}
    for p in parses(lemma):
        if p.normal_form == key(lemma) and "NOUN" in p.tag:
            out |= {key(f.word) for f in p.lexeme if not (singular and "plur" in f.tag)}
    return out


@lru_cache(maxsize=1)
def _uk_calendar() -> dict[str, dict[str, dict[int, str]]]:
    """Babel's CLDR month and day names for Ukrainian (wide, in the format and stand-alone contexts).

    Read through :class:`babel.Locale`, never ``localedata.load(..., merge_inherited=False)``: Babel caches
    one dict per locale name whether or not it was merged, so loading the bare file first would leave every
    later use of the locale in the process (number and date formatting) without the inherited data."""
    from babel import Locale

    locale = Locale("uk")
    out: dict[str, dict[str, dict[int, str]]] = {}
    for kind, table in (("months", locale.months), ("days", locale.days)):
        for ctx in ("format", "stand-alone"):
            out.setdefault(kind, {})[ctx] = {int(k): str(v) for k, v in table[ctx]["wide"].items()}
    return out


def _cldr(kind: str) -> dict[int, set[str]]:
    names: dict[int, set[str]] = {}
    for table in _uk_calendar()[kind].values():
        for number, name in table.items():
            names.setdefault(number, set()).add(key(name))
    return names


def month_genitive(month: int) -> str:
    """ "березня" for 3: CLDR's format name, as a date is written ("21 січня 2026 р.")."""
    return _uk_calendar()["months"]["format"][month]


@lru_cache(maxsize=1)
def month_forms() -> dict[str, int]:
    """Every form of every month name → month number (1–12), from CLDR and pymorphy3."""
    out: dict[str, int] = {}
    for number, names in _cldr("months").items():
        for name in names:
            # CLDR's genitive "березня" and nominative "березень": expand the nominative's lexeme.
            for form in _forms(name):
                out.setdefault(form, number)
            out[name] = number
    return out


@lru_cache(maxsize=1)
def weekday_forms() -> dict[str, int]:
    """Every singular form of every weekday name → Python weekday (Monday 0 … Sunday 6), CLDR + pymorphy3."""
    out: dict[str, int] = {}
    for number, names in _cldr("days").items():
        for name in names:
            for form in _forms(name, singular=True):
                out.setdefault(form, number)
            out[name] = number
    return out


@lru_cache(maxsize=1)
def month_adjectives() -> dict[str, int]:
    """Adjectives of months ("квітневої", "березневою") → month: a month's form + "ев/н" suffix rule."""
    out: dict[str, int] = {}
    for form, number in month_forms().items():
        stem = form[:-1] if form.endswith(("ь", "й", "я", "а", "і", "ю", "у")) else form
        out[stem] = number
    return out


def month_of_adjective(word: str) -> int | None:
    """ "квітневої" → 4, "березневою" → 3, "серпневий" → 8 (None: not a month adjective)."""
    w = key(word)
    m = re.match(r"^(.+?)(?:ев|н)(?:ий|ого|ому|им|ім|а|ої|ій|у|ою|е|і|их|ими)$", w)
    if not m:
        return None
    table = month_adjectives()
    stem = m.group(1)
    for candidate in (stem, stem + "н", stem[:-1] if stem else stem):
        if candidate in table:
            return table[candidate]
    return None


# ---------------------------------------------------------------------------------------------- numerals
# Ukrainian cardinal lemmas → value. pymorphy3 gives the lemma of any case form ("п'яти" → "п'ять").
NUMERALS: dict[str, float] = {
    "один": 1,
    "одна": 1,
    "одне": 1,
    "два": 2,
    "дві": 2,
    "три": 3,
    "чотири": 4,
    "п'ять": 5,
    "шість": 6,
    "сім": 7,
    "вісім": 8,
    "дев'ять": 9,
    "десять": 10,
    "одинадцять": 11,
    "дванадцять": 12,
    "тринадцять": 13,
    "чотирнадцять": 14,
    "п'ятнадцять": 15,
    "шістнадцять": 16,
    "сімнадцять": 17,
    "вісімнадцять": 18,
    "дев'ятнадцять": 19,
    "двадцять": 20,
    "тридцять": 30,
    "сорок": 40,
    "п'ятдесят": 50,
    "шістдесят": 60,
    "півтори": 1.5,
    "півтора": 1.5,
    "пів": 0.5,
    "кілька": 0,  # "кілька годин": a duration the source does not quantify
}
# Stems of compound adjectives: "п'ятигодинну" (п'яти-), "двогодинна" (дво-), "півторагодинну" (півтора-).
COMPOUND_STEMS: dict[str, float] = {
    "одно": 1,
    "дво": 2,
    "двох": 2,
    "три": 3,
    "трьох": 3,
    "чотири": 4,
    "чотирьох": 4,
    "п'яти": 5,
    "шести": 6,
    "семи": 7,
    "восьми": 8,
    "дев'яти": 9,
    "десяти": 10,
    "одинадцяти": 11,
    "дванадцяти": 12,
    "тринадцяти": 13,
    "чотирнадцяти": 14,
    "п'ятнадцяти": 15,
    "шістнадцяти": 16,
    "вісімнадцяти": 18,
    "двадцяти": 20,
    "двадцятичотирьох": 24,
    "півтора": 1.5,
    "пів": 0.5,
}


def numeral_value(word: str) -> float | None:
    """The value of a cardinal numeral in any case ("п'яти" → 5, "дванадцяти" → 12), digits too."""
    w = key(word)
    if w.isdigit():
        return float(w)
    if w in NUMERALS:
        return NUMERALS[w]
    for p in parses(w):
        if "NUMR" in p.tag and p.normal_form in NUMERALS:
            return NUMERALS[p.normal_form]
    return None


# ---------------------------------------------------------------------------------------------- closed classes
# Verbs that introduce speech (lemmas). "назвати" takes a quoted word:
# Ушаков назвав перемовини "конструктивними".
SPEECH_VERBS = words("""сказати казати заявити заявляти наголосити наголошувати зазначити зазначати
    повідомити повідомляти написати писати додати додавати пояснити пояснювати підкреслити підкреслювати
    відповісти відповідати
    говорити розповісти розповідати назвати називати запевнити запевняти визнати визнавати зауважити
    зауважувати уточнити уточнювати наполягати наполягти нагадати нагадувати звернутися цитувати
    процитувати стверджувати констатувати резюмувати оголосити оголошувати анонсувати попередити
    попереджати висловити висловлювати закликати пообіцяти обіцяти переконувати переконати
    підтвердити підтверджувати""")
# Words that mark the quoted words as someone's retelling rather than the speaker's own speech.
HEDGES = words("ніби нібито начебто буцімто буцім мовляв")
# Settings in which something is said: "в інтерв'ю CNBC", "у зверненні", "на брифінгу", "у телеграмі".
SETTINGS = words("""інтерв'ю коментар коментарі зверненні звернення відеозверненні відеозвернення ефірі ефір телеграмі
    телеграм-каналі соцмережах соцмережі дописі допис брифінгу брифінг пресконференції пресконференція
    заяві заява виступі промові розмові листі ролику підкасті""")


def titled(word: str) -> str:
    """A name's nominative as a name is written: each hyphen part capitalised ("санкт-петербург" →
    "Санкт-Петербург")."""
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))

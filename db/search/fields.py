"""The words a query may use for an event's fields: filter names, kinds, statuses, months and seasons.

A *field filter* (``місце:Москві``, ``kind:meeting``, ``статус:заплановано``, ``with:Witkoff``, ``рік:2025``)
looks at one field of the event, not at mentions elsewhere. Its name is Ukrainian or English
(:data:`FIELD_NAMES`); kind and status values are the enum values or the words people see for them in
either language, in any form (:data:`KIND_WORDS`, :data:`STATUS_WORDS`: each word's normal forms by
pymorphy3 are accepted too). A test checks that every kind and status label the UI shows is accepted.

Some plain words also stand for a field (:func:`implicit_fields`): a month or a season ("грудня",
"December", "восени") matches the events dated in it, and a status other than "held" ("заплановано",
"cancelled") the events with that status, besides the texts that mention the word. Month names come from
CLDR (Babel: Ukrainian in both cases it gives, English), their other Ukrainian forms from pymorphy3.

This module only names things; :mod:`.filters` finds the events.
"""

from __future__ import annotations

import re
from functools import cache

from ..edtf import SEASONS
from ..store.rounds import HELD
from ..text import fold
from .morphology import query_forms

# Field names as typed (folded) → the field. Anything else before a colon is literal text.
FIELD_NAMES = {
    "місце": "place",
    "place": "place",
    "вид": "kind",
    "kind": "kind",
    "учасник": "with",
    "with": "with",
    "статус": "status",
    "status": "status",
    "рік": "year",
    "year": "year",
}
FIELDS = ("place", "kind", "with", "status", "year")
DATE = "date"  # a month or a season named by a plain word (no filter name)

# Each kind and status (the enum values the store holds) and the words that name it, Ukrainian and English.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "meeting": ("meeting", "зустріч"),
    "talks": ("talks", "negotiations", "переговори"),
    "consultation": ("consultation", "консультації"),
    "statement": ("statement", "interview", "заява", "інтерв'ю"),
    "announcement": ("announcement", "оголошення"),
    "plan": ("plan", "план"),
    "visit": ("visit", "trip", "візит", "поїздка"),
    "deadline": ("deadline", "дедлайн"),
    "context": ("context", "background", "контекст"),
}
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    # "held" as the UI words it for each kind: a round held, a statement made, a plan presented, a deadline set
    "held": ("held", "відбулася", "проведено", "made", "зроблено", "presented", "представлено", "set",
             "встановлено", "happened"),
    "planned": ("planned", "заплановано", "запланований"),
    "cancelled": ("cancelled", "canceled", "скасовано", "скасований"),
    "revised": ("revised", "переглянуто", "переглянутий"),
}  # fmt: skip
# Seasons (EDTF 21–24, named in English by db.edtf.SEASONS): CLDR has no season names, so the Ukrainian
# nouns and adverbs are written here; pymorphy3 gives the nouns' other forms ("осені", "зиму").
SEASON_WORDS_UK = {"spring": ("весна", "навесні"), "summer": ("літо", "влітку"), "autumn": ("осінь", "восени"),
                   "winter": ("зима", "взимку")}  # fmt: skip
# The months each season covers (meteorological, as db.edtf bounds a season's dates).
SEASON_MONTHS = {21: (3, 4, 5), 22: (6, 7, 8), 23: (9, 10, 11), 24: (12, 1, 2)}

_DIGITS = re.compile(r"\d+")


def field_of(name: str) -> str | None:
    """The field a typed filter name stands for ("Місце", "place" → "place"), or None: not a filter."""
    return FIELD_NAMES.get(fold(name))


def _variants(key: str) -> set[str]:
    """A folded word's forms for matching vocabulary: normal forms, possessive, and an English plural's
    singular ("meetings" → "meeting")."""
    found = {key, *query_forms(key)}
    if key.isascii() and key.endswith("s") and len(key) > 3:
        found.add(key[:-1])
    return found


def _forms(words: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for word in words:
        found |= _variants(fold(word))
    return frozenset(found)


@cache
def _vocabulary(field: str) -> dict[object, tuple[frozenset[str], tuple[str, ...]]]:
    """value → (every form its words take, its words as typed (folded)): for kind, status and date."""
    table: dict[object, tuple[str, ...]] = {}
    if field == "kind":
        table.update(KIND_WORDS.items())
    elif field == "status":
        table.update(STATUS_WORDS.items())
    elif field == DATE:
        table.update(_month_words())
        table.update((code, (name, *SEASON_WORDS_UK[name])) for code, name in SEASONS.items())
    return {value: (_forms(words), tuple(fold(w) for w in words)) for value, words in table.items()}


def vocabulary_loaded() -> None:
    """Load the words of every field now (Babel's month names), so that a first query is as fast as the next."""
    for field in ("kind", "status", DATE):
        _vocabulary(field)


def _month_words() -> dict[object, tuple[str, ...]]:
    """month number → its CLDR names: Ukrainian genitive and nominative ("грудня", "грудень"), English."""
    from babel import Locale  # loaded with the first query that could name a month, not at import

    uk, en = Locale("uk"), Locale("en")
    return {
        m: (uk.months["format"]["wide"][m], uk.months["stand-alone"]["wide"][m], en.months["format"]["wide"][m])
        for m in range(1, 13)
    }


def values(field: str, key: str, *, prefix: bool = False) -> tuple[object, ...]:
    """The values of ``field`` (kind, status, date: months 1–12 and seasons 21–24) a folded word stands for:
    by any of its forms, or, with ``prefix``, by the start of one of their words ("зуст" → meeting)."""
    wanted = _variants(key)
    found: list[object] = []
    for value, (forms, words) in _vocabulary(field).items():
        if not wanted.isdisjoint(forms) or (prefix and any(w.startswith(key) for w in (*words, *forms))):
            found.append(value)
    return tuple(found)


def implicit_fields(key: str) -> tuple[str, ...]:
    """The fields a plain word also stands for: ``date`` for a month or a season, ``status`` for a status
    other than held (the words the timeline shows: "заплановано", "скасовано")."""
    found: list[str] = []
    if values(DATE, key):
        found.append(DATE)
    if any(v != HELD for v in values("status", key)):
        found.append("status")
    return tuple(found)


def year_range(keys: tuple[str, ...]) -> tuple[int, int] | None:
    """The years a ``рік:`` value names: one year, or the first and last of several ("2025-2026"); None if
    it names none (not digits)."""
    years = [int(k) for k in keys if _DIGITS.fullmatch(k)]
    return (min(years), max(years)) if years else None


def season_months(season: int) -> tuple[int, ...]:
    return SEASON_MONTHS[season]

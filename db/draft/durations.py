"""How long something lasted: "понад 12 годин", "близько п'яти годин", "майже дві години", "трохи менше
години", "не більше трьох годин", "п'ятигодинну зустріч", "півтори години", "40 хвилин" → minutes, a
qualifier and the source's own phrase.

The model's qualifiers are exact / about / at_least. "Майже", "трохи менше", "не більше" mean *at most*;
the model lacks it, so :data:`~.records.AT_MOST` names the qualifier such phrases get in the document (``about``
until the model has ``at_most``), while :attr:`DurationMention.qualifier` keeps the meaning found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import COMPOUND_STEMS, key, numeral_value, parses
from .records import AT_MOST
from .segments import Segments

_QUALIFIERS: list[tuple[str, str]] = [
    # longest first: "трохи більше" before "більше"
    ("трохи більше ніж", "at_least"),
    ("трохи більше", "at_least"),
    ("трохи менше ніж", "at_most"),
    ("трохи менше", "at_most"),
    ("більш ніж", "at_least"),
    ("більше ніж", "at_least"),
    ("більше як", "at_least"),
    ("не менше ніж", "at_least"),
    ("не менше", "at_least"),
    ("щонайменше", "at_least"),
    ("понад", "at_least"),
    ("більше", "at_least"),
    ("довше ніж", "at_least"),
    ("менш ніж", "at_most"),
    ("менше ніж", "at_most"),
    ("не більше ніж", "at_most"),
    ("не більше", "at_most"),
    ("не довше", "at_most"),
    ("щонайбільше", "at_most"),
    ("майже", "at_most"),
    ("менше", "at_most"),
    ("до", "at_most"),
    ("близько", "about"),
    ("приблизно", "about"),
    ("орієнтовно", "about"),
    ("десь", "about"),
    ("біля", "about"),
]
_UNITS = {"година": 60, "годинка": 60, "хвилина": 1, "доба": 1440}
_NUM = r"\d+(?:[.,]\d+)?|[^\W\d_]+(?:['’ʼ][^\W\d_]+)?"
_UNIT_WORD = re.compile(
    r"(?<![\w'’ʼ])(?P<unit>годин[аиуію]?|годинах|хвилин[аиуі]?|діб|доби|добу)(?![\w'’ʼ])", re.IGNORECASE
)
_NUMBER_BEFORE = re.compile(rf"(?:(?P<a>{_NUM})\s+)?(?P<b>{_NUM})(?P<half>\s+з\s+половиною)?\s+$", re.IGNORECASE)
_BARE = re.compile(r"(?<![\w'’ʼ])(?P<unit>годину|години|годинку|добу|доби)(?![\w'’ʼ])", re.IGNORECASE)
_COMPOUND = re.compile(r"(?P<stem>[^\W\d_]+(?:['’ʼ][^\W\d_]+)?)(?P<unit>годинн|хвилинн)\w*", re.IGNORECASE)
_DIGIT_COMPOUND = re.compile(r"(?<![\d.,])(?P<num>\d{1,3})\s?[-–]\s?(?P<unit>годинн|хвилинн)\w*", re.IGNORECASE)
_HALF_HOUR = re.compile(r"\b(?:пів\s*години|півгодини|півгодинну|півгодинна)\w*", re.IGNORECASE)


@dataclass(frozen=True)
class DurationMention:
    start: int
    end: int
    minutes: int
    qualifier: str  # exact, about, at_least, at_most
    phrase: str

    @property
    def model_qualifier(self) -> str:
        """The qualifier the document can hold (:data:`~.records.AT_MOST` for "at most")."""
        return AT_MOST if self.qualifier == "at_most" else self.qualifier


def _unit(word: str) -> int | None:
    w = key(word)
    for p in parses(w):
        if p.normal_form in _UNITS:
            return _UNITS[p.normal_form]
    if w.startswith("годин"):
        return 60
    if w.startswith("хвилин"):
        return 1
    return None


def _qualifier(text: str, start: int) -> tuple[int, str]:
    before = text[max(0, start - 30) : start].casefold()
    full = len(before)
    by_length = re.search(r"\sза\s+$", before)  # "приблизно за годину"
    if by_length:
        before = before[: by_length.start() + 1]
    for words, qualifier in sorted(_QUALIFIERS, key=lambda wq: -len(wq[0])):
        m = re.search(rf"(?:^|[^\w'’ʼ])({re.escape(words)})\s+$", before)
        if m:
            return start - (full - m.start(1)), qualifier
    return start, "exact"


def find_durations(seg: Segments) -> list[DurationMention]:
    """Every stated duration of an hour or more, or of minutes; in text order."""
    text = seg.text
    found: list[DurationMention] = []

    def add(start: int, end: int, minutes: float) -> None:
        if minutes <= 0 or any(f.start < end and start < f.end for f in found):
            return
        q_start, qualifier = _qualifier(text, start)
        while q_start < start and text[q_start].isspace():
            q_start += 1
        found.append(DurationMention(q_start, end, round(minutes), qualifier, text[q_start:end]))

    for u in _UNIT_WORD.finditer(text):
        unit = _unit(u["unit"])
        m = _NUMBER_BEFORE.search(text[max(0, u.start() - 40) : u.start()])
        if unit is None or m is None:
            continue
        offset = max(0, u.start() - 40)
        value = numeral_value(m["b"].replace(",", "."))
        start = offset + m.start("b")
        if value is None:
            continue
        first = numeral_value(m["a"]) if m["a"] else None
        if first is not None and first >= 20 and value < 10:
            value += first  # "двадцять чотири години"
            start = offset + m.start("a")
        if m["half"]:
            value += 0.5
        end = u.end()
        after = re.match(r"\s+з\s+половиною", text[end:])
        if after:
            value += 0.5
            end += after.end()
        add(start, end, value * unit)
    for m in _COMPOUND.finditer(text):
        stem = key(m["stem"])
        value = COMPOUND_STEMS.get(stem)
        if value is None:
            continue
        end = m.end()
        noun = re.match(r"\s+([^\W\d_]+)", text[end:])  # "п'ятигодинну зустріч": the phrase keeps its noun
        if noun and any("NOUN" in p.tag for p in parses(noun.group(1))[:1]):
            end += noun.end()
        add(m.start(), end, value * (60 if m["unit"].lower().startswith("годин") else 1))
    for m in _DIGIT_COMPOUND.finditer(text):  # "40-хвилинна зустріч", "12-годинні переговори"
        end = m.end()
        noun = re.match(r"\s+([^\W\d_]+)", text[end:])
        if noun and any("NOUN" in p.tag for p in parses(noun.group(1))[:1]):
            end += noun.end()
        add(m.start(), end, int(m["num"]) * (60 if m["unit"].lower().startswith("годин") else 1))
    for m in _HALF_HOUR.finditer(text):
        add(m.start(), m.end(), 30)
    for m in _BARE.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        # "тривала годину", "за годину": one hour ("годину тому" is not a duration)
        if re.match(r"\s+тому\b", text[m.end() : m.end() + 8]):
            continue
        if m["unit"].lower() in ("години", "доби") and _qualifier(text, m.start())[1] == "exact":
            continue  # "години" alone is a count ("дві години" was found above); "менше години" is one hour
        add(m.start(), m.end(), 60 if m["unit"].lower().startswith("годин") else 1440)
    found.sort(key=lambda d: d.start)
    return found

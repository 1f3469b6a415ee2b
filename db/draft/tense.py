"""Held or planned: the tense and modality of the words around a mention, read with pymorphy3.

"провели", "відбулася" (past) → held; "проведуть", "зустрінеться" (future; a perfective present is a
future), "мають провести", "можуть зустрітися", "планують", "запланована", "анонсували візит" → planned;
"скасували", "відклали" → cancelled. A date before the publication is held whatever the verb says
(plans that were kept are reported in the past).
"""

from __future__ import annotations

import re
from enum import IntEnum

from .lexicon import key, parses, words

# Lemmas that make what follows a plan or a possibility, whatever their own tense: "мають провести",
# "можуть зустрітися", "планують", "анонсували візит", "запланована", "призначене на завтра".
_MODAL = words("""мати могти планувати запланувати анонсувати збиратися зібратися готуватися підготувати намітити
    домовитися очікуватися очікувати сподіватися пропонувати запропонувати призначити розраховувати
    мусити хотіти""")
_MODAL_WORDS = words("""можливо можлива можливий можливе можливі ймовірно імовірно запланована запланований заплановане
    заплановані призначена призначений призначене призначені має мають може можуть планується
    очікується""")
_CANCEL = words("скасувати скасовувати відкласти відкладати перенести переносити зірвати")
# Verbs of saying and thinking report a plan without making it one of their own tense:
# "повідомив, що в четвер зустрінеться" is planned, not held.
_REPORTING = words("повідомити заявити сказати зазначити написати підтвердити анонсувати")


_CLAUSE = re.compile(r"[;:]|,\s+(?:що|де|коли|який|яка|яке|які|а|але|однак|проте|оскільки|бо|тому що|щоб|якщо|хоча)\b")


class Tense(IntEnum):
    PAST = -1
    UNKNOWN = 0
    FUTURE = 1


def word_tense(word: str) -> Tense | None:
    """The tense a single finite verb form carries (None: not a finite verb)."""
    w = key(word)
    if w in _MODAL_WORDS:
        return Tense.FUTURE
    best: Tense | None = None
    options = parses(w)
    if not options or "VERB" not in options[0].tag:
        return None  # "Сибіга" has an unlikely verb reading; only a verb's first reading counts
    for p in options:
        tag = p.tag
        if "VERB" not in tag:
            continue
        if "1per" in tag and "plur" in tag:
            return None  # "нагадаємо", "зауважимо": the author's aside, not the event's tense
        if p.normal_form in _MODAL and ("pres" in tag or "futr" in tag):
            return Tense.FUTURE
        if "past" in tag:
            best = best or Tense.PAST
        elif "futr" in tag or ("pres" in tag and "perf" in tag):
            return Tense.FUTURE
        elif "pres" in tag:
            best = best or Tense.UNKNOWN
    return best


def _is_modal(word: str) -> bool:
    w = key(word)
    if w in _MODAL_WORDS:
        return True
    options = parses(w)
    return (
        bool(options)
        and "VERB" in options[0].tag
        and any(
            p.normal_form in _MODAL and "VERB" in p.tag and ("pres" in p.tag or "futr" in p.tag or "past" in p.tag)
            for p in options
        )
        and not any(p.normal_form == "мати" and "past" in p.tag for p in options)
    )


def clause_tense(text: str, start: int, end: int, at: int) -> Tense:
    """The tense of the clause of ``text[start:end]`` that holds position ``at``: its nearest finite verb,
    a modal or future verb anywhere in the clause winning over a reporting verb's past."""
    clause_start = start
    clause_end = end
    for m in _CLAUSE.finditer(text[start:end]):
        pos = start + m.start()
        if pos < at:
            clause_start = pos
        elif pos > at:
            clause_end = pos
            break
    found: list[tuple[int, Tense, str]] = []
    modal = False
    for m in re.finditer(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*", text[clause_start:clause_end]):
        if m.group(0)[:1].isupper() and clause_start + m.start() > start:
            continue  # a name inside the sentence
        modal = modal or _is_modal(m.group(0))
        tense = word_tense(m.group(0))
        if tense is None:
            continue
        lemma = next((p.normal_form for p in parses(m.group(0)) if "VERB" in p.tag), key(m.group(0)))
        found.append((clause_start + m.start(), tense, lemma))
    if modal:
        return Tense.FUTURE
    if not found:
        return Tense.UNKNOWN
    meaningful = [f for f in found if f[2] not in _REPORTING] or found
    return min(meaningful, key=lambda f: abs(f[0] - at))[1]


def cancelled(text: str) -> bool:
    """Whether a passage says the event was called off ("скасували", "відклали")."""
    for m in re.finditer(r"[^\W\d_]+", text):
        if any(p.normal_form in _CANCEL and "VERB" in p.tag for p in parses(m.group(0))):
            return True
    return False


def past_event_verb(text: str, start: int, end: int) -> bool:
    """Whether a passage has a past-tense verb that is not one of reporting and not negated
    ("Перший день переговорів завершився" — but not "дата ще не визначена, повідомили")."""
    for m in re.finditer(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*", text[start:end]):
        if word_tense(m.group(0)) is not Tense.PAST:
            continue
        lemmas = {p.normal_form for p in parses(m.group(0)) if "VERB" in p.tag}
        if lemmas & _REPORTING:
            continue
        if re.search(r"(?:^|\s)не\s+$", text[max(start, start + m.start() - 4) : start + m.start()]):
            continue
        return True
    return False

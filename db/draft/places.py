"""Places: "у Москві", "в москві", "у санкт-петербурзі", "в Абу-Дабі", "у Гельсінкі", "у Маямі (штат
Флорида)", "в Женеві", "на Алясці", "до Москви" (after a verb of arriving) → the nominative name.

A name pymorphy3 knows is put in the nominative from its dictionary (inanimate readings first: "Києві" is
Київ, not the name Кий); an unknown one by the endings of the locative ("Анкориджі" → Анкоридж, "Алясці"
→ Аляска). The source's spelling stays in the citation; :attr:`PlaceMention.phrase` holds it.

A name written in lower case ("в москві") is a place when the article or the store also writes it as a
place, when it is a hyphenated compound ("санкт-петербурзі"), or when it is one of the Russian names the
Ukrainian press lower-cases by convention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import key, month_forms, parses, titled, weekday_forms, words
from .segments import Segments

# The Ukrainian press writes these Russian names in lower case on purpose ("в москві", "у кремлі").
LOWERCASE_BY_CONVENTION = words("москва санкт-петербург петербург сочі казань мінськ")
# Words that name an institution where a place would stand ("в Офісі президента", "у Білому домі").
_INSTITUTION_FOLLOWERS = re.compile(r"^\s+(?:президента|прем'єра|прем'єр-міністра|міністра|уряду|генштабу|ООН|НАТО)\b")
_ARRIVE = words("прибути прибувати приїхати приїжджати прилетіти прилітати поїхати їхати вирушити летіти")
_PREPOSITIONS = {"у": "loct", "в": "loct", "на": "loct", "до": "gent"}


@dataclass(frozen=True)
class PlaceMention:
    start: int  # of the name (without the preposition)
    end: int
    name: str  # nominative
    phrase: str  # as the source writes it, with its preposition: "в москві"
    destination: bool = False  # "до Москви": where someone went


def _name_case_readings(word: str, case: str) -> list[tuple[str, bool, bool]]:
    """(nominative, known, inanimate) for each noun reading of ``word`` in ``case`` (locative also accepts
    the dative, which pymorphy3 lists first for feminine nouns: "Москві")."""
    cases = {case, "datv"} if case == "loct" else {case}
    out = []
    for p in parses(word):
        tag = p.tag
        if "NOUN" not in tag or (not (cases & set(str(tag).replace(" ", ",").split(","))) and "Fixd" not in tag):
            continue
        if "Name" in tag or "Patr" in tag:
            continue
        out.append((p.normal_form, bool(p.is_known), "inan" in tag))
    out.sort(key=lambda r: (not r[1], not r[2]))
    return out


def nominative_place(word: str, case: str = "loct") -> str:
    """The nominative of a place name written in ``case``: pymorphy3 for known names, endings otherwise."""
    w = key(word)
    readings = _name_case_readings(w, case)
    known = [r for r in readings if r[1]]
    if known:
        return titled(known[0][0])
    if case == "gent":
        for ending, repl in (("ії", "ія"), ("ї", "я"), ("и", "а"), ("у", ""), ("а", "")):
            if w.endswith(ending) and len(w) > 3:
                return titled(w[: len(w) - len(ending)] + repl)
        return titled(w)
    # Unknown locative: -ці → -ка (Алясці), -зі → -га, -ії → -ія, -ові/-еві → (Києві is known), consonant+і → masc.
    for ending, repl in (("ії", "ія"), ("ці", "ка"), ("зі", "га"), ("сі", "ха"), ("ові", ""), ("еві", ""), ("ну", "н")):
        if w.endswith(ending) and len(w) > 4:
            return titled(w[: len(w) - len(ending)] + repl)
    predicted = [r[0] for r in readings]
    if predicted and not predicted[0].endswith("я"):
        return titled(predicted[0])
    if w.endswith(("ддi", "ді")) and len(w) > 4 and w[-3] == w[-2]:
        return titled(w[:-1] + "а")  # a doubled consonant before -і: Джидді → Джидда
    if w.endswith("і") and len(w) > 3:
        return titled(w[:-1])
    return titled(w)


def find_places(seg: Segments, known: Iterable[str] = ()) -> list[PlaceMention]:
    """Every place after у/в/на (and after до with a verb of arriving), in text order. ``known``: place
    names in the nominative that the store already holds (they make lower-case spellings count)."""
    text = seg.text
    tokens = seg.tokens
    known_keys = {key(k) for k in known} | LOWERCASE_BY_CONVENTION
    calendar_words = set(month_forms()) | set(weekday_forms())
    # Names the article itself writes with a capital letter inside a sentence (their inanimate noun
    # lemmas): "у стамбулі" counts when the article also writes "Стамбула".
    starts = {s.start for s in seg.sentences}
    capitalised: set[str] = {
        p.normal_form
        for t in tokens
        if t.text[:1].isupper() and t.start not in starts and not t.text.isupper()
        for p in parses(t.text)[:2]
        if "NOUN" in p.tag and "inan" in p.tag
    }
    found: list[PlaceMention] = []
    candidates: list[tuple[int, int, str, str, bool]] = []  # token index, prep start, word, case, capital
    for i in range(1, len(tokens)):
        prep = tokens[i - 1].key
        t = tokens[i]
        if prep not in _PREPOSITIONS or text[tokens[i - 1].end : t.start] != " ":
            continue
        if t.key in calendar_words or t.text.isdigit() or (t.text.isupper() and len(t.text) > 1):
            continue
        case = _PREPOSITIONS[prep]
        if case == "gent" and not _after_arrival(seg, i - 1):
            continue
        candidates.append((i, tokens[i - 1].start, t.text, case, t.text[:1].isupper()))
    for _, _, word, case, capital in candidates:
        if capital and _name_case_readings(word, case):
            capitalised.add(key(nominative_place(word, case)))
    capitalised -= _INSTITUTION_LEMMAS
    for i, prep_start, word, case, capital in candidates:
        t = tokens[i]
        if _INSTITUTION_FOLLOWERS.match(text[t.end : t.end + 30]):
            continue
        followed = i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper() and text[t.end : tokens[i + 1].start] == " "
        if followed and not _is_noun(word, case):
            continue  # "у Білому домі", "в Європейському союзі": an adjective starts an institution's name
        readings = _name_case_readings(word, case)
        if not readings and not ("-" in word and capital):
            continue
        if key(word) in _INSTITUTIONS or _adjective_before_noun(seg, i, case):
            continue  # "в Кремлі", "в Білому домі", "в Чорному морі": not a city's name
        name = nominative_place(word, case)
        if not capital and key(name) not in known_keys | capitalised and not ("-" in word and readings[0][1]):
            continue
        found.append(PlaceMention(t.start, t.end, name, text[prep_start : t.end], destination=case == "gent"))
    return found


def _adjective_before_noun(seg: Segments, i: int, case: str) -> bool:
    """Token i can be an adjective and the next word is a noun in the same case ("Білому домі")."""
    if i + 1 >= len(seg.tokens) or not any("ADJF" in p.tag for p in parses(seg.tokens[i].text)):
        return False
    nxt = seg.tokens[i + 1]
    if seg.text[seg.tokens[i].end : nxt.start] != " ":
        return False
    return any("NOUN" in p.tag and (case in p.tag or "datv" in p.tag) for p in parses(nxt.text))


def _is_noun(word: str, case: str) -> bool:
    return bool(_name_case_readings(word, case)) and "ADJF" not in parses(word)[0].tag


_INSTITUTIONS = words("""офісі офісу кремлі кремля раді ради домі дому уряді уряду міністерстві міністерства посольстві
    посольства відомстві відомства держдепі держдепартаменті пентагоні сенаті конгресі парламенті
    штабі штабу комітеті комітету""")
_INSTITUTION_LEMMAS = words("офіс кремль рада дім уряд міністерство посольство держдеп пентагон сенат конгрес")


def _after_arrival(seg: Segments, prep_index: int) -> bool:
    """Whether "до" at token ``prep_index`` goes with a verb (or noun) of arriving in its clause."""
    after = seg.tokens[prep_index + 2 : prep_index + 5]
    if any({p.normal_form for p in parses(t.text)} & _ARRIVE for t in after):
        return True
    for j in range(prep_index - 1, max(-1, prep_index - 8), -1):
        t = seg.tokens[j]
        if seg.text[t.end : seg.tokens[j + 1].start].strip(" ") in {",", ";", ".", ":"}:
            break
        lemmas = {p.normal_form for p in parses(t.text)}
        if lemmas & _ARRIVE or t.key.startswith(("прибутт", "приїзд", "візит", "поїздк")):
            return True
    return False

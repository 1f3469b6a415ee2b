"""People: named in any case ("з Джаредом Кушнером", "очільником МЗС Туреччини Хаканом Фіданом",
"кирилом дмітрієвим", "Умєрова") → a known actor (by alias, lemma or stem of the surname) or a proposed
new actor with the nominative name and the role the article gives ("очільник МЗС Туреччини").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .lexicon import key, month_forms, parses, titled, weekday_forms, words
from .records import Party
from .segments import Segments, Token


class Actor(Protocol):
    """What matching reads of a known actor (a :class:`~chronology.db.models.Actor` has it)."""

    id: str
    name_uk: str
    name_en: str
    aliases: list[str]
    role: str
    side: Any


_ENDINGS = sorted(words("ою ею єю ом ем єм ові еві єві ого ому им ім ий ій ої а я у ю і е и о"), key=len, reverse=True)
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")


def name_keys(word: str) -> set[str]:
    """Stems of a name and of its dictionary lemmas ("Юрія" → {"юрі", "юр"}): two spellings of one name
    in different cases share one."""
    out = {stem(word)}
    for p in parses(word):
        if {"Name", "Surn", "Patr"} & set(str(p.tag).replace(" ", ",").split(",")):
            out.add(stem(p.normal_form))
    return out


def stem(word: str) -> str:
    """A surname's stem for matching across cases: "Віткоффа" → "віткофф", "дмітрієвим" → "дмітрієв"."""
    w = key(word)
    for ending in _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return w


@dataclass
class PersonMention:
    start: int
    end: int
    person: str  # the person's key: an actor id, or "new:<stem>"
    case: str | None = None


@dataclass
class Person:
    key: str
    name: str  # nominative
    actor_id: str | None = None  # a known actor
    role: str | None = None
    gender: str | None = None
    side: Party = Party.OTHER
    mentions: list[PersonMention] = field(default_factory=list)


def _readings(token: Token) -> tuple[Any, ...]:
    return parses(token.text)


def _has(token: Token, grammeme: str) -> bool:
    return any(grammeme in p.tag for p in _readings(token))


def _case_of(p: Any) -> str | None:
    return next((c for c in _CASES if c in p.tag), None)


class _ActorIndex:
    """Known actors by the stems of their surnames (and first names), from names and aliases."""

    def __init__(self, actors: Sequence[Actor]):
        self.by_surname: dict[str, set[str]] = {}
        self.first_names: dict[str, set[str]] = {}
        self.aliases: dict[str, str] = {}
        for a in actors:
            for name in [a.name_uk, a.name_en, *a.aliases]:
                words = re.findall(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*", name)
                if not words:
                    continue
                self.aliases[" ".join(key(w) for w in words)] = a.id
                self.by_surname.setdefault(stem(words[-1]), set()).add(a.id)
                for lemma in {p.normal_form for p in parses(words[-1])}:
                    self.by_surname.setdefault(stem(lemma), set()).add(a.id)
                if len(words) > 1:
                    self.first_names.setdefault(a.id, set()).update(name_keys(words[0]))

    def match(self, words: Sequence[Token]) -> str | None:
        joined = " ".join(t.key for t in words)
        if joined in self.aliases:
            return self.aliases[joined]
        ids = self.by_surname.get(stem(words[-1].text), set())
        if not ids:
            for lemma in {p.normal_form for p in _readings(words[-1])}:
                ids = ids | self.by_surname.get(stem(lemma), set())
        if len(words) > 1:
            first = name_keys(words[0].text)
            ids = {i for i in ids if i not in self.first_names or first & self.first_names[i]}
        return next(iter(sorted(ids))) if len(ids) == 1 else None


def _nominative_surname(token: Token, case: str | None, gender: str | None) -> str:
    w = token.key
    if case in (None, "nomn"):
        return titled(w)
    for p in _readings(token):
        if "Surn" in p.tag and case in p.tag and (gender is None or gender in p.tag):
            return titled(p.normal_form)
    for p in _readings(token):
        if "ADJF" in p.tag and case in p.tag and p.normal_form.endswith(("ський", "цький", "зький")):
            return titled(p.normal_form)
    if gender == "femn":
        for ending, repl in (("ою", "а"), ("ої", "а"), ("ій", "а"), ("у", "а"), ("и", "а"), ("і", "а")):
            if w.endswith(ending) and len(w) > 4:
                return titled(w[: -len(ending)] + repl)
        return titled(w)
    if w.endswith(("енка", "енку", "енком", "енкові")):
        return titled(w[: w.rindex("енк")] + "енко")
    for ending, repl in (
        ("ським", "ський"),
        ("ського", "ський"),
        ("ському", "ський"),
        ("им", ""),
        ("ом", ""),
        ("ем", ""),
        ("єм", "й"),
        ("ові", ""),
        ("еві", ""),
        ("а", ""),
        ("у", ""),
        ("ю", "й"),
    ):
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return titled(w[: -len(ending)] + repl)
    return titled(w)


def _first_name(token: Token) -> tuple[str, str | None, str | None] | None:
    """(nominative, case, gender) if the token reads as a first name."""
    for p in _readings(token):
        if "Name" in p.tag:
            gender = "femn" if "femn" in p.tag else "masc" if "masc" in p.tag else None
            return titled(p.normal_form), _case_of(p), gender
    return None


class _Finder:
    def __init__(self, seg: Segments, actors: Sequence[Actor], skip: Sequence[tuple[int, int]]):
        self.seg = seg
        self.text = seg.text
        self.tokens = seg.tokens
        self.index = _ActorIndex(actors)
        self.actors = {a.id: a for a in actors}
        self.skip = skip
        self.calendar = set(month_forms()) | set(weekday_forms())
        self.people: dict[str, Person] = {}
        self.mentions: list[PersonMention] = []

    def adjacent(self, i: int) -> bool:
        return i + 1 < len(self.tokens) and self.text[self.tokens[i].end : self.tokens[i + 1].start] == " "

    def skipped(self, t: Token) -> bool:
        return t.key in self.calendar or any(s <= t.start < e for s, e in self.skip) or t.text.isupper()

    def run(self) -> tuple[list[Person], list[PersonMention]]:
        i = 0
        n = len(self.tokens)
        while i < n:
            used = self.full_name(i) or self.known_single(i)
            i += used or 1
        # Surname-only mentions of people first named in full ("Умєров" after "Рустем Умєров").
        stems = {stem(p.name.split()[-1]): k for k, p in self.people.items() if not p.actor_id}
        taken = {(m.start, m.end) for m in self.mentions}
        for t in self.tokens:
            if not t.is_title or self.skipped(t) or any(m.start <= t.start < m.end for m in self.mentions):
                continue
            person = stems.get(stem(t.text))
            if person and (t.start, t.end) not in taken:
                case = next((_case_of(p) for p in _readings(t) if "Surn" in p.tag), None)
                self.add_mention(person, t.start, t.end, case)
        self.mentions.sort(key=lambda m: m.start)
        return list(self.people.values()), self.mentions

    def add_mention(self, person: str, start: int, end: int, case: str | None) -> None:
        m = PersonMention(start, end, person, case)
        self.mentions.append(m)
        self.people[person].mentions.append(m)

    def known_single(self, i: int) -> int:
        t = self.tokens[i]
        if self.skipped(t) or len(t.text) < 3:
            return 0
        words = [t]
        if self.adjacent(i) and i + 1 < len(self.tokens):
            pair = [t, self.tokens[i + 1]]
            found = self.index.match(pair)
            if found and _first_name(t):
                return self.known(found, pair)
        if not (t.is_title or t.key in self.index.aliases or stem(t.text) in self.index.by_surname):
            return 0
        found = self.index.match(words)
        if found is None:
            return 0
        if (
            t.is_title
            and not any(key(t.text) == k for k in self.index.aliases)
            and not _has(t, "anim")
            and not any(stem(t.text) == stem(a) for a in self.index.aliases)
        ):
            return 0
        return self.known(found, words)

    def known(self, actor_id: str, words: Sequence[Token]) -> int:
        if actor_id not in self.people:
            a = self.actors[actor_id]
            self.people[actor_id] = Person(actor_id, a.name_uk, actor_id, a.role, side=a.side)
        case = next((_case_of(p) for p in _readings(words[-1]) if "Surn" in p.tag or "Name" in p.tag), None)
        self.add_mention(actor_id, words[0].start, words[-1].end, case)
        return len(words)

    def full_name(self, i: int) -> int:
        t = self.tokens[i]
        if not t.is_title or self.skipped(t) or not self.adjacent(i):
            return 0
        nxt = self.tokens[i + 1]
        if not nxt.is_title or self.skipped(nxt):
            return 0
        first = _first_name(t)
        surname_like = (
            _has(nxt, "Surn")
            or not any(p.is_known for p in _readings(nxt))
            or _has(nxt, "Name")
            or bool(re.search(r"(?:ськ|цьк|зьк)(?:ий|ого|ому|им|ім|а|ої|ій|ою|у)$", nxt.key))  # Мединським
        )
        # after a first name any capitalised noun is a surname, even one the dictionary knows as a town
        # ("Ігор Жовква")
        surname_like = surname_like or (first is not None and (_has(nxt, "NOUN") or _has(nxt, "ADJF")))
        introduced = role_before(self.seg, i) is not None  # "очільником МЗС Туреччини Хаканом Фіданом"
        # "Володимир" has no Name reading in the dictionary (it is a town too): an animate word before a
        # surname reads as a first name
        paired = (_has(t, "Surn") or _has(t, "anim")) and _has(nxt, "Surn")
        if first is None and not paired and not (introduced and _has(t, "anim")):
            return 0
        if not surname_like:
            return 0
        words = [t, nxt]
        found = self.index.match(words)
        if found:
            return self.known(found, words)
        if self.index.match([t]) or self.index.match([nxt]):
            return 0  # "Трампа Джаредом", "Президент Зеленський": a known name next to another word
        starts = {s.start for s in self.seg.sentences}
        if first is None and t.start in starts and _head(t) is not None:
            return 0  # "Міністр Коваленко" at a sentence start: a title, not a first name
        if first is None:
            p0 = next((p for p in _readings(t) if "anim" in p.tag), None)
            first = (titled(p0.normal_form), _case_of(p0), "femn" if "femn" in p0.tag else "masc") if p0 else None
        first_nom, case, gender = first or (titled(t.key), None, None)
        surname = _nominative_surname(nxt, case, gender)
        person_key = "new:" + stem(nxt.text)
        if person_key not in self.people:
            self.people[person_key] = Person(person_key, f"{first_nom} {surname}", gender=gender)
        person = self.people[person_key]
        if case == "nomn":
            person.name = f"{first_nom} {surname}"  # the article's own nominative beats a reconstructed one
        if person.role is None:
            person.role = role_before(self.seg, i) or role_after(self.seg, i + 1)
            starts = {s.start for s in self.seg.sentences}
            if person.role and t.start - len(person.role) - 1 in starts and not person.role.split()[0].isupper():
                person.role = person.role[:1].lower() + person.role[1:]  # "Речник кремля" at a sentence start
            if person.role:
                person.side = guess_side(person.role)
        self.add_mention(person_key, t.start, nxt.end, case)
        return 2


def find_people(
    seg: Segments, actors: Sequence[Actor] = (), skip: Sequence[tuple[int, int]] = ()
) -> tuple[list[Person], list[PersonMention]]:
    """The people of an article and every mention of them, in text order. ``skip``: spans already read as
    something else (places)."""
    return _Finder(seg, actors, skip).run()


def _role_token(t: Token) -> bool:
    options = _readings(t)
    if not options:
        return False
    top = options[0].tag
    if t.text.isupper() and len(t.text) > 1:
        return True  # "РНБО", "МЗС", "США"
    return ("NOUN" in top or "ADJF" in top) and "PREP" not in top and "CONJ" not in top and "VERB" not in top


def _grammemes(p: Any) -> set[str]:
    return set(str(p.tag).replace(" ", ",").split(","))


def _head(t: Token) -> Any | None:
    found = [
        p for p in _readings(t) if "NOUN" in p.tag and "anim" in p.tag and not _grammemes(p) & {"Name", "Surn", "Patr"}
    ]
    return next((p for p in found if "nomn" in p.tag and "sing" in p.tag), None) or next(
        (p for p in found if "sing" in p.tag or "plur" not in p.tag), found[0] if found else None
    )


def _nominative_phrase(seg: Segments, words: list[Token]) -> str | None:
    """The role words with their head (the first animate common noun) and its adjectives in the nominative."""
    head_at = next((k for k, t in enumerate(words) if _head(t) is not None), None)
    if head_at is None:
        return None
    head = _head(words[head_at])
    assert head is not None
    out: list[str] = []
    for k, t in enumerate(words):
        word = seg.text[t.start : t.end]
        if k < head_at:
            p = next((p for p in _readings(t) if "ADJF" in p.tag), None)
            if p is None:
                return None
            infl = p.inflect({"nomn", "femn" if "femn" in head.tag else "masc"}) or p.inflect({"nomn"})
            word = infl.word if infl else p.normal_form
        elif k == head_at:
            word = t.key if "nomn" in head.tag and "plur" not in head.tag else head.normal_form
            if t.text[:1].isupper():
                word = word[:1].upper() + word[1:]
        out.append(word)
    if head_at < len(words) - 1:  # keep the source's own spacing and spelling after the head
        return " ".join(out[: head_at + 1]) + seg.text[words[head_at].end : words[-1].end]
    return " ".join(out)


def role_before(seg: Segments, name_index: int) -> str | None:
    """The role written right before a name: "очільником МЗС Туреччини Хаканом Фіданом" → "очільник МЗС
    Туреччини"."""
    words: list[Token] = []
    j = name_index - 1
    while j >= 0 and len(words) < 8:
        t = seg.tokens[j]
        gap = seg.text[t.end : seg.tokens[j + 1].start]
        if gap.strip() or not _role_token(t):
            break
        words.insert(0, t)
        j -= 1
    while words and _head(words[0]) is None and not any("ADJF" in p.tag for p in _readings(words[0])[:1]):
        words.pop(0)
    # start at the first adjective or head noun; the role needs a head
    return _nominative_phrase(seg, words) if words else None


def role_after(seg: Segments, last_index: int) -> str | None:
    """An apposition after a name: "Стівен Віткофф, спеціальний представник США …," → its role."""
    if last_index + 1 >= len(seg.tokens):
        return None
    end = seg.tokens[last_index].end
    if not seg.text[end:].startswith(", "):
        return None
    stop = re.search(r"[,.;:—()]", seg.text[end + 2 :])
    limit = end + 2 + (stop.start() if stop else 80)
    words = [t for t in seg.tokens[last_index + 1 : last_index + 12] if t.end <= limit]
    if not words or not any(_head(t) for t in words[:3]):
        return None
    return _nominative_phrase(seg, words)


_SIDES = (
    (Party.UA, re.compile(r"україн|рнбо|зсу|офіс\w* президента|верховн\w* рад|київ", re.IGNORECASE)),
    (Party.US, re.compile(r"сша|американ|держдеп|білого дому|конгрес|пентагон|вашингтон", re.IGNORECASE)),
    (Party.RU, re.compile(r"\bрф\b|росі|кремл|російськ|москв|путін", re.IGNORECASE)),
)


def guess_side(role: str) -> Party:
    for side, pattern in _SIDES:
        if pattern.search(role):
            return side
    return Party.OTHER

"""One event per real event: sentences that tell of a meeting, talks, a call, a visit or a statement,
with a date, become event mentions; mentions of the same event (same day, compatible place and people)
become one event with several citations; undated mentions ("Ця зустріч тривала понад 12 годин", "зустріч
у Маямі") join the event they refer to (same place, or the event just told, or the month a "квітнева
зустріч" names).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from ..edtf import Precision, parse_edtf
from .anchors import anchor_of, apposed, event_words, is_heading
from .dates import DateMention
from .draft_event import KIND_RANK, DraftEvent, DurationClaim, absorb, beside, coarser, contains, same_event
from .durations import DurationMention
from .lexicon import SPEECH_VERBS, key, parses, words
from .people import Person, PersonMention
from .places import PlaceMention
from .quotes import QuoteMention
from .records import Kind, State
from .segments import Segments, Sentence
from .tense import Tense, cancelled, clause_tense, past_event_verb

# Words that tell of an event, by the kind of event they make (lemmas; the rules' vocabulary).
TRIGGERS: dict[str, Kind] = {}
for _kind, _words in (
    (
        Kind.MEETING,
        "зустріч зустрітися зустрічатися саміт прибути прибувати приїхати приїжджати "
        "прилетіти поїздка поїхати вечеря поговорити зібратися збиратися форум прибуття приїзд",
    ),
    (Kind.TALKS, "переговори перемовини раунд розмова засідання діалог сесія"),
    (Kind.CONSULTATION, "консультації консультація нарада"),
    (Kind.VISIT, "візит"),  # "Осіння серія візитів": a meeting word in the same sentence makes it a meeting
    (Kind.DEADLINE, "дедлайн ультиматум"),
    (Kind.CONTEXT, "інавгурація"),
    (Kind.ANNOUNCEMENT, "оголосити анонсувати підтвердити обмін відкинути домовитися підписати"),
    (
        Kind.STATEMENT,
        "заява інтерв'ю звернення відеозвернення виступити виступ брифінг пресконференція "
        "заявити наголосити сказати написати зазначити",
    ),
):
    for _w in _words.split():
        TRIGGERS[_w] = _kind
# "Українську сторону представляв Умєров", "До складу делегації увійшли …": who took part in the event just told.
_PARTICIPATION = words("представляти очолювати очолити увійти входити супроводжувати участь")
_ANAPHORA = words("ця цей ці та той тоді вона він вони зустріч переговори розмова перемовини")
_CONTINUE = words("тривати тривала тривали завершитися")


_NOT_REPORTING = words("говорити обговорювати казати")


def _says(word: str) -> bool:
    """A verb of reporting ("повідомив", "заявив", "підтвердив"): its subject comments on the event."""
    return any(
        p.normal_form in SPEECH_VERBS - _NOT_REPORTING and "VERB" in p.tag and "1per" not in p.tag
        for p in parses(word)[:2]
    )


def _lemmas(word: str) -> set[str]:
    return {p.normal_form for p in parses(word)[:3]} | {key(word)}


def _trigger(word: str) -> Kind | None:
    kinds = [TRIGGERS[lemma] for lemma in _lemmas(word) if lemma in TRIGGERS]
    return min(kinds, key=KIND_RANK.index) if kinds else None


class _Builder:
    def __init__(
        self,
        seg: Segments,
        published: dt.date,
        dates: list[DateMention],
        places: list[PlaceMention],
        durations: list[DurationMention],
        people: list[Person],
        mentions: list[PersonMention],
        quotes: list[QuoteMention],
    ):
        self.seg = seg
        self.text = seg.text
        self.published = published
        self.marks = [(q.start, q.end) for q in quotes if q.form != "dash"]
        self.dates = [d for d in dates if not d.since and not self.quoted(d.start)]
        self.places = [p for p in places if not self.quoted(p.start)]
        self.durations = durations
        self.people = {p.key: p for p in people}
        self.mentions = [m for m in mentions if not self.quoted(m.start)]
        self.quotes = quotes
        self.events: list[DraftEvent] = []

    def quoted(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.marks)

    def within(self, items: list, s: Sentence) -> list:  # type: ignore[type-arg]
        return [x for x in items if s.start <= x.start < s.end]

    # ------------------------------------------------------------------ one sentence
    def triggers(self, s: Sentence) -> list[tuple[int, Kind]]:
        """Where the sentence tells of an event, and of which kind (words inside quotation marks aside)."""
        found = []
        for t in self.seg.tokens_in(s.start, s.end):
            if not self.quoted(t.start):
                kind = _trigger(t.text)
                if kind is not None:
                    found.append((t.start, kind))
        return found

    def references(self, s: Sentence) -> list[int]:
        """Event words that name another event as a point of reference: "Після … переговорів із
        Дмітрієвим у Давосі, Віткофф готується до зустрічі з Путіним": the people and places that go
        with them are not the event's."""
        out = []
        for at, _ in self.triggers(s):
            before = self.text[max(s.start, at - 45) : at].casefold()
            if re.search(r"(?:^|\W)(?:після|перед|напередодні|за підсумками|по завершенні)\s+(?:\S+\s+){0,3}$", before):
                out.append(at)
        return out

    def sentence_kind(self, s: Sentence) -> tuple[Kind | None, int]:
        best: tuple[Kind | None, int] = (None, s.start)
        for at, kind in self.triggers(s):
            if best[0] is None or KIND_RANK.index(kind) < KIND_RANK.index(best[0]):
                best = (kind, at)
        if best[0] is Kind.STATEMENT and not self.within(self.mentions, s):
            best = (None, s.start)  # "заява" with nobody making it: not an event of its own
        stated = [d for d in self.within(self.durations, s) if not self.quoted(d.start)]
        if best[0] is None and stated and not is_heading(self.text[s.start : s.end]):
            return Kind.MEETING, stated[0].start  # "провели … понад чотири години"
        places = self.within(self.places, s)
        if (
            best[0] is None
            and places
            and self.within(self.dates, s)
            and (
                self.within(self.mentions, s)
                or re.search(r"(?:^|\s)(?:вони|сторони|делегаці\w+)\s", self.text[s.start : s.end])
            )
        ):
            return Kind.MEETING, places[0].start  # "Торік у листопаді в Женеві вони вже пропонували …"
        return best

    def date_kind(self, d: DateMention, s: Sentence, kind: Kind) -> Kind:
        """The kind of event a date goes with: the event words of its own clause ("Зеленський 25 лютого
        заявив, що готовий до зустрічі …" is a statement; the meeting is what was said)."""
        inner = re.finditer(r",\s+(?:що|чи|якщо|щоб)\b|:", self.text[s.start : s.end])
        cuts = [s.start, *(s.start + m.start() for m in inner), s.end]
        for lo, hi in itertools.pairwise(cuts):
            if lo <= d.start < hi:
                kinds = [k for at, k in self.triggers(s) if lo <= at < hi]
                if kinds:
                    return min(kinds, key=KIND_RANK.index)
        return kind

    def participants(
        self,
        s: Sentence,
        start: int,
        end: int,
        kind: Kind,
        anchors: list[int] | None = None,
        skip: list[int] | None = None,
    ) -> list[str]:
        """Who took part: the people the passage names, less those who only qualify a word ("зятем Трампа"),
        receive something (the dative: "доручив Умєрову") or comment on it (the one who "заявив",
        "повідомив"); "з X" goes with the event word before it. For a statement: those who made it."""
        out: list[str] = []
        for m in self.within(self.mentions, s):
            if not (start <= m.start < end) or self.modifier(m) or m.case == "datv":
                continue
            if m.case == "loct" and not (kind in (Kind.STATEMENT, Kind.ANNOUNCEMENT) and self.said_there(m)):
                continue  # "провів у кремлі понад 12 годин": a place ("У кремлі підтвердили": those who speak)
            if kind is Kind.STATEMENT:
                if m.case not in (None, "nomn"):
                    continue  # a statement's participants are those who made it
            elif self.speaker_mention(m):
                continue
            if skip and anchors and m.case != "nomn" and anchor_of(anchors, m.start, m.end) in skip:
                continue
            if m.person not in out:
                out.append(m.person)
        return out

    def speaker_mention(self, m: PersonMention) -> bool:
        """The person is the one saying something: a verb of saying right before or after the name (its
        role words between): "повідомив секретар РНБО Рустем Умєров", "Пєсков підтвердив"."""
        s = self.seg.sentence_at(m.start)
        lo = s.start if s else 0
        before = self.seg.tokens_in(max(lo, m.start - 60), m.start)[-5:]
        after = self.seg.tokens_in(m.end, m.end + 60)[:8]

        def gap_ok(a: int, b: int) -> bool:
            return not re.search(r"[.;:]|,\s+(?:що|а|але|де|який|яка|які)\b", self.text[a:b])

        return any(_says(t.text) and gap_ok(t.end, m.start) for t in before) or any(
            _says(t.text) and gap_ok(m.end, t.start) for t in after
        )

    def said_there(self, m: PersonMention) -> bool:
        """ "У кремлі підтвердили", "в Кремлі заявили": an institution named where something is said, by it."""
        after = self.seg.tokens_in(m.end, m.end + 40)[:3]
        return any(_says(t.text) for t in after)

    def modifier(self, m: PersonMention) -> bool:
        """ "зятем Трампа Джаредом", "адміністрація Трампа", "за словами Умєрова": a name that qualifies
        another word rather than naming someone who took part."""
        before = self.text[max(0, m.start - 60) : m.start]
        if re.search(r"за\s+(?:\w+\s+){0,3}словами\s+(?:\w+\s+){0,3}$", before, re.IGNORECASE):
            return True
        prev = re.search(r"(\w+)\s+$", before)
        s = self.seg.sentence_at(m.start)
        first = prev is not None and s is not None and m.start - len(prev.group(0)) == s.start
        if m.case == "gent" and prev and (prev.group(1).islower() or first):  # "Речник кремля Дмитро Пєсков"
            words = _lemmas(prev.group(1))
            if any(w in TRIGGERS for w in words):
                return False
            return any("NOUN" in p.tag for p in parses(prev.group(1))[:1])
        return False

    def status(self, date: DateMention, s: Sentence, at: int) -> State:
        if cancelled(self.text[s.start : s.end]):
            return State.CANCELLED
        d = parse_edtf(date.edtf)
        if d.upper < self.published:
            return State.HELD
        if d.lower > self.published:
            return State.PLANNED
        tense = clause_tense(self.text, s.start, s.end, at)
        if tense is Tense.FUTURE:
            return State.PLANNED
        if tense is Tense.PAST:
            return State.HELD
        return State.HELD if d.lower <= self.published else State.PLANNED

    def read_sentence(self, s: Sentence) -> list[DraftEvent] | None:
        """The event mentions of a sentence (one per date), or None when it tells of no event."""
        kind, at = self.sentence_kind(s)
        if kind is None:
            return None
        if is_heading(self.text[s.start : s.end]):
            return None  # a headline names events; the text tells them
        dates = [d for d in self.within(self.dates, s) if not d.anaphoric and not self.in_question(d, s)]
        dates = [d for d in dates if not any(o is not d and coarser(d, o) for o in dates)]
        if any(parse_edtf(d.edtf).precision is Precision.YEAR for d in dates) and not (
            self.within(self.mentions, s) or self.within(self.places, s)
        ):
            dates = [d for d in dates if parse_edtf(d.edtf).precision is not Precision.YEAR]
        found: list[DraftEvent] = []
        bounds = [s.start, *(self.split(a, b) for a, b in itertools.pairwise(dates)), s.end]
        anchors = event_words(self.triggers(s)) or [at]
        references = [a for a in anchors if a in set(self.references(s))]
        for k, d in enumerate(dates):
            lo, hi = bounds[k], bounds[k + 1]
            e = DraftEvent(d, self.date_kind(d, s, kind), self.status(d, s, max(d.start, at) if k else at), [s])
            anchor = anchor_of(anchors, d.start, d.end)
            self.fill(e, s, lo, hi, anchors=anchors, skip=[r for r in references if r != anchor])
            found.append(e)
        subjects = [
            m.person
            for m in self.within(self.mentions, s)
            if bounds[0] <= m.start < bounds[1]
            and m.case in (None, "nomn")
            and found
            and m.person in found[0].participants
        ]
        for k, e in enumerate(found):
            part = self.seg.tokens_in(bounds[k], bounds[k + 1])
            elliptic = not any("VERB" in p.tag for t in part for p in parses(t.text)[:1])
            if (
                k
                and subjects
                and elliptic
                and not any(
                    m.case in (None, "nomn")
                    for m in self.within(self.mentions, s)
                    if bounds[k] <= m.start < bounds[k + 1]
                )
            ):
                # "Віткофф провів зустріч із Мерцом, а наступного дня — розмову з Дмитрієвим": the subject goes on
                e.participants = list(dict.fromkeys([*subjects, *e.participants]))
            there = re.search(r"(?:^|\s)там\s+(?:же|само)\b", self.text[bounds[k] : bounds[k + 1]])
            if there and e.place is None and k and found[k - 1].place:
                e.place = found[k - 1].place  # "зустрілися в Ер-Ріяді, а в середу там же …"
            self.there(e, s)
        return found

    def in_question(self, d: DateMention, s: Sentence) -> bool:
        """ "чи можлива зустріч у березні": a date asked about is not an event's date."""
        clause = re.split(r"[,;:]", self.text[s.start : d.start])[-1]
        return bool(re.search(r"(?:^|\s)чи\s", clause))

    def split(self, a: DateMention, b: DateMention) -> int:
        """Where the part of a sentence about date ``a`` ends and the part about ``b`` begins: a clause
        boundary between them (", а", ";", ", але"), else half way."""
        between = self.text[a.end : b.start]
        cuts = [m.start() for m in re.finditer(r",\s+(?:а|але|однак|проте|тоді як|і|й|та)\s|;|\s[—–]\s", between)]
        return a.end + cuts[-1] if cuts else (a.end + b.start) // 2

    def fill(
        self,
        e: DraftEvent,
        s: Sentence,
        lo: int,
        hi: int,
        *,
        anchors: list[int] | None = None,
        skip: list[int] | None = None,
    ) -> None:
        """Add a passage's facts to an event; ``skip``: event words of other events (see :meth:`references`)
        whose places and people stay out."""
        places = [p for p in self.within(self.places, s) if lo <= p.start < hi]
        if skip and anchors:
            places = [p for p in places if anchor_of(anchors, p.start, p.end) not in skip]
        near = e.date.start if e.date.start >= s.start else lo
        places.sort(key=lambda p: abs(p.start - near))
        for k, p in enumerate(places):
            e.places.append(p)
            del k
        if e.places and e.place is None and places:
            chosen = next((p for p in e.places if not p.destination), e.places[0])
            # "на Алясці, в Анкориджі": of two places in apposition, the second is the more precise
            follow = next(
                (p for p in e.places if p.start > chosen.end and apposed(self.text[chosen.end : p.start])), None
            )
            e.place = follow or chosen
        for d in self.within(self.durations, s):
            if lo <= d.start < hi and all(c.duration is not d for c in e.durations):
                e.durations.append(DurationClaim(d, self.quoted(d.start)))
        for person in self.participants(s, lo, hi, e.kind, anchors, skip):
            if person not in e.participants:
                e.participants.append(person)
        if s not in e.sentences:
            e.sentences.append(s)

    # ------------------------------------------------------------------ the article
    def build(self) -> list[DraftEvent]:
        undated: list[tuple[Sentence, Kind]] = []
        for s in self.seg.sentences:
            found = self.read_sentence(s)
            if found is None:
                continue
            if found:
                for e in found:
                    self.add(e)
            else:
                kind, _ = self.sentence_kind(s)
                assert kind is not None
                undated.append((s, kind))
        for s, kind in undated:
            self.attach(s, kind)
        for s in self.seg.sentences:  # "Переговори тривали три години": a continuation without a trigger noun
            if any(s in e.sentences for e in self.events) or is_heading(self.text[s.start : s.end]):
                continue
            words = {lemma for t in self.seg.tokens_in(s.start, s.end) for lemma in _lemmas(t.text)}
            if words & _CONTINUE and self.within(self.durations, s):
                self.attach(s, Kind.MEETING)
        self.participation()
        self.events.sort(key=lambda e: min(x.start for x in e.sentences))
        return self.events

    def add(self, e: DraftEvent) -> None:
        for other in self.events:
            if same_event(e, other, self.published):
                absorb(other, e)
                return
        self.events.append(e)

    def attach(self, s: Sentence, kind: Kind) -> None:
        """Join an undated mention to the event it speaks of: the event of the month it names ("квітневої
        зустрічі"), of the place it names (the same kind of event first), the event told just before in
        its paragraph, or — for "Ця зустріч …" or a stated duration — in the paragraph before."""
        places = {key(p.name) for p in self.within(self.places, s)}
        month = next((d for d in self.within(self.dates, s) if d.anaphoric), None)
        target: DraftEvent | None = None
        how = "paragraph"
        if month is not None:
            target = next((e for e in self.events if contains(month.edtf, e.date.edtf)), None)
        if target is None and places:
            near = [e for e in self.events if e.place and key(e.place.name) in places]
            if near:
                target = min(near, key=lambda e: (e.kind != kind, min(abs(x.start - s.start) for x in e.sentences)))
                how = "place"
        if target is None:
            target = self.last_before(s, s.paragraph)
        if target is None:
            first = self.seg.tokens_in(s.start, s.end)[:1]
            if (first and first[0].key in _ANAPHORA) or self.within(self.durations, s):
                # "Ця зустріч тривала …", "Українсько-американська зустріч тривала …" after a subheading
                target = self.last_before(s, s.paragraph - 2, kind)
                how = "anaphora"
        if target is None:
            return
        told = [at for at, k in self.triggers(s) if k is not Kind.STATEMENT]
        if told and kind is not target.kind and set(told) <= set(self.references(s)) and target.date.vague:
            self.events.append(other := beside(target, kind))  # "після консультацій у Женеві" in an autumn paragraph
            self.fill(other, s, s.start, s.end)
            return
        if re.match(r"\W*(?:окремо|паралельно)\b", self.text[s.start : s.end], re.IGNORECASE):
            # "Окремо Зеленський провів коротку розмову з Туском": another event of the same day
            twin = DraftEvent(target.date, kind, target.status, [], place=target.place, places=[])
            self.fill(twin, s, s.start, s.end)
            self.events.append(twin)
            return
        self.there(target, s)
        if how == "paragraph" and (target.kind is Kind.STATEMENT or kind is Kind.STATEMENT):
            saved = target.place
            self.fill(target, s, s.start, s.end)
            target.place = saved  # a statement's paragraph may name other places
        else:
            self.fill(target, s, s.start, s.end)
        d = parse_edtf(target.date.edtf)
        if target.status is State.PLANNED and d.lower <= self.published and past_event_verb(self.text, s.start, s.end):
            target.status = State.HELD  # "Перший день переговорів завершився": the plan took place

    def there(self, e: DraftEvent, s: Sentence) -> None:
        """ "там же", "там само": the place of the event told just before."""
        if e.place is not None or not re.search(r"(?:^|\s)там\s+(?:же|само)\b", self.text[s.start : s.end]):
            return
        placed = [o for o in self.events if o is not e and o.place and min(x.start for x in o.sentences) <= s.end]
        if placed:
            e.place = max(placed, key=lambda o: min(x.start for x in o.sentences)).place

    def last_before(self, s: Sentence, from_paragraph: int, kind: Kind | None = None) -> DraftEvent | None:
        """The event told last before ``s`` since paragraph ``from_paragraph`` (of ``kind`` if there is one)."""
        before = [
            e
            for e in self.events
            if any(from_paragraph <= x.paragraph <= s.paragraph and x.start < s.start for x in e.sentences)
        ]
        if kind is not None and any(e.kind is kind for e in before):
            before = [e for e in before if e.kind is kind]
        if not before:
            return None
        return max(before, key=lambda e: max(x.start for x in e.sentences if x.start < s.start))

    def participation(self) -> None:
        """Sentences that say who took part ("Українську сторону представляв Умєров") add them to the event
        told just before (in the paragraph, or the one before)."""
        for s in self.seg.sentences:
            words = {lemma for t in self.seg.tokens_in(s.start, s.end) for lemma in _lemmas(t.text)}
            if not words & _PARTICIPATION or not self.within(self.mentions, s):
                continue
            target = next((e for e in self.events if s in e.sentences), None) or self.last_before(s, s.paragraph - 1)
            if target is None:
                continue
            for person in self.participants(s, s.start, s.end, Kind.MEETING):
                if person not in target.participants:
                    target.participants.append(person)
            if s not in target.sentences:
                target.sentences.append(s)
                target.sentences.sort(key=lambda x: x.start)


def build_events(
    seg: Segments,
    published: dt.date,
    dates: list[DateMention],
    places: list[PlaceMention],
    durations: list[DurationMention],
    people: list[Person],
    mentions: list[PersonMention],
    quotes: list[QuoteMention],
) -> list[DraftEvent]:
    """The article's events, in the order the article first tells them."""
    return _Builder(seg, published, dates, places, durations, people, mentions, quotes).build()

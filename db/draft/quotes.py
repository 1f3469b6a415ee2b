"""Quotes: every span in «…», "…", “…”, „…“ (nested ones too), and direct speech without marks
("… - сказав Віткофф", "— …, — наголосив Сибіга", an interview's answer lines), each with its speaker
when the article names one, how it was given ("в інтерв'ю CNBC") and exact offsets.

Who said it comes from the attribution: the dash form ("», — заявив Пєсков журналістам"), the colon form
("Ушаков заявив: "…""), or a verb of saying in the same sentence ("Ушаков назвав перемовини
"конструктивними""). A pronoun ("— написав він") is the person last named before it.

Quotation marks are not always speech. Words in marks with no one saying them are a term ("так званого
"рамкового плану"", «Звезда»), and words a hedge presents as someone's ("нібито", "начебто", "мовляв",
"ніби Ушаков заявив: «…»") are a retelling: both get ``kind`` "term" / "paraphrase" and no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import HEDGES, SETTINGS, SPEECH_VERBS, key, parses, words
from .people import Person, PersonMention
from .segments import Segments, Token

SPEECH_KINDS = ("speech", "partial")  # the speaker's own words (all of them, or a fragment)
_DASH = "—–-"
_PRONOUNS = words("він вона вони воно його її йому ним нею")
_STOP_GIVEN = words("що після перед коли щоб який яка яке які де і й та а але маючи")
_ADDRESSEES = words("журналістам виданню агентству репортерам кореспондентам")
_SO_CALLED = re.compile(r"(?:так\s+зван\w+|т\.\s*зв\.|т\.зв\.|умовн\w+)\s*$", re.IGNORECASE)


@dataclass
class QuoteMention:
    start: int
    end: int
    kind: str  # speech, partial, paraphrase, term
    speaker: str | None = None  # a person's key (see :mod:`.people`)
    given_as: str | None = None
    form: str = "marks"  # marks, dash, colon
    depth: int = 0

    @property
    def is_speech(self) -> bool:
        return self.kind in SPEECH_KINDS


def _speech_verb(t: Token) -> bool:
    return any(p.normal_form in SPEECH_VERBS and "VERB" in p.tag for p in parses(t.text)[:3])


class _Quotes:
    def __init__(self, seg: Segments, people: list[Person], mentions: list[PersonMention]):
        self.seg = seg
        self.text = seg.text
        self.people = {p.key: p for p in people}
        self.mentions = [m for m in mentions if seg.inside_quote(m.start) is None]
        self.found: list[QuoteMention] = []

    # ------------------------------------------------------------------ speakers
    def person_in(self, start: int, end: int, near: int, *, subject_first: bool = False) -> str | None:
        """The person named in ``[start, end)`` nearest to ``near``; ``subject_first``: one named before
        ``near`` (the subject of "Зеленський … заявив, що …") wins over one named after it."""
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        if subject_first and any(m.end <= near for m in inside):
            inside = [m for m in inside if m.end <= near]
        if inside:
            return min(inside, key=lambda m: abs(m.start - near)).person
        return None

    def last_person_before(self, pos: int) -> str | None:
        """What "він" / "його" points to: the subject (a name in the nominative) last named before ``pos``
        within its sentence and the one before, else the person last named at all."""
        before = [m for m in self.mentions if m.end <= pos]
        s = self.seg.sentence_at(pos)
        if s is not None:
            window = self.seg.sentences[max(0, s.index - 1)].start
            subjects = [m for m in before if m.start >= window and m.case in (None, "nomn")]
            if subjects:
                return subjects[-1].person
        return before[-1].person if before else None

    def clause_speaker(self, start: int, end: int, verb_at: int, *, subject_first: bool = False) -> str | None:
        """The person a clause names near its verb of saying; a pronoun or a bare role noun ("дипломат")
        is the person last named before the clause."""
        person = self.person_in(start, end, verb_at, subject_first=subject_first)
        if person:
            return person
        words = self.seg.tokens_in(start, end)
        if any(t.key in _PRONOUNS for t in words):
            return self.last_person_before(start)
        for t in words:
            top = parses(t.text)[:1]
            if (
                len(t.text) > 3
                and t.text.islower()
                and any(
                    "NOUN" in p.tag and "anim" in p.tag and "Name" not in p.tag and "Surn" not in p.tag for p in top
                )
            ):
                nouns = {p.normal_form for p in parses(t.text)}
                for m in reversed([m for m in self.mentions if m.end <= start]):
                    role = self.people[m.person].role or ""
                    if any(n in key(role) for n in nouns):
                        return m.person
                return self.interviewee()
        return None

    def interviewee(self) -> str | None:
        speakers = [q.speaker for q in self.found if q.form == "dash" and q.speaker]
        return max(set(speakers), key=speakers.count) if speakers else None

    def given_as(self, start: int, end: int) -> str | None:
        """How it was said, from the attribution clause: "в інтерв'ю CNBC", "у телеграмі", "журналістам"."""
        words = self.seg.tokens_in(start, end)
        for k, t in enumerate(words):
            if t.key in SETTINGS:
                first = k
                for back in range(k - 1, max(-1, k - 4), -1):
                    if words[back].key in ("у", "в", "на"):
                        first = back
                        break
                    if words[back].key in _STOP_GIVEN or _speech_verb(words[back]):
                        break
                if first == k and k > 0:
                    continue  # a setting word that is not "in/at" something: "заява про …" is what was said
                last = k
                while last + 1 < len(words) and last - k < 3:
                    gap = self.text[words[last].end : words[last + 1].start]
                    nxt = words[last + 1]
                    if gap.strip(' «»"“”') or nxt.key in _STOP_GIVEN or _speech_verb(nxt):
                        break
                    if any("VERB" in p.tag or "PREP" in p.tag for p in parses(nxt.text)[:1]) and not nxt.is_title:
                        break
                    last += 1
                end_pos = words[last].end
                if self.text[end_pos : end_pos + 1] in '»"”':
                    end_pos += 1
                return self.text[words[first].start : end_pos]
        for t in words:
            if t.key in _ADDRESSEES:
                return t.text
        return None

    # ------------------------------------------------------------------ attribution of a span
    def after_attribution(self, end: int, limit: int) -> tuple[int, int, int] | None:
        """ ", — сказав Віткофф …" right after ``end``: (clause start, clause end, verb position)."""
        m = re.match(rf"\s*[,!?…]?\s*[{_DASH}]\s+", self.text[end:limit])
        if not m:
            return None
        start = end + m.end()
        stop = re.search(r"[.;!?\n]|\s[—–]\s", self.text[start:limit])
        clause_end = start + (stop.start() if stop else limit - start)
        words = self.seg.tokens_in(start, clause_end)
        # the attribution starts with its verb: "— сказав він", "— каже Коваленко" ("— Він говорив: …" is new speech)
        verb = next((t for t in words[:1] if _speech_verb(t)), None)
        if verb is None:
            return None
        return start, clause_end, verb.start

    def before_colon(self, start: int, floor: int) -> tuple[int, int, int] | None:
        """ "Ушаков заявив: "…"" right before ``start``: (clause start, clause end, verb position)."""
        m = re.search(r":\s*$", self.text[floor:start])
        if not m:
            return None
        colon = floor + m.start()
        clause_start = max(
            floor,
            *(floor + x.end() for x in re.finditer(r"[.;!?]\s|,\s+(?=що\b)|^", self.text[floor:colon])),
        )
        words = self.seg.tokens_in(clause_start, colon)
        verb = next((t for t in reversed(words) if _speech_verb(t)), None)
        if verb is None and not any(t.key in SETTINGS or t.key == "запитання" for t in words):
            return None
        return clause_start, colon, verb.start if verb else colon

    def sentence_verb(self, start: int, floor: int) -> tuple[int, int, int] | None:
        """A verb of saying earlier in the same sentence ("заявив, що Україна "готова …""), or "за словами
        X" ("За словами речниці … Тамари Брюс, переговори тривали «…»")."""
        words = self.seg.tokens_in(floor, start)
        for k in range(len(words) - 1):
            said = [j for j in (k + 1, k + 2) if j < len(words) and words[j].key == "словами"]
            if words[k].key == "за" and said:  # "За словами X", "За його словами"
                return words[k].start, start, words[said[0]].end + 1
        verb = next((t for t in reversed(words) if _speech_verb(t)), None)
        if verb is None:
            return None
        return floor, start, verb.start

    def classify(self, start: int, end: int, depth: int, limit: int, floor: int) -> QuoteMention:
        before = self.text[floor:start]
        q = QuoteMention(start, end, "term", depth=depth)
        if _SO_CALLED.search(before[:-1] if before.endswith(("«", '"', "“", "„")) else before):
            return q
        hedge = any(key(w) in HEDGES for w in re.findall(r"[^\W\d_]+", before))
        after = self.after_attribution(end + 1, limit)
        if after:
            q.kind, q.form = "speech", "dash"
        else:
            after = self.before_colon(start - 1, floor)
            if after:
                q.kind, q.form = "speech", "colon"
            else:
                after = self.sentence_verb(start - 1, floor)
                if after:
                    q.kind = "partial"
        if after is None:
            words = re.findall(r"[^\W\d_]+", self.text[start:end])
            if len(words) >= 4 and hedge:
                q.kind = "paraphrase"
            return q
        if hedge:
            q.kind = "paraphrase"
            return q
        clause_start, clause_end, verb_at = after
        q.speaker = self.clause_speaker(clause_start, clause_end, verb_at, subject_first=q.form != "dash")
        q.given_as = self.given_as(clause_start, clause_end)
        return q

    # ------------------------------------------------------------------ the passes
    def marks(self) -> None:
        for qm in self.seg.quotes:
            sentence = self.seg.sentence_at(qm.start)
            floor = sentence.start if sentence else 0
            limit = sentence.end if sentence else len(self.text)
            outer = [o for o in self.seg.quotes if o.depth < qm.depth and o.start <= qm.start and qm.end <= o.end]
            if outer:
                floor = max(floor, outer[-1].start)
                limit = min(limit, outer[-1].end)
                s = max((m.end() for m in re.finditer(r"[.!?]\s", self.text[floor : qm.start])), default=0)
                floor += s
            line_start = self.text.rfind("\n", 0, qm.start) + 1
            lead = re.match(rf"\s*[{_DASH}]\s+", self.text[line_start : qm.start])
            if lead and qm.start - 1 > line_start + lead.end():
                limit = qm.end + 1  # inside an answer line: the dash after it attributes the whole line
                floor = max(floor, line_start + lead.end())
            q = self.classify(qm.start, qm.end, qm.depth, limit, floor)
            q.depth = qm.depth
            self.found.append(q)

    def dashes(self) -> None:
        """Direct speech without marks: answer lines of an interview ("— …, — каже X") and "… - сказав X"."""
        text = self.text
        for para in re.finditer(r"[^\n]+", text):
            p_start, p_end = para.start(), para.end()
            line = para.group(0)
            lead = re.match(rf"\s*[{_DASH}]\s+", line)
            start = p_start + (lead.end() if lead else len(line) - len(line.lstrip()))
            for sep in re.finditer(rf"[,.!?…]?\s+[{_DASH}]\s+", line):
                cut = p_start + sep.start()
                if cut <= start:
                    continue
                attribution = self.after_attribution(cut, p_end)
                if attribution is None:
                    continue
                if (self.seg.inside_quote(cut - 1) or text[cut - 1] in '»"”“') and not self.quote_inside_line(
                    start, cut
                ):
                    break  # «…», — сказав: the marks pass has it
                speech_end = cut + (1 if text[cut] in ".!?…" and text[cut] != "," else 0)
                speech_end = cut if text[cut : cut + 1] == "," else speech_end
                self.add_dash(start, speech_end, attribution)
                break
            else:
                if lead and not line.rstrip().endswith("?"):
                    self.add_dash(start, p_end - (len(line) - len(line.rstrip())), None)

    def quote_inside_line(self, start: int, cut: int) -> bool:
        """A dash line whose words end with a quotation that opens after they begin:
        "— Він говорив: "Ми ближчі …", — каже Кушнер" is all the interviewee's."""
        lead = self.text[self.text.rfind("\n", 0, start) + 1 : start].strip()
        closing = [q for q in self.seg.quotes if q.depth == 0 and q.end in (cut - 1, cut)]
        return bool(lead) and lead[0] in _DASH and bool(closing) and closing[0].start - 1 > start

    def add_dash(self, start: int, end: int, attribution: tuple[int, int, int] | None) -> None:
        while end > start and self.text[end - 1] in " ,":
            end -= 1
        if end <= start or any(q.start <= start and end <= q.end for q in self.found if q.form != "dash"):
            return
        q = QuoteMention(start, end, "speech", form="dash")
        if attribution:
            q.speaker = self.clause_speaker(*attribution)
            q.given_as = self.given_as(attribution[0], attribution[1])
        self.found.append(q)

    def headline_quotes(self) -> None:
        """«…»: інтерв'ю заступника міністра … Тараса Коваленка: a title quoting the person it names."""
        for q in self.found:
            if q.speaker or q.form != "marks" or q.depth:
                continue
            rest = re.match(r"[»\"”]\s*[:—–-]\s*([^\n]+)", self.text[q.end :])
            if not rest:
                continue
            line_start = q.end + rest.start(1)
            line_end = q.end + rest.end(1)
            words = self.seg.tokens_in(line_start, line_end)
            if any(t.key in SETTINGS or _speech_verb(t) for t in words):
                q.speaker = self.person_in(line_start, line_end, line_start)
                if q.speaker:
                    q.kind = "speech"

    def unattributed_answers(self) -> None:
        who = self.interviewee()
        for q in self.found:
            if q.form == "dash" and q.speaker is None and who:
                q.speaker = who


def find_quotes(seg: Segments, people: list[Person], mentions: list[PersonMention]) -> list[QuoteMention]:
    """Every quotation and piece of direct speech, in text order."""
    finder = _Quotes(seg, people, mentions)
    finder.marks()
    finder.dashes()
    finder.unattributed_answers()
    finder.headline_quotes()
    finder.found.sort(key=lambda q: (q.start, -q.end))
    return finder.found

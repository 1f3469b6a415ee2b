"""The article cut into what the rules work on, every piece with its exact offsets into the text:
paragraphs, sentences, words, and the spans inside quotation marks.

Quotation marks are paired the way Ukrainian texts use them: «…» (with „…“ or "…" inside), “…”, and
straight "…" told apart by what stands before them (an opening mark follows a space, a bracket, a dash or a
colon). Sentences never end inside a quotation: «Ми готові. Але…», — сказав він. is one sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from .lexicon import key, words

TOKEN = re.compile(r"\d+|[^\W\d_]+(?:['’ʼ`-][^\W\d_]+)*")
# Abbreviations after which a full stop does not end a sentence ("2025 р.", "ім. Шевченка", initials).
_ABBREVIATIONS = words("р рр ст с т ім ін пп м вул тис млн млрд грн див напр св др проф ген")
_OPENERS = " \t\n([{«„“—–-:/"


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return key(self.text)

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """The inside of a pair of quotation marks: ``text[start:end]``; ``depth`` 0 for an outer quote."""

    start: int
    end: int
    depth: int
    mark: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int


def quote_marks(text: str) -> list[QuoteMarks]:
    """Every pair of quotation marks in ``text``, inner spans, in order of their opening mark."""
    found: list[QuoteMarks] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()  # a quotation never runs across paragraphs in these texts
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in "«„":
            stack.append((ch, i))
        elif ch == "»":
            _close(stack, found, "«", i)
        elif ch == "“":
            if stack and stack[-1][0] in "„“" and stack[-1][0] == "„":
                _close(stack, found, "„", i)
            elif before in _OPENERS and not after.isspace():
                stack.append(("“", i))
            else:
                _close(stack, found, "“", i)
        elif ch == "”":
            _close(stack, found, "“", i)
        elif ch == '"':
            opening = before in _OPENERS and not after.isspace()
            if stack and stack[-1][0] == '"' and not opening:
                _close(stack, found, '"', i)
            elif opening:
                stack.append(('"', i))
            elif stack and stack[-1][0] == '"':
                _close(stack, found, '"', i)
    found.sort(key=lambda q: q.start)
    return found


def _close(stack: list[tuple[str, int]], found: list[QuoteMarks], mark: str, at: int) -> None:
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == mark:
            start = stack[depth][1]
            del stack[depth:]
            if at > start + 1:
                found.append(QuoteMarks(start + 1, at, depth, mark))
            return


class Segments:
    """An article's paragraphs, sentences, tokens and quotation marks (computed once, on demand)."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def quotes(self) -> list[QuoteMarks]:
        return quote_marks(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(self.text)]

    def inside_quote(self, pos: int) -> QuoteMarks | None:
        """The innermost quotation holding position ``pos``, if any."""
        best: QuoteMarks | None = None
        for q in self.quotes:
            if q.start <= pos < q.end and (best is None or q.depth >= best.depth):
                best = q
        return best

    @cached_property
    def sentences(self) -> list[Sentence]:
        text = self.text
        inside = [False] * (len(text) + 1)
        for q in self.quotes:
            if q.depth == 0:
                for i in range(q.start, q.end):
                    inside[i] = True
        out: list[Sentence] = []
        paragraph = 0
        for m in re.finditer(r"[^\n]+", text):
            p_start, p_end = m.start(), m.end()
            if not m.group(0).strip():
                continue
            start = p_start
            for b in re.finditer(r"[.!?…]+[»\"”“)]*(?=\s+\S)", m.group(0)):
                end = p_start + b.end()
                stop = p_start + b.start()
                if inside[stop]:
                    continue
                prev = re.search(r"(\w+)\W*$", text[start:stop])
                if (
                    b.group(0).startswith(".")
                    and prev
                    and (key(prev.group(1)) in _ABBREVIATIONS or (len(prev.group(1)) == 1 and prev.group(1).isupper()))
                ):
                    continue
                nxt = text[end:p_end].lstrip()
                if nxt[:1] in ",;:—–-" and not nxt.startswith("— "):
                    continue
                attributed = re.match(r"[—–-]\s+\w+\s+\w+", nxt)
                if attributed and b.group(0)[-1:] in '»"”“':
                    continue  # «…». — сказав X: the attribution belongs to the quote
                out.append(_trimmed(text, start, end, paragraph, len(out)))
                start = end
            if text[start:p_end].strip():
                out.append(_trimmed(text, start, p_end, paragraph, len(out)))
            paragraph += 1
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens wholly inside ``[start, end)``."""
        i = bisect.bisect_left(self._token_starts, start)
        out = []
        for t in self.tokens[i:]:
            if t.start >= end:
                break
            if t.end <= end:
                out.append(t)
        return out

    def paragraph_span(self, paragraph: int) -> tuple[int, int]:
        spans = [(s.start, s.end) for s in self.sentences if s.paragraph == paragraph]
        return (spans[0][0], spans[-1][1]) if spans else (0, 0)


def _trimmed(text: str, start: int, end: int, paragraph: int, index: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, paragraph, index)

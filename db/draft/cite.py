"""Truth to source for quotes (issue #10): a quote hangs on an event only inside a passage that event cites,
and its ``given_as`` ("в інтерв'ю CNBC") is verbatim in such a passage. :func:`cite_quotes` gives every
drafted event the sentences its quotes stand in (one passage when a quote runs over several sentences) and
drops a ``given_as`` no cited passage holds — the rules :mod:`chronology.db.rules` checks on import, kept
here without loading the model.
"""

from __future__ import annotations

from ..text import verbatim_in
from .draft_event import DraftEvent
from .quotes import QuoteMention
from .segments import Segments, Sentence


def _passage(seg: Segments, start: int, end: int) -> Sentence | None:
    """The sentence holding ``[start, end)``, or one passage from the first sentence it touches to the last."""
    first, last = seg.sentence_at(start), seg.sentence_at(max(start, end - 1))
    if first is None or last is None:
        return None
    if first == last:
        return first
    return Sentence(first.start, last.end, first.paragraph, first.index)


def _add(e: DraftEvent, passage: Sentence) -> None:
    if any(s.start <= passage.start and passage.end <= s.end for s in e.sentences):
        return
    e.sentences = [s for s in e.sentences if not (passage.start <= s.start and s.end <= passage.end)]
    e.sentences.append(passage)
    e.sentences.sort(key=lambda s: (s.start, -s.end))


def _given_at(seg: Segments, q: QuoteMention, given: str) -> Sentence | None:
    """The sentence of ``q``'s paragraph where its ``given_as`` stands, the nearest to the quote."""
    here = seg.sentence_at(q.start)
    if here is None:
        return None
    lo, hi = seg.paragraph_span(here.paragraph)
    found = []
    at = seg.text.find(given, lo, hi)
    while at >= 0:
        s = seg.sentence_at(at)
        if s is not None and verbatim_in(given, seg.text[s.start : s.end]):
            found.append(s)
        at = seg.text.find(given, at + 1, hi)
    return min(found, key=lambda s: min(abs(s.start - q.end), abs(s.end - q.start)), default=None)


def cite_quotes(seg: Segments, events: list[DraftEvent]) -> None:
    """Give each event the passages its quotes (and the words saying how they were given) stand in."""
    text = seg.text
    for e in events:
        for q in e.quotes:
            passage = _passage(seg, q.start, q.end)
            if passage is None:
                continue
            _add(e, passage)
            if q.given_as and not any(verbatim_in(q.given_as, text[s.start : s.end]) for s in e.sentences):
                where = _given_at(seg, q, q.given_as)
                if where is None:
                    q.given_as = None  # not the source's words where the event cites it: leave it to the curator
                else:
                    _add(e, where)


def cite_dates(seg: Segments, events: list[DraftEvent]) -> None:
    """An event dated by words outside its passages ("Учора в Брюсселі …. Окремо Зеленський провів …")
    also cites the sentence those words stand in: a ``date_phrase`` is verbatim in a citation of its event."""
    text = seg.text
    for e in events:
        d = e.date
        if not d.phrase or d.end <= d.start or text[d.start : d.end] != d.phrase:
            continue
        if any(verbatim_in(d.phrase, text[s.start : s.end]) for s in e.sentences):
            continue
        where = seg.sentence_at(d.start)
        if where is not None:
            _add(e, where)

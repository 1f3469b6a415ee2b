"""The rules a document keeps to be true to its sources, checked when it is loaded, imported or linted.

:func:`check_document` checks what needs the whole picture, beyond each record's own shape:

* ids are used once, and references resolve (participants, speakers, events, sources, ``before``);
* every quote, citation and tally citation is verbatim at its offset in its source;
* **the source's words stay the source's**: a field that claims to be the source's words is verbatim
  (character for character, whole words: :func:`verbatim_in`) in the record's cited passages — an
  event's ``date_phrase`` and ``duration.phrase`` in one of the event's citations; a quote's ``given_as``
  in a citation of the quote's event from the quote's source; a quote's own span lies inside one of its
  event's citations (a quote hangs on the event it is about); and the curator's own text (an event's
  title, summary, outcome, note) puts in «» only words verbatim in a source the event cites («» is how
  the app shows the source's words).

Each problem is one line naming the record and the field (``events[ID].date_phrase: …``); the same lines
are what ``chronology check`` prints for a whole store (:mod:`chronology.db.check`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from .errors import ChronologyError
from .models import Chronology, Event, Passage, Quote

RECORD_LISTS = ("sources", "actors", "events", "quotes", "tallies")
GUILLEMETS = re.compile(r"«([^«»]+)»")
CURATOR_FIELDS = ("title", "summary", "outcome", "note")  # the Ukrainian ones: «» quote the source's words


def verbatim_in(phrase: str, text: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` character for character, as whole words: "перед ними" is in
    "а перед ними Віткофф", "дедлайн" is not in "на тлі дедлайну"."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        opens = start == 0 or not (phrase[0].isalnum() and text[start - 1].isalnum())
        closes = end == len(text) or not (phrase[-1].isalnum() and text[end].isalnum())
        if opens and closes:
            return True
        start = text.find(phrase, start + 1)
    return False


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def event_words_problems(event: Event, texts: Mapping[str, str] | None = None) -> list[str]:
    """The event's source-words fields that are not verbatim in any of its citations, and «…» in its curator
    text that is in none of the ``texts`` of the sources it cites (by source id; without ``texts``, its
    citations)."""
    problems: list[str] = []
    fields = [("date_phrase", event.date_phrase)]
    if event.duration is not None:
        fields.append(("duration.phrase", event.duration.phrase))
    for name, words in fields:
        if words and not any(verbatim_in(words, c.text) for c in event.citations):
            problems.append(
                f"events[{event.id}].{name}: {_short(words)} is not verbatim in any of the event's citations "
                "(the source's words only; put explanations in note)"
            )
    cited = [texts[c.source_id] if texts and c.source_id in texts else c.text for c in event.citations]
    for name in CURATOR_FIELDS:
        for m in GUILLEMETS.finditer(getattr(event, name) or ""):
            if not any(verbatim_in(m.group(1), text) for text in cited):
                problems.append(
                    f"events[{event.id}].{name}: «{m.group(1)}» is not verbatim in the sources the event cites "
                    "(«» marks the source's words: quote them exactly, or drop the «»)"
                )
    return problems


def quote_place_problems(quote: Quote, citations: Sequence[Passage]) -> list[str]:
    """Whether ``quote`` lies inside one of its event's ``citations`` and its ``given_as`` is verbatim in one
    of them from the quote's source."""
    problems: list[str] = []
    same_source = [c for c in citations if c.source_id == quote.source_id]
    if not any(c.offset <= quote.offset and quote.end <= c.end for c in same_source):
        problems.append(
            f"quotes[{quote.id}].offset: characters {quote.offset}–{quote.end} of {quote.source_id!r} lie outside "
            f"every citation of event {quote.event_id!r} (a quote must come from a passage its event cites)"
        )
    if quote.given_as and not any(verbatim_in(quote.given_as, c.text) for c in same_source):
        problems.append(
            f"quotes[{quote.id}].given_as: {_short(quote.given_as)} is not verbatim in any citation of event "
            f"{quote.event_id!r} from {quote.source_id!r} (the source's words only)"
        )
    return problems


def check_document(
    doc: Chronology,
    *,
    known_sources: Mapping[str, str] | None = None,
    known_actors: Iterable[str] = (),
    known_events: Iterable[str] = (),
    known_citations: Mapping[str, Sequence[Passage]] | None = None,
) -> None:
    """Check what needs the whole picture; raise :class:`ChronologyError` listing every problem.

    ``known_*`` are records already in a store (an import resolves references against both):
    ``known_sources`` maps source id to its text; ``known_citations`` maps the id of an event in the store
    to its citations (to check the quotes of ``doc`` that hang on it; a quote whose event is neither in
    ``doc`` nor in ``known_citations`` is checked for its reference only).
    """
    problems: list[str] = []
    for name in RECORD_LISTS:
        seen: set[str] = set()
        for rec in getattr(doc, name):
            if rec.id in seen:
                problems.append(f"{name}[{rec.id}].id: id used twice")
            seen.add(rec.id)

    texts: dict[str, str] = dict(known_sources or {})
    texts.update({s.id: s.text for s in doc.sources})
    actors = set(known_actors) | {a.id for a in doc.actors}
    events = set(known_events) | {e.id for e in doc.events}
    citations: dict[str, Sequence[Passage]] = dict(known_citations or {})
    citations.update({e.id: e.citations for e in doc.events})

    def passage(where: str, source_id: str, offset: int, text: str) -> None:
        if source_id not in texts:
            problems.append(f"{where}.source_id: no source {source_id!r}")
            return
        found = texts[source_id][offset : offset + len(text)]
        if found != text:
            at = texts[source_id].find(text)
            hint = f" (it is at offset {at})" if at >= 0 else " (it is nowhere in the source)"
            problems.append(f"{where}.text: not found verbatim at offset {offset} of {source_id!r}{hint}")

    for e in doc.events:
        for actor in e.participants:
            if actor not in actors:
                problems.append(f"events[{e.id}].participants: no actor {actor!r}")
        if e.before is not None and e.before not in events:
            problems.append(f"events[{e.id}].before: no event {e.before!r}")
        for i, c in enumerate(e.citations):
            passage(f"events[{e.id}].citations[{i}]", c.source_id, c.offset, c.text)
        problems += event_words_problems(e, texts)
    for q in doc.quotes:
        if q.event_id not in events:
            problems.append(f"quotes[{q.id}].event_id: no event {q.event_id!r}")
        if q.speaker_id is not None and q.speaker_id not in actors:
            problems.append(f"quotes[{q.id}].speaker_id: no actor {q.speaker_id!r}")
        passage(f"quotes[{q.id}]", q.source_id, q.offset, q.text)
        if q.event_id in citations:
            problems += quote_place_problems(q, citations[q.event_id])
    for t in doc.tallies:
        for ev in t.event_ids:
            if ev not in events:
                problems.append(f"tallies[{t.id}].event_ids: no event {ev!r}")
        c = t.citation
        passage(f"tallies[{t.id}].citation", c.source_id, c.offset, c.text)
    if problems:
        raise ChronologyError(problems)

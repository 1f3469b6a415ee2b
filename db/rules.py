"""The rules a document keeps to be true to its sources, checked when it is loaded, imported or linted.

:func:`check_document` checks what needs the whole picture, beyond each record's own shape:

* ids are used once, and references resolve (participants, speakers, events, sources, ``before``);
* every quote, citation and tally citation is verbatim at its offset in its source;
* **the source's words stay the source's**: a field that claims to be the source's words is verbatim
  (character for character, whole words: :func:`chronology.db.text.verbatim_in`) in the record's cited passages — an
  event's ``date_phrase`` and ``duration.phrase`` in one of the event's citations; a quote's ``given_as``
  in a citation of the quote's event from the quote's source; a quote's own span lies inside one of its
  event's citations (a quote hangs on the event it is about); and the curator's own text (an event's
  title, summary, outcome, note) puts in «» only words verbatim in a source the event cites («» is how
  the app shows the source's words);
* where sources disagree (``Event.claims``), each claim's passage is verbatim in its source and lies inside
  one of the event's citations, and a duration claim's phrase is verbatim in that passage.

Each problem is a :class:`~chronology.db.errors.Problem`: one line naming the record and the field
(``events[ID].date_phrase: …``), with its English template from :mod:`chronology.db.errors` (so the UI can say
it in its language); the same lines are what ``chronology check`` prints for a whole store
(:mod:`chronology.db.check`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from .errors import (
    CLAIM_OUTSIDE_CITATIONS,
    GIVEN_AS_NOT_VERBATIM,
    GUILLEMETS_NOT_VERBATIM,
    ID_TWICE,
    NO_ACTOR,
    NO_EVENT,
    NO_SOURCE,
    NOT_IN_CITATIONS,
    NOT_IN_PASSAGE,
    NOT_VERBATIM_AT,
    NOT_VERBATIM_NOWHERE,
    QUOTE_OUTSIDE_CITATIONS,
    ChronologyError,
    Problem,
)
from .models import Chronology, Event, Passage, Quote
from .text import verbatim_in

RECORD_LISTS = ("sources", "actors", "events", "quotes", "tallies")
GUILLEMETS = re.compile(r"«([^«»]+)»")
CURATOR_FIELDS = ("title", "summary", "outcome", "note")  # the Ukrainian ones: «» quote the source's words


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def event_words_problems(event: Event, texts: Mapping[str, str] | None = None) -> list[Problem]:
    """The event's source-words fields that are not verbatim in any of its citations, and «…» in its curator
    text that is in none of the ``texts`` of the sources it cites (by source id; without ``texts``, its
    citations)."""
    problems: list[Problem] = []
    fields = [("date_phrase", event.date_phrase)]
    if event.duration is not None:
        fields.append(("duration.phrase", event.duration.phrase))
    for name, words in fields:
        if words and not any(verbatim_in(words, c.text) for c in event.citations):
            problems.append(Problem(f"events[{event.id}].{name}", NOT_IN_CITATIONS, phrase=_short(words)))
    cited = [texts[c.source_id] if texts and c.source_id in texts else c.text for c in event.citations]
    for name in CURATOR_FIELDS:
        for m in GUILLEMETS.finditer(getattr(event, name) or ""):
            if not any(verbatim_in(m.group(1), text) for text in cited):
                problems.append(Problem(f"events[{event.id}].{name}", GUILLEMETS_NOT_VERBATIM, words=m.group(1)))
    return problems


def claim_problems(event: Event, texts: Mapping[str, str] | None = None) -> list[Problem]:
    """Each claim of ``event`` cites a passage inside one of the event's citations, and a duration claim's
    phrase (the source's words) is verbatim in that passage. With ``texts`` (by source id), a passage not
    verbatim at its offset is left to that check (it is reported once, there)."""
    problems: list[Problem] = []
    for i, claim in enumerate(event.claims):
        p = claim.passage
        if texts is not None and texts.get(p.source_id, "")[p.offset : p.end] != p.text:
            continue
        if not any(c.source_id == p.source_id and c.offset <= p.offset and p.end <= c.end for c in event.citations):
            where = f"events[{event.id}].claims[{i}].passage"
            problems.append(
                Problem(where, CLAIM_OUTSIDE_CITATIONS, start=p.offset, end=p.end, source=p.source_id, event=event.id)
            )
        phrase = claim.duration.phrase if claim.duration else None
        if phrase and not verbatim_in(phrase, p.text):
            where = f"events[{event.id}].claims[{i}].duration.phrase"
            problems.append(Problem(where, NOT_IN_PASSAGE, phrase=_short(phrase)))
    return problems


def quote_place_problems(quote: Quote, citations: Sequence[Passage]) -> list[Problem]:
    """Whether ``quote`` lies inside one of its event's ``citations`` and its ``given_as`` is verbatim in one
    of them from the quote's source."""
    problems: list[Problem] = []
    same_source = [c for c in citations if c.source_id == quote.source_id]
    if not any(c.offset <= quote.offset and quote.end <= c.end for c in same_source):
        problems.append(
            Problem(
                f"quotes[{quote.id}].offset",
                QUOTE_OUTSIDE_CITATIONS,
                start=quote.offset,
                end=quote.end,
                source=quote.source_id,
                event=quote.event_id,
            )
        )
    if quote.given_as and not any(verbatim_in(quote.given_as, c.text) for c in same_source):
        problems.append(
            Problem(
                f"quotes[{quote.id}].given_as",
                GIVEN_AS_NOT_VERBATIM,
                phrase=_short(quote.given_as),
                event=quote.event_id,
                source=quote.source_id,
            )
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
    problems: list[str] = []  # Problem lines (see chronology.db.errors)
    for name in RECORD_LISTS:
        seen: set[str] = set()
        for rec in getattr(doc, name):
            if rec.id in seen:
                problems.append(Problem(f"{name}[{rec.id}].id", ID_TWICE))
            seen.add(rec.id)

    texts: dict[str, str] = dict(known_sources or {})
    texts.update({s.id: s.text for s in doc.sources})
    actors = set(known_actors) | {a.id for a in doc.actors}
    events = set(known_events) | {e.id for e in doc.events}
    citations: dict[str, Sequence[Passage]] = dict(known_citations or {})
    citations.update({e.id: e.citations for e in doc.events})

    def passage(where: str, source_id: str, offset: int, text: str) -> None:
        if source_id not in texts:
            problems.append(Problem(f"{where}.source_id", NO_SOURCE, id=source_id))
            return
        found = texts[source_id][offset : offset + len(text)]
        if found != text:
            at = texts[source_id].find(text)
            template = NOT_VERBATIM_AT if at >= 0 else NOT_VERBATIM_NOWHERE
            problems.append(Problem(f"{where}.text", template, offset=offset, source=source_id, at=at))

    for e in doc.events:
        for actor in e.participants:
            if actor not in actors:
                problems.append(Problem(f"events[{e.id}].participants", NO_ACTOR, id=actor))
        if e.before is not None and e.before not in events:
            problems.append(Problem(f"events[{e.id}].before", NO_EVENT, id=e.before))
        for i, c in enumerate(e.citations):
            passage(f"events[{e.id}].citations[{i}]", c.source_id, c.offset, c.text)
        for i, claim in enumerate(e.claims):
            p = claim.passage
            passage(f"events[{e.id}].claims[{i}].passage", p.source_id, p.offset, p.text)
        problems += event_words_problems(e, texts)
        problems += claim_problems(e, texts)
    for q in doc.quotes:
        if q.event_id not in events:
            problems.append(Problem(f"quotes[{q.id}].event_id", NO_EVENT, id=q.event_id))
        if q.speaker_id is not None and q.speaker_id not in actors:
            problems.append(Problem(f"quotes[{q.id}].speaker_id", NO_ACTOR, id=q.speaker_id))
        passage(f"quotes[{q.id}]", q.source_id, q.offset, q.text)
        if q.event_id in citations and q.source_id in texts:  # (an unknown source is reported above)
            problems += quote_place_problems(q, citations[q.event_id])
    for t in doc.tallies:
        for ev in t.event_ids:
            if ev not in events:
                problems.append(Problem(f"tallies[{t.id}].event_ids", NO_EVENT, id=ev))
        c = t.citation
        passage(f"tallies[{t.id}].citation", c.source_id, c.offset, c.text)
    if problems:
        raise ChronologyError(problems)

"""Lint a whole store against the rules that keep it true to its sources (``chronology check``).

The rules are :func:`chronology.db.rules.check_document`'s — the same that loading the seed and every
import apply, so a store built by this version is clean — plus what only the whole store shows: an
event's ``before`` that the dates contradict or that closes a cycle. A store built by an older version
(or changed by another SQLite tool) may break them: its findings are reported, nothing is rewritten.

Each :class:`Finding` names one record and one field (``events[ID].date_phrase``); the problems of one
field are one finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from .edtf import parse_edtf
from .errors import BEFORE_CYCLE, BEFORE_DATED_EARLIER, DOCUMENT, ChronologyError, Problem
from .models import Chronology, Event
from .rules import check_document
from .store import Store


@dataclass(frozen=True, slots=True)
class Finding:
    """One record's field that breaks the rules: the record (``events``, its id), the field (``date_phrase``,
    ``citations[0].text``; "" for the record as a whole) and its problems (each with its template, so the UI
    can say them in its language; ``message`` is the English)."""

    records: str
    id: str
    field: str
    problems: tuple[Problem, ...]

    @property
    def where(self) -> str:
        return f"{self.records}[{self.id}]" + (f".{self.field}" if self.field else "")

    @property
    def messages(self) -> tuple[Problem, ...]:
        """The problems without their place (what the finding's ``where`` already says)."""
        return tuple(Problem("", p.template, **p.params) for p in self.problems)

    @property
    def message(self) -> str:
        return "; ".join(self.messages)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def to_json(self) -> dict[str, str]:
        return {"record": f"{self.records}[{self.id}]", "field": self.field, "message": self.message}


def _place(where: str) -> tuple[str, str, str]:
    """``events[ID].citations[0].text`` → ("events", "ID", "citations[0].text")."""
    records, bracket, rest = where.partition("[")
    if not bracket or "]" not in rest:
        return (str(DOCUMENT), "", where)
    rid, _, field = rest.partition("]")
    return (records, rid, field.removeprefix("."))


def before_problems(events: list[Event]) -> list[Problem]:
    """``before`` constraints the chronology cannot keep: one naming an event dated earlier than this one
    (it would have to be placed before an event it sorts after), or a chain that comes back to itself."""
    by_id = {e.id: e for e in events}
    problems: list[Problem] = []
    for e in events:
        other = by_id.get(e.before) if e.before else None
        if other is None:
            continue
        mine, theirs = parse_edtf(e.date), parse_edtf(other.date)
        if mine.sort > theirs.sort:
            problems.append(
                Problem(
                    f"events[{e.id}].before", BEFORE_DATED_EARLIER, other=other.id, other_date=other.date, date=e.date
                )
            )
    for e in events:
        seen = [e.id]
        current = by_id.get(e.before) if e.before else None
        while current is not None and current.id not in seen:
            seen.append(current.id)
            current = by_id.get(current.before) if current.before else None
        if current is not None and current.id == e.id and e.id == min(seen):  # report each cycle once
            problems.append(Problem(f"events[{e.id}].before", BEFORE_CYCLE, chain=" → ".join([*seen, e.id])))
    return problems


def document_findings(doc: Chronology) -> list[Finding]:
    """Every finding in ``doc`` taken as a whole store, in the order of the record lists."""
    problems: list[Problem] = []
    try:
        check_document(doc)
    except ChronologyError as exc:
        problems += [Problem.of(p) for p in exc.problems]
    problems += before_problems(doc.events)
    merged: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        merged.setdefault(_place(problem.where), []).append(problem)
    return [Finding(r, i, f, tuple(found)) for (r, i, f), found in merged.items()]


def check_store(store: Store) -> list[Finding]:
    """Every finding in ``store`` (read in one snapshot)."""
    with store.snapshot():
        doc = store.to_document()
    return document_findings(doc)

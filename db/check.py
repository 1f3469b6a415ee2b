"""Lint a whole store against the rules that keep it true to its sources (``chronology check``).

The rules are :func:`chronology.db.rules.check_document`'s — the same that loading the seed and every
import apply, so a store built by this version is clean — plus what only the whole store shows: an
event's ``before`` that the dates contradict or that closes a cycle. A store built by an older version
(or changed by another SQLite tool) may break them: its findings are reported, nothing is rewritten.

Each :class:`Finding` names one record and one field (``events[ID].date_phrase``); the problems of one
field are one finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .edtf import parse_edtf
from .errors import ChronologyError
from .models import Chronology, Event
from .rules import check_document
from .store import Store

_WHERE = re.compile(r"^(?P<list>[a-z]+)\[(?P<id>[^\]]*)\](?:\.(?P<field>[^:\s]+))?: (?P<message>.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule: the record (``events``, its id), the field (``date_phrase``, ``citations[0].text``;
    "" for the record as a whole) and what is wrong."""

    records: str
    id: str
    field: str
    message: str

    @property
    def where(self) -> str:
        return f"{self.records}[{self.id}]" + (f".{self.field}" if self.field else "")

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def to_json(self) -> dict[str, str]:
        return {"record": f"{self.records}[{self.id}]", "field": self.field, "message": self.message}


def before_problems(events: list[Event]) -> list[str]:
    """``before`` constraints the chronology cannot keep: one naming an event dated earlier than this one
    (it would have to be placed before an event it sorts after), or a chain that comes back to itself."""
    by_id = {e.id: e for e in events}
    problems: list[str] = []
    for e in events:
        other = by_id.get(e.before) if e.before else None
        if other is None:
            continue
        mine, theirs = parse_edtf(e.date), parse_edtf(other.date)
        if mine.sort > theirs.sort:
            problems.append(
                f"events[{e.id}].before: {other.id!r} is dated {other.date}, earlier than this event ({e.date}); "
                "the chronology cannot place this event before it (correct the dates or drop before)"
            )
    for e in events:
        seen = [e.id]
        current = by_id.get(e.before) if e.before else None
        while current is not None and current.id not in seen:
            seen.append(current.id)
            current = by_id.get(current.before) if current.before else None
        if current is not None and current.id == e.id and e.id == min(seen):  # report each cycle once
            problems.append(f"events[{e.id}].before: a cycle ({' → '.join([*seen, e.id])}); no order can keep it")
    return problems


def document_findings(doc: Chronology) -> list[Finding]:
    """Every finding in ``doc`` taken as a whole store, in the order of the record lists."""
    problems: list[str] = []
    try:
        check_document(doc)
    except ChronologyError as exc:
        problems += exc.problems
    problems += before_problems(doc.events)
    merged: dict[tuple[str, str, str], list[str]] = {}
    for problem in problems:
        m = _WHERE.match(problem)
        key = (m["list"], m["id"], m["field"] or "") if m else ("document", "", "")
        merged.setdefault(key, []).append(m["message"] if m else problem)
    return [Finding(r, i, f, "; ".join(messages)) for (r, i, f), messages in merged.items()]


def check_store(store: Store) -> list[Finding]:
    """Every finding in ``store`` (read in one snapshot)."""
    with store.snapshot():
        doc = store.to_document()
    return document_findings(doc)

"""Data in and out: import files checked against the store, the JSON document and its JSON Schema.

The import format is a :class:`~chronology.db.models.Chronology` document as JSON: an object with any of the
lists ``sources``, ``actors``, ``events``, ``quotes``, ``tallies``. A source may name its text by
``text_file`` (a UTF-8 file, relative to the JSON file) instead of giving ``text`` inline. Records are
keyed by ``id`` and replaced whole (an upsert): importing the same file twice changes nothing.

An import is all or nothing. Every file is read and validated, references resolve against the files and
the store together, every quote and citation must be verbatim at its offset in its source, every field
that claims to be the source's words must be verbatim in the record's cited passages (a quote inside one of
its event's citations, also the store's quotes of an event the import replaces), and a changed source
text must still hold every passage the store already takes from it. Each problem is one line
naming the file and the record (``events[ID].date``) or, for JSON syntax, the line and column.

The JSON export is the import format, read in one consistent snapshot (deterministic: the same store gives
the same bytes, and export → import into an empty store → export is byte-identical); an export of some events
(:func:`events_document`) imports into an empty store as well. The exports for people
(CSV, Markdown, TimelineJS) live with the words, in :mod:`chronology.tui.present.exports`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import errors as e
from .controls import control_problems
from .errors import ChronologyError, ImportRefused, Problem, Words
from .infiles import IMPORT_CAP, TEXT_CAP, FileRefused, read_capped, read_stream_capped, text_file_path
from .models import Chronology, parse_document
from .rules import check_document, quote_place_problems
from .store import Store
from .store.soundness import check_index_pages

KINDS = ("sources", "actors", "events", "quotes", "tallies")
STDIN = "-"
MAX_PROBLEMS = 200  # more than this and the rest are summarised in one line


# ---------------------------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class ImportFile:
    """One read import file: its name as the user gave it, its valid records, the problems of the others
    (one line each, naming the file) and the ids those invalid records claim (so that references to them
    are not reported a second time as references to nothing)."""

    name: str
    doc: Chronology
    problems: tuple[str, ...] = ()  # Problem lines
    invalid_ids: dict[str, frozenset[str]] = field(default_factory=dict)


def read_import_file(path: str | Path, stdin: io.TextIOBase | None = None) -> ImportFile:
    """Read and validate one import file (``-`` is standard input); raise :class:`ImportRefused`."""
    name = str(path)
    raw = _read_text(name, stdin)
    try:
        data = json.loads(raw)
    except RecursionError:  # lists in lists a thousand deep: no document nests more than five
        raise ImportRefused([Problem(name, e.TOO_DEEP)]) from None
    except json.JSONDecodeError as exc:
        ended = exc.pos >= len(raw.rstrip()) or exc.msg.startswith("Unterminated string")
        msg = exc.msg.removesuffix(" starting at")
        error = Words(msg) if msg in e.JSON_ERRORS else msg
        where = f"{name}:{exc.lineno}:{exc.colno}"
        raise ImportRefused([Problem(where, e.NOT_JSON_TRUNCATED if ended else e.NOT_JSON, error=error)]) from None
    if not isinstance(data, dict):
        found = Words(_json_type(data))
        raise ImportRefused([Problem(name, e.NOT_AN_OBJECT, lists=", ".join(KINDS), found=found)])
    if isinstance(data.get("$schema"), str):  # an editor's pointer to the schema, not data
        del data["$schema"]
    problems: list[str] = []
    base = Path(name).parent if name != STDIN else Path.cwd()
    for i, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict) and "text_file" in source:
            sid = source.get("id")
            label = f"[{sid}]" if isinstance(sid, str) and sid else f"[{i}]"
            problem = _inline_text_file(source, base, f"sources{label}.text_file")
            if problem:
                problems.append(problem.within(name))
    if problems:
        raise ImportRefused(problems)
    try:
        doc = parse_document(data)
        return ImportFile(name, doc, tuple(p.within(name) for p in control_problems(doc)))
    except ChronologyError as exc:
        problems = [Problem.of(p).within(name) for p in exc.problems]
    # Keep the valid records, so that the checks that need the whole picture still report their problems.
    valid: dict[str, list[Any]] = {k: [] for k in KINDS}
    invalid: dict[str, set[str]] = {k: set() for k in KINDS}
    for kind in KINDS:
        items = data.get(kind)
        if not isinstance(items, list):
            continue
        for item in items:
            try:
                valid[kind] += getattr(parse_document({kind: [item]}), kind)
            except ChronologyError:
                rid = item.get("id") if isinstance(item, dict) else None
                if isinstance(rid, str):
                    invalid[kind].add(rid)
    doc = Chronology(**valid)
    problems += [p.within(name) for p in control_problems(doc)]
    return ImportFile(name, doc, tuple(problems), {k: frozenset(v) for k, v in invalid.items()})


def _json_type(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def _read_text(name: str, stdin: io.TextIOBase | None) -> str:
    if name == STDIN:
        import sys

        stream = stdin if stdin is not None else sys.stdin
        try:
            if hasattr(stream, "buffer"):
                data = read_stream_capped(stream.buffer, IMPORT_CAP)
            else:
                data = read_stream_capped(io.BytesIO(stream.read().encode("utf-8")), IMPORT_CAP)
        except FileRefused as exc:
            raise ImportRefused([Problem(name, exc.template, **exc.params)]) from None
    else:
        try:
            data = read_capped(name, IMPORT_CAP)
        except FileRefused as exc:
            raise ImportRefused([Problem(name, exc.template, **exc.params)]) from None
        except FileNotFoundError:
            raise ImportRefused([Problem(name, e.NO_SUCH_FILE)]) from None
        except IsADirectoryError:
            raise ImportRefused([Problem(name, e.FILE_IS_A_FOLDER)]) from None
        except PermissionError:
            raise ImportRefused([Problem(name, e.FILE_PERMISSION_DENIED)]) from None
        except OSError as exc:
            raise ImportRefused([Problem(name, e.CANNOT_READ_THE_FILE, error=exc.strerror or exc)]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut inside a character: let JSON report the truncation
            return data[: exc.start].decode("utf-8-sig")
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(f"{name}:{line}", e.NOT_UTF8, byte=data[exc.start], offset=exc.start)
        raise ImportRefused([problem]) from None


def _inline_text_file(source: dict[str, Any], base: Path, where: str) -> Problem | None:
    """Replace ``text_file`` by the file's text; return a problem (at ``where``) or None."""
    ref = source.pop("text_file")
    if "text" in source:
        return Problem(where, e.TEXT_AND_TEXT_FILE)
    if not isinstance(ref, str) or not ref:
        return Problem(where, e.NOT_A_FILE_NAME)
    try:
        path = text_file_path(base, ref)
        source["text"] = read_capped(path, TEXT_CAP).decode("utf-8-sig")
    except FileRefused as exc:
        return Problem(where, exc.template, **exc.params)
    except FileNotFoundError:
        return Problem(where, e.NO_TEXT_FILE, path=path)
    except IsADirectoryError:
        return Problem(where, e.TEXT_FILE_IS_A_FOLDER, path=path)
    except PermissionError:
        return Problem(where, e.TEXT_FILE_PERMISSION_DENIED, path=path)
    except UnicodeDecodeError:
        return Problem(where, e.TEXT_FILE_NOT_UTF8, path=path)
    except OSError as exc:
        return Problem(where, e.CANNOT_READ_TEXT_FILE, path=path, error=exc.strerror or exc)
    return None


def read_import_files(paths: Sequence[str | Path], stdin: io.TextIOBase | None = None) -> list[ImportFile]:
    """Read every file, collecting the problems of all of them before refusing."""
    files: list[ImportFile] = []
    problems: list[str] = []
    for path in paths:
        try:
            files.append(read_import_file(path, stdin))
        except ImportRefused as exc:
            problems += exc.problems
    if problems:  # a file that cannot be read at all: report it with the others' problems
        raise ImportRefused([p for f in files for p in f.problems] + problems)
    return files


# ---------------------------------------------------------------------------------------------- merging
@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class ImportPlan:
    """What an import does: per record list, how many records are added, updated or left unchanged, and
    the records to write (only the added and updated ones)."""

    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    changes: Chronology = field(default_factory=Chronology)

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated for c in self.counts.values())

    @property
    def total(self) -> Counts:
        return Counts(
            sum(c.added for c in self.counts.values()),
            sum(c.updated for c in self.counts.values()),
            sum(c.unchanged for c in self.counts.values()),
        )


def _merge(files: Sequence[ImportFile]) -> tuple[dict[str, dict[str, tuple[Any, str]]], list[str]]:
    """Records of all files by list and id, with the file each came from; an id given differently in two
    files is a problem (the same record twice is fine)."""
    merged: dict[str, dict[str, tuple[Any, str]]] = {k: {} for k in KINDS}
    problems: list[str] = []
    for f in files:
        for kind in KINDS:
            for rec in getattr(f.doc, kind):
                seen = merged[kind].get(rec.id)
                if seen is None:
                    merged[kind][rec.id] = (rec, f.name)
                elif seen[1] != f.name and seen[0] != rec:
                    problems.append(Problem(f"{kind}[{rec.id}]", e.ALSO_IN_ANOTHER_FILE, other=seen[1]).within(f.name))
    return merged, problems


def plan_import(store: Store, files: Sequence[ImportFile]) -> ImportPlan:
    """Check ``files`` against each other and the store; count and collect the changes.

    Reads only (the caller holds a snapshot or the write transaction). Raises :class:`ImportRefused`.
    """
    merged, problems = _merge(files)
    problems = [p for f in files for p in f.problems] + problems
    store_texts = store.source_texts()
    texts = dict(store_texts)
    texts.update({sid: rec.text for sid, (rec, _) in merged["sources"].items()})
    actors = store.record_ids("actors") | set(merged["actors"])
    events = store.record_ids("events") | set(merged["events"])
    for f in files:
        actors |= f.invalid_ids.get("actors", frozenset())
        events |= f.invalid_ids.get("events", frozenset())
    # The quotes of the files that hang on events in the store (not in the files) are checked against the
    # stored citations; the store's quotes of events the files replace, against the new citations.
    imported_events = {eid: rec for eid, (rec, _) in merged["events"].items()}
    stored_citations = store.citations_of(
        [q.event_id for q, _ in merged["quotes"].values() if q.event_id not in imported_events]
    )
    for f in files:
        try:
            check_document(
                f.doc,
                known_sources=texts,
                known_actors=actors,
                known_events=events,
                known_citations={**stored_citations, **{e: r.citations for e, r in imported_events.items()}},
            )
        except ChronologyError as exc:
            invalid_sources = {s for g in files for s in g.invalid_ids.get("sources", frozenset())}
            problems += [
                Problem.of(p).within(f.name)
                for p in exc.problems
                if not any(f"no source {s!r}" in p for s in invalid_sources)
            ]

    # The store's quotes of an event the files replace must stay inside its new citations. A quote that was
    # already outside the old ones is not the import's doing: `chronology check` reports it, and it does not
    # stop a file that corrects the event from coming in.
    old_citations = store.citations_of(list(imported_events))
    for quote in store.quotes_of(list(imported_events)):
        if quote.id in merged["quotes"]:
            continue  # replaced by the import, and checked above
        event, name = merged["events"][quote.event_id]
        before = set(quote_place_problems(quote, old_citations.get(quote.event_id, [])))
        for problem in quote_place_problems(quote, event.citations):
            if problem not in before:
                if problem.template == e.QUOTE_OUTSIDE_CITATIONS:  # a stored quote, against this file's citations
                    problem = Problem(problem.where, e.STORED_QUOTE_OUTSIDE, **problem.params)
                problems.append(problem.within(name))

    # A source whose text changes must still hold every passage the store keeps taking from it.
    for sid, (rec, name) in merged["sources"].items():
        old = store_texts.get(sid)
        new = rec.text
        if old is None or old == new:
            continue
        for where, offset, text in store.passages_of(sid):
            kind, rid = where.split("[", 1)[0], where.split("[", 1)[1].split("]", 1)[0]
            if rid in merged[kind]:
                continue  # replaced by the import, and checked against the new text above
            if new[offset : offset + len(text)] != text:
                problems.append(
                    Problem(f"sources[{sid}].text", e.NO_LONGER_HOLDS, record=where, offset=offset).within(name)
                )
    if problems:
        raise ImportRefused(problems)

    plan = ImportPlan()
    existing: dict[str, dict[str, Any]] = {
        "sources": {s.id: s for s in store.sources()} if merged["sources"] else {},
        "actors": {a.id: a for a in store.actors()} if merged["actors"] else {},
        "quotes": {q.id: q for q in store.quotes()} if merged["quotes"] else {},
        "tallies": {t.id: t for t in store.tallies()} if merged["tallies"] else {},
    }
    existing["events"] = store.events_by_id(list(merged["events"]))
    changes: dict[str, list[Any]] = {k: [] for k in KINDS}
    for kind in KINDS:
        counts = plan.counts[kind]
        for rid, (rec, _) in merged[kind].items():
            old = existing[kind].get(rid)
            if old is None:
                counts.added += 1
                changes[kind].append(rec)
            elif old == rec:
                counts.unchanged += 1
            else:
                counts.updated += 1
                changes[kind].append(rec)
    plan.changes = Chronology(**changes)
    return plan


def import_files(store: Store, files: Sequence[ImportFile], *, dry_run: bool = False) -> ImportPlan:
    """Import ``files`` into ``store`` in one all-or-nothing transaction (or only plan it: ``dry_run``).

    The plan is made on a snapshot first, so a dry run or an import that changes nothing never takes the
    write lock; a real import re-checks inside its write transaction before writing.
    """
    with store.snapshot():
        plan = plan_import(store, files)
    if dry_run or not plan.changed:
        return plan
    with store.transaction():
        plan = plan_import(store, files)
        if plan.changed:
            check_index_pages(store.conn)  # a damaged index is refused, not written over (see the module)
            store._write(plan.changes)
            store.renumber()
    return plan


def imported_document(base: Chronology, files: Sequence[ImportFile]) -> tuple[Chronology, ImportPlan]:
    """``base`` (e.g. the seed, or nothing) with ``files`` imported: the content of a store built anew."""
    with Store.memory(base) as store:
        plan = import_files(store, files, dry_run=True)  # checks against base; the store is built once, later
    records = {kind: {r.id: r for r in getattr(base, kind)} for kind in KINDS}
    for kind in KINDS:
        records[kind].update({r.id: r for r in getattr(plan.changes, kind)})
    return Chronology(**{kind: list(records[kind].values()) for kind in KINDS}), plan


# ---------------------------------------------------------------------------------------------- JSON
def dumps_document(doc: Chronology) -> str:
    """The import/export JSON of a document: model field order, records in the store's order, UTF-8
    text as is (no \\u escapes), two-space indent, a final newline."""
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def export_json(store: Store, event_ids: Collection[str] | None = None) -> str:
    """The store as import/export JSON; with ``event_ids``, only those events and what they need
    (:func:`events_document`)."""
    with store.snapshot():
        doc = store.to_document()
    return dumps_document(doc if event_ids is None else events_document(doc, event_ids))


def events_document(doc: Chronology, event_ids: Collection[str]) -> Chronology:
    """The part of ``doc`` about some of its events, complete enough to import into an empty store: those
    events, their quotes, the actors who take part or speak, the sources their passages and quotes come
    from, and the counts (tallies) naming any of them, restricted to them. Records keep ``doc``'s order."""
    wanted = set(event_ids)
    events = [e for e in doc.events if e.id in wanted]
    kept = {e.id for e in events}
    quotes = [q for q in doc.quotes if q.event_id in kept]
    tallies = [
        t.model_copy(update={"event_ids": [e for e in t.event_ids if e in kept]})
        for t in doc.tallies
        if kept.intersection(t.event_ids)
    ]
    actors = {a for e in events for a in e.participants} | {q.speaker_id for q in quotes if q.speaker_id}
    sources = (
        {c.source_id for e in events for c in e.citations}
        | {q.source_id for q in quotes}
        | {t.citation.source_id for t in tallies}
    )
    return Chronology(
        sources=[s for s in doc.sources if s.id in sources],
        actors=[a for a in doc.actors if a.id in actors],
        events=events,
        quotes=quotes,
        tallies=tallies,
    )


# ---------------------------------------------------------------------------------------------- schema
def json_schema() -> dict[str, Any]:
    """The JSON Schema of the import/export format, generated from the models (plus ``text_file``)."""
    schema = Chronology.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://chronology.invalid/schema/chronology.json",
        **schema,
    }
    schema["title"] = "Chronology document (chronology import / export --format json)"
    schema["description"] = (
        "Lists of records keyed by id; an import replaces records with the same id whole. Quotes and "
        "citations must be verbatim at their offset (a Python character index into the NFC text) in their source."
    )
    schema["properties"] = {
        "$schema": {"type": "string", "description": "Where an editor finds this schema (ignored on import)"},
        **schema["properties"],
    }
    source = schema["$defs"]["Source"]
    source["properties"]["text_file"] = {
        "type": "string",
        "title": "Text File",
        "description": "Instead of text: a UTF-8 file holding the text verbatim, relative to this JSON file",
    }
    source["required"] = [r for r in source["required"] if r != "text"]
    source["oneOf"] = [{"required": ["text"]}, {"required": ["text_file"]}]
    return schema


def dumps_schema() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"

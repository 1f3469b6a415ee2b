"""Data in and out: import files checked against the store, and the exports (JSON, CSV, Markdown, TimelineJS).

The import format is a :class:`~chronology.db.models.Chronology` document as JSON: an object with any of the
lists ``sources``, ``actors``, ``events``, ``quotes``, ``tallies``. A source may name its text by
``text_file`` (a UTF-8 file, relative to the JSON file) instead of giving ``text`` inline. Records are
keyed by ``id`` and replaced whole (an upsert): importing the same file twice changes nothing.

An import is all or nothing. Every file is read and validated, references resolve against the files and
the store together, every quote and citation must be verbatim at its offset in its source, and a changed
source text must still hold every passage the store already takes from it. Each problem is one line
naming the file and the record (``events[ID].date``) or, for JSON syntax, the line and column.

Exports read one consistent snapshot. ``json`` is the import format (deterministic: the same store gives
the same bytes, and export → import into an empty store → export is byte-identical).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronology.tui.present.formatting import (  # until the exports move
    format_day,
    format_duration,
    format_edtf,
    format_gap,
)

from .edtf import Precision, parse_edtf
from .models import Actor, Chronology, ChronologyError, Event, Source, check_document, parse_document
from .store import EventDetail, Store, TallyView

KINDS = ("sources", "actors", "events", "quotes", "tallies")
FORMATS = ("json", "csv", "md", "timelinejs")
STDIN = "-"
MAX_PROBLEMS = 200  # more than this and the rest are summarised in one line


class ImportRefused(ChronologyError):
    """The files cannot be imported; ``problems`` holds one line per problem, each naming its file."""


# ---------------------------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class ImportFile:
    """One read import file: its name as the user gave it, its valid records, the problems of the others
    (one line each, naming the file) and the ids those invalid records claim (so that references to them
    are not reported a second time as references to nothing)."""

    name: str
    doc: Chronology
    problems: tuple[str, ...] = ()
    invalid_ids: dict[str, frozenset[str]] = field(default_factory=dict)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def read_import_file(path: str | Path, stdin: io.TextIOBase | None = None) -> ImportFile:
    """Read and validate one import file (``-`` is standard input); raise :class:`ImportRefused`."""
    name = str(path)
    raw = _read_text(name, stdin)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        ended = exc.pos >= len(raw.rstrip()) or exc.msg.startswith("Unterminated string")
        hint = " (the file ends too early: truncated?)" if ended else ""
        msg = exc.msg.removesuffix(" starting at")
        raise ImportRefused([f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {msg}{hint}"]) from None
    if not isinstance(data, dict):
        raise ImportRefused(
            [f"{name}: expected a JSON object with lists {', '.join(KINDS)}; found a {_json_type(data)}"]
        )
    if isinstance(data.get("$schema"), str):  # an editor's pointer to the schema, not data
        del data["$schema"]
    problems: list[str] = []
    base = Path(name).parent if name != STDIN else Path.cwd()
    for i, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict) and "text_file" in source:
            problem = _inline_text_file(source, base)
            if problem:
                sid = source.get("id")
                label = f"[{sid}]" if isinstance(sid, str) and sid else f"[{i}]"
                problems.append(f"{name}: sources{label}.text_file: {problem}")
    if problems:
        raise ImportRefused(problems)
    try:
        return ImportFile(name, parse_document(data))
    except ChronologyError as exc:
        problems = [f"{name}: {_one_line(p)}" for p in exc.problems]
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
    return ImportFile(name, Chronology(**valid), tuple(problems), {k: frozenset(v) for k, v in invalid.items()})


def _json_type(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def _read_text(name: str, stdin: io.TextIOBase | None) -> str:
    if name == STDIN:
        import sys

        stream = stdin if stdin is not None else sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
    else:
        try:
            data = Path(name).read_bytes()
        except FileNotFoundError:
            raise ImportRefused([f"{name}: no such file"]) from None
        except IsADirectoryError:
            raise ImportRefused([f"{name}: is a folder, not a file"]) from None
        except PermissionError:
            raise ImportRefused([f"{name}: cannot read the file: permission denied"]) from None
        except OSError as exc:
            raise ImportRefused([f"{name}: cannot read the file ({exc.strerror or exc})"]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut inside a character: let JSON report the truncation
            return data[: exc.start].decode("utf-8-sig")
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            [f"{name}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"]
        ) from None


def _inline_text_file(source: dict[str, Any], base: Path) -> str | None:
    """Replace ``text_file`` by the file's text; return a problem or None."""
    ref = source.pop("text_file")
    if "text" in source:
        return "give either text or text_file, not both"
    if not isinstance(ref, str) or not ref:
        return "must be a file name"
    path = base / ref
    try:
        source["text"] = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return f"no such file {path}"
    except IsADirectoryError:
        return f"{path} is a folder, not a file"
    except PermissionError:
        return f"cannot read {path}: permission denied"
    except UnicodeDecodeError:
        return f"{path} is not UTF-8 text"
    except OSError as exc:
        return f"cannot read {path} ({exc.strerror or exc})"
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
                    problems.append(
                        f"{f.name}: {kind}[{rec.id}]: also in {seen[1]}, differently; "
                        "make them agree or import them one at a time"
                    )
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
    for f in files:
        try:
            check_document(f.doc, known_sources=texts, known_actors=actors, known_events=events)
        except ChronologyError as exc:
            invalid_sources = {s for g in files for s in g.invalid_ids.get("sources", frozenset())}
            problems += [
                f"{f.name}: {_one_line(p)}"
                for p in exc.problems
                if not any(f"no source {s!r}" in p for s in invalid_sources)
            ]

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
                    f"{name}: sources[{sid}].text: the new text no longer holds {where} "
                    f"(stored in the store) verbatim at offset {offset}"
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


# ---------------------------------------------------------------------------------------------- words
@dataclass(frozen=True)
class Words:
    """The UI words an export needs, in its language. The CLI passes its gettext catalog and labels;
    the defaults are the English message ids."""

    lang: str = "en"
    text: Callable[[str], str] = lambda s: s
    kind: Callable[[str], str] = lambda s: s
    status: Callable[[str], str] = lambda s: s

    def pick(self, uk: str | None, en: str | None) -> str | None:
        """The English text where there is one and the language is English, else the Ukrainian original."""
        return (en or uk) if self.lang == "en" else uk

    def name(self, actor: Actor | None) -> str:
        if actor is None:
            return self.text("unknown speaker")
        return actor.name_en if self.lang == "en" else actor.name_uk

    def role(self, actor: Actor) -> str:
        return (actor.role_en or actor.role) if self.lang == "en" else actor.role

    def date(self, event: Event) -> str:
        return format_edtf(event.date, self.lang)

    def duration(self, event: Event) -> str:
        d = event.duration
        return format_duration(d.minutes, d.qualifier.value, d.phrase, self.lang) if d else ""

    def status_line(self, event: Event) -> str:
        text = self.status(event.status.value)
        if event.status_as_of:
            text += f" ({self.text('as of')} {format_day(event.status_as_of, self.lang)})"
        return text


def source_label(source: Source, lang: str) -> str:
    """ "УНН (CNBC, Reuters, Bloomberg), 21 січня 2026 р." """
    cites = f" ({', '.join(source.cites)})" if source.cites else ""
    return f"{source.outlet}{cites}, {format_day(source.published, lang)}"


def _details(store: Store) -> tuple[Chronology, list[EventDetail]]:
    """The whole store, and each event in date order with what its export needs (read in bulk: an export
    of many thousands of events must not run queries per event)."""
    doc = store.to_document()
    rows = {r.id: r for r in store.timeline()}
    actors = {a.id: a for a in doc.actors}
    sources = {s.id: s for s in doc.sources}
    quotes: dict[str, list[Any]] = {}
    for q in sorted(doc.quotes, key=lambda q: (q.offset, q.id)):
        quotes.setdefault(q.event_id, []).append(q)
    tallies: dict[str, list[TallyView]] = {}
    for t in doc.tallies:
        for eid in t.event_ids:
            tallies.setdefault(eid, []).append(TallyView(t, len(t.event_ids)))
    details = [
        EventDetail(
            e, rows[e.id].pos, rows[e.id].gap_days, actors, quotes.get(e.id, []), sources, tallies.get(e.id, [])
        )
        for e in doc.events
    ]
    return doc, details


# ---------------------------------------------------------------------------------------------- exports
def dumps_document(doc: Chronology) -> str:
    """The import/export JSON of a document: model field order, records in the store's order, UTF-8
    text as is (no \\u escapes), two-space indent, a final newline."""
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def export_json(store: Store) -> str:
    with store.snapshot():
        return dumps_document(store.to_document())


CSV_COLUMNS = (
    "id",
    "date",
    "date_text",
    "date_phrase",
    "kind",
    "status",
    "place",
    "duration_minutes",
    "duration_qualifier",
    "duration_text",
    "gap_days",
    "participants",
    "title",
    "summary",
    "outcome",
    "quotes",
    "sources",
)


def export_csv(store: Store, words: Words | None = None) -> str:
    """One row per event in date order, with a header row. Machine columns (``id``, ``date`` in EDTF,
    ``duration_minutes``, ``gap_days``) stay as stored; the rest are in the export's language. Quotes
    and cited passages are verbatim, one per line inside their cell."""
    w = words or Words()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    with store.snapshot():
        for d in _details(store)[1]:
            e = d.event
            quotes = [
                f"«{q.text}» — {w.name(d.actors.get(q.speaker_id) if q.speaker_id else None)}"
                + (f", {q.given_as}" if q.given_as else "")
                for q in d.quotes
            ]
            cites = [
                f"{source_label(d.sources[c.source_id], w.lang)}, {w.text('chars')} {c.offset}–{c.end}: «{c.text}»"
                for c in e.citations
            ]
            writer.writerow(
                [
                    e.id,
                    e.date,
                    w.date(e),
                    e.date_phrase or "",
                    w.kind(e.kind.value),
                    w.status_line(e),
                    w.pick(e.place, e.place_en) or "",
                    e.duration.minutes if e.duration else "",
                    e.duration.qualifier.value if e.duration else "",
                    w.duration(e),
                    "" if d.gap_days is None else d.gap_days,
                    "; ".join(w.name(d.actors.get(a)) for a in e.participants),
                    w.pick(e.title, e.title_en) or e.title,
                    w.pick(e.summary, e.summary_en) or "",
                    w.pick(e.outcome, e.outcome_en) or "",
                    "\n".join(quotes),
                    "\n".join(cites),
                ]
            )
    return buf.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\.)(?=\s|$)", re.MULTILINE)


def md_escape(text: str) -> str:
    """Text as literal Markdown: characters that would format are backslash-escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _md_inline(text: str) -> str:
    return md_escape(_one_line(text))


def export_markdown(store: Store, words: Words | None = None) -> str:
    """A readable chronology for reports: events by year in date order, each with its dates in words,
    place, duration, participants, summary, outcome, quotes verbatim with who said them, and the cited
    passages; then the sources and the source's own counts."""
    w = words or Words()
    _ = w.text
    unknown = _("not stated in the source")
    out: list[str] = []
    with store.snapshot():
        doc, details = _details(store)
    sources, tallies = doc.sources, doc.tallies
    number = {s.id: i for i, s in enumerate(sources, 1)}
    titles = {d.event.id: w.pick(d.event.title, d.event.title_en) or d.event.title for d in details}
    out.append(f"# {_md_inline(_('Chronology of US–Russia talks on the war in Ukraine'))}")
    out.append("")
    out.append(
        _("{events} events in date order. Quotes are verbatim; [n] marks the source, with character offsets.").format(
            events=len(details)
        )
    )
    year: int | None = None
    for d in details:
        e = d.event
        y = parse_edtf(e.date).year
        if y != year:
            year = y
            out += ["", f"## {y}"]
        out += ["", f"### {_md_inline(w.date(e))} — {_md_inline(titles[e.id])}", ""]
        if e.date_phrase:
            out.append(f"- **{_('Date in the source')}:** «{_md_inline(e.date_phrase)}»")
        out.append(f"- **{_('Kind')}:** {_md_inline(w.kind(e.kind.value))}")
        out.append(f"- **{_('Status')}:** {_md_inline(w.status_line(e))}")
        out.append(f"- **{_('Place')}:** {_md_inline(w.pick(e.place, e.place_en) or unknown)}")
        out.append(f"- **{_('Duration')}:** {_md_inline(w.duration(e) or unknown)}")
        if d.gap_days is not None:
            out.append(f"- **{_('Since the previous round')}:** {_md_inline(format_gap(d.gap_days, w.lang))}")
        people = [f"{w.name(d.actors[a])} ({w.role(d.actors[a])})" for a in e.participants if a in d.actors]
        out.append(f"- **{_('Participants')}:** {_md_inline(', '.join(people)) if people else unknown}")
        for t in d.tallies:
            count = _("{stated} per source, {dated} dated").format(stated=t.tally.stated, dated=t.dated)
            out.append(f"- {_md_inline(w.pick(t.tally.subject, t.tally.subject_en) or '')}: {count}")
        summary = w.pick(e.summary, e.summary_en)
        if summary:
            out += ["", md_escape(summary.strip())]
        out += ["", f"**{_('Outcome')}:** {_md_inline(w.pick(e.outcome, e.outcome_en) or unknown)}"]
        if d.quotes:
            out += ["", f"**{_('Quotes')}:**", ""]
            for q in d.quotes:
                who = w.name(d.actors.get(q.speaker_id) if q.speaker_id else None)
                how = f", {q.given_as}" if q.given_as else ""
                ref = f"[{number[q.source_id]}, {_('chars')} {q.offset}–{q.end}]"
                out.append(f"> «{_md_inline(q.text)}» — {_md_inline(who + how)} {ref}")
                out.append(">")
            out.pop()
        out += ["", f"**{_('Sources')}:**", ""]
        for c in e.citations:
            ref = f"[{number[c.source_id]}, {_('chars')} {c.offset}–{c.end}]"
            out.append(f"- {ref} «{_md_inline(c.text)}»")
        out += ["", f"{_('Event id')}: `{e.id}`"]
    if tallies:
        out += ["", f"## {_('Counts in the source')}", ""]
        for tally in tallies:
            count = _("{stated} per source, {dated} dated").format(stated=tally.stated, dated=len(tally.event_ids))
            c = tally.citation
            ref = f"[{number[c.source_id]}, {_('chars')} {c.offset}–{c.end}]"
            dated = ", ".join(titles.get(eid, eid) for eid in tally.event_ids)
            out.append(
                f"- {_md_inline(w.pick(tally.subject, tally.subject_en) or '')}: {count} — «{_md_inline(c.text)}» "
                f"{ref}" + (f". {_('Dated events')}: {_md_inline(dated)}" if dated else "")
            )
    out += ["", f"## {_('Sources')}", ""]
    for s in sources:
        line = f"{number[s.id]}. {_md_inline(source_label(s, w.lang))} — «{_md_inline(s.title)}»"
        if s.url:
            line += f" <{s.url}>"
        out.append(line)
    return "\n".join(out) + "\n"


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def timeline_date(edtf: str, lang: str = "uk") -> dict[str, Any]:
    """A TimelineJS date object for an EDTF date, as precise as the date and no more: day precision gives
    year, month and day; month precision year and month; a season or a year only the year. ``display_date``
    always carries the date in words (with its season, "about" or "(?)")."""
    d = parse_edtf(edtf)
    date: dict[str, Any] = {"year": d.year}
    if d.precision in (Precision.MONTH, Precision.DAY):
        date["month"] = d.month
    if d.precision is Precision.DAY:
        date["day"] = d.day
    date["display_date"] = format_edtf(d, lang)
    return date


def export_timelinejs(store: Store, words: Words | None = None) -> str:
    """Knight Lab TimelineJS3 JSON: a title slide and one slide per event (``start_date``, ``text`` with
    ``headline`` and HTML ``text``, ``group`` = the event's kind, ``unique_id`` = the event id)."""
    w = words or Words()
    _ = w.text
    unknown = _("not stated in the source")
    with store.snapshot():
        doc, details = _details(store)
    sources = doc.sources
    slides = []
    for d in details:
        e = d.event
        parts = []
        summary = w.pick(e.summary, e.summary_en)
        if summary:
            parts.append(f"<p>{_h(summary)}</p>")
        facts = [
            (_("Status"), w.status_line(e)),
            (_("Place"), w.pick(e.place, e.place_en) or unknown),
            (_("Duration"), w.duration(e) or unknown),
        ]
        if d.gap_days is not None:
            facts.append((_("Since the previous round"), format_gap(d.gap_days, w.lang)))
        people = [w.name(d.actors[a]) for a in e.participants if a in d.actors]
        facts.append((_("Participants"), ", ".join(people) or unknown))
        facts.append((_("Outcome"), w.pick(e.outcome, e.outcome_en) or unknown))
        parts.append("<p>" + "<br>".join(f"<b>{_h(k)}:</b> {_h(v)}" for k, v in facts) + "</p>")
        for q in d.quotes:
            who = w.name(d.actors.get(q.speaker_id) if q.speaker_id else None)
            how = f", {q.given_as}" if q.given_as else ""
            parts.append(f"<blockquote>«{_h(q.text)}» — {_h(who + how)}</blockquote>")
        cited = []
        for c in e.citations:
            src = d.sources[c.source_id]
            label = _h(source_label(src, w.lang))
            if src.url:
                label = f'<a href="{html.escape(src.url)}">{label}</a>'
            cited.append(f"{label}, {_h(_('chars'))} {c.offset}–{c.end}: «{_h(c.text)}»")
        parts.append(f"<p><small>{_h(_('Sources'))}: " + "<br>".join(cited) + "</small></p>")
        slides.append(
            {
                "unique_id": e.id,
                "start_date": timeline_date(e.date, w.lang),
                "text": {"headline": _h(w.pick(e.title, e.title_en) or e.title), "text": "".join(parts)},
                "group": w.kind(e.kind.value),
            }
        )
    title_text = "<p>" + "<br>".join(_h(f"{source_label(s, w.lang)} — «{s.title}»") for s in sources) + "</p>"
    timeline = {
        "title": {
            "text": {
                "headline": _h(_("Chronology of US–Russia talks on the war in Ukraine")),
                "text": f"<p>{_h(_('Sources'))}:</p>{title_text}",
            }
        },
        "events": slides,
    }
    return json.dumps(timeline, ensure_ascii=False, indent=2) + "\n"


def export(store: Store, fmt: str, words: Words | None = None) -> str:
    """The store in one of :data:`FORMATS`."""
    if fmt == "json":
        return export_json(store)
    if fmt == "csv":
        return export_csv(store, words)
    if fmt == "md":
        return export_markdown(store, words)
    if fmt == "timelinejs":
        return export_timelinejs(store, words)
    raise ValueError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")


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

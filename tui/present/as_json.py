"""Events as JSON objects for scripts: ``chronology list --json`` (one object per timeline row) and
``chronology show ID --json`` (one event's view, section by section, in the order ``show`` prints them).

Keys are stable, whatever the language: machine values as stored (``id``, ``date`` in EDTF, ``kind``,
``status``, minutes …) beside the words people read (``…_text``, labels) in the UI language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The view and Babel's formatting load when JSON is written, not when the CLI's help names ROW_KEYS (every start).
if TYPE_CHECKING:
    from chronology.db.store import TimelineRow

    from .event_view import Claims, DateLine, EventView, Fact, Passages, People, Quotes, SourceRef, Title, Value

# The keys of one `list --json` object, in order.
ROW_KEYS = (
    "id",
    "pos",
    "date",
    "date_text",
    "date_phrase",
    "kind",
    "kind_text",
    "status",
    "status_text",
    "status_as_of",
    "place",
    "duration_minutes",
    "duration_qualifier",
    "duration_text",
    "gap_days",
    "title",
)


def row_json(row: TimelineRow, lang: str) -> dict[str, Any]:
    """One timeline row: what a line of ``chronology list`` says, as values (None where the source is silent)."""
    from .formatting import format_duration, format_edtf  # Babel: not at start-up (see above)
    from .labels import event_place, event_title, kind_label, status_label

    duration = format_duration(row.duration_minutes, row.duration_qualifier, row.duration_phrase, lang)
    found = {
        "id": row.id,
        "pos": row.pos,
        "date": row.date,
        "date_text": format_edtf(row.date, lang),
        "date_phrase": row.date_phrase,
        "kind": row.kind,
        "kind_text": kind_label(row.kind, lang),
        "status": row.status,
        "status_text": status_label(row.status, lang),
        "status_as_of": row.status_as_of,
        "place": event_place(row, lang),
        "duration_minutes": row.duration_minutes,
        "duration_qualifier": row.duration_qualifier,
        "duration_text": duration or None,
        "gap_days": row.gap_days,
        "title": event_title(row, lang),
    }
    return {key: found[key] for key in ROW_KEYS}


def _value(value: Value) -> dict[str, Any]:
    """A value's text, and whether it stands for what the source does not say (``fallback``)."""
    return {"text": value.text, "fallback": value.fallback}


def _source(source: SourceRef) -> dict[str, Any]:
    return {"id": source.id, "label": source.label, "title": source.title, "url": source.url}


def _section(section: DateLine | Title | Fact | People | Quotes | Passages | Claims) -> dict[str, Any]:
    from .event_view import Claims, DateLine, Fact, Passages, People, Quotes, Title  # not at start-up (see above)

    out: dict[str, Any] = {"key": section.key, "label": section.label}
    match section:
        case DateLine():
            out.update(text=section.text, fallback=False)
        case Title():
            out.update(_value(section.value))
        case Fact():
            out.update(_value(section.value))
        case People():
            out["people"] = [
                {
                    "name": p.name.text,
                    "role": p.role.text if p.role else None,
                    "role_stated": bool(p.role and not p.role.fallback),
                    "side": p.side,
                    "fallback": p.name.fallback,
                }
                for p in section.people
            ]
            out["fallback"] = section.fallback.text if section.fallback else None
        case Quotes():
            out["quotes"] = [
                {
                    "text": q.text.text,
                    "speaker": q.speaker.text,
                    "speaker_known": not q.speaker.fallback,
                    "given_as": q.given_as.text if q.given_as else None,
                    "kind": q.kind,
                    "source": _source(q.source),
                    "start": q.start,
                    "end": q.end,
                    "where": q.where,
                }
                for q in section.quotes
            ]
        case Claims():
            out["claims"] = [
                {
                    "field": c.key,
                    "field_text": c.field,
                    "text": c.value.text,
                    "passage": c.passage.text.text,
                    "source": _source(c.passage.source),
                    "start": c.passage.start,
                    "end": c.passage.end,
                    "where": c.passage.where,
                }
                for c in section.claims
            ]
        case Passages():
            out["passages"] = [
                {"text": c.text.text, "source": _source(c.source), "start": c.start, "end": c.end, "where": c.where}
                for c in section.passages
            ]
    return out


def view_json(view: EventView) -> dict[str, Any]:
    """One event in full: its machine values, then ``sections`` in the order ``show`` prints them, each
    with its ``key``, its ``label`` in the UI language and its text (or people, quotes, passages)."""
    return {
        "id": view.id,
        "lang": view.lang,
        "date": view.edtf,
        "date_text": view.date.plain,
        "title": view.title,
        "gap_days": view.gap_days,
        "duration_minutes": view.duration_minutes,
        "duration_qualifier": view.duration_qualifier,
        "sections": [_section(s) for s in view.sections],
    }

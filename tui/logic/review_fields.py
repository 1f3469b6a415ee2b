"""Editing a proposed record in the review (issue #12): the fields the edit form shows for each kind of record,
and the checks an edit must pass before it changes the record — each problem one line, for its field.

Values travel as text (what the form's inputs hold); :func:`apply_edit` reads them back into the record's
JSON data, or returns the problems and leaves the record as it was. People are written and read by name
(an id works too). No Textual.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from chronology.db.draft.records import QUALIFIERS as MODEL_QUALIFIERS
from chronology.db.edtf import parse_edtf
from chronology.db.errors import ChronologyError, EdtfError
from chronology.db.text import fold

from .review import Kind, Problem, Record, ReviewSession


def N_(message: str) -> str:  # marks a message id for the catalogs; the form translates it
    return message


# The values of the fields that are a choice (the screen words them: kind_label, status_label, …).
KINDS = ("meeting", "talks", "consultation", "statement", "announcement", "plan")
STATUSES = ("held", "planned", "cancelled")
SIDES = ("US", "RU", "UA", "other")
QUALIFIERS = tuple(q for q in ("exact", "about", "at_least", "at_most") if q in MODEL_QUALIFIERS)


@dataclass(frozen=True)
class FieldSpec:
    """One field of the edit form: ``label`` and ``hint`` are message ids; ``choices`` make it a choice
    among those values (a speaker's are (id, name) pairs, "" for an unknown speaker)."""

    name: str
    label: str
    value: str
    choices: tuple[str, ...] | tuple[tuple[str, str], ...] = ()
    hint: str = ""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _people_text(session: ReviewSession, ids: list[str]) -> str:
    names = []
    for aid in ids:
        actor = session.actor(aid)
        names.append(actor["name_uk"] if actor else aid)
    return ", ".join(names)


def fields_of(session: ReviewSession, index: int) -> list[FieldSpec]:
    """The fields the edit form shows for record ``index``, filled with its current values."""
    record = session[index]
    d = record.data
    if record.kind == Kind.SOURCE:
        return [
            FieldSpec("outlet", N_("Outlet"), _text(d["outlet"])),
            FieldSpec("title", N_("Title"), _text(d["title"])),
            FieldSpec("url", N_("Address (URL)"), _text(d.get("url"))),
        ]
    if record.kind == Kind.ACTOR:
        return [
            FieldSpec("name_uk", N_("Name"), _text(d["name_uk"])),
            FieldSpec("name_en", N_("Name in English"), _text(d["name_en"])),
            FieldSpec("role", N_("Role"), _text(d["role"])),
            FieldSpec("role_en", N_("Role in English"), _text(d.get("role_en"))),
            FieldSpec("side", N_("Side"), _text(d["side"]), SIDES),
            FieldSpec("aliases", N_("Other spellings"), ", ".join(d.get("aliases") or []), hint=N_("comma-separated")),
        ]
    if record.kind == Kind.QUOTE:
        speakers = [("", ""), *speaker_names(session)]
        return [
            FieldSpec("speaker_id", N_("Speaker"), _text(d.get("speaker_id")), tuple(speakers)),
            FieldSpec("given_as", N_("How it was given"), _text(d.get("given_as")), hint=N_("e.g. в інтерв'ю CNBC")),
        ]
    duration = d.get("duration") or {}
    return [
        FieldSpec("title", N_("Title"), _text(d["title"])),
        FieldSpec("kind", N_("Kind"), _text(d["kind"]), KINDS),
        FieldSpec(
            "date", N_("Date"), _text(d["date"]), hint=N_("2025-03-13, 2025-03, 2025, 2025-23 (autumn); ~ about")
        ),
        FieldSpec("status", N_("Status"), _text(d["status"]), STATUSES),
        FieldSpec("status_as_of", N_("Status as of"), _text(d.get("status_as_of")), hint=N_("YYYY-MM-DD")),
        FieldSpec("place", N_("Place"), _text(d.get("place")), hint=N_("empty: the source does not say")),
        FieldSpec("duration_minutes", N_("Duration, minutes"), _text(duration.get("minutes")), hint=N_("e.g. 300")),
        FieldSpec("duration_qualifier", N_("Duration is"), _text(duration.get("qualifier") or "exact"), QUALIFIERS),
        FieldSpec("duration_phrase", N_("Duration in the source's words"), _text(duration.get("phrase"))),
        FieldSpec(
            "participants",
            N_("Participants"),
            _people_text(session, d["participants"]),
            hint=N_("names, comma-separated"),
        ),
        FieldSpec("summary", N_("Summary"), _text(d.get("summary"))),
    ]


def speaker_names(session: ReviewSession) -> list[tuple[str, str]]:
    """(id, name) of everyone a quote can be given to: the article's new people first, then the store's."""
    out = [(r.id, str(r.data["name_uk"])) for r in session.records if r.kind == Kind.ACTOR]
    out += sorted(((aid, str(a["name_uk"])) for aid, a in session.store_actors.items()), key=lambda p: p[1])
    return out


def _person_id(session: ReviewSession, name: str) -> str | None:
    wanted = fold(name)
    for aid, actor in [(r.id, r.data) for r in session.records if r.kind == Kind.ACTOR] + list(
        session.store_actors.items()
    ):
        names = [aid, actor["name_uk"], actor["name_en"], *(actor.get("aliases") or [])]
        if any(fold(n) == wanted for n in names):
            return aid
    return None


def _day(value: str) -> str | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(value)
    return dt.date.fromisoformat(value).isoformat()


def apply_edit(session: ReviewSession, index: int, values: dict[str, str]) -> dict[str, Problem]:
    """Apply the form's ``values`` to record ``index``; the problems by field (nothing changed then)."""
    record = session[index]
    data = dict(record.data)
    problems: dict[str, Problem] = {}
    v = {k: val.strip() for k, val in values.items()}

    def required(name: str) -> None:
        if name in v and not v[name]:
            problems[name] = Problem.of("This field cannot be empty.")

    for name in ("outlet", "title", "name_uk", "name_en", "role"):
        required(name)
    for name in ("outlet", "title", "name_uk", "name_en", "role", "side", "kind", "status"):
        if name in v:
            data[name] = v[name]
    for name in ("url", "role_en", "given_as", "place"):
        if name in v:
            data[name] = v[name] or None
    if "summary" in v:
        data["summary"] = v["summary"]
    if "aliases" in v:
        data["aliases"] = [a.strip() for a in v["aliases"].split(",") if a.strip()]
    if "speaker_id" in v:
        data["speaker_id"] = v["speaker_id"] or None
    if "date" in v:
        try:
            parse_edtf(v["date"])
            data["date"] = v["date"]
        except EdtfError:
            problems["date"] = Problem.of(
                "«{value}» is not a date here: write 2025-03-13, 2025-03, 2025 or 2025-23 (autumn); add ~ for "
                "about, ? for uncertain.",
                value=v["date"],
            )
    if "status_as_of" in v:
        try:
            data["status_as_of"] = _day(v["status_as_of"]) if v["status_as_of"] else None
        except ValueError:
            problems["status_as_of"] = Problem.of(
                "«{value}» is not a day: write it as YYYY-MM-DD.", value=v["status_as_of"]
            )
        else:
            if data.get("status", "held") != "held" and not data["status_as_of"]:
                problems["status_as_of"] = Problem.of(
                    "A planned or cancelled event needs the day its status is known as of."
                )
    if "duration_minutes" in v:
        minutes = v["duration_minutes"]
        if not minutes:
            data["duration"] = None
        elif not minutes.isdigit() or int(minutes) <= 0:
            problems["duration_minutes"] = Problem.of("«{value}» is not a number of minutes.", value=minutes)
        else:
            data["duration"] = {
                "minutes": int(minutes),
                "qualifier": v.get("duration_qualifier") or "exact",
                "phrase": v.get("duration_phrase") or None,
            }
    if "participants" in v:
        ids: list[str] = []
        for name in (n.strip() for n in v["participants"].split(",")):
            if not name:
                continue
            aid = _person_id(session, name)
            if aid is None:
                problems["participants"] = Problem.of("No one named «{name}» in the store or the article.", name=name)
                break
            if aid not in ids:
                ids.append(aid)
        data["participants"] = ids
    if not problems:
        problems = _model_problems(record.kind, data)
    if not problems:
        record.data = data
        session.dirty = True
    return problems


_LISTS = {
    Kind.SOURCE: "sources",
    Kind.ACTOR: "actors",
    Kind.QUOTE: "quotes",
    Kind.EVENT: "events",
    Kind.UPDATE: "events",
}


def _model_problems(kind: Kind, data: Record) -> dict[str, Problem]:
    """What the model itself says about the edited record, by field (its English words, one line)."""
    from chronology.db.models import parse_document  # pydantic: loaded with the draft already

    try:
        parse_document({_LISTS[kind]: [data]})
    except ChronologyError as exc:
        out: dict[str, Problem] = {}
        for line in exc.problems:
            where, _sep, message = line.partition(": ")
            name = where.split("].", 1)[1].split(".", 1)[0] if "]." in where else "status_as_of"
            name = "duration_minutes" if name == "duration" else name
            out.setdefault(name, Problem.of("{message}", message=" ".join(message.split())))
        return out
    return {}

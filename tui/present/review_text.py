"""The review's records in words (issue #12): what the review screen lists for each proposed record — a
heading, its facts as (label, value) pairs and, for an update, where the article disagrees with the store.
No Textual, no Rich: the screen styles these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..i18n import translator
from .event_view import claim_field_label, claim_value_text
from .formatting import format_day, format_duration, format_edtf
from .labels import SIDES, kind_label, pick, status_label

if TYPE_CHECKING:
    from ..logic.review import ReviewRecord, ReviewSession

QUALIFIER_WORDS = {"exact": "exactly", "about": "about", "at_least": "more than", "at_most": "at most"}  # message ids
MARKS = {"pending": "·", "accepted": "✓", "rejected": "✗"}  # the decision, without colour
QUOTE_KINDS = {"partial": "fragment of speech", "paraphrase": "paraphrase, not speech", "term": "a term, not speech"}


@dataclass(frozen=True)
class RecordText:
    mark: str
    heading: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)


def qualifier_label(qualifier: str, lang: str) -> str:
    """How a duration is qualified, for the edit form's choice: "точно", "близько", "понад"."""
    return translator(lang)(QUALIFIER_WORDS.get(qualifier, qualifier))


def decision_label(decision: str, lang: str) -> str:
    words = {"pending": "not decided", "accepted": "accepted", "rejected": "rejected"}
    return translator(lang)(words[decision])


def short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _people(session: ReviewSession, ids: list[str], lang: str) -> str:
    names = []
    for aid in ids:
        actor = session.actor(aid)
        names.append((actor["name_en"] if lang == "en" else actor["name_uk"]) if actor else aid)
    return ", ".join(names)


def event_label(record: ReviewRecord, lang: str) -> str:
    """ "23 січня 2026 р. — Зустріч: Віткофф — Абу-Дабі": an event as a choice names it."""
    title = pick(record.data["title"], record.data.get("title_en"), lang) or record.data["title"]
    return f"{format_edtf(record.data['date'], lang)} — {title}"


def describe(session: ReviewSession, index: int, lang: str) -> RecordText:
    _ = translator(lang)
    record = session[index]
    d = record.data
    mark = MARKS[record.decision.value]
    unknown = _("not stated in the source")
    kind = record.kind.value
    if kind == "source":
        published = format_day(dt.date.fromisoformat(d["published"]), lang)
        return RecordText(
            "•",
            _("Article"),
            [
                (_("Outlet"), d["outlet"]),
                (_("Title"), short(d["title"])),
                (_("Published"), published),
                (_("Length"), _("{n} characters").format(n=len(d["text"]))),
            ],
        )
    if kind == "actor":
        side = _(SIDES.get(d["side"]) or str(d["side"]))
        return RecordText(
            mark, _("New person: {name}").format(name=d["name_uk"]), [(_("Role"), f"{d['role']} ({side})")]
        )
    if kind == "quote":
        facts = [("", f"«{short(d['text'])}»")]
        speaker = session.actor(d["speaker_id"]) if d.get("speaker_id") else None
        who = (speaker["name_en"] if lang == "en" else speaker["name_uk"]) if speaker else _("unknown speaker")
        facts.append((_("Speaker"), who + (f", {d['given_as']}" if d.get("given_as") else "")))
        event = session.event_record(d["event_id"])
        facts.append((_("Event"), event_label(event, lang) if event else d["event_id"]))
        heading = _("Quote")
        if record.quote_kind in QUOTE_KINDS:
            heading += f" ({_(QUOTE_KINDS[record.quote_kind])})"
        return RecordText(mark, heading, facts)
    date = format_edtf(d["date"], lang)
    status = status_label(d["status"], lang)
    heading = (_("Update of a stored event") if kind == "update" else kind_label(d["kind"], lang).capitalize()) + (
        f" · {date}"
    )
    if d["status"] != "held":
        heading += f" · {status}"
    duration = d.get("duration")
    facts = [
        (_("Title"), pick(d["title"], d.get("title_en"), lang) or d["title"]),
        (_("Place"), pick(d.get("place"), d.get("place_en"), lang) or unknown),
        (
            _("Duration"),
            format_duration(duration["minutes"], duration["qualifier"], duration.get("phrase"), lang)
            if duration
            else unknown,
        ),
        (_("Participants"), _people(session, d["participants"], lang) or unknown),
    ]
    own = [c for c in d["citations"] if c["source_id"] == session.source_id]
    facts.append((_("Passages"), _("{n} in this article").format(n=len(own))))
    quotes = session.quotes_of(record.id)
    if quotes:
        facts.append((_("Quotes"), str(len(quotes))))
    disagreements = []
    by_field: dict[str, list[str]] = {}
    for claim in d.get("claims") or []:
        text = claim_value_text(claim["field"], claim["value"], claim.get("duration"), lang)
        source = _("this article") if claim["passage"]["source_id"] == session.source_id else _("stored")
        by_field.setdefault(claim["field"], []).append(f"{text} ({source})")
    for name, values in by_field.items():
        disagreements.append(f"{claim_field_label(name, lang)}: {' / '.join(values)}")
    return RecordText(mark, heading, facts, disagreements)

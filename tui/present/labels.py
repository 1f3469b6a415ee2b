"""Words for the data's enums, names and sources, in the UI language (one place for the CLI, the TUI and the
exports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models (pydantic) load only when an event is shown, not at start-up
    from chronology.db.models import Actor, Event, Side, Source
    from chronology.db.store import TimelineRow

from ..i18n import translator
from .formatting import format_day


def N_(message: str) -> str:  # marks a string for extraction; translated where it is shown
    return message


KINDS = {
    "meeting": N_("meeting"),
    "talks": N_("talks"),
    "visit": N_("visit"),
    "consultation": N_("consultation"),
    "statement": N_("statement"),
    "announcement": N_("announcement"),
    "plan": N_("plan"),
    "deadline": N_("deadline"),
    "context": N_("context"),
}
STATUSES = {
    "held": N_("held"),
    "planned": N_("planned"),
    "cancelled": N_("cancelled"),
    "revised": N_("revised"),
}
# "held" means "it happened", worded for what happened: a round is held, a statement made, a plan presented.
HELD_BY_KIND = {
    "statement": N_("made"),
    "announcement": N_("made"),
    "plan": N_("presented"),
    "deadline": N_("set"),
    "context": N_("happened"),
}
# Keyed by the Side enum's values (a StrEnum member looks itself up by its value).
SIDES = {"US": N_("USA"), "RU": N_("Russia"), "UA": N_("Ukraine"), "other": N_("other")}
ACTOR_TYPES = {"institution": N_("institution"), "group": N_("group")}


def kind_label(kind: str, lang: str) -> str:
    return translator(lang)(KINDS.get(kind, kind))


def status_label(status: str, lang: str, kind: str | None = None) -> str:
    """The status in words, for the event's kind where it says "it happened": "відбулася", "зроблено"…"""
    if status == "held" and kind in HELD_BY_KIND:
        return translator(lang)(HELD_BY_KIND[kind])
    return translator(lang)(STATUSES.get(status, status))


def side_label(side: Side, lang: str) -> str:
    return translator(lang)(SIDES.get(side, str(side)))


def actor_name(actor: Actor | None, lang: str) -> str:
    if actor is None:
        return translator(lang)("unknown speaker")
    return actor.name_en if lang == "en" else actor.name_uk


def actor_role(actor: Actor, lang: str) -> str | None:
    """The actor's role in ``lang`` (the Ukrainian where there is no English); None: the source does not say."""
    return (actor.role_en or actor.role) if lang == "en" else actor.role


def actor_type_label(actor: Actor, lang: str) -> str | None:
    """ "інституція", "група" for what is not a person (None for a person)."""
    kind = ACTOR_TYPES.get(actor.type.value)
    return translator(lang)(kind) if kind else None


def pick(uk: str | None, en: str | None, lang: str) -> str | None:
    """The English text where there is one and the UI is English, else the Ukrainian original."""
    return (en or uk) if lang == "en" else uk


def event_title(event: Event | TimelineRow, lang: str) -> str:
    return pick(event.title, event.title_en, lang) or event.title


def event_place(event: Event | TimelineRow, lang: str) -> str | None:
    return pick(event.place, event.place_en, lang)


def outlet(source: Source, lang: str) -> str:
    """The outlet's name in ``lang``: "УНН" / "UNN"."""
    return pick(source.outlet, source.outlet_en, lang) or source.outlet


def source_label(source: Source, lang: str) -> str:
    """Outlet, the agencies it cites, publication date: "УНН (CNBC, Reuters, Bloomberg), 21 січня 2026 р." /
    "UNN (CNBC, Reuters, Bloomberg), January 21, 2026": a source in a list of sources."""
    cites = f" ({', '.join(source.cites)})" if source.cites else ""
    return f"{outlet(source, lang)}{cites}, {format_day(source.published, lang)}"


def _names(passage: str, agency: str) -> bool:
    """Whether ``passage`` names ``agency`` as a word ("CNBC" in "в інтерв'ю CNBC", not in "CNBCs")."""
    at = passage.find(agency)
    while at >= 0:
        end = at + len(agency)
        if (at == 0 or not passage[at - 1].isalnum()) and (end == len(passage) or not passage[end].isalnum()):
            return True
        at = passage.find(agency, at + 1)
    return False


def passage_label(source: Source, passage: str, lang: str) -> str:
    """Where a passage comes from: outlet and publication date, and the agency it reports from where the
    passage itself names one the source cites: "УНН, 21 січня 2026 р., за Reuters" / "UNN, January 21, 2026,
    via Reuters"."""
    label = f"{outlet(source, lang)}, {format_day(source.published, lang)}"
    named = [agency for agency in source.cites if _names(passage, agency)]
    if named:
        label += ", " + translator(lang)("via {agencies}").format(agencies=", ".join(named))
    return label


def source_title(source: Source, lang: str) -> str:
    """The source's title: in «» when it is the headline as published, else in brackets, labelled as the
    curator's description ("[опис упорядника: …]")."""
    if source.title_origin.value == "source":
        return f"«{source.title}»"
    return translator(lang)("[curator's description: {title}]").format(title=source.title)


def tally_phrase(stated: int, dated: int, lang: str) -> str:
    """ "6 за джерелом, датовано 4" / "6 per source, 4 dated" (the CLI's wording, for the TUI too)."""
    return translator(lang)("{stated} per source, {dated} dated").format(stated=stated, dated=dated)

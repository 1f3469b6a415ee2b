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
    "consultation": N_("consultation"),
    "statement": N_("statement"),
    "announcement": N_("announcement"),
    "plan": N_("plan"),
}
STATUSES = {"held": N_("held"), "planned": N_("planned"), "cancelled": N_("cancelled")}
# Keyed by the Side enum's values (a StrEnum member looks itself up by its value).
SIDES = {"US": N_("USA"), "RU": N_("Russia"), "UA": N_("Ukraine"), "other": N_("other")}


def kind_label(kind: str, lang: str) -> str:
    return translator(lang)(KINDS.get(kind, kind))


def status_label(status: str, lang: str) -> str:
    return translator(lang)(STATUSES.get(status, status))


def side_label(side: Side, lang: str) -> str:
    return translator(lang)(SIDES.get(side, str(side)))


def actor_name(actor: Actor | None, lang: str) -> str:
    if actor is None:
        return translator(lang)("unknown speaker")
    return actor.name_en if lang == "en" else actor.name_uk


def actor_role(actor: Actor, lang: str) -> str:
    return (actor.role_en or actor.role) if lang == "en" else actor.role


def pick(uk: str | None, en: str | None, lang: str) -> str | None:
    """The English text where there is one and the UI is English, else the Ukrainian original."""
    return (en or uk) if lang == "en" else uk


def event_title(event: Event | TimelineRow, lang: str) -> str:
    return pick(event.title, event.title_en, lang) or event.title


def event_place(event: Event | TimelineRow, lang: str) -> str | None:
    return pick(event.place, event.place_en, lang)


def source_label(source: Source, lang: str) -> str:
    """Outlet, the agencies it cites, publication date: "УНН (CNBC, Reuters, Bloomberg), 21 січня 2026 р." /
    "УНН (CNBC, Reuters, Bloomberg), January 21, 2026". The one label of a source, wherever it is shown."""
    cites = f" ({', '.join(source.cites)})" if source.cites else ""
    return f"{source.outlet}{cites}, {format_day(source.published, lang)}"


def tally_phrase(stated: int, dated: int, lang: str) -> str:
    """ "6 за джерелом, датовано 4" / "6 per source, 4 dated" (the CLI's wording, for the TUI too)."""
    return translator(lang)("{stated} per source, {dated} dated").format(stated=stated, dated=dated)

"""The model's words, without the model: the drafting engine writes its records as plain JSON data and
loads pydantic (a third of a second) only when someone asks for a validated
:class:`~chronology.db.models.Chronology`. These enumerations carry the same values as the model's
(a test keeps them equal).
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """:class:`~chronology.db.models.EventKind`."""

    MEETING = "meeting"
    TALKS = "talks"
    VISIT = "visit"  # a visit, or a series of visits, told without a meeting
    CONSULTATION = "consultation"
    STATEMENT = "statement"
    ANNOUNCEMENT = "announcement"
    PLAN = "plan"
    DEADLINE = "deadline"  # an ultimatum or a deadline set
    CONTEXT = "context"  # a development that frames the talks (a new administration)


class State(StrEnum):
    """:class:`~chronology.db.models.Status`."""

    HELD = "held"
    PLANNED = "planned"
    CANCELLED = "cancelled"
    REVISED = "revised"  # a plan replaced by a newer version


class Party(StrEnum):
    """:class:`~chronology.db.models.Side`."""

    US = "US"
    RU = "RU"
    UA = "UA"
    OTHER = "other"


# The qualifiers the model's Duration accepts: "понад" is at_least, "не більше" at_most, "майже" / "трохи
# менше" almost.
QUALIFIERS = frozenset({"exact", "about", "at_least", "at_most", "almost"})

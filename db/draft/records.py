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
    CONSULTATION = "consultation"
    STATEMENT = "statement"
    ANNOUNCEMENT = "announcement"
    PLAN = "plan"


class State(StrEnum):
    """:class:`~chronology.db.models.Status`."""

    HELD = "held"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class Party(StrEnum):
    """:class:`~chronology.db.models.Side`."""

    US = "US"
    RU = "RU"
    UA = "UA"
    OTHER = "other"


# The qualifiers the model's Duration accepts. "At most" ("майже", "не більше") is not among them yet:
# AT_MOST is what such phrases are written with until the model has it (then: AT_MOST = "at_most").
QUALIFIERS = frozenset({"exact", "about", "at_least"})
AT_MOST = "at_most" if "at_most" in QUALIFIERS else "about"

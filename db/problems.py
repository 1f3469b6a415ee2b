"""pydantic's validation errors as :class:`~chronology.db.errors.Problem` lines with our own templates.

pydantic words its messages in English only; each error type a chronology document meets is mapped here to
a template in :mod:`chronology.db.errors` (the same English, word for word) and the values from the
error's context, so that the message can be translated like every other. An error type not mapped, or a
message pydantic words differently from the template (another pydantic version), keeps pydantic's own
message as it is. A record validator's own rule (:class:`~chronology.db.errors.InvalidRecord`, an
:class:`~chronology.db.errors.EdtfError`) keeps its template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import errors as e
from .errors import Problem, TemplateError, Words

# pydantic's error type -> our template, for the types whose message needs no choosing.
TEMPLATES = {
    "missing": e.FIELD_REQUIRED,
    "extra_forbidden": e.EXTRA_FORBIDDEN,
    "string_type": e.STRING_TYPE,
    "string_pattern_mismatch": e.STRING_PATTERN,
    "list_type": e.LIST_TYPE,
    "dict_type": e.DICT_TYPE,
    "model_type": e.MODEL_TYPE,
    "model_attributes_type": e.DICT_TYPE,
    "int_type": e.INT_TYPE,
    "int_parsing": e.INT_PARSING,
    "int_from_float": e.INT_FROM_FLOAT,
    "greater_than": e.GREATER_THAN,
    "greater_than_equal": e.GREATER_THAN_EQUAL,
    "less_than_equal": e.LESS_THAN_EQUAL,
    "date_type": e.DATE_TYPE,
    "date_parsing": e.DATE_PARSING,
    "date_from_datetime_parsing": e.DATE_FROM_DATETIME_PARSING,
    "date_from_datetime_inexact": e.DATE_FROM_DATETIME_INEXACT,
}
# Types whose English differs by a count: (the template for 1, for any other count, the count's field).
COUNTED = {
    "string_too_short": (e.STRING_TOO_SHORT_1, e.STRING_TOO_SHORT, "min_length"),
    "string_too_long": (e.STRING_TOO_LONG_1, e.STRING_TOO_LONG, "max_length"),
    "too_short": (e.LIST_TOO_SHORT_1, e.LIST_TOO_SHORT, "min_length"),
}
_WORDS = frozenset(e.DATE_ERRORS)
_QUOTED = re.compile(r"'[^']*'")


def pydantic_problem(where: str, err: Mapping[str, Any]) -> Problem:
    """The problem for one of pydantic's errors (an item of ``ValidationError.errors()``) at ``where``."""
    kind, msg = err["type"], err["msg"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    cause = ctx.get("error")
    if kind == "value_error":
        if isinstance(cause, TemplateError):
            return Problem(where, cause.template, **cause.params)
        return Problem(where, msg.removeprefix("Value error, "))
    if kind == "enum":
        template, params = _enum(str(ctx.get("expected", "")))
    elif kind in COUNTED:
        one, many, field = COUNTED[kind]
        template, params = (one if ctx.get(field) == 1 else many), ctx
    elif kind in TEMPLATES:
        template, params = TEMPLATES[kind], ctx
    else:
        return Problem(where, msg)
    if isinstance(params.get("error"), str) and params["error"] in _WORDS:
        params = {**params, "error": Words(params["error"])}
    problem = Problem(where, template, **params)
    if problem != (f"{where}: {msg}" if where else msg):  # worded otherwise by this pydantic: say its words
        return Problem(where, msg)
    return problem


def _enum(expected: str) -> tuple[str, dict[str, Any]]:
    """``'a', 'b' or 'c'`` as the choices before "or" and the last one, so that "or" can be translated."""
    choices = _QUOTED.findall(expected)
    if len(choices) < 2:
        return e.ENUM_ONE, {"expected": expected}
    return e.ENUM, {"choices": ", ".join(choices[:-1]), "last": choices[-1]}

"""pydantic's errors become our problems: the same English, word for word, from a template the catalog
translates."""

from __future__ import annotations

import chronology.db.errors as errors
import pytest
from chronology.db.errors import ChronologyError
from chronology.db.models import Chronology, parse_document
from chronology.db.problems import pydantic_problem
from chronology.tui.i18n import say
from pydantic import ValidationError

from .conftest import tiny_data

TEMPLATES = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)}


def _set(path, value):
    def mutate(d):
        node = d
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return mutate


def _drop(path):
    def mutate(d):
        node = d
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    return mutate


MISTAKES = {
    "missing": _drop(("events", 0, "kind")),
    "extra_forbidden": _set(("events", 0, "wheN"), 1),
    "string_pattern_mismatch": _set(("events", 0, "id"), "Bad Id"),
    "string_too_short": _set(("events", 0, "title"), ""),
    "string_too_long": _set(("events", 0, "id"), "a" * 130),
    "string_type": _set(("events", 0, "title"), 5),
    "enum": _set(("events", 0, "kind"), "party"),
    "too_short": _set(("events", 0, "citations"), []),
    "list_type": _set(("events", 0, "participants"), "witkoff"),
    "model_type": _set(("events", 0, "duration"), 5),
    "int_parsing": _set(("quotes", 0, "offset"), "x"),
    "int_from_float": _set(("quotes", 0, "offset"), 1.5),
    "greater_than_equal": _set(("quotes", 0, "offset"), -1),
    "greater_than": _set(("events", 0, "duration", "minutes"), 0),
    "date_from_datetime_parsing": _set(("sources", 0, "published"), "2026/01/21"),
    "date_from_datetime_inexact": _set(("sources", 0, "published"), "2026-01-21T10:00:00"),
    "date_type": _set(("sources", 0, "published"), 20260121),
    "value_error (EDTF)": _set(("events", 0, "date"), "2025-02-30"),
    "value_error (a record's rule)": _drop(("events", 1, "status_as_of")),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_every_kind_of_mistake_is_a_template_with_pydantics_own_english(mistake):
    data = tiny_data()
    MISTAKES[mistake](data)
    with pytest.raises(ValidationError) as info:
        Chronology.model_validate(data)
    [err] = info.value.errors()
    [problem] = _problems(data)
    assert problem.template in TEMPLATES  # ours: the catalog translates it (test_catalog checks it does)
    assert problem.endswith(": " + err["msg"].removeprefix("Value error, "))  # pydantic's words, as they were
    assert say(problem, "uk") != problem and say(problem, "en") == problem


def _problems(data):
    with pytest.raises(ChronologyError) as info:
        parse_document(data)
    return info.value.problems


def test_the_reason_a_date_did_not_parse_is_translated_too():
    data = tiny_data()
    data["sources"][0]["published"] = "2026/01/21"
    [problem] = _problems(data)
    assert say(problem, "uk") == (
        "sources[src].published: має бути датою у форматі РРРР-ММ-ДД: недопустимий роздільник дати, очікується `-`"
    )


def test_a_message_pydantic_words_otherwise_keeps_pydantics_words():
    err = {"type": "greater_than", "msg": "Input must exceed 0", "ctx": {"gt": 0}, "loc": ("x",)}
    problem = pydantic_problem("events[m1].duration.minutes", err)
    assert problem == "events[m1].duration.minutes: Input must exceed 0" and problem.template == "Input must exceed 0"
    err = {"type": "a_new_type", "msg": "Something {odd}", "ctx": {"odd": 1}, "loc": ("x",)}
    assert pydantic_problem("x", err) == "x: Something {odd}"

"""Characters that must never reach a terminal raw, and what is refused in the curator's text.

An import file comes from someone else: its text may carry terminal escape sequences (ESC, the C1 CSI) that
set the terminal's title, write its clipboard or clear the screen, or bidirectional overrides that show a
line in another order than it is stored (the "Trojan Source" characters). The store keeps every text as it
was given; what shows it neutralises these characters (:mod:`chronology.tui.present.safe`), and JSON writes
them as ``\\uXXXX`` escapes (:func:`json_escape`), which read back as the same characters.

:data:`UNSAFE` is the set, one place for every output:

* C0 controls U+0000–U+001F (tab and newline are layout, allowed where a text may have lines) and DEL U+007F;
* C1 controls U+0080–U+009F (U+009B is CSI in 8-bit terminals);
* bidirectional formatting: embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, and the marks
  U+200E, U+200F, U+061C;
* the line and paragraph separators U+2028, U+2029 (a line break some programs honour and others not);
* lone surrogates U+D800–U+DFFF (not text: no file or terminal can encode them).

The curator's text (titles, names, places, roles, summaries, notes…) refuses all of these but tab and
newline at import (:func:`control_problems`). The source's words (a source's text, quotes, passages, the
phrases said to be verbatim in them) keep what the source has, for they must match it character for
character; only NUL and lone surrogates are refused there, as no store or file keeps them faithfully.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

from .errors import CONTROL_CHARACTER, NOT_TEXT_CHARACTER, Problem

# Tab and newline: layout, not controls, in a text that may have lines.
LAYOUT = "\t\n"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SEPARATORS = "\u2028\u2029"
_SURROGATES = "\ud800-\udfff"
# Every character no output writes raw (tab and newline included: single-line outputs show them too).
UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}{_SURROGATES}]")
# What a text that may have lines must not hold raw.
UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}{_SURROGATES}]")
# What JSON does not escape by itself (it escapes the C0 controls, '"' and '\\').
_JSON_UNESCAPED = re.compile(f"[\x7f-\x9f{_BIDI}{_SEPARATORS}{_SURROGATES}]")
# What even the source's words cannot hold: NUL (cuts text short in C programs) and lone surrogates.
_NEVER = re.compile(f"[\x00{_SURROGATES}]")

# The fields that hold the source's own words, verbatim: they keep what the source has.
VERBATIM_FIELDS = {
    "Source": {"text"},
    "Passage": {"text"},
    "Quote": {"text", "given_as"},
    "Event": {"date_phrase"},
    "Duration": {"phrase"},
}


def codepoint(char: str) -> str:
    """``U+001B``: how a message names a character."""
    return f"U+{ord(char):04X}"


def json_escape(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters of :data:`UNSAFE` that JSON
    leaves raw written as ``\\uXXXX`` escapes: the same JSON value, safe to show. Such characters occur only
    inside JSON strings, where the escape means the same character."""
    return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an http(s) address with a host and no space or control character: the only kind a
    source may carry (checked at import), an export writes, and the app links or opens."""
    parsed = urllib.parse.urlsplit(url)
    return (
        parsed.scheme.lower() in ("http", "https")
        and bool(parsed.netloc)
        and not any(c.isspace() for c in url)
        and UNSAFE.search(url) is None
    )


def first_unsafe(text: str, *, verbatim: bool = False) -> re.Match[str] | None:
    """The first character a curator's text (or, ``verbatim``, the source's words) must not hold, if any."""
    return (_NEVER if verbatim else UNSAFE_IN_TEXT).search(text)


def _strings(value: Any, where: str) -> Iterator[tuple[str, str, bool]]:
    """Every string of a record (a pydantic model) with the field it is in and whether it is the source's."""
    fields = getattr(type(value), "model_fields", None)
    if fields is None:
        return
    own = VERBATIM_FIELDS.get(type(value).__name__, set())
    for name in fields:
        item = getattr(value, name)
        path = f"{where}.{name}"
        if isinstance(item, str):
            yield path, item, name in own
        elif isinstance(item, list):
            for i, element in enumerate(item):
                if isinstance(element, str):
                    yield f"{path}[{i}]", element, name in own
                else:
                    yield from _strings(element, f"{path}[{i}]")
        elif item is not None:
            yield from _strings(item, path)


def control_problems(doc: Any) -> list[Problem]:
    """One problem per field of ``doc`` (a :class:`~chronology.db.models.Chronology`) holding a character it
    must not: a control character, a bidirectional override or a lone surrogate in the curator's text, NUL or
    a lone surrogate in the source's words. Each names the record and the field (``events[ID].title``)."""
    problems: list[Problem] = []
    for kind in ("sources", "actors", "events", "quotes", "tallies"):
        for record in getattr(doc, kind, []):
            for where, text, verbatim in _strings(record, f"{kind}[{record.id}]"):
                found = first_unsafe(text, verbatim=verbatim)
                if found is None:
                    continue
                char = found.group()
                template = NOT_TEXT_CHARACTER if _NEVER.match(char) else CONTROL_CHARACTER
                problems.append(Problem(where, template, char=codepoint(char), at=found.start()))
    return problems

"""The Ukrainian catalog: every message the code can show has a translation, and each translation fits its
message (the same fields, our apostrophe)."""

from __future__ import annotations

import argparse
import re
import string
from pathlib import Path

import chronology.db.errors as errors
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po
from chronology.tui.cli.parsing import ARGPARSE_WORDS, PROGRAMMERS_WORDS

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "tui" / "locale" / "uk" / "LC_MESSAGES" / "chronology.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": (1, 2)}


def code_messages() -> set[str | tuple[str, str]]:
    """Every msgid the code marks (``_``, ``N_``, ``ngettext``, ``NP_`` in tui/), and the data layer's
    templates and words (the str constants of db/errors.py, and the tuples of them)."""
    found: set[str | tuple[str, str]] = set()
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for _line, message, _comments, _context in extract_from_file("python", path, keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else (message[0], message[1]))
        # translator(lang)("…"): a call the extractor does not see
        found.update(re.findall(r'translator\([^()]*\)\(\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")))
    for name, value in vars(errors).items():
        if not name.isupper():
            continue
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, tuple):
            found.update(v for v in value if isinstance(v, str))
    return found


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as fh:
        return read_po(fh)


def test_the_scan_finds_what_it_should():
    found = code_messages()
    assert "Participants" in found  # _() in the TUI
    assert "{stated} per source, {dated} dated" in found  # translator(lang)("…")
    assert "no event {id!r}; did you mean: {close}" in found  # N_() in the CLI
    assert ("{n} hit", "{n} hits") in found  # ngettext
    assert errors.NOT_VERBATIM_AT in found and errors.FIELD_REQUIRED in found and "Extra data" in found
    assert "usage: " in found and ("expected %s argument", "expected %s arguments") in found


def test_every_message_in_the_code_is_translated(catalog):
    missing = []
    for message in sorted(code_messages(), key=str):
        msgid = message if isinstance(message, str) else message[0]
        entry = catalog.get(msgid)
        if entry is None or (isinstance(message, tuple) and entry.id != message):
            missing.append(message)
    assert not missing, "no Ukrainian for:\n" + "\n".join(map(repr, missing))


def test_no_translation_is_empty_or_fuzzy(catalog):
    bad = []
    for entry in catalog:
        if not entry.id:
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(s and s.strip() for s in strings):
            bad.append(entry.id)
    assert not bad, bad


def _fields(text: str) -> tuple[set[str], list[str]]:
    """The ``{name}`` fields and the ``%`` conversions (``%(name)s``, ``%s``) of a message."""
    braces = {name for _t, name, _f, _c in string.Formatter().parse(text) if name is not None} if "{" in text else set()
    percents = sorted(re.findall(r"%(?:\(\w+\))?[sdr]", text))
    return braces, percents


def test_every_translation_has_its_message_fields(catalog):
    """A translation uses only the fields its message fills (it may leave one out), and every % conversion."""
    bad = []
    for entry in catalog:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        braces, percents = set().union(*(_fields(i)[0] for i in ids)), _fields(ids[-1])[1]
        for s in strings:
            b, p = _fields(s)
            if not b <= braces or p != percents:
                bad.append((entry.id, s))
    assert not bad, bad


def test_our_apostrophe_is_the_ascii_one(catalog):
    bad = [e.string for e in catalog if e.id and "’" not in str(e.id) and re.search("[’ʼ]", str(e.string))]
    assert not bad, bad


def test_argparse_words_are_all_listed():
    """Every word argparse's source marks for translation is either translated (ARGPARSE_WORDS) or one of its
    messages to programmers; a Python whose argparse says something new fails here until it is listed."""
    found = set()
    for _line, message, _comments, _context in extract_from_file("python", argparse.__file__):
        found.add(message if isinstance(message, str) else message[0])
    listed = {w if isinstance(w, str) else w[0] for w in ARGPARSE_WORDS} | set(PROGRAMMERS_WORDS)
    assert found <= listed, sorted(found - listed)

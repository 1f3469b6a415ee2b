"""UI strings through gettext message catalogs (Babel): English message ids, Ukrainian catalog.

Catalogs live in ``tui/locale/<lang>/LC_MESSAGES/chronology.po``; the build (``setup.py``) compiles them
to ``.mo`` files inside the wheel. A source checkout without compiled catalogs reads the ``.po`` directly,
so the UI is never silently English.

The data layer speaks English templates with named fields (:mod:`chronology.db.errors`); :func:`say` puts
an error or a problem into the UI language: the template is the msgid, formatted with the same values.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from chronology.db.errors import ChronologyError, Problem, TemplateError, Words

from .settings import load as load_settings

DOMAIN = "chronology"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGS = ("uk", "en")
DEFAULT_LANG = "uk"


def N_(message: str) -> str:  # marks a string for extraction; translated where it is shown
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:  # marks a plural pair for extraction
    return singular, plural


UNKNOWN_LANGUAGE = N_("unknown language {value!r} (choose from: {choices})")


class UnknownLanguage(TemplateError, ValueError):
    """A language asked for (``--lang``, ``$CHRONOLOGY_LANG``) that the UI does not speak."""


def resolve_lang(requested: str | None = None) -> str:
    """``--lang`` if given, else ``$CHRONOLOGY_LANG``, else the language last chosen in the app (its
    settings), else the locale (LC_ALL, LC_MESSAGES, LANG) when it is English or Ukrainian, else Ukrainian.
    Accepts ``en``, ``en_GB.UTF-8``, ``uk-UA`` …"""
    candidates = [requested, os.environ.get("CHRONOLOGY_LANG")]
    if not requested and not os.environ.get("CHRONOLOGY_LANG"):
        remembered = load_settings().lang
        if remembered in LANGS:
            return remembered
    if not requested:
        candidates += [os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for value in candidates:
        if not value:
            continue
        code = value.replace("-", "_").split("_")[0].split(".")[0].lower()
        if code in LANGS:
            return code
        if value in (requested, os.environ.get("CHRONOLOGY_LANG")):
            raise UnknownLanguage(UNKNOWN_LANGUAGE, value=value, choices=", ".join(LANGS))
    return DEFAULT_LANG


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The language's catalog, with plural forms: the ``.mo`` compiled at build time, else (a source
    checkout that was never built) the ``.po`` compiled in memory."""
    if lang == "en":
        return gettext.NullTranslations()
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    # A .po edited since the build (a developer's editable install) wins over its stale .mo.
    if mo.exists() and (not po.exists() or po.stat().st_mtime <= mo.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """The catalog's plural form for ``n`` ("3 збіги", "5 збігів"), with ``{n}`` filled in."""
    return translations(lang).ngettext(singular, plural, n).format(n=n)


def hits_and_events(hits: int, events: int, lang: str) -> str:
    """How much a search found: "3 збіги · 2 події" / "3 hits · 2 events" (no preposition, so no у/в to
    choose before a number: the CLI and the app say it the same way)."""
    found = ngettext("{n} hit", "{n} hits", hits, lang)
    return f"{found} · {ngettext('{n} event', '{n} events', events, lang)}"


def translator(lang: str) -> Callable[[str], str]:
    """The ``_`` function for a language."""
    return translations(lang).gettext


def say(message: object, lang: str) -> str:
    """``message`` in the UI language, on one line.

    An error or a problem that keeps an English ``template`` and its ``params`` (a
    :class:`~chronology.db.errors.TemplateError` such as a StoreError, a
    :class:`~chronology.db.errors.Problem`, the CLI's CliError) is looked up in the catalog and formatted with
    the params, those that are :class:`~chronology.db.errors.Words` translated too; a problem's ``file`` and
    ``where`` (the record and field) come first, as they are. A ChronologyError says its problems, joined by "; ".
    Anything else (a plain line) is said as it is. A template not in the catalog stays English.
    """
    if isinstance(message, ChronologyError):
        return "; ".join(say(p, lang) for p in message.problems)
    if not isinstance(message, TemplateError | Problem):
        return " ".join(str(message).split())
    _ = translator(lang)
    text = _(message.template)
    if message.params:
        params = {k: _(v) if isinstance(v, Words) else v for k, v in message.params.items()}
        try:
            text = text.format(**params)
        except (KeyError, IndexError, ValueError):  # a broken translation never hides the error
            text = message.template.format(**params)
    if isinstance(message, Problem):
        where = _(message.where) if isinstance(message.where, Words) else message.where
        text = ": ".join(part for part in (message.file, where, text) if part)
    return " ".join(text.split())

"""UI strings through gettext message catalogs (Babel): English message ids, Ukrainian catalog.

Catalogs live in ``tui/locale/<lang>/LC_MESSAGES/chronology.po``; the build (``setup.py``) compiles them
to ``.mo`` files inside the wheel. A source checkout without compiled catalogs reads the ``.po`` directly,
so the UI is never silently English.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache
from pathlib import Path

from .settings import load as load_settings

DOMAIN = "chronology"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGS = ("uk", "en")
DEFAULT_LANG = "uk"


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
            raise ValueError(f"unknown language {value!r} (choose from: {', '.join(LANGS)})")
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


def translator(lang: str):
    """The ``_`` function for a language."""
    return translations(lang).gettext

"""UI strings through gettext message catalogs (Babel): English message ids, Ukrainian catalog.

Catalogs live in ``tui/locale/<lang>/LC_MESSAGES/chronology.po``; the build (``setup.py``) compiles them
to ``.mo`` files inside the wheel. A source checkout without compiled catalogs reads the ``.po`` directly,
so the UI is never silently English.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

DOMAIN = "chronology"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGS = ("uk", "en")
DEFAULT_LANG = "uk"


def resolve_lang(requested: str | None = None) -> str:
    """``--lang`` if given, else ``$CHRONOLOGY_LANG``, else the locale (LC_ALL, LC_MESSAGES, LANG) when it is
    English or Ukrainian, else Ukrainian. Accepts ``en``, ``en_GB.UTF-8``, ``uk-UA`` …"""
    candidates = [requested, os.environ.get("CHRONOLOGY_LANG")]
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


class _PoTranslations(gettext.NullTranslations):
    def __init__(self, catalog: dict[str, str]):
        super().__init__()
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        return self._catalog.get(message) or message


@cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.exists():
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    po = mo.with_suffix(".po")
    if po.exists():
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh)
        return _PoTranslations({m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string})
    return gettext.NullTranslations()


def translator(lang: str):
    """The ``_`` function for a language."""
    return translations(lang).gettext

"""What the app remembers between runs: its colour theme and its language, in the user's config folder.

``settings.json`` in ``platformdirs.user_config_path("chronology")`` (``~/.config/chronology/`` on Linux), e.g.
``{"theme": "textual-light", "lang": "en"}``. Written whole in one step (a temporary file renamed over the
old one), so it is never half-written; a file that is missing, unreadable or not what we wrote reads as
empty, never as an error. ``--lang`` and ``CHRONOLOGY_LANG`` win over the remembered language
(:func:`chronology.tui.i18n.resolve_lang`). No Textual here.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE_NAME = "settings.json"


def settings_file() -> Path:
    """Where the settings live: ``settings.json`` in the user's config folder for chronology."""
    import platformdirs  # only when settings are read or written

    return platformdirs.user_config_path("chronology", appauthor=False) / FILE_NAME


@dataclass(frozen=True)
class Settings:
    """The remembered choices (None: never made, or not readable)."""

    theme: str | None = None
    lang: str | None = None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON
        return {}
    return data if isinstance(data, dict) else {}


def load(path: Path | None = None) -> Settings:
    """The settings in ``path`` (default: :func:`settings_file`); whatever cannot be read counts as unset."""
    data = _read(path or settings_file())

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    return Settings(theme=text("theme"), lang=text("lang"))


def remember(path: Path | None = None, **choices: str) -> bool:
    """Write ``choices`` (``theme=…``, ``lang=…``) into the settings at ``path``, keeping what else is there.
    False, and nothing changed, if the file cannot be written (a read-only home: the app works on)."""
    path = path or settings_file()
    data = _read(path)
    data.update(choices)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=2)
                fh.write("\n")
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return False
    return True

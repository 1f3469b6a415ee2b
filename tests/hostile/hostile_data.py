"""A hostile contributor's import file: terminal escapes, markup and direction overrides in the source's words
(which keep what the source has), markup and formulas in the curator's text (plain characters there)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from chronology.db.controls import UNSAFE_IN_TEXT

from ..conftest import TINY_TEXT, tiny_data

# OSC 0 (title), BEL, clear screen, OSC 52 (clipboard, both terminators), C1 CSI, a right-to-left override, markup
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;aGVsbG8=\x1b\\\x9b31m\u202eevil\u202c\r"  # NUL: refused even there
MARKUP = "[/] [@click=app.quit]quit[/] [@click=app.screenshot('x')]shot[/] [bold]b[/bold] $x"
HOSTILE = f"Санкції {ESCAPES} {MARKUP}"


def hostile_data(words: str = HOSTILE, curator: str = MARKUP) -> dict[str, Any]:
    """The tiny chronology with ``words`` in its source's text, cited by event m1 and quoted; ``curator`` (no
    controls: refused there) in titles, summary and place."""
    data = tiny_data()
    text = TINY_TEXT + " " + words
    data["sources"][0]["text"] = text
    offset = len(TINY_TEXT) + 1
    event = data["events"][0]
    event["citations"].append({"source_id": "src", "offset": offset, "text": words})
    event["title"] = "Зустріч " + curator
    event["summary"] = '=HYPERLINK("http://evil.invalid","click") ' + curator
    event["place"] = "+Москва " + curator
    data["quotes"].append(
        {"id": "q2", "event_id": "m1", "speaker_id": "ushakov", "text": words, "source_id": "src", "offset": offset}
    )
    return data


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="ascii")  # \u escapes: a lone surrogate too
    return path


def run(*args: str, stdin: Any = subprocess.DEVNULL, env: dict[str, str] | None = None, **kw: Any):
    """``chronology ARGS`` as a real process; its stdout and stderr as bytes."""
    full_env = {**os.environ, "CHRONOLOGY_LANG": "en", **(env or {})}
    streams = {"stdout": kw.pop("stdout", subprocess.PIPE), "stderr": subprocess.PIPE}
    return subprocess.run(
        [sys.executable, "-m", "chronology.tui.cli", *args], stdin=stdin, env=full_env, timeout=120, **streams, **kw
    )


def raw_controls(data: bytes) -> list[str]:
    """The characters in ``data`` (UTF-8) that a terminal would obey: controls but tab, newline and the CR of
    a CRLF line end, C1 controls, direction overrides."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    return sorted({m.group() for m in UNSAFE_IN_TEXT.finditer(text)})

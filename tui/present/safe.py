"""Data as text a terminal shows and never obeys: the one function every output passes data through.

The characters of :data:`chronology.db.controls.UNSAFE` (C0 and C1 controls, DEL, bidirectional overrides,
the line and paragraph separators, lone surrogates) are shown, not sent:

* a C0 control as its Unicode picture, one character for one: ESC as ``␛``, BEL ``␇``, CR ``␍``, NUL ``␀``
  (U+2400 + its code); tab and newline stay as they are in a text that may have lines (:func:`safe`) and show
  as ``␉`` and ``␤`` on one line (:func:`safe_line`);
* any other as its escape, ``\\u202e``, ``\\u009b``, ``\\u007f`` (the JSON spelling: a JSON text neutralised so
  is the same JSON, see :func:`chronology.db.controls.json_escape`).

The store keeps the text as it was given; only what is shown changes. No Textual, no Rich: the CLI, the
exports and the app's widgets all call these.
"""

from __future__ import annotations

import re

from chronology.db.controls import UNSAFE, UNSAFE_IN_TEXT

NEWLINE_PICTURE = "\u2424"  # ␤
TAB_PICTURE = "\u2409"  # ␉


def picture(char: str) -> str:
    """How one character of :data:`~chronology.db.controls.UNSAFE` is shown."""
    code = ord(char)
    if char == "\n":
        return NEWLINE_PICTURE
    if code < 0x20:
        return chr(0x2400 + code)
    return f"\\u{code:04x}"


def _shown(match: re.Match[str]) -> str:
    return picture(match.group())


def safe(text: str) -> str:
    """``text`` (which may have lines) to show in a terminal: tab and newline kept, every other control,
    DEL, C1 control, direction override or lone surrogate shown (see the module)."""
    return UNSAFE_IN_TEXT.sub(_shown, text) if UNSAFE_IN_TEXT.search(text) else text


def safe_line(text: str) -> str:
    """``text`` on one line: as :func:`safe`, and tab and newline shown too (``␉``, ``␤``)."""
    return UNSAFE.sub(_shown, text) if UNSAFE.search(text) else text


def safe_output(text: str) -> str:
    """What a command writes, as :func:`safe`, except that CR before a newline stays (the CSV format's line
    ends): a lone CR, which moves back over a line already written, is shown as ``␍``."""
    if not UNSAFE_IN_TEXT.search(text):
        return text
    parts = text.split("\r\n")
    return "\r\n".join(safe(part) for part in parts)


def is_safe(text: str) -> bool:
    """Whether ``text`` holds nothing :func:`safe` would change (tab and newline allowed)."""
    return UNSAFE_IN_TEXT.search(text) is None


# One visible character for each unsafe one, so that positions (search matches' spans) still hold.
_IN_PLACE = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}  # ␀ … ␟, ␡


def _in_place(match: re.Match[str]) -> str:
    return _IN_PLACE.get(ord(match.group()), "\ufffd")  # C1, direction overrides, separators, surrogates: �


def in_place(text: str, *, lines: bool = True) -> str:
    """``text`` shown as :func:`safe` (or, ``lines=False``, :func:`safe_line`) does, one character for one: a
    C0 control as its picture, DEL as ``␡``, any other unsafe character as ``�``. For text whose character
    positions matter (the app highlights search matches by position)."""
    pattern = UNSAFE_IN_TEXT if lines else UNSAFE
    return pattern.sub(_in_place, text) if pattern.search(text) else text


def clip(text: str, limit: int = 1000) -> str:
    """``text`` cut to ``limit`` characters for a line that shows only its start (a 10 MB title costs nothing
    to draw); its end becomes ``…``."""
    return text if len(text) <= limit else text[: limit - 1] + "…"

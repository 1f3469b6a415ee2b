"""Standard output as every command writes it: data shown, never obeyed, and every write checked.

:class:`TerminalOutput` wraps the stream a command prints to (``Context.out``):

* what is written passes through :func:`~chronology.tui.present.safe.safe_output`: a control character,
  an escape sequence or a direction override from the data is shown (``␛``, ``\\u202e``), never sent raw;
  text the command formats itself with escapes (``search --color``) goes through :meth:`write_trusted`;
* a write, a flush or a close that fails (a full disk, ``/dev/full``) raises :class:`OutputError`, one line
  and exit status 1, instead of a traceback or a cut file and exit status 0; a closed pipe
  (``chronology list | head``) stays :class:`BrokenPipeError`, which the entry point ends quietly;
* a stream that cannot encode a character (``PYTHONIOENCODING=ascii``) gets its ``\\u…`` escape instead.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TextIO

from chronology.db.errors import TemplateError

from ..i18n import N_
from ..present.safe import safe_output

CANNOT_WRITE_OUTPUT = N_("cannot write to standard output: {error}; the output is incomplete")


class OutputError(TemplateError):
    """Standard output failed (a full disk, a device that refuses writes): exit status 1."""


class TerminalOutput(io.TextIOBase):
    """A text stream that neutralises what it is given and reports failed writes (see the module)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self._checked(self._write, safe_output(text))
        return len(text)

    def write_trusted(self, text: str) -> int:
        """Write ``text`` as it is: the caller made its data safe and adds escapes of its own (bold)."""
        self._checked(self._write, text)
        return len(text)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding))

    def flush(self) -> None:
        self._checked(self.stream.flush)

    def close(self) -> None:
        """Flush what is left (reporting a failure); the stream itself (standard output) stays open."""
        if not self.closed:
            try:
                self.flush()
            finally:
                super().close()

    def isatty(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())

    def writable(self) -> bool:
        return True

    @staticmethod
    def _checked(call: Callable[..., object], *args: str) -> None:
        try:
            call(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(CANNOT_WRITE_OUTPUT, error=exc.strerror or exc) from None

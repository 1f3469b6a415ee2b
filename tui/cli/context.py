"""What every subcommand shares: its :class:`Context`, the :class:`CliError` it raises, the one-line error
format, and writing an output file in one step (never over the store).

Every subcommand module imports this; it imports no subcommand module.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from chronology.db.errors import TemplateError
from chronology.db.store import Store, default_path

from ..i18n import N_, say, translator
from ..present.safe import safe_line
from .output import TerminalOutput

ERROR = N_("chronology: error: {message}")
NOT_A_REGULAR_OUTPUT = N_(
    "{path} is not a regular file (a symbolic link, a FIFO or a device), and is never replaced; give a new file "
    "name or a regular file's, or leave out -o to write to standard output"
)


class CliError(TemplateError):
    """A user-facing error: an English ``template`` (marked with ``N_``) and its ``params``, said in the UI
    language as one line; exit code ``code``."""

    def __init__(self, template: str, /, code: int = 1, **params: object):
        super().__init__(template, **params)
        self.code = code


def print_error(message: object, lang: str) -> None:
    """One line on standard error, in the UI language: ``chronology: error: …``. ``message`` is an error or a
    problem keeping its template (see :func:`~chronology.tui.i18n.say`), or a line already in the language."""
    print(safe_line(translator(lang)(ERROR).format(message=say(message, lang))), file=sys.stderr)


@dataclass
class Context:
    """What a subcommand gets: the options, the UI language, its ``_`` and the output stream."""

    args: argparse.Namespace
    lang: str
    out: TextIO

    def _(self, message: str) -> str:
        return translator(self.lang)(message)

    @property
    def db_path(self) -> Path:
        return Path(self.args.db).expanduser() if self.args.db else default_path()

    @property
    def db_explicit(self) -> bool:
        """Whether the user named the store (--db, $CHRONOLOGY_DB): then its folder must already exist."""
        return bool(self.args.db or os.environ.get("CHRONOLOGY_DB"))

    def open_store(self) -> Store:
        """The store named by --db / $CHRONOLOGY_DB / the default; built from the seed on first use.
        Only the default data folder is created; a folder the user named must exist (a typo makes none)."""
        return Store.open_or_build(self.db_path, create_folder=not self.db_explicit)

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def print_trusted(self, line: str) -> None:
        """Print ``line`` as it is: its data already made safe, with escapes of the command's own (bold)."""
        if isinstance(self.out, TerminalOutput):
            self.out.write_trusted(line + "\n")
        else:
            print(line, file=self.out)


# ---------------------------------------------------------------------- output files
def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.absolute() == b.absolute() or a.resolve() == b.resolve()


def check_output(path: Path, store_path: Path | None) -> None:
    """Refuse an output path that is the store (or its journal files), a folder, a symbolic link, a FIFO or a
    device (writing in one step replaces the file: a link or a device would be lost), or in a missing folder."""
    if store_path is not None:
        for protected in (store_path, Path(f"{store_path}-wal"), Path(f"{store_path}-shm")):
            if _same_file(path, protected):
                raise CliError(N_("{path} is the store itself; choose another output file"), path=path)
    if path.is_dir():
        raise CliError(N_("{path} is a folder; give a file name"), path=path)
    if path.is_symlink() or (path.exists() and not path.is_file()):  # replaced, it would be lost: refuse
        raise CliError(NOT_A_REGULAR_OUTPUT, path=path)
    if not path.absolute().parent.is_dir():
        folder = path.absolute().parent
        raise CliError(N_("no folder {folder} for {name}; create it first"), folder=folder, name=path.name)


def write_atomically(path: Path, data: bytes, *, store_path: Path | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path`` in one step: readers
    see the old file or the new one, never half of one. Never writes over the store."""
    check_output(path, store_path)
    tmp = path.absolute().with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except PermissionError:
        raise CliError(N_("cannot write {path}: permission denied"), path=path) from None
    except OSError as exc:
        raise CliError(N_("cannot write {path}: {error}"), path=path, error=exc.strerror or exc) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()

"""Reading a file someone else gave: only regular files, never more than a cap, never outside its folder.

An import file, the text file a source names (``text_file``) and an article to draft come from someone else.
Read naively, ``/dev/zero`` grows memory without bound, a FIFO blocks for ever and ``"../.ssh/id_ed25519"``
reads a private key into the store. :func:`read_capped` opens without blocking (``O_NONBLOCK``: a FIFO with no
writer does not hang), refuses anything but a regular file (a FIFO, a device, a socket) and reads at most its
cap, refusing a longer file; :func:`text_file_path` keeps a ``text_file`` inside the import file's folder.

The caps (:data:`CAPS`) are generous for news articles and overridable, one environment variable each, in
megabytes: ``CHRONOLOGY_MAX_IMPORT_MB`` (an import file, default 64), ``CHRONOLOGY_MAX_TEXT_MB`` (a source's
``text_file`` or an article, default 8).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from . import errors as e


@dataclass(frozen=True)
class Cap:
    """A size cap: its environment variable and its default, in megabytes."""

    variable: str
    default_mb: float

    @property
    def bytes(self) -> int:
        """The cap in bytes: the variable's value if it is a positive number of megabytes, else the default."""
        raw = os.environ.get(self.variable, "")
        try:
            mb = float(raw)
        except ValueError:
            mb = self.default_mb
        if not (0 < mb < 1 << 40):  # nan, inf, 0 and negatives: the default
            mb = self.default_mb
        return int(mb * 1024 * 1024)


IMPORT_CAP = Cap("CHRONOLOGY_MAX_IMPORT_MB", 64)
TEXT_CAP = Cap("CHRONOLOGY_MAX_TEXT_MB", 8)
CAPS = (IMPORT_CAP, TEXT_CAP)


class FileRefused(OSError):
    """A file that is not read: ``template`` (from :mod:`chronology.db.errors`) and its ``params``."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template)
        self.template = template
        self.params = params


def read_capped(path: str | Path, cap: Cap) -> bytes:
    """The bytes of the regular file ``path``, at most ``cap``; raise :class:`FileRefused` for a FIFO, a device
    or a socket (:data:`~chronology.db.errors.NOT_A_REGULAR_FILE`) or a longer file
    (:data:`~chronology.db.errors.FILE_TOO_LARGE`), and the usual :class:`OSError` otherwise."""
    limit = cap.bytes
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise FileRefused(e.NOT_A_REGULAR_FILE)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise FileRefused(e.FILE_TOO_LARGE, mb=_mb(limit), variable=cap.variable)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_stream_capped(stream: BinaryIO, cap: Cap) -> bytes:
    """At most ``cap`` bytes of a binary stream (standard input); :class:`FileRefused` if it holds more."""
    limit = cap.bytes
    data: bytes = stream.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(e.FILE_TOO_LARGE, mb=_mb(limit), variable=cap.variable)
    return data


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g}"


def text_file_path(base: Path, ref: str) -> Path:
    """The file a source's ``text_file`` names, which must lie inside ``base`` (the import file's folder): a
    relative name without ``..``, and no symbolic link leading out. Raise :class:`FileRefused`
    (:data:`~chronology.db.errors.TEXT_FILE_OUTSIDE`) otherwise."""
    relative = Path(ref)
    if relative.is_absolute() or ref.startswith(("/", "\\", "~")) or ".." in relative.parts or "\x00" in ref:
        raise FileRefused(e.TEXT_FILE_OUTSIDE, path=ref)
    path = base / relative
    try:
        inside = path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if not inside:
        raise FileRefused(e.TEXT_FILE_OUTSIDE, path=ref)
    return path

"""A copy of the store to publish or to read from read-only media: one file in rollback-journal mode, VACUUMed,
read-only, written in one step.

The store itself stays in WAL mode (the app reads while an import writes), which a reader can open only where
it may create the ``-shm`` file beside it: not on a read-only disc or folder, not for plain ``datasette``
without ``-i``. The copy needs nothing beside it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from ..errors import CANNOT_COPY, StoreError


def write_copy(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the store open on ``conn`` (SQLite's backup API: a consistent copy, WAL content included) to
    ``target``: rollback journal, VACUUMed, read-only for everyone. Built in a temporary file beside
    ``target`` and renamed over it, so ``target`` is never half-written. The caller checks that ``target`` is
    not the store."""
    target = target.absolute()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        dst = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            dst.execute("VACUUM")
        finally:
            dst.close()
        os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StoreError(CANNOT_COPY, path=target, error=reason) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()

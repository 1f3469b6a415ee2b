"""What an interrupted chronology leaves beside its store, cleaned on the next open.

``kill -9`` while a store is built or upgraded leaves ``.NAME.PID.tmp`` files (and their ``-wal``, ``-shm``,
``-journal``) beside it, and every interrupted upgrade one more full-size backup. When the store opens for
writing, the temporary files of processes that are gone are removed, and of the backups
(``NAME.backup-YYYYmmdd-HHMMSS.db``) the newest :data:`KEEP_BACKUPS` are kept.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

KEEP_BACKUPS = 3
_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.tmp(?:-wal|-shm|-journal)?$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def stale_temp_files(path: Path) -> list[Path]:
    """The temporary files beside the store ``path`` (of it or of its backups) whose process is gone."""
    stale = []
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            found = _TMP.match(entry.name)
            if found is None or not found["name"].startswith(path.stem):
                continue
            if not _alive(int(found["pid"])) and entry.is_file() and not entry.is_symlink():
                stale.append(entry)
    return sorted(stale)


def backups(path: Path) -> list[Path]:
    """The backups of the store ``path``, oldest first (their names hold the time they were made)."""
    pattern = re.compile(re.escape(path.stem) + r"\.backup-\d{8}-\d{6}(?:-\d+)?\.db$")
    with contextlib.suppress(OSError):
        found = [p for p in path.parent.iterdir() if pattern.match(p.name) and p.is_file() and not p.is_symlink()]
        return sorted(found, key=lambda p: (p.name.split(".backup-")[1][:15], _number(p)))
    return []


def _number(p: Path) -> int:
    tail = p.name.removesuffix(".db").split(".backup-")[1][16:]
    return int(tail) if tail.isdigit() else 1


def clean(path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Remove the stale temporary files beside ``path`` and all but the newest ``keep`` backups; return what
    was removed (nothing that cannot be removed is reported: the next open tries again)."""
    removed = []
    for leftover in stale_temp_files(path) + backups(path)[:-keep]:
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed

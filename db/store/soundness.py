"""Before an import writes: are the full-text indexes' pages sound?

An import into a store whose search index has a damaged page succeeded: SQLite writes new index segments
without reading the damaged ones, so the damage stayed hidden until a search met it. The import checks the
pages of every full-text table's own tables (``*_fts_data``, ``*_fts_idx``, ``*_fts_docsize``,
``*_fts_config``) with ``PRAGMA quick_check(TABLE)`` first: about 0.6 s on a 100,000-event store whose import
takes about a minute. The whole file's ``integrity_check`` and the indexes' own ``integrity-check`` are
``chronology doctor``'s (minutes on such a store).
"""

from __future__ import annotations

import sqlite3

from .. import errors as e

SHADOW_TABLES = """
SELECT name FROM sqlite_master
WHERE type = 'table'
  AND (name GLOB '*_fts_data' OR name GLOB '*_fts_idx' OR name GLOB '*_fts_docsize' OR name GLOB '*_fts_config')
ORDER BY name
"""


def check_index_pages(conn: sqlite3.Connection) -> None:
    """Raise :class:`~chronology.db.errors.StoreError` (:data:`~chronology.db.errors.INDEX_PAGES_DAMAGED`) if a
    page of a full-text table is damaged."""
    try:
        for (name,) in conn.execute(SHADOW_TABLES).fetchall():
            first = conn.execute(f'PRAGMA quick_check("{name}")').fetchone()
            if first is not None and first[0] != "ok":
                raise e.StoreError(e.INDEX_PAGES_DAMAGED, table=name, error=first[0])
    except sqlite3.DatabaseError as exc:
        raise e.StoreError(e.INDEX_PAGES_DAMAGED, table="sqlite_master", error=exc) from None

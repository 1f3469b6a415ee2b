"""The SQLite store: one API that the CLI and the TUI both use. Never imports Textual.

Plain SQLite (readable by any SQLite tool) through sqlite-utils: tables ``sources``, ``actors``,
``events``, ``quotes``, ``tallies`` and link tables; foreign keys on; WAL; the schema version in
``PRAGMA user_version``. The parts: :mod:`.schema` (tables, version, upgrades), :mod:`.files` (opening,
backing up, upgrading and building the file), :mod:`.rows` (what reads return; rows ↔ models),
:mod:`.reads`, :mod:`.writes` and :mod:`.core` (:class:`Store`).

The store keeps its search index up to date through the index's lower parts
(:mod:`chronology.db.search.schema`, :mod:`~chronology.db.search.indexing`); searching is
:mod:`chronology.db.search`, above the store. pydantic (the models) and sqlite-utils are imported where
first needed: the TUI draws its timeline from plain rows, so its start-up loads neither, nor the search engine.
"""

from .core import Store
from .files import backup_path, default_path
from .rows import DateBin, EventDetail, TallyRow, TallyView, TimelineRow
from .schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "DateBin",
    "EventDetail",
    "Store",
    "TallyRow",
    "TallyView",
    "TimelineRow",
    "backup_path",
    "default_path",
]

"""The data layer's exceptions, and the English text of every message the store and the dates raise.

Each message is one English template with named fields, written once below; an exception keeps the
template and the values (``template``, ``params``) beside its formatted text, so a caller that speaks to
people in another language can look the template up in its catalog and format it with the same values.
(The catalogs do not translate them yet.) Problem lists (:class:`ChronologyError`, :class:`ImportRefused`)
are lines naming the record and the field, built where the check is made.
"""

from __future__ import annotations


class TemplateError(Exception):
    """An error whose message is ``template`` (English, ``{name}`` fields) formatted with ``params``.

    A message given without params is used as it is (no fields are filled, braces stay).
    """

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params) if params else template)


class StoreError(TemplateError):
    """A store that cannot be opened or written; the message is one line for the user."""


class EdtfError(TemplateError, ValueError):
    """A string that is not an EDTF date this program understands, or an impossible date."""


class ChronologyError(ValueError):
    """A document that breaks the rules; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


class ImportRefused(ChronologyError):
    """The files cannot be imported; ``problems`` holds one line per problem, each naming its file."""


# ---------------------------------------------------------------------------------------------- EDTF dates
NOT_EDTF = "not an EDTF date: {text!r} (expected e.g. 2025-03-13, 2025-08, 2025-23, 2026-01~, [..2026-01-21])"
IMPOSSIBLE_MONTH = "impossible date: {text!r} (month must be 01–12, season 21–24)"
IMPOSSIBLE_DATE = "impossible date: {text!r}"

# ---------------------------------------------------------------------------------------------- the store
# ``where`` is the store's path ("the store" for one in memory); ``error`` SQLite's or the system's words.
BUSY_MESSAGE = "store is busy (locked by another chronology?); try again"
BUSY = "{where}: " + BUSY_MESSAGE
READ_ONLY = "{where}: cannot write: the store or its folder {folder} is read-only; nothing was changed"
CANNOT_READ = "{where}: cannot read the store ({error})"
CANNOT_WRITE = "{where}: cannot write to the store ({error})"
CANNOT_UPGRADE = "{where}: cannot upgrade the store ({error})"
# opening
NO_FOLDER = "no folder {folder} (for the store {name})"
NO_STORE = "no store at {path}"
IS_A_FOLDER = "{path} is a folder, not a chronology store"
PERMISSION_DENIED = "{path}: permission denied"
CANNOT_READ_FILE = "{path}: cannot read ({error})"
NOT_SQLITE = "{path} is not a SQLite database (not a chronology store); it was left as it is"
DAMAGED = "{path} is damaged or not a SQLite database ({error}); it was left as it is"
CANNOT_OPEN = "{path}: cannot open the store ({error})"
NOT_A_STORE = "{path} is a SQLite database but not a chronology store; it was left as it is"
NEWER_SCHEMA = (
    "{path} has schema version {version}, newer than this program knows ({known}); "
    "upgrade chronology; the store was left as it is"
)
# upgrading
UPGRADE_READ_ONLY = (
    "{path} has schema version {version} and needs an upgrade to {known}, "
    "but it or its folder {folder} is read-only; it was left as it is"
)
NO_UPGRADE = (
    "{path} has schema version {version}, and this program cannot upgrade it "
    "(no upgrade from version {missing}); it was left as it is"
)
UPGRADE_FAILED = (
    "{path}: upgrading the store from schema version {version} failed ({error}); "
    "it was left as it was (a copy is at {backup})"
)
BACKUP_APPEARED = "{path}: cannot back up the store: {target} appeared meanwhile; try again"
BACKUP_FAILED = "{path}: cannot back up the store before upgrading it ({error}); nothing was changed"
# building
ALREADY_EXISTS = "{path} already exists; it was left as it is"
NO_FOLDER_CREATE_IT = "no folder {folder} (for the store {name}); create it first"
CANNOT_CREATE_FOLDER = "cannot create folder {folder}: {error}"
CANNOT_WRITE_IN = "cannot write in {folder}: permission denied"
CANNOT_WRITE_IN_READ_ONLY = "cannot write in {folder}: permission denied (read-only folder)"
CANNOT_BUILD = "cannot build the store at {path}: {error}"
# the search index
NO_SEARCH_INDEX = "this store has no search index; rebuild it with `chronology search --reindex`"
OUTSIDE_INDEX_RANGE = "cannot index record number {ev} (slot {slot}): outside the search index's range"

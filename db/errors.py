"""The data layer's exceptions, and the English text of every message the store, the dates and the checks of a
document raise.

Each message is one English template with named fields, written once below; an exception keeps the
template and the values (``template``, ``params``) beside its formatted text, so a caller that speaks to
people in another language looks the template up in its catalog and formats it with the same values (the
CLI does: ``chronology.tui.i18n.say``). Problem lists (:class:`ChronologyError`, :class:`ImportRefused`) hold
:class:`Problem` lines of the same shape, each naming the record and the field where the check is made.
A parameter that is itself words rather than data (:class:`Words`: "the store", a JSON parser's message) is
translated too; paths, ids and quoted text are not.
"""

from __future__ import annotations


class Words(str):
    """A parameter that is English words (ours, or a library's from a known list below), not data: a UI that
    translates the template translates it too. Compares and formats as the plain string."""

    __slots__ = ()


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


class InvalidRecord(TemplateError, ValueError):
    """A rule a record's own validator checks (pydantic reports it as a ``value_error`` and keeps it, so the
    problem keeps its template)."""


class Problem(str):
    """One problem of a document: ``where`` it is (the record and the field, ``events[ID].date``), ``template``
    and ``params``; in an import, ``file`` names the file it is in (see :meth:`within`).

    The string itself is the English line, ``{file}: {where}: {message}`` (leaving out what is empty), so a
    problem reads, compares and joins as the line it has always been. A message given without params is
    used as it is, like :class:`TemplateError`'s.
    """

    file: str
    where: str
    template: str
    params: dict[str, object]

    def __new__(cls, where: str, template: str, /, **params: object) -> Problem:
        return cls._make("", where, template, params)

    @classmethod
    def _make(cls, file: str, where: str, template: str, params: dict[str, object]) -> Problem:
        message = template.format(**params) if params else template
        self = str.__new__(cls, ": ".join(part for part in (file, where, message) if part))
        self.file, self.where, self.template, self.params = file, where, template, params
        return self

    def __reduce__(self) -> tuple[object, ...]:  # copies and pickles with its parts
        return (self._make, (self.file, self.where, self.template, self.params))

    @classmethod
    def of(cls, problem: str) -> Problem:
        """A problem as it is, or a line written as plain text (no template: said as it is, in English)."""
        return problem if isinstance(problem, Problem) else cls("", problem)

    def within(self, name: str) -> Problem:
        """The same problem in the file ``name`` (``name: where: message``), its place on one line."""
        template = self.template if self.params else " ".join(self.template.split())
        where = self.where if isinstance(self.where, Words) else " ".join(self.where.split())
        return self._make(name, where, template, self.params)


class ChronologyError(ValueError):
    """A document that breaks the rules; ``problems`` holds one line per problem (each a :class:`Problem`,
    or a plain line)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


class ImportRefused(ChronologyError):
    """The files cannot be imported; ``problems`` holds one line per problem, each naming its file."""


class SearchCancelled(Exception):
    """A search given up because its caller no longer wants it (a newer query was typed). Never shown."""


# ---------------------------------------------------------------------------------------------- EDTF dates
NOT_EDTF = "not an EDTF date: {text!r} (expected e.g. 2025-03-13, 2025-08, 2025-23, 2026-01~, [..2026-01-21])"
IMPOSSIBLE_MONTH = "impossible date: {text!r} (month must be 01–12, season 21–24)"
IMPOSSIBLE_DATE = "impossible date: {text!r}"
IMPOSSIBLE_YEAR = "impossible date: {text!r} (the year must be 0001–9998)"

# ---------------------------------------------------------------------------------------------- the store
# ``where`` is the store's path (THE_STORE for one in memory); ``error`` SQLite's or the system's words.
THE_STORE = Words("the store")
ITS_FOLDER = Words("its folder")
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
STORE_NOT_REGULAR = "{path} is not a regular file (a FIFO, a device or a socket), not a chronology store"
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
# a copy to publish (chronology export --format sqlite)
CANNOT_COPY = "cannot write the copy {path}: {error}"
# the search index
NO_SEARCH_INDEX = "this store has no search index; rebuild it with `chronology search --reindex`"
OUTSIDE_INDEX_RANGE = "cannot index record number {ev} (slot {slot}): outside the search index's range"

# ---------------------------------------------------------------------------------------------- documents
# Problem templates; ``where`` names the record and the field: events[ID].citations[0].text
DOCUMENT = Words("document")  # the ``where`` of a problem with the whole document
ID_TWICE = "id used twice"
NO_SOURCE = "no source {id!r}"
NO_ACTOR = "no actor {id!r}"
NO_EVENT = "no event {id!r}"
NOT_VERBATIM_AT = "not found verbatim at offset {offset} of {source!r} (it is at offset {at})"
NOT_VERBATIM_NOWHERE = "not found verbatim at offset {offset} of {source!r} (it is nowhere in the source)"
NEEDS_STATUS_AS_OF = "status {status!r} needs status_as_of (the date it is known as of)"
ACTOR_TWICE = "participants lists an actor twice"
BEFORE_ITSELF = "before names the event itself"
NO_ORIGINAL = "{name}_en is the English of {name}, but there is no {name}"
TERM_WITH_SPEAKER = "a term (the source's own quotation marks) has no speaker; use kind speech or paraphrase"
NOT_A_WEB_ADDRESS = "not a web address: {url!r} (expected http:// or https://…)"
# The source's words (chronology.db.rules); ``phrase`` is the words as written, quoted and shortened.
NOT_IN_CITATIONS = (
    "{phrase} is not verbatim in any of the event's citations (the source's words only; put explanations in note)"
)
GUILLEMETS_NOT_VERBATIM = (
    "«{words}» is not verbatim in the sources the event cites («» marks the source's words: quote them exactly, "
    "or drop the «»)"
)
QUOTE_OUTSIDE_CITATIONS = (
    "characters {start}–{end} of {source!r} lie outside every citation of event {event!r} (a quote must come "
    "from a passage its event cites)"
)
STORED_QUOTE_OUTSIDE = (
    "characters {start}–{end} of {source!r} lie outside every citation of event {event!r} "
    "that this file gives (events[{event}].citations); a quote must come from a passage its event cites"
)
GIVEN_AS_NOT_VERBATIM = (
    "{phrase} is not verbatim in any citation of event {event!r} from {source!r} (the source's words only)"
)
# Claims of sources that disagree about an event (Event.claims, issue #12).
CLAIM_NOT_A_STATUS = "status claim {value!r} is not one of {statuses}"
CLAIM_WITHOUT_DURATION = "a duration claim needs its duration (minutes and qualifier)"
NOT_IN_PASSAGE = "{phrase} is not verbatim in the claim's passage (the source's words only)"
CLAIM_OUTSIDE_CITATIONS = (
    "characters {start}–{end} of {source!r} lie outside every citation of event {event!r} (a claim must cite a "
    "passage its event cites)"
)
# What only a whole store shows (chronology.db.check).
BEFORE_DATED_EARLIER = (
    "{other!r} is dated {other_date}, earlier than this event ({date}); the chronology cannot place this event "
    "before it (correct the dates or drop before)"
)
BEFORE_CYCLE = "a cycle ({chain}); no order can keep it"

# ---------------------------------------------------------------------------------------------- import files
# ``where`` is the file ("a.json", "a.json:3:14" for JSON syntax), then the record and field if any.
NOT_JSON = "not valid JSON: {error}"
NOT_JSON_TRUNCATED = "not valid JSON: {error} (the file ends too early: truncated?)"
NOT_AN_OBJECT = "expected a JSON object with lists {lists}; found a {found}"
NO_SUCH_FILE = "no such file"
FILE_IS_A_FOLDER = "is a folder, not a file"
FILE_PERMISSION_DENIED = "cannot read the file: permission denied"
CANNOT_READ_THE_FILE = "cannot read the file ({error})"
NOT_UTF8 = "not UTF-8 text (byte 0x{byte:02x} at offset {offset}); save it as UTF-8"
TEXT_AND_TEXT_FILE = "give either text or text_file, not both"
NOT_A_FILE_NAME = "must be a file name"
NO_TEXT_FILE = "no such file {path}"
TEXT_FILE_IS_A_FOLDER = "{path} is a folder, not a file"
TEXT_FILE_PERMISSION_DENIED = "cannot read {path}: permission denied"
TEXT_FILE_NOT_UTF8 = "{path} is not UTF-8 text"
CANNOT_READ_TEXT_FILE = "cannot read {path} ({error})"
# chronology.db.infiles: what is never read (``mb`` the cap, ``variable`` the environment variable raising it)
NOT_A_REGULAR_FILE = "is not a regular file (a FIFO, a device or a socket); give a file"
FILE_TOO_LARGE = "is larger than {mb} MB; set {variable} to a larger number of megabytes to read it"
TEXT_FILE_OUTSIDE = (
    "{path} is outside the import file's folder (text_file must name a file in that folder or below it: no "
    "absolute path, no .., no link leading out)"
)
TOO_DEEP = "lists or objects nested too deeply to be a chronology document"
ALSO_IN_ANOTHER_FILE = "also in {other}, differently; make them agree or import them one at a time"
NO_LONGER_HOLDS = "the new text no longer holds {record} (stored in the store) verbatim at offset {offset}"
# What a JSON file holds instead of an object (``found``), as Words.
JSON_TYPES = ("list", "string", "number", "boolean", "null")
# The messages of Python's JSON parser (``error`` of NOT_JSON), as Words: a message not listed stays English.
JSON_ERRORS = (
    "Expecting value",
    "Expecting ',' delimiter",
    "Expecting ':' delimiter",
    "Expecting property name enclosed in double quotes",
    "Unterminated string",
    "Invalid control character at",
    "Invalid \\escape",
    "Invalid \\uXXXX escape",
    "Extra data",
    "Illegal trailing comma before end of object",
    "Illegal trailing comma before end of array",
)

# ---------------------------------------------------------------------------------------------- field values
# pydantic's messages, by its error type, as our templates (chronology.db.problems maps them; the English
# text is pydantic's own, word for word; an error type not listed keeps pydantic's message untranslated).
FIELD_REQUIRED = "Field required"
EXTRA_FORBIDDEN = "Extra inputs are not permitted"
STRING_TYPE = "Input should be a valid string"
STRING_PATTERN = "String should match pattern '{pattern}'"
STRING_TOO_SHORT_1 = "String should have at least {min_length} character"
STRING_TOO_SHORT = "String should have at least {min_length} characters"
STRING_TOO_LONG_1 = "String should have at most {max_length} character"
STRING_TOO_LONG = "String should have at most {max_length} characters"
LIST_TOO_SHORT_1 = "List should have at least {min_length} item after validation, not {actual_length}"
LIST_TOO_SHORT = "List should have at least {min_length} items after validation, not {actual_length}"
LIST_TYPE = "Input should be a valid list"
DICT_TYPE = "Input should be a valid dictionary"
MODEL_TYPE = "Input should be a valid dictionary or instance of {class_name}"
INT_TYPE = "Input should be a valid integer"
INT_PARSING = "Input should be a valid integer, unable to parse string as an integer"
INT_FROM_FLOAT = "Input should be a valid integer, got a number with a fractional part"
GREATER_THAN = "Input should be greater than {gt}"
GREATER_THAN_EQUAL = "Input should be greater than or equal to {ge}"
LESS_THAN_EQUAL = "Input should be less than or equal to {le}"
DATE_TYPE = "Input should be a valid date"
DATE_PARSING = "Input should be a valid date in the format YYYY-MM-DD, {error}"
DATE_FROM_DATETIME_PARSING = "Input should be a valid date or datetime, {error}"
DATE_FROM_DATETIME_INEXACT = "Datetimes provided to dates should have zero time - e.g. be exact dates"
ENUM_ONE = "Input should be {expected}"
ENUM = "Input should be {choices} or {last}"
# Why a date did not parse (``error`` of the date templates), as Words: a reason not listed stays English.
DATE_ERRORS = (
    "input is too short",
    "input is too long",
    "invalid character in year",
    "invalid character in month",
    "invalid character in day",
    "invalid date separator, expected `-`",
    "invalid datetime separator, expected `T`, `t`, `_` or space",
    "month value is outside expected range of 1-12",
    "day value is outside expected range",
    "year 0 is out of range",
    "unexpected extra characters at the end of the input",
)

# ---------------------------------------------------------------------------------------------- doctor
# chronology.db.doctor: ``where`` is THE_FILE or a table; ``error`` SQLite's words.
THE_FILE = Words("the file")
INTEGRITY_FAILED = "SQLite's integrity check: {error}"
INDEX_DAMAGED = "the full-text index is damaged ({error})"
# chronology.db.store.soundness: an import's check of the full-text tables' pages before it writes.
INDEX_PAGES_DAMAGED = (
    "the store is damaged: {table}: {error}; nothing was imported; run `chronology doctor --repair` (it backs "
    "the store up, then rebuilds the search index)"
)
INDEX_STALE = (
    "the search index does not match the records ({missing} rows missing, {extra} rows too many); "
    "`chronology doctor --repair` rebuilds it"
)
NO_INDEX = "the store has no search index; `chronology doctor --repair` builds it"

# ---------------------------------------------------------------------------------------------- hostile input
# Characters a field must not hold (chronology.db.controls); ``char`` is U+XXXX, ``at`` its index in the field.
CONTROL_CHARACTER = (
    "holds the control character {char} at character {at} (the curator's text refuses terminal controls and "
    "direction overrides; tab and newline are fine)"
)
NOT_TEXT_CHARACTER = "holds {char} at character {at}, which is not text (NUL or half of a surrogate pair)"

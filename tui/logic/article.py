"""An article to add (issue #12): its text read from a file or standard input, and its publication date —
what ``chronology draft``, ``chronology add`` and the app's "Add an article…" form share.

Problems are :class:`ArticleError`: an English message id with its values, worded in the UI language by
:meth:`ArticleError.message` (one line each). No Textual.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from chronology.db import errors as e
from chronology.db.errors import Words
from chronology.db.infiles import TEXT_CAP, FileRefused, read_capped, read_stream_capped

from ..i18n import N_, translator

STDIN = "-"


class ArticleError(Exception):
    """Why an article cannot be read or dated: ``msgid`` (English, in the catalogs) and its values;
    ``field`` is what is wrong: "path" (the file) or "published" (the date)."""

    def __init__(self, msgid: str, *, field: str = "path", **values: object) -> None:
        super().__init__(msgid.format(**values))
        self.msgid = msgid
        self.field = field
        self.values = values

    def message(self, lang: str) -> str:
        _ = translator(lang)
        return _(self.msgid).format(**{k: _(v) if isinstance(v, Words) else v for k, v in self.values.items()})


@dataclass(frozen=True)
class Article:
    """What the drafting engine is given: the text and the facts about its publication."""

    text: str
    published: dt.date
    outlet: str
    title: str | None = None
    url: str | None = None
    name: str = field(default="", compare=False)  # the file it was read from, as the user named it


# The outlet a source gets when nobody names one (data, so in Ukrainian whatever the UI language).
UNKNOWN_OUTLET = "видання не вказане"


# An article is read as an import's text_file is (chronology.db.infiles): why one is refused, with its name.
REFUSED = {
    e.NOT_A_REGULAR_FILE: N_("{path} is not a regular file (a FIFO, a device or a socket); give a file"),
    e.FILE_TOO_LARGE: N_("{path} is larger than {mb} MB; set {variable} to a larger number of megabytes to read it"),
}


def read_article(path: str, stdin: BinaryIO | None = None) -> str:
    """The UTF-8 text of ``path`` (``-``: standard input), a byte-order mark dropped. Raises
    :class:`ArticleError` for a missing, unreadable, empty or non-UTF-8 file."""
    name = path.strip()
    if not name:
        raise ArticleError(N_("Give the article's file (or - for standard input)."))
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        name = Words(N_("standard input"))  # said in the UI language
        try:
            data = read_stream_capped(stream, TEXT_CAP)
        except FileRefused as exc:
            raise ArticleError(
                REFUSED[exc.template], path=name, mb=exc.params.get("mb"), variable=exc.params.get("variable")
            ) from None
    else:
        file = Path(name).expanduser()
        try:
            data = read_capped(file, TEXT_CAP)  # a regular file, at most CHRONOLOGY_MAX_TEXT_MB, as imports
        except FileRefused as exc:
            raise ArticleError(
                REFUSED[exc.template], path=name, mb=exc.params.get("mb"), variable=exc.params.get("variable")
            ) from None
        except FileNotFoundError:
            raise ArticleError(N_("{path}: no such file"), path=name) from None
        except IsADirectoryError:
            raise ArticleError(N_("{path} is a folder; give the article's text file"), path=name) from None
        except PermissionError:
            raise ArticleError(N_("{path}: cannot read the file: permission denied"), path=name) from None
        except OSError as exc:
            raise ArticleError(
                N_("{path}: cannot read the file ({error})"), path=name, error=exc.strerror or exc
            ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            N_("{path} is not UTF-8 text (byte 0x{byte:02x} at offset {offset}); save it as UTF-8"),
            path=name,
            byte=data[exc.start],
            offset=exc.start,
        ) from None
    if not text.strip():
        raise ArticleError(N_("{path} is empty: there is no article to draft"), path=name)
    return text


def parse_published(value: str) -> dt.date:
    """A publication date written YYYY-MM-DD. Raises :class:`ArticleError` for anything else."""
    text = value.strip()
    if not text:
        raise ArticleError(N_("Give the publication date, as YYYY-MM-DD."), field="published")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ArticleError(N_("{date} is not a date: write YYYY-MM-DD, e.g. 2026-01-21"), field="published", date=text)


def load_article(
    path: str,
    published: str,
    *,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    stdin: BinaryIO | None = None,
) -> Article:
    """Read and date an article; the date is checked first (a typo there needs no file read)."""
    day = parse_published(published)
    text = read_article(path, stdin)
    return Article(
        text=text,
        published=day,
        outlet=(outlet or "").strip() or UNKNOWN_OUTLET,
        title=(title or "").strip() or None,
        url=(url or "").strip() or None,
        name=path,
    )

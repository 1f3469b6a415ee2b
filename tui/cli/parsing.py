"""argparse in the UI language: the language asked for before the parser is built, argparse's own words
through our catalog, and the one-line usage error.

argparse words its help and its errors ("usage:", "options:", "the following arguments are required", …)
with the functions ``_`` and ``ngettext`` of its own module (``from gettext import gettext as _, ngettext``),
looked up each time it needs a word. :func:`speaking` points them at the UI language's catalog while the
parser is built and while it parses, and puts argparse's back after. The words themselves are listed in
:data:`ARGPARSE_WORDS`, so that the catalog has them (a test checks the list against argparse's source).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from typing import NoReturn

from ..i18n import DEFAULT_LANG, N_, NP_, UnknownLanguage, resolve_lang, translations, translator

USAGE_ERROR = N_("{prog}: error: {message} (see --help)")

# argparse's words that people see (Python 3.11), for the catalog. argparse's messages to programmers
# (a parser built wrongly) are not translated: PROGRAMMERS_WORDS lists them for the test that compares.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    NP_("expected %s argument", "expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)
PROGRAMMERS_WORDS = (
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "%(prog)s: error: %(message)s\n",  # ArgumentParser.error below replaces it
)


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's words in ``lang`` while the block runs (building a parser, parsing, printing its help)."""
    catalog = translations(lang)
    module = vars(argparse)  # argparse's ``_`` is not part of its typed interface
    saved = module["_"], module["ngettext"]
    module["_"], module["ngettext"] = catalog.gettext, catalog.ngettext
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved


class ArgumentParser(argparse.ArgumentParser):
    """A parser that knows the UI language (its subcommands' parsers too) for its one-line usage error."""

    def __init__(self, *args: object, lang: str = DEFAULT_LANG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lang = lang

    def error(self, message: str) -> NoReturn:  # one line, exit 2, as argparse does but without the usage dump
        line = translator(self.lang)(USAGE_ERROR).format(prog=self.prog, message=message)
        self.exit(2, " ".join(line.split()) + "\n")


class _Unreadable(Exception):
    pass


class _PreParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Unreadable(message)


def requested_lang(argv: Sequence[str]) -> str | None:
    """The ``--lang`` in ``argv`` (the last one, written any way argparse reads it: ``--lang en``,
    ``--lang=en``, ``--la en``), read before the parser is built, so that it is built in that language;
    None if there is none (or it has no value: the parser says so, in the language of the environment)."""
    pre = _PreParser(add_help=False)
    pre.add_argument("--lang")
    try:
        known, _rest = pre.parse_known_args(list(argv))
    except _Unreadable:
        return None
    value = known.lang
    return value if isinstance(value, str) else None


def ui_lang(argv: Sequence[str]) -> str:
    """The language to build the parser in and speak in: ``--lang`` in ``argv``, else the environment's
    (``$CHRONOLOGY_LANG``, the locale); when the one asked for is unknown, the environment's or Ukrainian,
    to say so in."""
    for requested in (requested_lang(argv), None):
        with contextlib.suppress(UnknownLanguage):
            return resolve_lang(requested)
    return DEFAULT_LANG

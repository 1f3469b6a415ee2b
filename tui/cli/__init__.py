"""The ``chronology`` command: the TUI by default, and subcommands for scripts and quick answers.

Every subcommand has ``--help`` (a test checks). Errors are one line on stderr and a non-zero exit:
1 for a problem with data or the store, 2 for a usage error; never a traceback.

Everything it prints is in the UI language (``--lang``, else ``$CHRONOLOGY_LANG`` or the locale, else
Ukrainian): the help and argparse's own words too, the parser being built in the language asked for
(:mod:`.parsing`), and every error, said from its English template (:func:`~chronology.tui.i18n.say`).

Each module of :data:`COMMANDS` adds its subcommands with ``register(subparsers, common, _)``, ``_`` giving
the help texts in the UI language; each parser sets ``func(args, ctx) -> int`` via ``set_defaults``. What
they share (:class:`~.context.Context`, :class:`~.context.CliError`, output files) is in :mod:`.context`; no
subcommand module imports this one.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import TextIO, cast

from chronology.db.errors import ChronologyError, StoreError

from ..i18n import N_, UnknownLanguage, resolve_lang, translator
from . import browse, check, completion, data, doctor, draft, search, web
from .context import CliError, Context, print_error
from .output import OutputError, TerminalOutput
from .parsing import ArgumentParser, speaking, ui_lang

# The modules adding subcommands, in the order `chronology --help` lists them.
COMMANDS = (browse, data, search, draft, check, doctor, web, completion)


def package_version() -> str:
    # importlib.metadata takes a tenth of a second to import: only for --version, not at every start.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chronology")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled checkout
        return "0+unknown"


class VersionAction(argparse.Action):
    """``-V``/``--version``: the installed version, looked up only when asked for (as argparse's ``version``
    action prints it: ``chronology 0.1.0``)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        help_text = kwargs.get("help")
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help=help_text if isinstance(help_text, str) else None,
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        parser._print_message(f"{parser.prog} {package_version()}\n", sys.stdout)
        parser.exit()


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The parser, its help and argparse's own words in ``lang`` (default: the environment's language)."""
    lang = lang or ui_lang([])
    _ = translator(lang)
    with speaking(lang):
        common = ArgumentParser(add_help=False, lang=lang)
        common.add_argument(
            "--db",
            metavar=_("PATH"),
            default=argparse.SUPPRESS,
            help=_(
                "store file (default: $CHRONOLOGY_DB, else chronology.db in the user data folder; "
                "built from the bundled seed on first use)"
            ),
        )
        common.add_argument(
            "--lang",
            metavar=_("LANG"),
            default=argparse.SUPPRESS,
            help=_("UI language: uk (default) or en; else $CHRONOLOGY_LANG or the locale"),
        )
        parser = ArgumentParser(
            prog="chronology",
            parents=[common],
            description=_(
                "Browse the chronology of US–Russia talks on the war in Ukraine: who met whom, when, "
                "for how long, who said what, and in which source. With no command, opens the terminal app."
            ),
            lang=lang,
        )
        parser.add_argument(
            "-V",
            "--version",
            action=VersionAction,
            help=_("show program's version number and exit"),
        )
        parser.set_defaults(func=browse.run_app)
        sub = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"), parser_class=ArgumentParser)
        for module in COMMANDS:
            module.register(sub, common, _)
        for command in sub.choices.values():
            command.lang = lang  # for its usage errors
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = ui_lang(argv)  # before the parser is built: its help and its errors speak it
    with speaking(lang):
        args = build_parser(lang).parse_args(argv)
    for name in ("db", "lang"):
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        lang = resolve_lang(args.lang)
    except UnknownLanguage as exc:
        print_error(exc, lang)
        return 2
    stdout = TerminalOutput(out or sys.stdout)  # data shown, never obeyed; every write checked
    ctx = Context(args=args, lang=lang, out=cast(TextIO, stdout))
    try:
        code = int(args.func(args, ctx) or 0)
        stdout.flush()
        return code
    except CliError as exc:
        print_error(exc, lang)
        return exc.code
    except (StoreError, ChronologyError, OutputError) as exc:
        print_error(exc, lang)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `chronology list | head`
        sys.stderr.close()
        return 0
    except sqlite3.DatabaseError as exc:  # a page, a table or the index broken under a read or a write
        print_error(CliError(_store_fault(exc), error=exc), lang)
        return 1
    except (MemoryError, RecursionError, OverflowError, ValueError, KeyError, UnicodeError) as exc:
        if os.environ.get("CHRONOLOGY_DEBUG"):
            raise
        print_error(CliError(UNEXPECTED, kind=type(exc).__name__, error=exc), lang)
        return 70


STORE_DAMAGED = N_("the store is damaged: {error}; `chronology doctor` checks it (--repair rebuilds the index)")
DISK_FULL = N_("cannot write: {error}; nothing was changed, free some space and try again")
UNEXPECTED = N_(
    "unexpected {kind}: {error} (a store edited by hand? `chronology doctor` checks it; CHRONOLOGY_DEBUG=1 shows "
    "the details)"
)


def _store_fault(exc: sqlite3.DatabaseError) -> str:
    """The line for an SQLite error that escaped the store: a full disk, or damage."""
    return DISK_FULL if "full" in str(exc) else STORE_DAMAGED

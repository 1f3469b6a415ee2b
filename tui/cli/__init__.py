"""The ``chronology`` command: the TUI by default, and subcommands for scripts and quick answers.

Every subcommand has ``--help`` (a test checks). Errors are one line on stderr and a non-zero exit:
1 for a problem with data or the store, 2 for a usage error; never a traceback.

Each module of :data:`COMMANDS` adds its subcommands with ``register(subparsers, common)``; each parser sets
``func(args, ctx) -> int`` via ``set_defaults``. What they share (:class:`~.context.Context`,
:class:`~.context.CliError`, output files) is in :mod:`.context`; no subcommand module imports this one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from chronology.db.errors import ChronologyError, StoreError

from ..i18n import DEFAULT_LANG, resolve_lang
from . import browse, data, draft, search
from .context import CliError, Context, print_error

# The modules adding subcommands, in the order `chronology --help` lists them.
COMMANDS = (browse, data, search, draft)


def package_version() -> str:
    # importlib.metadata takes a tenth of a second to import: only for --version, not at every start.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chronology")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled checkout
        return "0+unknown"


class VersionAction(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, as argparse does but without the usage dump
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def requested_lang(argv: Sequence[str] | None) -> str:
    """The UI language the command line asks for, before it is parsed (so help texts can be in it); a bad
    ``--lang`` is reported later, by :func:`main`."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    try:
        return resolve_lang(known.lang)
    except ValueError:
        return DEFAULT_LANG


def build_parser(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    """The parser, its help in ``lang`` where a subcommand words it (``common``'s default ``ui_lang``)."""
    common = ArgumentParser(add_help=False)
    common.set_defaults(ui_lang=lang)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="store file (default: $CHRONOLOGY_DB, else chronology.db in the user data folder; "
        "built from the bundled seed on first use)",
    )
    common.add_argument(
        "--lang",
        metavar="LANG",
        default=argparse.SUPPRESS,
        help="UI language: uk (default) or en; else $CHRONOLOGY_LANG or the locale",
    )
    parser = ArgumentParser(
        prog="chronology",
        parents=[common],
        description="Browse the chronology of US–Russia talks on the war in Ukraine: who met whom, when, "
        "for how long, who said what, and in which source. With no command, opens the terminal app.",
    )
    parser.add_argument("--version", action=VersionAction)
    parser.set_defaults(func=browse.run_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser(requested_lang(argv))
    args = parser.parse_args(argv)
    for name in ("db", "lang"):
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        lang = resolve_lang(args.lang)
    except ValueError as exc:
        print_error(str(exc))
        return 2
    ctx = Context(args=args, lang=lang, out=out or sys.stdout)
    try:
        return int(args.func(args, ctx) or 0)
    except CliError as exc:
        print_error(str(exc))
        return exc.code
    except (StoreError, ChronologyError) as exc:
        print_error(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `chronology list | head`
        sys.stderr.close()
        return 0

"""Subcommand ``serve``: the terminal app in a web browser, through textual-serve (the optional extra ``web``).

Each browser that opens the page gets its own app process (``chronology --db STORE --lang LANG tui``) on the
same store, its screen sent over a websocket. The server listens on 127.0.0.1 unless told otherwise: anyone
who can reach the port gets the app, and with it everything in the store.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable

from ..i18n import N_
from .context import CliError, Context

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


NEEDS_TEXTUAL_SERVE = N_(
    "chronology serve needs textual-serve: pip install 'chronology[web]' (from a checkout: '.[web]')"
)


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    _: Callable[[str], str],
) -> None:
    p = subparsers.add_parser(
        "serve",
        parents=[common],
        help=_("run the app for a web browser (needs the web extra: textual-serve)"),
        description=_(
            "Serve the terminal app to web browsers with textual-serve: open the address it prints; "
            "each browser tab runs its own app on the same store. It listens on 127.0.0.1 (this computer only) "
            "by default: anyone who can reach the address gets the app and everything in the store. Ctrl+C stops "
            "it. Needs the web extra: pip install 'chronology[web]'."
        ),
    )
    p.add_argument(
        "--host",
        metavar=_("HOST"),
        default=DEFAULT_HOST,
        help=_("address to listen on (default: 127.0.0.1; 0.0.0.0 opens it to your whole network)"),
    )
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, metavar=_("PORT"), help=_("port to listen on (default: 8000)")
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help=_(
            "the address browsers reach the server at, if not http://HOST:PORT (behind a proxy, or with --host 0.0.0.0)"
        ),
    )
    p.set_defaults(func=cmd_serve)


def app_command(db: str, lang: str) -> str:
    """The shell command textual-serve runs for each browser: this Python, the app, on this store."""
    argv = [sys.executable, "-m", "chronology.tui.cli", "--db", db, "--lang", lang, "tui"]
    return " ".join(shlex.quote(a) for a in argv)


def cmd_serve(args: argparse.Namespace, ctx: Context) -> int:
    _ = ctx._
    try:
        from textual_serve.server import Server
    except ImportError:
        raise CliError(NEEDS_TEXTUAL_SERVE) from None
    if not 0 < args.port < 65536:
        raise CliError(N_("no port {port}: give a number from 1 to 65535"), code=2, port=args.port)
    ctx.open_store().close()  # a store that cannot be opened is refused here, not in every browser tab
    url = args.public_url or f"http://{args.host}:{args.port}"
    server = Server(
        app_command(str(ctx.db_path.absolute()), ctx.lang),
        host=args.host,
        port=args.port,
        title="chronology",
        public_url=args.public_url,
    )
    ctx.print(_("Open {url} in a web browser. Anyone who can reach this address sees the whole store.").format(url=url))
    ctx.print(_("Ctrl+C stops the server."))
    ctx.out.flush()
    server.serve()
    return 0

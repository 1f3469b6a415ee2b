"""`chronology serve`: the app in a browser through the real textual-serve, over HTTP and its websocket."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest
from chronology.tui.cli.web import app_command

from .real_tools import free_port, get, server
from .test_cli import run


async def _first_frame(url: str, wanted: bytes, timeout: float = 60) -> bytes:
    """What the app sends over the websocket until ``wanted`` appears in it."""
    import aiohttp

    received = b""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        while wanted not in received and time.monotonic() < deadline:
            message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
            if message.type == aiohttp.WSMsgType.BINARY:
                received += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                break
        await ws.send_json(["stdin", "q"])  # quit the app
    return received


def test_serve_gives_browsers_the_page_and_the_app_over_its_websocket(seed_db_path: Path):
    pytest.importorskip("textual_serve", reason="textual-serve is the web extra (pip install '.[web]')")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args = [sys.executable, "-m", "chronology.tui.cli", "--db", str(seed_db_path), "serve", "--port", str(port)]
    with server(args, f"{base}/"):
        status, page = get(f"{base}/")
        frame = asyncio.run(_first_frame(f"{base}/ws?width=120&height=36", "Путіним".encode()))
    assert status == 200
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page and "<div>chronology</div>" in page
    assert "Перша".encode() in frame and "Путіним".encode() in frame  # the timeline's rows, in Ukrainian
    assert b"\x1b[?1049h" in frame  # the app took the browser's terminal


def test_serve_listens_on_this_computer_only_by_default():
    from chronology.tui.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.public_url) == ("127.0.0.1", 8000, None)


def test_the_app_command_names_this_python_and_the_store():
    command = app_command("/tmp/my store.db", "en")
    assert command.startswith(sys.executable) and "'/tmp/my store.db'" in command and command.endswith("--lang en tui")


def test_serve_without_textual_serve_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch, seed_db_path: Path, capsys):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # as if the extra were not installed
    code, _ = run("--db", str(seed_db_path), "serve")
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "textual-serve" in err and "pip install" in err and "[web]" in err

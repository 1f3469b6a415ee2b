"""The README's screenshot of the app in a web browser: `chronology serve` in headless Chromium.

    .venv/bin/pip install '.[web]' playwright && apt-get install chromium
    .venv/bin/python screenshots/browser.py        # writes screenshots/browser.png

Serves a store built from the bundled seed (in a temporary folder) on a free local port, opens it in Debian's
Chromium through Playwright (never `playwright install`), moves to the 13 March 2025 meeting and saves the
page.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main() -> int:
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "chronology.db")
        cli = [sys.executable, "-m", "chronology.tui.cli", "--db", db, "--lang", "uk"]
        proc = subprocess.Popen([*cli, "serve", "--port", str(port)], stdout=subprocess.DEVNULL)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(url, timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 800})
                page.goto(url)
                page.wait_for_selector(".xterm-screen", timeout=30_000)
                time.sleep(6)  # the app process starts and paints
                page.focus(".xterm-helper-textarea")  # where xterm.js takes the keyboard
                page.keyboard.press("j")  # from the first event (early 2025) to the 13 March 2025 meeting
                time.sleep(2)
                page.screenshot(path=str(HERE / "browser.png"))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(HERE / "browser.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

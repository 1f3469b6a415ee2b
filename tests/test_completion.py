"""Shell completion: the bash script completes commands, options, formats and the store's event ids in a real
bash; zsh and fish read their scripts; -V; the LICENSE."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from chronology.db.store import Store

from .test_cli import run

ROOT = Path(__file__).resolve().parent.parent


def _script(shell: str) -> str:
    code, out = run("completion", shell)
    assert code == 0
    return out


def _env() -> dict[str, str]:
    """The environment of a shell in which `chronology` is this checkout's (the completion calls it back)."""
    bin_dir = str(Path(sys.executable).parent)
    if not (Path(bin_dir) / "chronology").exists():
        pytest.skip("the chronology command is not installed beside this Python (pip install -e .)")
    return dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))


def bash_complete(script: Path, *words: str) -> list[str]:
    """What bash offers for the command line ``words`` (the last one being completed), as <TAB> would."""
    line = " ".join(f"'{w}'" for w in words)
    program = (
        f"source {script}\n"
        f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}\n"
        '_chronology; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    proc = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True, env=_env(), timeout=120)
    assert proc.returncode == 0, proc.stderr
    return [w for w in proc.stdout.splitlines() if w]


@pytest.fixture
def bash_script(tmp_path: Path) -> Path:
    if shutil.which("bash") is None:
        pytest.skip("no bash here")
    path = tmp_path / "chronology.bash"
    path.write_text(_script("bash"), encoding="utf-8")
    return path


def test_bash_completes_commands_and_options(bash_script: Path):
    assert bash_complete(bash_script, "chronology", "sh") == ["show"]
    assert bash_complete(bash_script, "chronology", "se") == ["search", "serve"]
    assert set(bash_complete(bash_script, "chronology", "--db", "x.db", "")) >= {"list", "show", "export"}
    assert bash_complete(bash_script, "chronology", "export", "--format", "t") == ["timelinejs"]
    assert bash_complete(bash_script, "chronology", "export", "--format", "s") == ["sqlite"]
    assert bash_complete(bash_script, "chronology", "--lang", "") == ["uk", "en"]
    assert bash_complete(bash_script, "chronology", "completion", "") == ["bash", "zsh", "fish"]
    assert "--dry-run" in bash_complete(bash_script, "chronology", "import", "--d")
    assert bash_complete(bash_script, "chronology", "-V") == ["-V"]


def test_bash_completes_the_event_ids_of_the_store_named_with_db(bash_script: Path, seed_db_path: Path):
    ids = bash_complete(bash_script, "chronology", "--db", str(seed_db_path), "show", "2025-0")
    assert sorted(ids) == [
        "2025-03-13-moscow",
        "2025-04-11-saint-petersburg",
        "2025-08-06-dmitriev-informal",
        "2025-08-06-moscow",
    ]
    assert sorted(bash_complete(bash_script, "chronology", "show", "--db", str(seed_db_path), "2026-01-2")) == [
        "2026-01-21-kremlin-confirms",
        "2026-01-21-witkoff-cnbc",
        "2026-01-22-moscow",
    ]


def test_list_ids_prints_the_ids_in_date_order_and_is_not_in_help(seed_db_path: Path):
    code, out = run("--db", str(seed_db_path), "list", "--ids")
    with Store.open(seed_db_path) as store:
        assert code == 0 and out.splitlines() == store.event_ids()  # the timeline's order, every event
    proc = subprocess.run(
        [sys.executable, "-m", "chronology.tui.cli", "list", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "--ids" not in proc.stdout


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_read_their_scripts(shell: str, tmp_path: Path, seed_db_path: Path):
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} here (apt-get install {shell})")
    script = tmp_path / f"chronology.{shell}"
    script.write_text(_script(shell), encoding="utf-8")
    if shell == "zsh":
        program = f"source {script} && whence -w _chronology"
        proc = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True, env=_env(), timeout=120)
        assert proc.returncode == 0 and "function" in proc.stdout, proc.stderr
        return
    program = (
        f"source {script}; complete -C 'chronology sh'; "
        f"complete -C 'chronology --db {seed_db_path} show 2025-03'; complete -C 'chronology export --format t'"
    )
    proc = subprocess.run(["fish", "--no-config", "-c", program], capture_output=True, text=True, env=_env())
    assert proc.returncode == 0, proc.stderr
    offered = [line.split("\t")[0] for line in proc.stdout.splitlines()]
    assert offered == ["show", "2025-03-13-moscow", "timelinejs"]


def test_short_version_option():
    proc = subprocess.run([sys.executable, "-m", "chronology.tui.cli", "-V"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("chronology ")


def test_license_file_matches_the_package_metadata():
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["license"] == "MIT"
    assert license_text.startswith("MIT License") and "the chronology authors" in license_text
    assert "WITHOUT WARRANTY OF ANY KIND" in license_text

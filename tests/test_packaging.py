"""Packaging and layering: chronology.db never imports Textual; no top-level db/tui modules; data ships."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import chronology.tui


def _py(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_data_layer_never_imports_textual(tmp_path: Path):
    code = (
        "import importlib, pkgutil, sys\n"
        "import chronology.db as pkg\n"
        "names = [m.name for m in pkgutil.walk_packages(pkg.__path__, 'chronology.db.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.'))\n"
        "print(len(names), bad)\n"
    )
    proc = _py(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    count, bad = proc.stdout.split(" ", 1)
    assert int(count) >= 20  # every module, those in db/search/ and db/store/ too
    assert bad.strip() == "[]"


def test_no_top_level_db_or_tui_module(tmp_path: Path):
    proc = _py("import importlib.util as u; print(u.find_spec('db'), u.find_spec('tui'))", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "None None"


def test_seeds_ship_as_package_data():
    from chronology.db.seeds import seed_files

    names = {p.name for p in seed_files().iterdir()}
    assert {"chronology.json", "000_32f261f9b184bad9.txt"} <= names


def test_message_catalog_available():
    locale = Path(chronology.tui.__file__).parent / "locale" / "uk" / "LC_MESSAGES"
    assert (locale / "chronology.po").exists() or (locale / "chronology.mo").exists()
    if "site-packages" in chronology.tui.__file__:  # a built install compiles the catalog at build time
        assert (locale / "chronology.mo").exists()
        # … and ships no .po: installed a moment after the .mo, it would be taken for an edit and compiled at start
        assert not (locale / "chronology.po").exists()
    from chronology.tui.i18n import translator

    assert translator("uk")("Participants") == "Учасники"
    assert translator("en")("Participants") == "Participants"


def test_every_source_package_is_declared_for_the_wheel():
    """A subpackage missing from pyproject's list installs nowhere: the app would fail on a user's machine."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    mapping = config["package-dir"]
    found = set()
    for name, folder in mapping.items():
        for init in (root / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(root / folder)
            found.add(".".join([name, *rel.parts]))
    assert found == set(config["packages"])


def test_no_module_passes_500_lines():
    root = Path(__file__).resolve().parents[1]
    long = {
        str(path.relative_to(root)): n
        for folder in ("db", "tui")
        for path in (root / folder).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, f"split these by concern: {long}"

"""Build hook: compile the gettext catalogs (tui/locale/*/LC_MESSAGES/*.po) into .mo files in the wheel
(for an editable install, beside the .po in the source tree, which the install points at).

The wheel carries the .mo only: installed, a .po lands a moment after its .mo (an installer does not keep the
files' times), so the catalog loader would take it for one edited since the build and compile it at every
start (a tenth of a second). The .po stays in the source tree and the sdist.

Everything else about the package is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(__file__).parent / "tui"
        for po in sorted(root.glob("locale/*/LC_MESSAGES/*.po")):
            if getattr(self, "editable_mode", False):
                target = po.with_suffix(".mo")
            else:
                target = Path(self.build_lib, "chronology", "tui", po.relative_to(root)).with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as src:
                catalog = read_po(src)
            with target.open("wb") as out:
                write_mo(out, catalog)
            if not getattr(self, "editable_mode", False):
                Path(self.build_lib, "chronology", "tui", po.relative_to(root)).unlink(missing_ok=True)


setup(cmdclass={"build_py": BuildPyWithCatalogs})

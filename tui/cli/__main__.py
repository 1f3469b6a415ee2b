"""``python -m chronology.tui.cli``: the same entry point as the ``chronology`` command."""

import sys

from chronology.tui.cli import main

sys.exit(main())

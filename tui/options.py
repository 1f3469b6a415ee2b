"""The app's settings: :class:`AppOptions`, given once to :func:`~chronology.tui.app.make_app`.

The app keeps them (``app.options``); the screen and the widgets read them from there with
:func:`options_of`, so a new setting is one field here, not one more argument through every constructor.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path


@dataclass(frozen=True)
class AppOptions:
    """How the app paces itself. The defaults are the ones people use; tests and screenshots use
    :meth:`steady`."""

    poll_interval: float = 2.0
    """Seconds between checks whether another program changed the store (0: never check)."""

    search_debounce: float = 0.0
    """Seconds the typing must pause before the search bar starts a search (0: at once). Keys already queued
    behind one, as a paste or a burst delivers them, run one search whatever this is; a search started for
    what has since been typed over is dropped before it runs. (It was 0.2 s, then 0.05: at 100k events the
    pause was most of the time from a key to its matches.)"""

    detail_delay: float = 0.0
    """Seconds the highlight must rest before the detail pane loads its event (0: at once; moves already
    queued behind it, as a held-down ↓ queues them, are coalesced either way: only the last one loads)."""

    cursor_blink: bool = True
    """Whether the search bar's cursor blinks (off for screenshots that must not depend on the moment)."""

    remember: bool = True
    """Whether the theme and the language chosen are remembered for the next run (see :mod:`.settings`)."""

    settings_file: Path | None = None
    """Where they are remembered (None: ``settings.json`` in the user's config folder)."""

    time_axis: bool = True
    """Whether the main screen shows the time axis (the benchmark measures the app without it too)."""

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                raise ValueError(f"AppOptions.{field.name} must not be negative, not {value!r}")

    @classmethod
    def steady(cls) -> AppOptions:
        """Nothing timed by the clock: no polling, no blinking cursor, the detail loaded on every move and
        searches started almost at once; nothing remembered from or for another run (tests, snapshots and
        screenshots)."""
        return cls(poll_interval=0, search_debounce=0.01, detail_delay=0, cursor_blink=False, remember=False)


DEFAULTS = AppOptions()
"""The settings people use (what :func:`~chronology.tui.app.make_app` takes when given none)."""


def options_of(app: object) -> AppOptions:
    """The options of ``app`` (a widget's ``self.app``); the defaults for an app that has none, such as a
    test app that mounts one widget alone."""
    options = getattr(app, "options", None)
    return options if isinstance(options, AppOptions) else DEFAULTS

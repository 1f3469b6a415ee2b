"""The app's settings: :class:`AppOptions`, given once to :func:`~chronology.tui.app.make_app`.

The app keeps them (``app.options``); the screen and the widgets read them from there with
:func:`options_of`, so a new setting is one field here, not one more argument through every constructor.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class AppOptions:
    """How the app paces itself. The defaults are the ones people use; tests and screenshots use
    :meth:`steady`."""

    poll_interval: float = 2.0
    """Seconds between checks whether another program changed the store (0: never check)."""

    search_debounce: float = 0.2
    """Seconds the typing must pause before the search bar starts a search (a burst of keys runs one)."""

    detail_delay: float = 0.1
    """Seconds the highlight must rest before the detail pane loads its event (while ↓ is held down,
    the pane waits for the event where it stops; 0: load on every move)."""

    cursor_blink: bool = True
    """Whether the search bar's cursor blinks (off for screenshots that must not depend on the moment)."""

    time_axis: bool = True
    """Whether the main screen shows the time axis (the benchmark measures the app without it too)."""

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, bool) and value < 0:
                raise ValueError(f"AppOptions.{field.name} must not be negative, not {value!r}")

    @classmethod
    def steady(cls) -> AppOptions:
        """Nothing timed by the clock: no polling, no blinking cursor, the detail loaded on every move and
        searches started almost at once (tests, snapshots and screenshots)."""
        return cls(poll_interval=0, search_debounce=0.01, detail_delay=0, cursor_blink=False)


DEFAULTS = AppOptions()
"""The settings people use (what :func:`~chronology.tui.app.make_app` takes when given none)."""


def options_of(app: object) -> AppOptions:
    """The options of ``app`` (a widget's ``self.app``); the defaults for an app that has none, such as a
    test app that mounts one widget alone."""
    options = getattr(app, "options", None)
    return options if isinstance(options, AppOptions) else DEFAULTS

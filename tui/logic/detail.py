"""The detail loader: which event the detail pane shows, and the loads that bring the one wanted.

The screen says which event it wants (:meth:`DetailLoader.want`) as the highlight moves; one worker at a time
loads (:meth:`DetailLoader.load_latest`), and before it returns it checks that no other event was wanted
meanwhile, loading that one instead. So the latest wanted event is always loaded, a burst of moves costs one
or two loads, not one per move, and what comes back is shown only if it is still the highlighted event.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronology.db.store import EventDetail


class DetailLoader:
    """The event shown in the detail pane, and the one wanted next."""

    def __init__(self) -> None:
        self.shown: EventDetail | None = None
        self.outdated = True  # the store may have changed since ``shown`` was read
        self._lock = threading.Lock()  # the UI thread wants, the worker loads
        self._wanted: str | None = None
        self._busy = False

    @property
    def busy(self) -> bool:
        """Whether a load is under way (a new wish is picked up by it, no second load starts)."""
        with self._lock:
            return self._busy

    def is_shown(self, event_id: str) -> bool:
        """Whether ``event_id`` is shown, as the store has it now (nothing to load)."""
        return not self.outdated and self.shown is not None and self.shown.event.id == event_id

    def want(self, event_id: str) -> bool:
        """Ask for ``event_id``. True if the caller must start a worker running :meth:`load_latest`; False if
        one is running already: it will load this event before it returns."""
        with self._lock:
            self._wanted = event_id
            start = not self._busy
            self._busy = True
        return start

    def load_latest(self, read: Callable[[str], EventDetail | None]) -> tuple[str, EventDetail | None]:
        """(In the worker.) Read the wanted event with ``read`` until the one read is still the one wanted;
        return it and its detail (None if it is gone or cannot be read)."""
        while True:
            with self._lock:
                wanted = self._wanted
            assert wanted is not None, "load_latest() without want()"
            try:
                detail = read(wanted)
            except Exception:  # deleted meanwhile, the store went away …: the pane says there is nothing
                detail = None
            with self._lock:
                if wanted == self._wanted:
                    self._busy = False
                    return wanted, detail

    def loaded(self, event_id: str, detail: EventDetail | None, *, highlighted: str | None) -> bool:
        """A load came back (on the UI thread). Shown, and True, only if ``event_id`` is still the
        ``highlighted`` one; otherwise dropped (the highlight moved on and a newer load is on its way)."""
        if event_id != highlighted:
            return False
        self.shown = detail
        self.outdated = False
        return True

    def forget(self) -> None:
        """Nothing to show (the timeline is empty)."""
        self.shown = None

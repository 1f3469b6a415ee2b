"""The detail loader: which event the detail pane shows, and the loads that bring the one wanted.

The screen says which event it wants (:meth:`DetailLoader.want`) as the highlight moves; one loader at a time
loads (:meth:`DetailLoader.load_latest`), and before it returns it checks that no other event was wanted
meanwhile, loading that one instead. So the latest wanted event is always loaded, a burst of moves costs one
or two loads, not one per move, and what comes back is shown only if it is still the highlighted event.

:class:`LoaderThread` is that loader: one thread kept for the screen's life, woken for each wish (a worker
per move — a new thread and its state messages — cost more than the read itself, about a millisecond).
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
        # The event whose last read failed, and why (shown in the pane instead of nothing).
        self.failure: tuple[str, Exception] | None = None
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
            failure: Exception | None = None
            try:
                detail = read(wanted)
            except Exception as exc:  # a row edited by hand, a damaged store …: the pane says why
                detail, failure = None, exc
            with self._lock:
                if wanted == self._wanted:
                    self._busy = False
                    self.failure = (wanted, failure) if failure is not None else None
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


class LoaderThread:
    """A thread of its own that runs ``loader.load_latest(read)`` whenever woken and hands what it read to
    ``deliver(event_id, detail)`` (called in the thread: it must be thread-safe, e.g. a ``post_message``)."""

    def __init__(
        self,
        loader: DetailLoader,
        read: Callable[[str], EventDetail | None],
        deliver: Callable[[str, EventDetail | None], None],
    ) -> None:
        self._loader, self._read, self._deliver = loader, read, deliver
        self._wake = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._serve, name="chronology-detail", daemon=True)
        self._thread.start()

    def want(self, event_id: str) -> None:
        """Ask for ``event_id``: loaded at once, or as soon as the load under way returns."""
        if self._loader.want(event_id):
            self._wake.set()

    def _serve(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopped:
                return
            event_id, detail = self._loader.load_latest(self._read)
            if self._stopped:
                return
            self._deliver(event_id, detail)

    def stop(self) -> None:
        """No more loads; a load under way is not delivered. Waits (briefly) for the thread to end."""
        self._stopped = True
        self._wake.set()
        self._thread.join(timeout=2)

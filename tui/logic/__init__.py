"""The main screen's state as plain classes, without Textual (tested alone, used from the screen's workers).

- :mod:`.search`: the search session (which query is current, its results, Enter's jump, the count line);
- :mod:`.detail`: the detail loader (always the latest wanted event, never a stale one);
- :mod:`.readers`: the store's per-purpose read connections and the start-up snapshot read ahead.
"""

"""The main screen's keys (bindings that work whichever pane has the focus), with their Ukrainian-layout twins:
the key in the same place on a Ukrainian keyboard (n → т, y → н, o → щ, L → Д, { } → Х Ї)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "tab,shift+tab",
        "switch_pane",
        "Switch pane",
        key_display="Tab",
        id="main.switch_pane",
        tooltip="Move between the timeline and the event details",
    ),
    Binding(
        "slash,full_stop",
        "focus_search",
        "Search",
        key_display="/",
        # Checked by the app as the key arrives, so the focus moves before the keys typed right after it (a
        # paste, tmux send-keys) are handed on: they land in the search bar (see MainScreen.check_action).
        priority=True,
        id="main.search",
        tooltip="Type to filter the timeline; Enter jumps to the first match, Esc clears",
    ),
    Binding("n,т", "next_hit", "Next match", id="main.next_hit", tooltip="The next event the search matches"),
    Binding(
        "N,Т",
        "previous_hit",
        "Previous match",
        show=False,
        id="main.previous_hit",
        tooltip="The previous event the search matches",
    ),
    Binding(
        "L,Д",
        "latest_round",
        "Last meeting",
        id="main.latest_round",
        tooltip="The latest round (a meeting, talks or a visit) that took place, among the events shown",
    ),
    Binding(
        "right_curly_bracket,Ї",
        "next_round",
        "Next round",
        key_display="}",
        show=False,
        id="main.next_round",
        tooltip=(
            "The next round (a meeting, talks or a visit), held or planned; "
            "statements, plans and announcements are skipped"
        ),
    ),
    Binding(
        "left_curly_bracket,Х",
        "previous_round",
        "Previous round",
        key_display="{",
        show=False,
        id="main.previous_round",
        tooltip="The previous round (a meeting, talks or a visit), held or planned",
    ),
    Binding(
        "y,н",
        "copy",
        "Copy",
        id="main.copy",
        tooltip="Copy the selected quote (else the event's first quote, else the event) with its citation",
    ),
    Binding(
        "Y,Н",
        "copy_event",
        "Copy the event",
        show=False,
        id="main.copy_event",
        tooltip="Copy the event with its first cited passage",
    ),
    Binding(
        "o,щ",
        "open_source",
        "Open source",
        show=False,
        id="main.open_source",
        tooltip="Open the source of the selected quote (or else of the event) in the web browser",
    ),
    Binding(
        "r,к",
        "refresh",
        "Refresh",
        show=False,
        id="main.refresh",
        tooltip="Read the store again (changes by other programs also show up by themselves)",
    ),
    Binding(
        "escape",
        "clear_search",
        "Clear search",
        show=False,
        id="main.clear_search",
        tooltip="Clear the search and show every event",
    ),
]

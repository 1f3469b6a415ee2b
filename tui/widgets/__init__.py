"""The app's widgets, grouped by area: the timeline, the detail pane, the search bar."""

"""The app's screens: the main browsing screen, the help screen, the command palette's providers."""

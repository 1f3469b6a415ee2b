"""How the data reads for people, without Textual or Rich: dates and durations, labels, one description
of an event (its sections in order), and its renderings as plain text, copy texts and export files."""

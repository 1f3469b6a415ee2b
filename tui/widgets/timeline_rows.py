"""One event of the timeline as lines of text: columns that give way as the pane narrows, the title wrapped.

No Textual here (Rich text only), so the layout of a row is cheap to test. A row is

    ▅ 11 квітня    [Санкт-Петербург ] [  >4 год] Зустріч Віткоффа з путіним у
                                                 санкт-петербурзі

the gap marker, the date without its year (the year heading above says it; a sticky heading when the year's
first lines have scrolled away), the place and the duration when the pane leaves the title at least
:data:`MIN_TITLE` cells beside them (the place gives way first, then the duration), and the title, after
"заплановано" for a round not held yet, word-wrapped onto up to :data:`TITLE_LINES` lines under itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from chronology.db.store import TimelineRow
from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from ..present.formatting import format_duration, format_edtf
from ..present.labels import event_place, event_title, status_label
from ..present.safe import clip, in_place

# A one-cell sparkline of the gap since the previous round: ▁ a day or less … █ more than four months; ┆ when
# rounds without an exact date may lie between (the number of days says less than it seems).
GAP_BARS = "▁▂▃▄▅▆▇█"
GAP_UNCERTAIN = "┆"
LEAD = 2  # the gap marker and a space
DATE_WIDTH = 13  # "30 листопада", "близько січня", "September 30"; a longer date pushes its row's title on
PLACE_WIDTH = 15
DURATION_WIDTH = 8
MIN_TITLE = 40  # the place and the duration show only if the title keeps this many cells beside them
TITLE_LINES = 3  # a longer title is cut at the end of its third line
MARGIN = 1  # cells kept free after a title, before the pane's edge

Spans = Callable[[str], list[tuple[int, int]]]


def gap_bar(days: int | None, undated: int = 0) -> str:
    """The rhythm marker for a gap of ``days`` (log scale, base 2): ▁ ≤1 day, ▅ 16–31 days, █ ≥128 days; ┆
    when rounds without an exact date may lie between (``undated``)."""
    if days is None:
        return " "
    if undated:
        return GAP_UNCERTAIN
    return GAP_BARS[min(len(GAP_BARS) - 1, max(0, days.bit_length() - 1))]


def columns(width: int) -> tuple[bool, bool]:
    """Which optional columns a line ``width`` cells wide shows: (place, duration). Each shows only if the
    title keeps :data:`MIN_TITLE` cells; the place, the wider, gives way first."""
    room = width - LEAD - DATE_WIDTH - 1
    show_duration = room - (DURATION_WIDTH + 1) >= MIN_TITLE
    show_place = show_duration and room - (DURATION_WIDTH + 1) - (PLACE_WIDTH + 1) >= MIN_TITLE
    return show_place, show_duration


@lru_cache(maxsize=8192)
def row_date(date: str, lang: str) -> str:
    """The date as a row shows it: without the year, which the heading above gives; an open-ended one with
    ≤ / ≥ ("≤ 21 січня")."""
    return format_edtf(date, lang, compact=True, year=False)


@lru_cache(maxsize=1024)
def _duration_text(minutes: int | None, qualifier: str | None, lang: str) -> str:
    return format_duration(minutes, qualifier, None, lang, short=True)


def title_text(row: TimelineRow, lang: str) -> tuple[str, int]:
    """What the title column says ("заплановано Запланована зустріч…") and how long its status prefix is."""
    title = in_place(clip(event_title(row, lang)), lines=False)  # data: one line, cheap to draw, never obeyed
    if row.status == "held":
        return title, 0
    prefix = f"{status_label(row.status, lang, row.kind)} "
    return prefix + title, len(prefix)


def _fitting(text: str, start: int, room: int) -> int:
    """The index after the last character of ``text[start:]`` that fits in ``room`` cells."""
    if text.isascii() or cell_len(text[start : start + room]) == len(text[start : start + room]):
        return min(len(text), start + room)  # one cell per character: Cyrillic and Latin titles
    end, used = start, 0
    while end < len(text):
        used += cell_len(text[end])
        if used > room:
            break
        end += 1
    return end


def wrap_ranges(text: str, room: int, max_lines: int = TITLE_LINES) -> list[tuple[int, int]]:
    """``text`` word-wrapped into lines of at most ``room`` cells, as (start, end) character ranges; at most
    ``max_lines`` of them (the last one holds the rest, which the caller cuts with an ellipsis). A word
    longer than a line is split."""
    if room <= 0 or not text:
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip(" "))
    while start < len(text):
        if len(lines) == max_lines - 1 or cell_len(text[start:]) <= room:
            lines.append((start, len(text)))
            break
        end = _fitting(text, start, room)
        cut = text.rfind(" ", start, end + 1)
        if cut <= start:
            cut = max(end, start + 1)
        lines.append((start, cut))
        start = cut
        while start < len(text) and text[start] == " ":
            start += 1
    return lines or [(0, 0)]


def title_column(row: TimelineRow, lang: str, width: int) -> int:
    """The cell where ``row``'s title starts on a line ``width`` cells wide."""
    show_place, show_duration = columns(width)
    start = LEAD + max(DATE_WIDTH, cell_len(row_date(row.date, lang))) + 1
    if show_place:
        start += PLACE_WIDTH + 1
    if show_duration:
        start += DURATION_WIDTH + 1
    return start


def row_height(row: TimelineRow, lang: str, width: int) -> int:
    """How many lines ``row`` takes on a line ``width`` cells wide (1 … :data:`TITLE_LINES`)."""
    text, _ = title_text(row, lang)
    return len(wrap_ranges(text, width - MARGIN - title_column(row, lang, width)))


_PLAIN = Style()
_PLANNED = Style(bold=True, italic=True)
_MATCH = Style(reverse=True)


@dataclass(frozen=True)
class RowStyles:
    """The Rich styles of a row's cells (from the timeline's component classes)."""

    gap: Style = _PLAIN
    date: Style = _PLAIN
    place: Style = _PLAIN
    duration: Style = _PLAIN
    planned: Style = _PLANNED
    match: Style = _MATCH

    def on_band(self) -> RowStyles:
        """The same cells on the cursor's band: bold, italic and underline kept, every colour dropped, so
        the band is one colour from edge to edge and its text is the band's (readable in every theme). A
        match, which has only its background to show it elsewhere, is underlined instead."""
        plain = {f.name: getattr(self, f.name).without_color for f in fields(self)}
        plain["match"] = plain["match"] + Style(bold=True, underline=True)
        return replace(self, **plain)


@lru_cache(maxsize=8)
def _on_band(styles: RowStyles) -> RowStyles:
    return styles.on_band()


def _cell(value: str, width: int, *, right: bool = False) -> str:
    """``value`` fitted to ``width`` cells: cut with an ellipsis, padded with spaces."""
    if cell_len(value) > width:
        value = set_cell_size(value, width - 1) + "…"
    pad = " " * (width - cell_len(value))
    return pad + value if right else value + pad


def row_lines(
    row: TimelineRow,
    lang: str,
    width: int,
    styles: RowStyles,
    *,
    spans: Spans | None = None,
    band: Style | None = None,
) -> list[Text]:
    """``row`` as :func:`row_height` lines of exactly ``width`` cells. ``band``: the cursor's style, laid
    under every cell and the padding (the cells' own colours give way to it, see :meth:`RowStyles.on_band`)."""
    if band is not None:
        styles = _on_band(styles)
    show_place, show_duration = columns(width)
    first = Text(no_wrap=True, end="")
    first.append(gap_bar(row.gap_days, row.gap_undated), style=styles.gap)
    first.append(" ")
    date = row_date(row.date, lang)
    first.append(date + " " * max(0, DATE_WIDTH - cell_len(date)), style=styles.date)
    first.append(" ")
    if show_place:
        place = in_place(clip(event_place(row, lang) or "—"), lines=False)
        first.append(_cell(place, PLACE_WIDTH), style=styles.place)
        first.append(" ")
    if show_duration:
        duration = _duration_text(row.duration_minutes, row.duration_qualifier, lang)
        first.append(_cell(duration, DURATION_WIDTH, right=True), style=styles.duration)
        first.append(" ")
    indent = first.cell_len
    text, prefix = title_text(row, lang)
    title = Text(text)
    if prefix:
        title.stylize(styles.planned, 0, prefix - 1)
    if spans is not None:
        for a, b in spans(text[prefix:]):
            title.stylize(styles.match, prefix + a, prefix + b)
    lines: list[Text] = []
    for i, (a, b) in enumerate(wrap_ranges(text, width - MARGIN - indent)):
        line = first if i == 0 else Text(" " * indent, no_wrap=True, end="")
        line.append_text(title[a:b])
        line.truncate(width - MARGIN, overflow="ellipsis")
        line.pad_right(width - line.cell_len)
        if band is not None:
            line.stylize_before(band)
        lines.append(line)
    return lines

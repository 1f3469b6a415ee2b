"""The time axis's ticks and their labels, without Textual: where the months or years fall on a
:class:`~chronology.tui.logic.time_axis.Scale`, at a spacing the labels fit, and which labels are drawn."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .time_axis import Scale, Unit


@dataclass(frozen=True, slots=True)
class Tick:
    day: dt.date
    unit: Unit  # what its label names: a day of the month, a month, a year
    cell: int


# Tick spacings, finest first: (unit, step, the fewest days between two ticks).
STEPS: tuple[tuple[Unit, int, int], ...] = (
    ("day", 1, 1),
    ("day", 2, 2),
    ("day", 7, 7),
    ("month", 1, 28),
    ("month", 2, 59),
    ("month", 3, 90),
    ("month", 6, 181),
    ("year", 1, 365),
    ("year", 2, 730),
    ("year", 5, 1826),
    ("year", 10, 3652),
    ("year", 20, 7305),
    ("year", 50, 18262),
    ("year", 100, 36524),
)


def _tick_days(scale: Scale, unit: Unit, step: int) -> Iterable[tuple[dt.date, Unit]]:
    end = scale.first + dt.timedelta(days=scale.days - 1)
    if unit == "year":
        for year in range(scale.first.year, end.year + 1):
            if year % step == 0:
                yield dt.date(year, 1, 1), "year"
        return
    year, month = scale.first.year, scale.first.month
    while dt.date(year, month, 1) <= end:
        if unit == "month":
            if (month - 1) % step == 0:
                yield dt.date(year, month, 1), "year" if month == 1 else "month"
        else:
            last = calendar.monthrange(year, month)[1]
            for d in range(1, last + 1, step):
                if d == 1:
                    yield dt.date(year, month, 1), "year" if month == 1 else "month"
                elif last - d + 1 >= step:  # not squeezed against the next month's first
                    yield dt.date(year, month, d), "day"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# What the labels of ticks of each unit can name (a day tick on the 1st names the month).
_LABELLED: dict[Unit, tuple[Unit, ...]] = {
    "day": ("day", "month", "year"),
    "month": ("month", "year"),
    "year": ("year",),
}


def _spacing(scale: Scale, label_width: Callable[[Unit], int]) -> tuple[Unit, int]:
    """The finest tick spacing whose labels fit between its ticks (else the coarsest)."""
    for unit, step, least in STEPS:
        if least * scale.width / scale.days >= max(label_width(u) for u in _LABELLED[unit]) + 1:
            return unit, step
    return STEPS[-1][0], STEPS[-1][1]


def ticks(scale: Scale, label_width: Callable[[Unit], int]) -> list[Tick]:
    """Ticks as dense as their labels allow: days, weeks, months, quarters, years, decades…"""
    unit, step = _spacing(scale, label_width)
    out = []
    for day, kind in _tick_days(scale, unit, step):
        if day >= scale.first:
            out.append(Tick(day, kind, scale.cell(day)))
    return out


def place_labels(ticks: Sequence[Tick], label: Callable[[Tick, bool], str], width: int) -> list[tuple[int, str]]:
    """Labels starting at their ticks (near the end: ending at the edge), never touching: years first, then
    what still fits. Without a year among them the first label carries its year (``label(tick, True)``)."""
    taken = [False] * (width + 1)
    placed: list[tuple[int, str]] = []

    def put(cell: int, text: str) -> bool:
        cell = min(cell, width - len(text))  # a tick near the end: its label ends at the edge
        end = cell + len(text)
        if cell < 0 or any(taken[max(0, cell - 1) : end + 1]):
            return False
        for c in range(cell, end):
            taken[c] = True
        placed.append((cell, text))
        return True

    for t in ticks:
        if t.unit == "year":
            put(t.cell, label(t, False))
    with_year = not placed
    for t in (t for t in ticks if t.unit != "year"):
        if (with_year and put(t.cell, label(t, True))) or put(t.cell, label(t, False)):
            with_year = False
    return sorted(placed)

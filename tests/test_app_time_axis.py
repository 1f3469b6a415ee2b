"""The time axis in the app, driven by Pilot: where events are, the cursor's marker, clicks, search, language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from chronology.db.models import Chronology
from chronology.db.store import Store
from chronology.db.store.rounds import ROUND_KINDS
from chronology.tui.app import ChronologyApp, make_app
from chronology.tui.options import AppOptions
from chronology.tui.widgets.time_axis import TimeAxis
from rich.style import Style

from .test_app import app_on, current_id, main, settle, type_query

SIZE = (120, 36)
RANGES, POINTS, LABELS = 0, 1, 2  # the strip's lines (three on a terminal of this size)

Cells = list[tuple[str, Style]]


def axis_of(app: ChronologyApp) -> TimeAxis:
    return app.query_one(TimeAxis)


def axis_lines(app: ChronologyApp) -> list[Cells]:
    """What the strip shows, as the screen draws it: per line, each cell's character and style."""
    axis = axis_of(app)
    strips = app.screen._compositor.render_strips()
    lines = []
    for y in range(axis.region.y, axis.region.bottom):
        cells: Cells = []
        for segment in strips[y]:
            cells.extend((ch, segment.style or Style()) for ch in segment.text)
        lines.append(cells)
    return lines


def text(cells: Cells) -> str:
    return "".join(ch for ch, _ in cells)


def style_of(app: ChronologyApp, name: str) -> Style:
    return axis_of(app).get_component_rich_style(f"time-axis--{name}")


def marked(app: ChronologyApp, line: int) -> str:
    """The cells drawn as the cursor's marker on ``line``: their characters, and where the first is."""
    cursor = {style_of(app, "cursor").bgcolor, style_of(app, "cursor-span").bgcolor}
    cells = axis_lines(app)[line]
    shown = [(x, ch) for x, (ch, style) in enumerate(cells) if style.bgcolor in cursor]
    return "".join(ch for _, ch in shown) + (f"@{shown[0][0]}" if shown else "")


async def go(pilot, app: ChronologyApp, event_id: str) -> None:
    main(app).go_to_event(event_id)
    await settle(pilot, app)


async def column_of(pilot, app: ChronologyApp, event_id: str) -> int:
    """Where the strip marks ``event_id`` (dated to a day) when it is highlighted."""
    await go(pilot, app, event_id)
    return int(marked(app, POINTS).split("@")[1])


# ---------------------------------------------------------------------------- what it shows
async def test_the_axis_places_rounds_by_date_so_gaps_are_to_scale(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        points = text(axis_lines(app)[POINTS])
        assert points.count("●") == 4  # 13 March, 11 April, 6 August (two that day), 2 December
        assert points.count("○") == 1  # 22 January, planned
        x = []
        for event_id in ("2025-03-13-moscow", "2025-04-11-saint-petersburg", "2025-08-06-moscow", "2025-12-02-moscow"):
            await go(pilot, app, event_id)
            x.append(int(marked(app, POINTS).split("@")[1]))
        assert x == sorted(x) and all(points[c] == "●" for c in x)
        # 29 days, then 117, then 118: the gaps on the strip keep those proportions.
        assert abs((x[1] - x[0]) / (x[3] - x[2]) - 29 / 118) < 0.05
        ranges = text(axis_lines(app)[RANGES])
        assert "┣━" in ranges  # the autumn visits: a round dated to a season
        assert ranges.lstrip().startswith("├")  # events dated only to 2025
        assert ranges.rstrip().endswith("┤")  # the statement and the plan dated to January 2026
        # The Davos talks, known only as "no later than 21 January", are not drawn as a dated point.
        davos = await column_of(pilot, app, "2026-davos-talks")
        assert points[davos] == "◀"


async def test_the_axis_labels_months_and_years_in_the_ui_language(seed_store: Store):
    for lang, months, other in (("uk", ("лют.", "бер.", "груд."), "Feb"), ("en", ("Feb", "Mar", "Dec"), "лют.")):
        app = app_on(seed_store, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            labels = text(axis_lines(app)[LABELS])
            assert labels.split()[0] == "2025" and labels.split()[-1] == "2026"
            assert all(m in labels for m in months) and other not in labels


async def test_planned_rounds_are_hollow_and_held_ones_solid(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        planned = await column_of(pilot, app, "2026-01-22-moscow")
        held = await column_of(pilot, app, "2025-12-02-moscow")
        await settle(pilot, app)
        points = axis_lines(app)[POINTS]
        assert points[planned][0] == "○" and points[planned][1].color == style_of(app, "planned").color
        assert points[held][0] == "●" and points[held][1].bgcolor == style_of(app, "cursor").bgcolor


# ---------------------------------------------------------------------------- the cursor
async def test_the_axis_marker_follows_the_cursor(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await go(pilot, app, "2025-04-11-saint-petersburg")
        april = marked(app, POINTS)
        assert april.startswith("●@")
        await pilot.press("down")
        await settle(pilot, app)
        august = marked(app, POINTS)  # the deadline known only as "no later than 6 August": not a dated point
        assert august.startswith("◂@") and int(august[2:]) > int(april[2:])
        assert marked(app, RANGES) == ""
        await pilot.press("end")  # the planned meeting: hollow, at the right end
        await settle(pilot, app)
        assert marked(app, POINTS).startswith("○@")
        await go(pilot, app, "2025-autumn-geneva-consultations")  # dated to a season: its range is marked
        autumn = marked(app, RANGES)
        # thin ends: not a round (inside, the autumn visits' heavy ━ of the same season stays in sight)
        assert autumn.startswith("├") and autumn.split("@")[0].endswith("┤") and len(autumn.split("@")[0]) > 20
        assert marked(app, POINTS) == ""


async def test_a_range_marked_keeps_the_narrower_ranges_inside_it_in_sight(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        first = seed_store.timeline()[0]
        assert current_id(app) == first.id and first.date == "2025"  # the context, dated to the year
        year = marked(app, RANGES).split("@")[0]
        assert year.startswith("├") and year.endswith("┤")
        assert "┣━" in year and "━┫" in year  # the autumn visits, a round dated to the season, within 2025


async def test_the_gap_since_the_previous_round_is_drawn_up_to_the_cursor(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        rows = {r.id: r for r in seed_store.timeline()}
        await go(pilot, app, "2025-04-11-saint-petersburg")  # 29 days after 13 March, nothing between
        assert rows["2025-04-11-saint-petersburg"].gap_undated == 0
        points = text(axis_lines(app)[POINTS])
        assert "●╌╌" in points and "╌╌●" in points and "┆" not in points  # too short for " 29 днів "
        # 118 days since 6 August, with the autumn visits (dated to the season) between: the axis says so, as
        # the detail does ("між ними були раунди без точної дати"), rather than claim the gap as it is.
        await go(pilot, app, "2025-12-02-moscow")
        assert rows["2025-12-02-moscow"].gap_undated and rows["2025-12-02-moscow"].gap_days == 118
        points = text(axis_lines(app)[POINTS])
        assert "●╌" in points and "╌ ┆ 118 днів ╌" in points and "╌●" in points
        await go(pilot, app, "2026-01-21-witkoff-cnbc")  # not a round: no gap drawn
        assert "╌" not in text(axis_lines(app)[POINTS])


async def test_clicking_the_axis_selects_the_nearest_event(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        december = await column_of(pilot, app, "2025-12-02-moscow")
        august = await column_of(pilot, app, "2025-08-06-moscow")
        await pilot.press("home")
        await pilot.press("tab")  # the detail pane has the focus: a click brings it back to the timeline
        await settle(pilot, app)
        await pilot.click(TimeAxis, offset=(december + 2, POINTS))  # two cells to the right of the meeting
        await settle(pilot, app)
        assert current_id(app) == "2025-12-02-moscow" and app.focused is main(app).timeline
        await pilot.click(TimeAxis, offset=(august, POINTS))  # two meetings that day: the first
        await settle(pilot, app)
        assert current_id(app) == seed_store.event_ids()[seed_store.position("2025-08-06-moscow")]
        await pilot.click(TimeAxis, offset=(december - 6, RANGES))  # the autumn's range: the round drawn on top
        await settle(pilot, app)
        autumn = [r for r in seed_store.timeline() if r.date.startswith("2025-23")]
        assert current_id(app) == next(r.id for r in autumn if r.kind in ROUND_KINDS) != autumn[-1].id


# ---------------------------------------------------------------------------- search
async def test_a_search_lights_its_matches_on_the_axis_and_dims_the_rest(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        april = await column_of(pilot, app, "2025-04-11-saint-petersburg")
        planned = await column_of(pilot, app, "2026-01-22-moscow")
        autumn = await column_of(pilot, app, "2025-12-02-moscow") - 6
        await type_query(pilot, app, "Кушнер")  # 2 December, 21 and 22 January
        lines = axis_lines(app)
        match, dim = style_of(app, "match").bgcolor, style_of(app, "dim").color
        assert lines[POINTS][planned][0] == "○" and lines[POINTS][planned][1].bgcolor == match
        assert lines[POINTS][april][0] == "●" and lines[POINTS][april][1].color == dim
        assert lines[RANGES][autumn][1].color == dim
        await pilot.press("escape")
        await settle(pilot, app)
        lines = axis_lines(app)
        assert lines[POINTS][planned][1].bgcolor != match and lines[POINTS][april][1].color != dim


async def test_clicking_the_axis_during_a_search_picks_a_match(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        december = await column_of(pilot, app, "2025-12-02-moscow")
        await type_query(pilot, app, "Женева")  # the autumn's consultations and plans
        await pilot.click(TimeAxis, offset=(december, POINTS))  # a dimmed meeting: the nearest match instead
        await settle(pilot, app)
        assert current_id(app) == "2025-autumn-plan-28-points"


# ---------------------------------------------------------------------------- sizes, changes, cost
async def test_the_axis_takes_two_lines_on_a_short_terminal(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot, app)
        lines = axis_lines(app)
        assert len(lines) == 2
        merged = text(lines[0])
        assert "●" in merged and "├" in merged and "○" in merged  # points over ranges, on one line
        assert "2025" in text(lines[1])


async def test_the_axis_follows_changes_to_the_store(seed_db_path: Path, seed_doc: Chronology):
    store = Store.open(seed_db_path)
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        early = seed_doc.events[2].model_copy(update={"id": "1999-extra", "date": "1999-05-01"})
        with Store.open(seed_db_path) as other:
            other.write(Chronology(events=[early]))
        main(app).poll_store()
        await settle(pilot, app)
        lines = axis_lines(app)
        points = text(lines[POINTS])
        assert points.lstrip().startswith("●") and points.index("●") < 4  # the new first round, at the left end
        assert text(lines[LABELS]).split()[0] == "2000"  # years now, not months
    store.close()


async def test_moving_the_cursor_reads_no_counts_and_redraws_only_the_marker(seed_store: Store, monkeypatch):
    reads: list[str] = []
    count = Store.date_bins

    def counting(self: Store, unit: str, positions=None):
        reads.append(unit)
        return count(self, unit, positions)

    monkeypatch.setattr(Store, "date_bins", counting)
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        axis = axis_of(app)
        assert reads == ["day"]
        drawn = {**axis._lines, **axis._strips}  # the lanes and labels, drawn once
        await pilot.press(*["down"] * 12)
        await settle(pilot, app)
        assert reads == ["day"]
        now = {**axis._lines, **axis._strips}
        assert now.keys() == drawn.keys() and all(now[k] is v for k, v in drawn.items())


async def test_without_the_axis_option_there_is_no_strip(seed_store: Store):
    app = make_app(seed_store, options=replace(AppOptions.steady(), time_axis=False))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert not axis_of(app).display and axis_of(app).data is None
        await pilot.press("down")
        await settle(pilot, app)
        assert current_id(app) == seed_store.event_ids()[1]


async def test_the_help_explains_how_to_read_the_axis(seed_store: Store):
    for lang, title, gap, bound, undated in (
        ("uk", "Вісь часу", "●╌ 29 днів ╌●", "«не пізніше»", "без точної дати"),
        ("en", "Time axis", "●╌ 29 days ╌●", "“no later than”", "without an exact date"),
    ):
        app = app_on(seed_store, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("question_mark")
            await settle(pilot, app)
            legend = str(app.screen.query_one("#help-legend").content)
            assert title in legend and "● ○ ×" in legend and "├──┤ ┣━━┫" in legend and gap in legend
            axis_part = legend.split(title)[1]
            assert "◀ ◁ ◂ ◃ " in axis_part and bound in axis_part.split("◀ ◁ ◂ ◃ ")[1].split("\n")[0]
            assert undated in axis_part.split("\n┆ ")[1].split("\n")[0]


async def test_the_axis_is_redrawn_in_a_new_theme(seed_store: Store):
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        december = await column_of(pilot, app, "2025-12-02-moscow")
        dark = {cells[0][1].bgcolor for cells in axis_lines(app)}
        app.theme = "textual-light"
        await settle(pilot, app)
        light = {cells[0][1].bgcolor for cells in axis_lines(app)}
        assert light == {axis_of(app).rich_style.bgcolor} and light != dark  # every line, the new background
        assert marked(app, POINTS) == f"●@{december}"


async def marks_of(pilot, app: ChronologyApp, event_id: str) -> tuple[str, str]:
    """The marker the strip draws for ``event_id`` when it is highlighted directly (ranges line, points line)."""
    await go(pilot, app, event_id)
    return marked(app, RANGES), marked(app, POINTS)


async def test_the_marker_follows_every_key_that_moves_the_cursor(seed_store: Store):
    """L, { and }, n and N move the cursor without ↑/↓: the strip marks where each one lands."""
    app = app_on(seed_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for keys in (["L"], ["left_curly_bracket"], ["left_curly_bracket"], ["right_curly_bracket"], ["Д"], ["Х"]):
            await pilot.press(*keys)
            await settle(pilot, app)
            landed, shown = current_id(app), (marked(app, RANGES), marked(app, POINTS))
            assert landed is not None and "@" in "".join(shown)
            assert shown == await marks_of(pilot, app, landed), keys
            await go(pilot, app, landed)
        await type_query(pilot, app, "Кушнер")  # 2 December, 21 and 22 January
        await pilot.press("enter")
        await settle(pilot, app)
        seen = set()
        for key in ("n", "n", "n", "N"):  # the third n goes round to the first match
            await pilot.press(key)
            await settle(pilot, app)
            landed, shown = current_id(app), (marked(app, RANGES), marked(app, POINTS))
            assert landed is not None and "@" in "".join(shown)
            seen.add(shown)
            index = main(app).timeline.cursor
            assert shown == await marks_of(pilot, app, landed), key
            main(app).timeline.cursor = index  # back where n left it (go_to_event keeps the search)
            await settle(pilot, app)
        assert len(seen) == 3

"""The store's reads: the timeline's rows, one event in full, the record lists, the whole document."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CANNOT_READ, ChronologyError
from ..problems import pydantic_problem
from . import rounds
from .claims import claim_records
from .files import store_error
from .order import OPEN_LOWER, OPEN_UPPER
from .rows import (
    ACTOR_COLUMNS,
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    ROW_COLUMNS,
    SOURCE_COLUMNS,
    ActorRow,
    DateBin,
    EventDetail,
    EventKey,
    TallyRow,
    TallyView,
    TimelineRow,
    actor_from_row,
    event_record,
    passage_record,
    quote_from_row,
    source_from_row,
    tally_from_row,
)

if TYPE_CHECKING:
    from ..models import Actor, Chronology, Event, Passage, Quote, Source, Tally

RECORD_LISTS = ("sources", "actors", "events", "quotes", "tallies")
# How many characters of an ISO date make a bin of each size (date_bins).
BIN_KEY_LENGTH = {"day": 10, "month": 7, "year": 4}


# The days an event is counted on by date_bins: an open end ("[..X]": any time before X) is not a day to draw,
# so such an event counts at its known end only.
_BIN_LOWER = "(CASE WHEN date_lower = :open_lower THEN date_upper ELSE date_lower END)"
_BIN_UPPER = "(CASE WHEN date_upper = :open_upper THEN date_lower ELSE date_upper END)"
# Which end is open (DateBin.open): 0 none, 1 "[..X]", 2 "[X..]".
_BIN_OPEN = "(CASE WHEN date_lower = :open_lower THEN 1 WHEN date_upper = :open_upper THEN 2 ELSE 0 END)"


class StoreReads:
    """The reads of :class:`~chronology.db.store.Store`; each holds :attr:`lock` (one connection, many threads)."""

    conn: sqlite3.Connection
    path: Path | None
    lock: threading.RLock

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: every read inside sees the same committed state (dry runs, exports)."""
        with self.lock:
            try:
                self.conn.execute("BEGIN")
            except sqlite3.Error as exc:
                raise store_error(exc, self.path, CANNOT_READ) from None
            try:
                yield
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    # ----------------------------------------------------------------- the timeline
    def count_events(self) -> int:
        return int(self._query("SELECT count(*) FROM events")[0][0])

    def timeline(self, start: int = 0, limit: int = -1) -> list[TimelineRow]:
        """Rows ``start`` … ``start + limit - 1`` in date order (an index range, cheap at any depth)."""
        if limit < 0:
            rows = self._query(f"SELECT {ROW_COLUMNS} FROM events WHERE pos >= ? ORDER BY pos", (start,))
        else:
            rows = self._query(
                f"SELECT {ROW_COLUMNS} FROM events WHERE pos >= ? AND pos < ? ORDER BY pos", (start, start + limit)
            )
        return [TimelineRow(*r) for r in rows]

    def rows_at(self, positions: Sequence[int]) -> list[TimelineRow]:
        """The rows at the given positions, in the order given (a filtered timeline's window)."""
        if not positions:
            return []
        found: dict[int, TimelineRow] = {}
        for chunk_start in range(0, len(positions), 500):
            chunk = list(positions[chunk_start : chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for r in self._query(f"SELECT {ROW_COLUMNS} FROM events WHERE pos IN ({marks})", chunk):
                found[r[0]] = TimelineRow(*r)
        return [found[p] for p in positions if p in found]

    def data_version(self) -> int:
        """Changes whenever another connection (e.g. `chronology import` elsewhere) commits to the file."""
        return int(self._query("PRAGMA data_version")[0][0])

    def position(self, event_id: str) -> int | None:
        rows = self._query("SELECT pos FROM events WHERE id = ?", (event_id,))
        return rows[0][0] if rows else None

    def year_starts(self) -> list[tuple[int, int, int]]:
        """(year, first position, number of events) for every year, in order."""
        return [
            (int(y), int(p), int(n))
            for y, p, n in self._query("SELECT year, min(pos), count(*) FROM events GROUP BY year ORDER BY year")
        ]

    # ----------------------------------------------------------------- rounds (see .rounds)
    def next_round(self, pos: int) -> int | None:
        """The position of the first round (a meeting or talks, held or planned) after ``pos``, or None."""
        with self.lock:
            return rounds.next_round(self.conn, pos)

    def previous_round(self, pos: int) -> int | None:
        """The position of the last round (a meeting or talks, held or planned) before ``pos``, or None."""
        with self.lock:
            return rounds.previous_round(self.conn, pos)

    def latest_held_round(self) -> int | None:
        """The position of the latest round that took place ("when did they last meet"), or None."""
        with self.lock:
            return rounds.latest_held_round(self.conn)

    def date_range(self) -> tuple[str, str] | None:
        """The first and the last sort date (``date_lower``) of the events, ISO; None for an empty store.
        Two index lookups."""
        # An open end ("[..X]", "[X..]") is not a date: such an event counts at its known end (see _BIN_DAYS).
        first, last = self._query(
            "SELECT min(d), max(d) FROM ("
            "SELECT min(date_lower) AS d FROM events WHERE date_lower > :open_lower "
            "UNION ALL SELECT max(date_lower) FROM events WHERE date_lower > :open_lower "
            "UNION ALL SELECT date_upper FROM events WHERE date_lower = :open_lower)",
            {"open_lower": OPEN_LOWER},
        )[0]
        return None if first is None else (str(first), str(last))

    def date_bins(self, unit: str, positions: Sequence[int] | None = None) -> list[DateBin]:
        """Events counted per ``unit`` ("day", "month", "year") of their first and last possible day, kind
        and status: one aggregate query, however many events (the time axis). With ``positions``, only
        the events at those timeline positions (a search's matches)."""
        n = BIN_KEY_LENGTH.get(unit)
        if n is None:
            raise ValueError(f"no bin unit {unit!r}")
        select = (
            f"SELECT substr({_BIN_LOWER}, 1, {n}), substr({_BIN_UPPER}, 1, {n}), {_BIN_UPPER} > {_BIN_LOWER}, "
            f"kind, status, count(*), min(pos), {_BIN_OPEN} FROM events"
        )
        group = " GROUP BY 1, 2, 3, 4, 5, 8"
        bounds = {"open_lower": OPEN_LOWER, "open_upper": OPEN_UPPER}
        if positions is None:
            rows = self._query(select + " WHERE pos IS NOT NULL" + group, bounds)
        else:
            where = " WHERE pos IN (SELECT value FROM json_each(:positions))"
            rows = self._query(select + where + group, {**bounds, "positions": json.dumps(list(positions))})
        return [
            DateBin(str(lo), str(up), bool(r), str(k), str(st), int(c), int(p), int(o))
            for lo, up, r, k, st, c, p, o in rows
        ]

    def event_ids(self) -> list[str]:
        return [r[0] for r in self._query("SELECT id FROM events ORDER BY pos")]

    def tally_rows(self) -> list[TallyRow]:
        """The tallies as plain rows (what the timeline's year headings need; no pydantic)."""
        with self.lock:
            links: dict[str, list[str]] = {}
            for tid, eid in self.conn.execute("SELECT tally_id, event_id FROM tally_events ORDER BY tally_id, ord"):
                links.setdefault(tid, []).append(eid)
            rows = self.conn.execute(
                "SELECT id, subject, subject_en, period, stated, source_id, offset, text FROM tallies ORDER BY id"
            ).fetchall()
        return [TallyRow(i, s, se, p, n, links.get(i, []), src, o, t) for i, s, se, p, n, src, o, t in rows]

    # ----------------------------------------------------------------- one event
    def event(self, event_id: str) -> EventDetail | None:
        """One event in full, or None if there is no such id. A row the models refuse (a store edited by
        hand) raises :class:`ChronologyError` naming the record's type and field, not pydantic's own error."""
        from pydantic import ValidationError  # pydantic: not at start-up

        try:
            return self._event(event_id)
        except ValidationError as exc:
            problems: list[str] = [
                pydantic_problem(".".join([exc.title, *map(str, err["loc"])]), err) for err in exc.errors()
            ]
            raise ChronologyError(problems) from None

    def _event(self, event_id: str) -> EventDetail | None:
        with self.lock:
            event = self.events_by_id([event_id]).get(event_id)
            if event is None:
                return None
            pos, gap_days, gap_from, gap_undated = self.conn.execute(
                "SELECT pos, gap_days, gap_from, gap_undated FROM events WHERE id = ?", (event_id,)
            ).fetchone()
            quotes = [
                quote_from_row(r)
                for r in self.conn.execute(
                    f"SELECT {QUOTE_COLUMNS} FROM quotes WHERE event_id = ? ORDER BY offset, id", (event_id,)
                )
            ]
            actor_ids = set(event.participants) | {q.speaker_id for q in quotes if q.speaker_id}
            actors = {a.id: a for a in self._actors(actor_ids)}
            source_ids = {c.source_id for c in event.citations} | {q.source_id for q in quotes}
            source_ids |= {c.passage.source_id for c in event.claims}
            sources = {s.id: s for s in self._sources(source_ids)}
            tallies = [TallyView(t, len(t.event_ids)) for t in self.tallies() if event_id in t.event_ids]
            before = None
            if event.before is not None:
                row = self.conn.execute("SELECT title, title_en FROM events WHERE id = ?", (event.before,)).fetchone()
                before = (row[0], row[1]) if row else None
            return EventDetail(
                event,
                pos,
                gap_days,
                actors,
                quotes,
                sources,
                tallies,
                gap_from=gap_from,
                gap_undated=gap_undated,
                before_title=before,
            )

    # ----------------------------------------------------------------- the record lists
    def _rows_for(self, sql: str, ids: set[str] | None) -> list[tuple[Any, ...]]:
        """``sql`` (a SELECT without WHERE) for every row, or only the rows whose id is in ``ids``
        (filtered in SQLite, so a detail view never reads every source's text), ordered by id."""
        if ids is None:
            return self._query(sql + " ORDER BY id")
        rows: list[tuple[Any, ...]] = []
        wanted = sorted(ids)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows += self._query(f"{sql} WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk)
        return sorted(rows, key=lambda r: r[0])

    def _actors(self, ids: set[str] | None = None) -> list[Actor]:
        return [actor_from_row(r) for r in self._rows_for(f"SELECT {ACTOR_COLUMNS} FROM actors", ids)]

    def actors(self) -> list[Actor]:
        return self._actors()

    def _sources(self, ids: set[str] | None = None) -> list[Source]:
        return [source_from_row(r) for r in self._rows_for(f"SELECT {SOURCE_COLUMNS} FROM sources", ids)]

    def sources(self) -> list[Source]:
        return self._sources()

    def source_texts(self) -> dict[str, str]:
        return dict(self._query("SELECT id, text FROM sources"))

    def record_ids(self, kind: str) -> set[str]:
        """The ids in one of the record lists: ``sources``, ``actors``, ``events``, ``quotes``, ``tallies``."""
        if kind not in RECORD_LISTS:
            raise ValueError(f"no record list {kind!r}")
        return {r[0] for r in self._query(f"SELECT id FROM {kind}")}

    def passages_of(self, source_id: str) -> list[tuple[str, int, str]]:
        """Every passage the store takes from a source, as (where, offset, text), ``where`` named like
        :func:`~chronology.db.rules.check_document` names it: ``events[ID].citations[0]``, ``quotes[ID]``."""
        rows = self._query(
            "SELECT 'events[' || event_id || '].citations[' || ord || ']', offset, text FROM citations "
            "WHERE source_id = ? UNION ALL "
            "SELECT 'quotes[' || id || ']', offset, text FROM quotes WHERE source_id = ? UNION ALL "
            "SELECT 'tallies[' || id || '].citation', offset, text FROM tallies WHERE source_id = ? UNION ALL "
            "SELECT 'events[' || event_id || '].claims[' || ord || '].passage', offset, text FROM claims "
            "WHERE source_id = ? ORDER BY 1",
            (source_id, source_id, source_id, source_id),
        )
        return [(w, int(o), t) for w, o, t in rows]

    def tallies(self) -> list[Tally]:
        return [tally_from_row(r) for r in self.tally_rows()]

    def events(self) -> Iterator[Event]:
        """Every event in date order, in full (exports); read 500 at a time."""
        ids = self.event_ids()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = self.events_by_id(chunk)
            yield from (found[eid] for eid in chunk if eid in found)

    def events_by_id(self, ids: Sequence[str]) -> dict[str, Event]:
        """The events with these ids, in full, read in bulk (:meth:`event_records`, validated by the model); unknown
        ids are left out."""
        from ..models import Event  # pydantic: not at start-up

        return {eid: Event.model_validate(record) for eid, record in self.event_records(ids).items()}

    def event_records(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The events with these ids as JSON data (what ``Event.model_dump(mode="json")`` gives), read in bulk
        (four queries per 500 ids) without pydantic; unknown ids are left out."""
        found: dict[str, dict[str, Any]] = {}
        wanted = list(dict.fromkeys(ids))
        with self.lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE id IN ({marks})", chunk).fetchall()
                participants: dict[str, list[str]] = {}
                for eid, aid in self.conn.execute(
                    f"SELECT event_id, actor_id FROM event_actors WHERE event_id IN ({marks}) ORDER BY event_id, ord",
                    chunk,
                ):
                    participants.setdefault(eid, []).append(aid)
                citations: dict[str, list[dict[str, Any]]] = {}
                for eid, s, o, t in self.conn.execute(
                    f"SELECT event_id, source_id, offset, text FROM citations WHERE event_id IN ({marks}) "
                    "ORDER BY event_id, ord",
                    chunk,
                ):
                    citations.setdefault(eid, []).append(passage_record(s, o, t))
                claims = claim_records(self.conn, chunk)
                for row in rows:
                    eid = row[0]
                    found[eid] = event_record(
                        row, participants.get(eid, []), citations.get(eid, []), claims.get(eid, [])
                    )
        return found

    def quotes(self) -> list[Quote]:
        columns = ", ".join(f"q.{c}" for c in QUOTE_COLUMNS.split(", "))
        return [
            quote_from_row(r)
            for r in self._query(
                f"SELECT {columns} FROM quotes q JOIN events e ON e.id = q.event_id ORDER BY e.pos, q.offset, q.id"
            )
        ]

    def quotes_of(self, event_ids: Sequence[str]) -> list[Quote]:
        """The quotes that hang on these events (an import checks them against the events' new citations)."""
        found: list[Quote] = []
        wanted = list(dict.fromkeys(event_ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += [
                quote_from_row(r)
                for r in self._query(f"SELECT {QUOTE_COLUMNS} FROM quotes WHERE event_id IN ({marks})", chunk)
            ]
        return found

    def citations_of(self, event_ids: Sequence[str]) -> dict[str, list[Passage]]:
        """The citations of these events, by event id, in order (what their quotes must lie inside)."""
        from ..models import Passage  # pydantic: not at start-up

        found: dict[str, list[Passage]] = {}
        wanted = list(dict.fromkeys(event_ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for eid, src, o, t in self._query(
                f"SELECT event_id, source_id, offset, text FROM citations WHERE event_id IN ({marks}) "
                "ORDER BY event_id, ord",
                chunk,
            ):
                found.setdefault(eid, []).append(Passage(source_id=src, offset=o, text=t))
        return found

    # ----------------------------------------------------------------- without pydantic (drafting, issue #12)
    def actor_rows(self) -> list[ActorRow]:
        """Every actor's names and role, as plain rows."""
        return [
            ActorRow(i, kind, nu, ne, json.loads(al), role or None, role_en, side)
            for i, kind, nu, ne, al, role, role_en, side in self._query(
                f"SELECT {ACTOR_COLUMNS} FROM actors ORDER BY id"
            )
        ]

    def event_keys(self) -> list[EventKey]:
        """Every event's id, date, place and participants, in date order (two queries, no pydantic)."""
        with self.lock:
            participants: dict[str, list[str]] = {}
            for eid, aid in self.conn.execute("SELECT event_id, actor_id FROM event_actors ORDER BY event_id, ord"):
                participants.setdefault(eid, []).append(aid)
            rows = self.conn.execute("SELECT id, date, place FROM events ORDER BY pos").fetchall()
        return [EventKey(i, d, p, participants.get(i, [])) for i, d, p in rows]

    def to_document(self) -> Chronology:
        """The whole store as one document (the import/export format)."""
        from ..models import Chronology  # pydantic: not at start-up

        return Chronology(
            sources=self.sources(),
            actors=self.actors(),
            events=list(self.events()),
            quotes=self.quotes(),
            tallies=self.tallies(),
        )

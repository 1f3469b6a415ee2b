"""Datasette metadata for a store: titles and descriptions of the tables and columns, the events' facets, a
canned query "search" that finds events by word (in their own text, their quotes, the passages they cite and
their participants' names) with the date and title of each, and the license.

    datasette chronology.db -m metadata.json

Datasette keys the metadata by the database's name, the file's name without ``.db``: :func:`metadata` takes
it. The words are in the UI language (catalog msgids in English). ``docs/datasette-metadata.json`` is this for
``chronology.db`` in Ukrainian (a test keeps it so).
"""

from __future__ import annotations

import json
from typing import Any

from ...i18n import translator
from ..labels import N_

LICENSE = "MIT"
LICENSE_URL = "https://opensource.org/license/mit"

# (column, description) per table, in the tables' order.
TABLES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "events": (
        N_(
            "Events of the chronology: meetings, talks, statements, plans. Search finds words in titles, summaries, "
            'outcomes and places; the canned query "search" also looks in quotes, cited passages and names.'
        ),
        (
            ("id", N_("Event id (chronology show ID)")),
            ("kind", N_("meeting, talks, consultation, statement, announcement or plan")),
            (
                "date",
                N_(
                    "Date as the source gives it, in EDTF: 2025-03-13, 2025-08 (a month), 2025-23 (autumn), "
                    "2026-01~ (about)"
                ),
            ),
            ("date_phrase", N_("The source's own words for a vague date")),
            ("date_lower", N_("First day the date can mean")),
            ("date_upper", N_("Last day the date can mean")),
            ("precision", N_("day, month, season or year")),
            ("year", N_("Year")),
            ("status", N_("held, planned or cancelled")),
            ("status_as_of", N_("When the status was known to hold")),
            ("place", N_("Place (empty: the source does not say)")),
            ("duration_minutes", N_("Duration in minutes (empty: the source does not say)")),
            ("duration_qualifier", N_("exact, about or at_least (more than)")),
            ("duration_phrase", N_("The source's own words for the duration")),
            ("title", N_("Title")),
            ("summary", N_("Summary")),
            ("outcome", N_("Outcome (empty: the source does not say)")),
            ("pos", N_("Place in date order, from 0")),
            ("gap_days", N_("Days since the previous round of talks held")),
        ),
    ),
    "quotes": (
        N_("Quotes, verbatim, each at its character offset in its source"),
        (
            ("event_id", N_("The event the quote belongs to")),
            ("speaker_id", N_("Who said it (empty: the source does not say)")),
            ("text", N_("The quote, verbatim")),
            ("given_as", N_("How it was given: in an interview, at a briefing…")),
            ("source_id", N_("The source it is quoted from")),
            ("offset", N_("Character offset of the quote in the source's text")),
        ),
    ),
    "citations": (
        N_("The passages of the sources each event is taken from"),
        (
            ("event_id", N_("The event")),
            ("ord", N_("Order of the passage within the event")),
            ("source_id", N_("The source")),
            ("offset", N_("Character offset of the passage in the source's text")),
            ("text", N_("The passage, verbatim")),
        ),
    ),
    "actors": (
        N_("People who take part or are quoted"),
        (
            ("name_uk", N_("Name in Ukrainian")),
            ("name_en", N_("Name in English")),
            ("aliases", N_("Other spellings, as sources write them (JSON list)")),
            ("role", N_("Role")),
            ("side", N_("US, RU, UA or other")),
        ),
    ),
    "event_actors": (N_("Who took part in which event"), ()),
    "sources": (
        N_("The published texts the chronology cites, kept verbatim"),
        (
            ("outlet", N_("Who published it")),
            ("cites", N_("Outlets it reports from (JSON list)")),
            ("published", N_("Date of publication")),
            ("url", N_("Web address (empty: not known)")),
            ("text", N_("The full text, verbatim")),
        ),
    ),
    "tallies": (
        N_('Counts the source states ("six times"), with the events it actually dates'),
        (
            ("subject", N_("What is counted")),
            ("period", N_("The period the count covers (EDTF)")),
            ("stated", N_("The count as the source states it")),
        ),
    ),
    "tally_events": (N_("The events a count dates"), ()),
}
LABEL_COLUMNS = {"events": "title", "actors": "name_uk", "sources": "title", "tallies": "subject"}
HIDDEN = ("search_rows", "search_terms")  # the app's own search index (folded words, normal forms)

# One row per hit: the event, where the words were found, a snippet with the words in [brackets]. Each word is
# a phrase (Datasette's escape_fts); an empty form matches nothing ('""') rather than failing.
SEARCH_SQL = """select e.id as event_id, e.date, e.title, hits.found_in, hits.snippet
from (
  select rowid as ev, {event} as found_in, snippet(events_fts, -1, '[', ']', '…', 16) as snippet, rank
    from events_fts where events_fts match {match}
  union all
  select e.rowid, {quote}, snippet(quotes_fts, -1, '[', ']', '…', 16), quotes_fts.rank
    from quotes_fts join quotes q on q.rowid = quotes_fts.rowid join events e on e.id = q.event_id
    where quotes_fts match {match}
  union all
  select e.rowid, {passage}, snippet(citations_fts, -1, '[', ']', '…', 16), citations_fts.rank
    from citations_fts join citations c on c.rowid = citations_fts.rowid join events e on e.id = c.event_id
    where citations_fts match {match}
  union all
  select e.rowid, {person}, snippet(actors_fts, -1, '[', ']', '…', 16), actors_fts.rank
    from actors_fts join actors a on a.rowid = actors_fts.rowid
    join event_actors ea on ea.actor_id = a.id join events e on e.id = ea.event_id
    where actors_fts match {match}
) hits join events e on e.rowid = hits.ev
order by e.pos, hits.rank"""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def metadata(database: str = "chronology", lang: str = "uk") -> dict[str, Any]:
    """Datasette's metadata for a store served as ``database`` (its file name without ``.db``), in ``lang``."""
    _ = translator(lang)
    tables: dict[str, Any] = {}
    for name, (description, columns) in TABLES.items():
        table: dict[str, Any] = {"description": _(description)}
        if columns:
            table["columns"] = {column: _(text) for column, text in columns}
        if name in LABEL_COLUMNS:
            table["label_column"] = LABEL_COLUMNS[name]
        tables[name] = table
    tables["events"].update({"sort": "pos", "facets": ["kind", "year", "place"]})
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    sql = SEARCH_SQL.format(
        match="coalesce(nullif(escape_fts(:q), ''), '\"\"')",
        event=_literal(_("in the event")),
        quote=_literal(_("in a quote")),
        passage=_literal(_("in a cited passage")),
        person=_literal(_("a participant")),
    )
    title = _("Chronology of US–Russia talks on the war in Ukraine")
    return {
        "title": title,
        "description": _(
            "Who met whom, when, for how long, who said what, and in which source. Quotes and passages are "
            "verbatim from their sources, which keep their own rights."
        ),
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "databases": {
            database: {
                "title": title,
                "tables": tables,
                "queries": {
                    "search": {
                        "title": _("Search events"),
                        "description": _(
                            "Events whose text, quotes, cited passages or participants' names hold every word "
                            "(as written: any case; no other forms of a word). One row per place found, in date "
                            "order; the words in [brackets]."
                        ),
                        "sql": sql,
                    }
                },
            }
        },
    }


def dumps_metadata(database: str = "chronology", lang: str = "uk") -> str:
    return json.dumps(metadata(database, lang), ensure_ascii=False, indent=2) + "\n"

"""Ranking direct hits by weighted bm25, as FTS5 computes it (and, for one prefix, worked out here)."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import or_
from typing import Any

from .hits import Ranked, with_records
from .morphology import query_forms
from .query import Query, Term
from .schema import ACTOR_BASE, COLUMNS, EVENT_OF, WEIGHTS

# Queries matching more rows than this rank (bm25) the first this many in rowid order: quotes before
# titles before background, shorter before longer. Counts and event positions are always complete.
RANK_CANDIDATES = 2000
_BM25 = "bm25(search_fts, " + ", ".join(str(WEIGHTS[c[0]]) for c in COLUMNS) + ")"


def _direct_rows(expr: str, excluded: set[int], allowed: Sequence[int] | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) of the direct hits of ``expr``, without excluded events, and
    only in the ``allowed`` events if given."""
    where = f"search_fts MATCH ? AND rowid < {ACTOR_BASE}"
    params: list[Any] = [expr]
    if excluded:
        where += f" AND {EVENT_OF} NOT IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(excluded)))
    if allowed is not None:
        where += f" AND {EVENT_OF} IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(allowed)))
    return where, params


def _candidates(limit: int) -> int:
    """How many direct hits, the first in rowid order, are ranked for a page of ``limit``."""
    return max(RANK_CANDIDATES, 4 * limit)


def rank(
    conn: sqlite3.Connection, expr: str, excluded: set[int], limit: int | None, allowed: Sequence[int] | None = None
) -> list[Ranked]:
    """The best direct hits by weighted bm25 (at most ``limit``), with what the page shows of each; only in
    the ``allowed`` events if given."""
    if limit == 0:
        return []
    where, params = _direct_rows(expr, excluded, allowed)
    inner = f"SELECT rowid, {_BM25} AS score FROM search_fts WHERE {where}"
    if limit is None:
        sql = inner + " ORDER BY score, rowid"
    else:
        sql = f"SELECT rowid, score FROM ({inner} ORDER BY rowid LIMIT ?) ORDER BY score, rowid LIMIT ?"
        params += [_candidates(limit), limit]
    return with_records(conn, conn.execute(sql, params).fetchall())


# bm25 as FTS5 computes it (fts5_aux.c): k1, b.
_K1, _B = 1.2, 0.75


def _varints(blob: bytes) -> list[int]:
    """SQLite's big-endian varints (FTS5's records are written with them)."""
    values, i, n = [], 0, len(blob)
    while i < n:
        value = 0
        for k in range(9):
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80 or i >= n:
                break
        values.append(value)
    return values


def _averages(conn: sqlite3.Connection) -> tuple[int, float]:
    """(rows, average tokens per row) of the index, as bm25 reads them from FTS5's averages record."""
    found = conn.execute("SELECT block FROM search_fts_data WHERE id = 1").fetchone()
    totals = _varints(found[0]) if found and found[0] else [0]
    n_rows = totals[0]
    return n_rows, (sum(totals[1:]) / n_rows if n_rows else 1.0)


def bm25_idf(conn: sqlite3.Connection, n_hit: int) -> float:
    """bm25's IDF of a term found in ``n_hit`` rows of the index (as FTS5 computes it)."""
    n_rows, _ = _averages(conn)
    idf = math.log((n_rows - n_hit + 0.5) / (n_hit + 0.5)) if n_rows else 0.0
    return idf if idf > 0.0 else 1e-6


def one_prefix_words(q: Query, expand: Callable[[str], list[str] | None] | None) -> list[str] | None:
    """The indexed words a query of one prefix stands for — or of one group of single words and prefixes,
    such as a word being typed ("женев": the word in any form, or a prefix) — as one bm25 term. None for
    other queries, and for a prefix of too many words."""
    if expand is None or len(q.groups) != 1:
        return None
    group = q.groups[0]
    if not any(t.prefix for t in group):
        return None
    words: list[str] = []
    for term in group:
        if term.exact or term.field is not None or len(term.keys) != 1:
            return None
        found = expand(term.keys[0]) if term.prefix else list(query_forms(term.keys[0]))
        if found is None:
            return None
        words += [w for w in found if w not in words]
    return words


def typed_words(
    groups: Sequence[Sequence[Term]], expand: Callable[[str], list[str] | None] | None
) -> tuple[list[str], list[str]]:
    """Every indexed word the text terms of ``groups`` stand for (a word's forms, a prefix's words, a
    phrase's words), to rank a query being typed as one term (:func:`rank_one_prefix`); and the prefixes
    that stand for too many words to list (any word starting so counts)."""
    words: list[str] = []
    prefixes: list[str] = []
    for group in groups:
        for term in group:
            if term.field is not None:
                continue
            for i, key in enumerate(term.keys):
                found: list[str] | None
                if term.prefix and i == len(term.keys) - 1:
                    found = expand(key) if expand else None
                    if found is None:
                        prefixes.append(key)
                        continue
                else:
                    found = [key] if term.exact else list(query_forms(key))
                words += [w for w in found if w not in words]
    return words, prefixes


def rank_one_prefix(
    conn: sqlite3.Connection,
    expr: str,
    words: Sequence[str],
    excluded: set[int],
    limit: int,
    allowed: Sequence[int] | None = None,
    prefixes: Sequence[str] = (),
) -> list[Ranked]:
    """:func:`_rank` for a query that is one prefix (``перегов*``): ``words`` are the indexed words it
    stands for, ``expr`` their FTS5 expression. The same order, and the same scores once multiplied by the
    prefix's IDF (:func:`_idf`; the caller counts the rows), several times faster.

    FTS5's bm25 keeps a prefix as one term but finds its rows twice (to match, then to count them for
    its IDF), merging the word lists of every word with the prefix each time. Here the candidates come
    from the spelled-out words and bm25 is worked out from their text; with one term, the IDF scales
    every score alike. Checked against FTS5's own bm25 by the tests.

    A query being typed is ranked so too, all its words as one term (:func:`typed_words`): FTS5's bm25
    counts every word's rows for its IDF, which takes longer than finding them. ``allowed``: see :func:`rank`;
    ``prefixes``: any word starting with one of them counts too (a prefix of too many words to list).
    """
    if limit == 0:
        return []
    wanted = set(words)
    where, params = _direct_rows(expr, excluded, allowed)
    # Each row fills one column group (see _columns): its weight, and its words as written and normal forms.
    found = conn.execute(
        "SELECT json_group_array(json_array(s.rowid, "
        "CASE WHEN s.qx IS NOT NULL THEN 0 WHEN s.tx IS NOT NULL THEN 1 ELSE 2 END, "
        "coalesce(s.qx, s.tx, s.bx, '') || ' ' || coalesce(s.ql, s.tl, s.bl, ''))) FROM ("
        f"SELECT rowid FROM search_fts WHERE {where} ORDER BY rowid LIMIT ?) f JOIN search_rows s ON s.rowid = f.rowid",
        [*params, _candidates(limit)],
    ).fetchone()[0]
    candidates = json.loads(found) if found else []
    if not candidates:
        return []
    _, avgdl = _averages(conn)
    weights = (WEIGHTS["q"], WEIGHTS["t"], WEIGHTS["b"])
    starts = tuple(prefixes)
    wanted_term = wanted.__contains__

    def instances(terms: list[str]) -> int:
        """How many of ``terms`` match (counted with C-level maps: 2,000 rows of a dozen words each)."""
        if not starts:
            return sum(map(wanted_term, terms))
        return sum(map(or_, map(wanted_term, terms), map(str.startswith, terms, repeat(starts))))

    scored: list[tuple[float, int]] = []
    for rowid, group, text in candidates:
        terms = text.split()
        freq = weights[group] * instances(terms)  # bm25 adds the column's weight per instance
        score = -1.0 * (freq * (_K1 + 1.0)) / (freq + _K1 * (1 - _B + _B * len(terms) / avgdl))
        scored.append((score, rowid))
    scored.sort()
    return with_records(conn, [(rowid, score) for score, rowid in scored[:limit]])

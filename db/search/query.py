"""What the user typed, as terms to look for: parsing, FTS5 expressions, actors' other names, highlights.

Query syntax (:func:`parse_query`; no input ever raises): see :mod:`chronology.db.search`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..text import nfc, tokens
from .fields import field_of, implicit_fields
from .morphology import CYRILLIC_WORD, lemmas, query_forms


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to look for: a word (any of its forms), a prefix, or an exact phrase — in the texts, or, with
    ``field``, in one field of the event (a filter: ``місце:Москві``; see :mod:`.fields`)."""

    keys: tuple[str, ...]  # folded words
    prefix: bool = False  # the last word is a prefix
    exact: bool = False  # quoted: the words exactly as typed (folded), in this order
    field: str | None = None  # place, kind, with, status, year, date: the event's field; None: the texts

    @property
    def is_word(self) -> bool:
        return len(self.keys) == 1 and not self.exact and not self.prefix and self.field is None


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (a group matches if any of its terms does); excluded terms
    remove the events they occur in."""

    text: str
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    typing: bool = False  # parsed as being typed: the last word is a prefix too (see parse_query)

    @property
    def is_empty(self) -> bool:
        """Nothing to look for (blank, only punctuation, or only exclusions)."""
        return not self.groups

    @property
    def terms(self) -> list[Term]:
        """The terms looked for in the texts (not field filters)."""
        return [t for g in self.groups for t in g if t.field is None]


_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“", "”": "”"}
_OR_WORDS = ("OR", "АБО")
_FIELD_NAME = re.compile(r"([^\W\d_]+):")  # a filter's name and its colon: "місце:", "kind:"


@dataclass
class _Item:
    terms: list[Term]  # alternatives: a word, the fields it also names, its prefix while typed
    negated: bool = False
    raw: str = ""  # the typed text (for OR kept literally)
    is_or: bool = False
    bare: bool = False  # typed unquoted: may be a word still being typed
    end: int = 0  # where it ends in the text


def _term(text: str, *, exact: bool, prefix: bool) -> Term | None:
    keys = tuple(t.key for t in tokens(text))
    if not keys:
        return None
    return Term(keys, prefix=prefix, exact=exact or len(keys) > 1)


def _field_term(field: str, value: str, *, quoted: bool) -> Term | None:
    """A filter: the value's words, each in any form (all of them in the field), or a quoted phrase."""
    prefix = value.endswith("*")
    keys = tuple(t.key for t in tokens(value))
    return Term(keys, prefix=prefix, exact=quoted, field=field) if keys else None


def _with_implicit(term: Term | None) -> list[Term]:
    """A plain word and the fields it also names (a month, a status: see :func:`.fields.implicit_fields`)."""
    if term is None:
        return []
    if not term.is_word:
        return [term]
    return [term, *(Term(term.keys, field=f) for f in implicit_fields(term.keys[0]))]


def _quoted(text: str, i: int) -> tuple[str, int]:
    """The body of the quotation opening at ``text[i]`` (to the end if unclosed), and where it ends."""
    close = text.find(_QUOTES[text[i]], i + 1)
    end = len(text) if close < 0 else close
    return text[i + 1 : end], end + 1


def _scan(text: str) -> list[_Item]:
    items: list[_Item] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch == "-" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
            ch = text[i]
        if ch in _QUOTES:
            body, i = _quoted(text, i)
            prefix = i < n and text[i] == "*"
            if prefix:
                i += 1
            term = _term(body, exact=True, prefix=prefix)
            items.append(_Item([term] if term else [], negated, body, end=i))
            continue
        named = _FIELD_NAME.match(text, i)
        field = field_of(named.group(1)) if named else None
        if named and field:
            i = named.end()
            if i < n and text[i] in _QUOTES:
                value, i = _quoted(text, i)
                term = _field_term(field, value, quoted=True)
                items.append(_Item([term] if term else [], negated, value, end=i))
                continue
            start = i
            while i < n and not text[i].isspace():
                i += 1
            term = _field_term(field, text[start:i], quoted=False)
            items.append(_Item([term] if term else [], negated, text[start:i], bare=True, end=i))
            continue
        start = i
        while i < n and not text[i].isspace():
            i += 1
        word = text[start:i]
        if not negated and word in _OR_WORDS:
            items.append(_Item([], False, word, is_or=True, end=i))
            continue
        prefix = word.endswith("*")
        term = _term(word, exact=False, prefix=prefix)
        items.append(_Item(_with_implicit(term), negated, word, bare=not prefix, end=i))
    return items


def _typed_on(item: _Item) -> None:
    """The last word of a query being typed: its prefix matches too ("женев" finds "Женеві", "Женева")."""
    if not item.terms:
        return
    first = item.terms[0]
    if first.prefix:
        return
    item.terms.append(Term(first.keys, prefix=True, exact=first.exact, field=first.field))


def parse_query(text: str, *, typing: bool = False) -> Query:
    """Parse what the user typed; never raises. See :mod:`chronology.db.search` for the syntax.

    ``typing``: the query is being typed (the app's search bar, the palette): its last word, unless quoted
    or followed by a space, also matches as a prefix, and a trailing OR waits for its second term."""
    if not isinstance(text, str):
        text = ""
    text = nfc(text)
    items = _scan(text)
    if typing and items and items[-1].is_or:
        items.pop()  # "Кушнер OR" being typed: the OR waits for what follows
    elif typing and items and items[-1].bare and not items[-1].negated and items[-1].end == len(text):
        _typed_on(items[-1])  # the last word, with no space after it yet
    # An OR counts only between two wanted terms; anywhere else it is the word "or"/"або".
    for k, item in enumerate(items):
        if item.is_or:
            before = items[k - 1] if k > 0 else None
            after = items[k + 1] if k + 1 < len(items) else None
            ok = (
                before is not None
                and after is not None
                and not before.is_or
                and not after.is_or
                and not before.negated
                and not after.negated
                and bool(before.terms)
                and bool(after.terms)
            )
            if not ok:
                item.is_or = False
                item.terms = _with_implicit(_term(item.raw, exact=False, prefix=False))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for item in items:
        if item.is_or:
            join_next = True
            continue
        if not item.terms:
            continue
        if item.negated:
            excluded += [t for t in item.terms if t not in excluded]
        elif join_next and groups:
            groups[-1] += [t for t in item.terms if t not in groups[-1]]
        else:
            groups.append(list(dict.fromkeys(item.terms)))
        join_next = False
    unique: list[tuple[Term, ...]] = []
    for g in groups:
        if tuple(g) not in unique:
            unique.append(tuple(g))
    return Query(text, tuple(unique), tuple(excluded), typing)


def _quote_fts(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


_X = "{qx tx bx}"  # folded words as written: exact phrases (not across the normal forms' columns)


def _group_fts(group: Sequence[Term], expand: Callable[[str], list[str] | None] | None) -> str:
    """One OR-group: the words' normal forms together, then each prefix and phrase."""
    forms: list[str] = []
    parts: list[str] = []
    for t in group:
        if t.field is not None:
            continue  # a field filter: found by .filters, not in the texts
        if t.is_word:
            forms += [f for f in query_forms(t.keys[0]) if f not in forms]
        elif len(t.keys) == 1 and t.prefix and not t.exact:
            terms = expand(t.keys[0]) if expand else None
            if terms is None:
                parts.append(f"{_quote_fts(t.keys[0])} *")
            elif terms:
                parts.append(" OR ".join(_quote_fts(x) for x in terms))
            else:
                parts.append('""')  # no indexed word starts so: matches nothing
        else:
            parts.append(f"{_X} : {_quote_fts(' '.join(t.keys))}" + (" *" if t.prefix else ""))
    # A form the group's prefix covers ("пер" being typed: "пер", "перо") is found by the prefix already.
    covered = tuple(t.keys[0] for t in group if t.field is None and len(t.keys) == 1 and t.prefix and not t.exact)
    forms = [f for f in forms if not f.startswith(covered)] if covered else forms
    if forms:
        # Any column: a word as written is one of its normal forms too (and then counts twice for bm25).
        parts.insert(0, " OR ".join(_quote_fts(f) for f in forms))
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(f"({p})" for p in parts) + ")"


def fts_expression(
    groups: Sequence[Sequence[Term]],
    expand: Callable[[str], list[str] | None] | None = None,
    *,
    without: Sequence[Sequence[Term]] = (),
) -> str:
    """The FTS5 MATCH expression for AND-ed groups of OR-ed terms (every string quoted: no syntax leaks);
    field filters are left out (a group of filters alone adds nothing). ``without``: groups none of which
    may match (FTS5's NOT), e.g. the words of a group an event's field already satisfies.

    ``expand(prefix)`` may list the indexed words a prefix stands for (None: too many, let FTS5 do it).
    """
    parts = [_group_fts(g, expand) for g in groups]
    expr = " AND ".join(f"({p})" for p in parts if p)
    others = [p for p in (_group_fts(g, expand) for g in without) if p]
    if expr and others:
        expr = f"({expr}) NOT ({' OR '.join(f'({p})' for p in others)})"
    return expr


# A prefix standing for at most this many indexed words is searched as those words: FTS5 merges the
# documents of a prefix at every use, twice as slowly as it looks up a few words.
PREFIX_WORDS = 64
# TERMS: ``search_terms`` lists every word ever written to the index's columns, so that a prefix is spelled
# out with one lookup in a small table (FTS5's own vocabulary table counts every word's documents on the way,
# which takes longer than the search). Words of deleted records stay until a reindex; they match nothing.


def prefix_expander(conn: sqlite3.Connection) -> Callable[[str], list[str] | None]:
    def expand(prefix: str) -> list[str] | None:
        terms = [
            t
            for (t,) in conn.execute(
                "SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
                (prefix, prefix + "\U0010ffff", PREFIX_WORDS + 1),
            )
        ]
        return None if len(terms) > PREFIX_WORDS else terms

    return expand


def _token_matches(term: Term, key: str) -> bool:
    if term.prefix:
        p = term.keys[-1]
        return key.startswith(p) or (not term.exact and any(f.startswith(p) for f in lemmas(key)))
    if term.exact:
        return key == term.keys[-1]
    wanted = query_forms(term.keys[0])
    if key == term.keys[0] or key in wanted:
        return True
    return any(f in wanted for f in lemmas(key))


def match_spans(query: str | Query, text: str) -> list[tuple[int, int]]:
    """Where the query's words (any form), prefixes and phrases occur in ``text`` (original, unfolded):
    sorted, non-overlapping ``(start, end)`` character ranges. Excluded terms are not highlighted."""
    q = query if isinstance(query, Query) else parse_query(query)
    if not q.terms or not text:
        return []
    toks = tokens(text)
    keys = [t.key for t in toks]
    found: list[tuple[int, int]] = []
    for term in q.terms:
        n = len(term.keys)
        if n == 1:
            found += [(t.start, t.end) for t in toks if _token_matches(term, t.key)]
            continue
        for i in range(len(toks) - n + 1):
            if keys[i : i + n - 1] == list(term.keys[:-1]) and _token_matches(term, keys[i + n - 1]):
                found.append((toks[i].start, toks[i + n - 1].end))
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


SNIPPET_WORDS = 10
ELLIPSIS = "…"


def snippet(
    text: str, spans: Sequence[tuple[int, int]], words: int = SNIPPET_WORDS
) -> tuple[str, list[tuple[int, int]]]:
    """About ``words`` words of ``text`` around its first highlighted span, on one line, with the spans
    moved into the excerpt ("…" marks cut ends)."""
    toks = tokens(text)
    one_line = "".join(" " if ch.isspace() else ch for ch in text)  # same length: offsets still hold
    if len(toks) <= words:
        start, end = 0, len(text)
    else:
        anchor = spans[0][0] if spans else 0
        first = next((i for i, t in enumerate(toks) if t.end > anchor), 0)
        lo = max(0, first - words // 3)
        hi = min(len(toks), lo + words)
        lo = max(0, hi - words)
        start = 0 if lo == 0 else toks[lo].start
        end = len(text) if hi == len(toks) else toks[hi - 1].end
        if spans:  # never cut a highlighted phrase in half
            end = max(end, min(len(text), spans[0][1]))
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    body = one_line[start:end]
    shift = len(lead) - start
    moved = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end]
    return lead + body + tail, moved


def name_keys(names: Iterable[str]) -> tuple[str, ...]:
    """The one-word names among ``names`` as folded words ("Віткофф", "Witkoff"; not "Стівен Віткофф")."""
    keys: list[str] = []
    for name in names:
        found = tokens(name)
        if len(found) == 1 and found[0].key not in keys:
            keys.append(found[0].key)
    return tuple(keys)


def _script(word: str) -> str:
    return "cyrillic" if CYRILLIC_WORD.search(word) else "other"


def _same_word(a: str, b: str) -> bool:
    return a == b or not set(query_forms(a)).isdisjoint(query_forms(b))


def expand_aliases(q: Query, names: Sequence[tuple[str, tuple[str, ...]]]) -> Query:
    """Let a word that is an actor's one-word name (in any form) find every other name of the actor:
    "Дмитрієв" also finds "Дмітрієвим", "Уіткофф" finds "Віткоффа" and "Witkoff"; so does a prefix of one
    ("Уіткоф*"). ``names``: each actor's id and one-word names, folded."""

    def expand(term: Term) -> list[Term]:
        typed = len(term.keys) == 1 and not term.exact and term.field is None
        if not typed:
            return [term]
        out = [term]
        word = term.keys[0]
        script = _script(word)
        for _aid, keys in names:
            # A prefix that starts one of the names stands for the actor too ("Уіткоф" being typed).
            if any(k.startswith(word) if term.prefix else _same_word(word, k) for k in keys):
                # Names in the typed word's script: "Уіткофф" finds "Віткоффа", "Witkoff" finds "Witkoff's".
                # (A Latin name's rarity would otherwise rank English counterparts above Ukrainian text.)
                out += [Term((k,)) for k in keys if _script(k) == script and Term((k,)) not in out]
        return out

    groups = []
    for group in q.groups:
        alts: list[Term] = []
        for t in group:
            alts += [x for x in expand(t) if x not in alts]
        groups.append(tuple(alts))
    excluded: list[Term] = []
    for t in q.excluded:
        excluded += [x for x in expand(t) if x not in excluded]
    return Query(q.text, tuple(groups), tuple(excluded), q.typing)

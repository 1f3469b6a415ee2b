"""Markdown: a readable chronology for reports.

Events by year in date order, each with its sections in the view's order (the date and title as its
heading; quotes verbatim with who said them; [n] points into the list of sources at the end, with
character offsets); then the source's own counts and the sources.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from chronology.db.edtf import parse_edtf
from chronology.db.store import Store

from ...i18n import translator
from ..event_view import Claims, DateLine, EventView, Fact, Passages, People, Quotes, Title, Value, shown
from ..labels import pick, source_label, source_title, tally_phrase
from .common import one_line, read_views, web_address

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\.)(?=\s|$)", re.MULTILINE)


def md_escape(text: str) -> str:
    """Text as literal Markdown: characters that would format are backslash-escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _inline(text: str) -> str:
    return md_escape(one_line(text))


def _value(value: Value) -> str:
    return _inline(shown(value))


def event_lines(view: EventView, number: dict[str, int]) -> list[str]:
    """One event: its heading, then its sections in order. ``number``: each source's [n]."""
    out: list[str] = []
    for section in view.sections:
        match section:
            case DateLine():
                out.append(f"### {_inline(section.plain)}")
            case Title():
                out += [f"{out.pop()} — {_inline(section.value.text)}", ""]
            case Fact(key="summary"):
                out += ["", f"**{section.label}:** {md_escape(section.value.text.strip())}"]
            case Fact(key="outcome"):
                out += ["", f"**{section.label}:** {_value(section.value)}"]
            case Fact(key="id"):
                out += ["", f"{section.label}: `{section.value.text}`"]
            case Fact(key="tally"):
                out.append(f"- {_inline(section.label)}: {section.value.text}")
            case Fact():
                out.append(f"- **{section.label}:** {_value(section.value)}")
            case People():
                people = ", ".join(p.described for p in section.people if not p.name.fallback)
                fallback = section.fallback.text if section.fallback else ""
                out.append(f"- **{section.label}:** {_inline(people) if people else fallback}")
            case Claims():
                out.append(f"- **{section.label}:**")
                for claim in section.claims:
                    c = claim.passage
                    ref = f"[{number[c.source.id]}, {c.where}]"
                    out.append(f"  - {claim.field}: {_value(claim.value)} {ref} «{_inline(c.text.text)}»")
            case Quotes():
                out += ["", f"**{section.label}:**", ""]
                for q in section.quotes:
                    ref = f"[{number[q.source.id]}, {q.where}]"
                    out.append(f"> {_value(q.text)} — {_inline(q.attribution)} {ref}")
                    out.append(">")
                out.pop()
            case Passages():
                out += ["", f"**{section.label}:**", ""]
                for c in section.passages:
                    out.append(f"- [{number[c.source.id]}, {c.where}] «{_inline(c.text.text)}»")
    return out


def export_markdown(store: Store, lang: str = "uk", event_ids: Collection[str] | None = None) -> str:
    """The chronology in Markdown, in ``lang``."""
    _ = translator(lang)
    doc, views = read_views(store, lang, event_ids)
    number = {s.id: i for i, s in enumerate(doc.sources, 1)}
    out = [
        f"# {_inline(_('Chronology of US–Russia talks on the war in Ukraine'))}",
        "",
        _("{events} events in date order. Quotes are verbatim; [n] marks the source, with character offsets.").format(
            events=len(views)
        ),
    ]
    titles = {v.id: v.title for v in views}
    year: int | None = None
    for view in views:
        y = parse_edtf(view.edtf).year
        if y != year:
            year = y
            out += ["", f"## {y}"]
        out += ["", *event_lines(view, number)]
    if doc.tallies:
        out += ["", f"## {_('Counts in the source')}", ""]
        for tally in doc.tallies:
            count = tally_phrase(tally.stated, len(tally.event_ids), lang)
            c = tally.citation
            ref = f"[{number[c.source_id]}, {_('chars')} {c.offset}–{c.end}]"
            dated = ", ".join(titles[eid] for eid in tally.event_ids if eid in titles)  # those exported
            out.append(
                f"- {_inline(pick(tally.subject, tally.subject_en, lang) or '')}: {count} — «{_inline(c.text)}» "
                f"{ref}" + (f". {_('Dated events')}: {_inline(dated)}" if dated else "")
            )
    out += ["", f"## {_('Sources')}", ""]
    for s in doc.sources:
        line = f"{number[s.id]}. {_inline(source_label(s, lang))} — {_inline(source_title(s, lang))}"
        if url := web_address(s.url):
            line += f" <{url}>"
        out.append(line)
    return "\n".join(out) + "\n"

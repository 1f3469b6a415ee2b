"""An event as plain text lines, for ``chronology show``: its sections in the view's order.

четвер, 13 березня 2025 р. — Перша зустріч Віткоффа з путіним у Москві

Вид: зустріч
…
Учасники:
  Стівен Віткофф — спецпосланець президента США (США)
"""

from __future__ import annotations

from .event_view import Claims, DateLine, EventView, Fact, Passages, People, Quotes, Title, shown

# A blank line before these sections (the head's facts run on without one).
_PARAGRAPHS = {"participants", "summary", "outcome", "quotes", "sources", "id"}


def plain_lines(view: EventView) -> list[str]:
    lines: list[str] = []
    for section in view.sections:
        if section.key in _PARAGRAPHS:
            lines.append("")
        match section:
            case DateLine():
                lines.append(section.text)
            case Title():
                lines[-1] += f" — {section.value.text}"
                lines.append("")
            case Fact():
                lines.append(f"{section.label}: {shown(section.value)}")
            case People():
                lines.append(f"{section.label}:")
                for p in section.people:
                    lines.append(f"  {p.described}")
                if section.fallback:
                    lines.append(f"  {section.fallback.text}")
            case Quotes():
                lines.append(f"{section.label}:")
                for q in section.quotes:
                    lines.append(f"  {shown(q.text)} — {q.attribution} [{q.source.outlet}, {q.where}]")
            case Claims():
                lines.append(f"{section.label}:")
                for claim in section.claims:
                    c = claim.passage
                    lines.append(f"  {claim.field}: {claim.value.text} — {c.source.label} [{c.where}]:")
                    lines.append(f"    {shown(c.text)}")
            case Passages():
                lines.append(f"{section.label}:")
                for c in section.passages:
                    lines.append(f"  {c.source.label} [{c.where}]:")
                    lines.append(f"    {shown(c.text)}")
                    if c.source.url:
                        lines.append(f"    {c.source.url}")
    return lines

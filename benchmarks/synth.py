"""Synthetic chronologies for benchmarks: N events of realistic Ukrainian text, ~3 quotes each.

The words come from the bundled seed article (so the search index sees real Ukrainian word forms), the
actors are the seed's, and every quote and citation is a real slice of a generated source, so the data
passes the same verbatim checks as curated data. Deterministic for a given ``seed``.

    python benchmarks/synth.py --rounds 100000 /tmp/big.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

from chronology.db.models import (
    Actor,
    Chronology,
    Duration,
    DurationQualifier,
    Event,
    EventKind,
    Passage,
    Quote,
    Source,
    Status,
)
from chronology.db.seeds import load_seed
from chronology.db.store import Store

# Place and its locative ("у Женеві") for titles.
PLACES = {
    "Москва": "Москві",
    "Санкт-Петербург": "Санкт-Петербурзі",
    "Женева": "Женеві",
    "Давос": "Давосі",
    "Стамбул": "Стамбулі",
    "Ер-Ріяд": "Ер-Ріяді",
    "Абу-Дабі": "Абу-Дабі",
    "Гельсінкі": "Гельсінкі",
    "Відень": "Відні",
}
FIRST_DAY = dt.date(1995, 1, 1)
LAST_DAY = dt.date(2026, 1, 21)
EVENTS_PER_SOURCE = 10
QUOTES_PER_EVENT = 3
KINDS = [EventKind.MEETING] * 5 + [EventKind.TALKS] * 3 + [EventKind.CONSULTATION, EventKind.STATEMENT]
TITLES = ["Зустріч", "Переговори", "Раунд переговорів", "Консультації", "Неформальна зустріч"]
OUTLETS = ["УНН", "Укрінформ", "Суспільне", "Reuters", "Bloomberg", "CNBC"]


def _vocabulary(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*", text)
    return [w for w in words if len(w) > 2 and w != "date"]


def _sentence(rng: random.Random, vocab: list[str], lo: int = 8, hi: int = 18) -> str:
    words = rng.choices(vocab, k=rng.randint(lo, hi))
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + "."


def generate(rounds: int, seed: int = 0) -> Chronology:
    """A chronology of ``rounds`` events (~3 quotes each), built without re-validating every record."""
    rng = random.Random(seed)
    base = load_seed()
    vocab = _vocabulary(base.sources[0].text)
    actors: list[Actor] = list(base.actors)
    actor_ids = [a.id for a in actors]
    names = {a.id: a.name_uk for a in actors}
    sources: list[Source] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    span = (LAST_DAY - FIRST_DAY).days
    for first in range(0, rounds, EVENTS_PER_SOURCE):
        batch = range(first, min(rounds, first + EVENTS_PER_SOURCE))
        sid = f"src-{first // EVENTS_PER_SOURCE:06d}"
        paragraphs: list[str] = []
        offset = 0
        pending: list[tuple[int, int, list[tuple[int, str]]]] = []  # (event no, citation offset, quote spans)
        for n in batch:
            sentences = [_sentence(rng, vocab) for _ in range(QUOTES_PER_EVENT + 1)]
            para = " ".join(sentences)
            quote_spans = []
            pos = len(sentences[0]) + 1
            for s in sentences[1:]:
                words = s.rstrip(".").split(" ")
                a = rng.randint(0, max(0, len(words) - 5))
                q = " ".join(words[a : a + rng.randint(3, 6)])
                quote_spans.append((offset + pos + s.index(q), q))
                pos += len(s) + 1
            pending.append((n, offset, quote_spans))
            paragraphs.append(para)
            offset += len(para) + 2
        text = "\n\n".join(paragraphs)
        published = FIRST_DAY + dt.timedelta(days=min(span, (first + EVENTS_PER_SOURCE) * span // max(rounds, 1)))
        sources.append(
            Source.model_construct(
                id=sid,
                outlet=rng.choice(OUTLETS),
                cites=[],
                title=_sentence(rng, vocab, 4, 8).rstrip("."),
                published=published,
                language="uk",
                url=None,
                text=text,
            )
        )
        for n, cit_offset, quote_spans in pending:
            # Spread evenly over 1995–2026 (several a day at 100k), jittered within a few days.
            day = FIRST_DAY + dt.timedelta(days=min(span, n * span // max(rounds, 1) + rng.randint(0, 3)))
            kind = rng.choice(KINDS)
            who = rng.sample(actor_ids, k=rng.randint(2, 4))
            place = rng.choice(list(PLACES))
            first_sentence_end = text.index(".", cit_offset) + 1
            eid = f"ev-{n:06d}"
            status = Status.PLANNED if n == rounds - 1 else Status.HELD
            events.append(
                Event.model_construct(
                    id=eid,
                    kind=kind,
                    date=day.isoformat(),
                    date_phrase=None,
                    status=status,
                    status_as_of=day - dt.timedelta(days=1) if status is Status.PLANNED else None,
                    place=place,
                    place_en=None,
                    duration=Duration.model_construct(
                        minutes=rng.choice([60, 90, 120, 180, 240, 300, 720]),
                        qualifier=rng.choice(list(DurationQualifier)),
                        phrase=None,
                    )
                    if kind in (EventKind.MEETING, EventKind.TALKS)
                    else None,
                    participants=who,
                    title=f"{rng.choice(TITLES)} у {PLACES[place]}: {names[who[0]]}, {names[who[1]]}",
                    title_en=None,
                    summary=_sentence(rng, vocab, 15, 30),
                    summary_en=None,
                    outcome=_sentence(rng, vocab, 6, 12) if rng.random() < 0.6 else None,
                    outcome_en=None,
                    citations=[
                        Passage.model_construct(
                            source_id=sid, offset=cit_offset, text=text[cit_offset:first_sentence_end]
                        )
                    ],
                )
            )
            for k, (q_offset, q_text) in enumerate(quote_spans):
                quotes.append(
                    Quote.model_construct(
                        id=f"q-{n:06d}-{k}",
                        event_id=eid,
                        speaker_id=rng.choice(who),
                        text=q_text,
                        given_as=rng.choice([None, "в інтерв'ю CNBC", "на брифінгу", "у заяві"]),
                        source_id=sid,
                        offset=q_offset,
                    )
                )
    return Chronology.model_construct(sources=sources, actors=actors, events=events, quotes=quotes, tallies=[])


def build_store(path: Path, rounds: int, seed: int = 0) -> None:
    """Generate ``rounds`` events and build a store file at ``path`` (which must not exist)."""
    Store.build(path, generate(rounds, seed)).close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="store file to create (must not exist)")
    parser.add_argument("--rounds", type=int, default=100_000, help="number of events (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    build_store(args.path, args.rounds, args.seed)
    size = args.path.stat().st_size / 2**20
    print(f"{args.rounds} events → {args.path} ({size:.1f} MiB) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

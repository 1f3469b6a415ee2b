"""Dates in the forms articles write them, resolved against the publication date into EDTF.

"13 березня 2025 року", "13 березня" (year from the paragraph or the publication date and the tense),
"у середу, 9 квітня", "у четвер", "минулого понеділка", "наступного тижня", "вчора", "на початку 2025
року", "восени", "у серпні", "до кінця місяця", "на початку наступного місяця", "близько 10 березня" …
Month and weekday names come from CLDR through :mod:`.lexicon`, in every grammatical case.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .date_words import (  # the relative calendar's words
    _APPROX,
    _DAYS,
    _MONTH,
    _NEXT,
    _PARTS,
    _PREV,
    _SEASON_ADVERBS,
    _SEASON_STEMS,
    _SINCE,
    _THIS,
    _UNCERTAIN,
    _WEEK,
    _YEAR,
    _month_edtf,
    _pick_year,
    _safe_day,
)
from .lexicon import key, month_forms, month_of_adjective, weekday_forms
from .segments import Segments
from .tense import Tense


@dataclass
class DateMention:
    """A date phrase of the article: ``text[start:end]`` means ``edtf``."""

    start: int
    end: int
    edtf: str
    phrase: str
    relative: bool = False  # "у четвер", "вчора", "наступного тижня": keep the words as date_phrase
    part: bool = False  # "на початку …", "до кінця …": a part of the period
    since: bool = False  # "з 2022 року", "протягом 2025 року": a bound or span, not the date of an event
    anaphoric: bool = False  # "квітневої зустрічі", "напередодні": refers to an event told elsewhere
    explicit_year: bool = False
    flags: list[str] = field(default_factory=list)

    @property
    def day(self) -> dt.date | None:
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", self.edtf)
        return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None

    @property
    def vague(self) -> bool:
        return self.relative or self.part or self.day is None or self.edtf[-1:] in "~?%"


TenseAt = Callable[[int], Tense]


class _Scanner:
    def __init__(self, seg: Segments, published: dt.date, tense_at: TenseAt):
        self.seg = seg
        self.text = seg.text
        self.published = published
        self.tense_at = tense_at
        self.tokens = seg.tokens
        self.keys = [t.key for t in self.tokens]
        self.months = month_forms()
        self.weekdays = weekday_forms()
        self.found: list[DateMention] = []
        self.context_year: dict[int, int] = {}  # paragraph → last explicit year

    # ------------------------------------------------------------------ helpers
    def gap(self, i: int) -> str:
        """The characters between token i and token i+1."""
        return self.text[self.tokens[i].end : self.tokens[i + 1].start] if i + 1 < len(self.tokens) else ""

    def year_at(self, i: int) -> tuple[int, int] | None:
        """A year at token i ("2025 року", "2025 р.", "2025-го"): (year, index of its last token)."""
        if i >= len(self.tokens):
            return None
        t = self.tokens[i]
        if not (t.text.isdigit() and len(t.text) == 4 and 1900 <= int(t.text) <= 2100):
            return None
        j = i
        if i + 1 < len(self.tokens) and self.keys[i + 1] in _YEAR | {"го", "му"} and len(self.gap(i).strip("-")) <= 1:
            j = i + 1
        return int(t.text), j

    def paragraph_of(self, pos: int) -> int:
        s = self.seg.sentence_at(pos)
        return s.paragraph if s else -1

    def ctx_year(self, pos: int) -> int | None:
        return self.context_year.get(self.paragraph_of(pos))

    def prefix(self, i: int) -> tuple[int, list[str]]:
        """Extend a date leftwards over its qualifiers ("на початку", "близько", "з"); return the new start
        and the flags found (part, approx, uncertain, since)."""
        start = self.tokens[i].start
        flags: list[str] = []
        before = self.text[max(0, start - 40) : start].casefold()
        for part in _PARTS:
            if re.search(rf"(?:^|\W){re.escape(part)}\s+$", before):
                start -= len(re.search(rf"{re.escape(part)}\s+$", before).group(0))  # type: ignore[union-attr]
                flags.append("part")
                before = self.text[max(0, start - 40) : start].casefold()
                break
        m = re.search(r"(\w+)\s+$", before)
        if m:
            word = key(m.group(1))
            if word in _APPROX:
                flags.append("approx")
                start -= len(m.group(0))
            elif word in _UNCERTAIN:
                flags.append("uncertain")
                start -= len(m.group(0))
            elif word in _SINCE:
                flags.append("since")
        return start, flags

    def add(self, start: int, end: int, edtf: str, flags: list[str], **kw: bool) -> DateMention:
        q = ""
        if "approx" in flags and "uncertain" in flags:
            q = "%"
        elif "approx" in flags:
            q = "~"
        elif "uncertain" in flags:
            q = "?"
        m = DateMention(
            start,
            end,
            edtf + q,
            self.text[start:end],
            part="part" in flags,
            since="since" in flags,
            flags=flags,
            **kw,
        )
        self.found.append(m)
        return m

    # ------------------------------------------------------------------ the scan
    def scan(self) -> list[DateMention]:
        i = 0
        n = len(self.tokens)
        while i < n:
            j = (
                self.day_month(i)
                or self.month(i)
                or self.year(i)
                or self.season(i)
                or self.relative_day(i)
                or self.weekday(i)
                or self.relative_period(i)
                or self.month_adjective(i)
            )
            i = j if j else i + 1
        return self.found

    def day_month(self, i: int) -> int | None:
        t = self.tokens[i]
        if not (t.text.isdigit() and 1 <= int(t.text) <= 31 and len(t.text) <= 2):
            return None
        k = i + 1
        if k + 1 < len(self.tokens) and self.tokens[k].text.isdigit() and self.gap(i).strip() in ("-", "–", "—"):
            k += 1  # "13–14 березня": the first day (EDTF here has no intervals; the phrase keeps both)
        if k >= len(self.tokens) or self.keys[k] not in self.months or self.gap(k - 1).strip():
            return None
        month = self.months[self.keys[k]]
        day = int(t.text)
        end_i = k
        year_info = self.year_at(k + 1)
        start, flags = self.prefix(i)
        weekday = self.weekday_before(i)
        if weekday is not None:
            start = min(start, weekday)
        if year_info:
            year, end_i = year_info
            explicit = True
        else:
            explicit = False
            ctx = self.ctx_year(t.start)
            tense = self.tense_at(t.start)
            if (
                ctx is not None
                and _safe_day(ctx, month, day)
                and not (tense is Tense.PAST and (_safe_day(ctx, month, day) or self.published) > self.published)
            ):
                year = ctx
            else:
                year = _pick_year(
                    self.published,
                    tense,
                    lambda y: _safe_day(y, month, day) or dt.date(y, month, 1),
                    lambda y: _safe_day(y, month, day) or dt.date(y, month, 1),
                )
        if _safe_day(year, month, day) is None:
            return end_i + 1
        end = self.tokens[end_i].end
        if end_i < len(self.tokens) and self.keys[end_i] == "р" and self.text[end : end + 1] == ".":
            end += 1
        if explicit and "since" not in flags:
            self.context_year[self.paragraph_of(t.start)] = year
        self.add(start, end, f"{year:04d}-{month:02d}-{day:02d}", flags, explicit_year=explicit)
        return end_i + 1

    def weekday_before(self, i: int) -> int | None:
        """The start of "у середу, " right before token i (a weekday that the day-month makes exact)."""
        for back in (1, 2):
            j = i - back
            if j < 0 or self.keys[j] not in self.weekdays:
                continue
            if self.text[self.tokens[j].end : self.tokens[i].start].strip(" ,") == "":
                start = self.tokens[j].start
                if j > 0 and self.keys[j - 1] in {"у", "в"} | _PREV | _NEXT | _THIS:
                    start = self.tokens[j - 1].start
                return start
        return None

    def month(self, i: int) -> int | None:
        if self.keys[i] not in self.months:
            return None
        if i > 0 and self.tokens[i - 1].text.isdigit() and not self.gap(i - 1).strip():
            return None
        word = self.keys[i]
        if word in {"травня", "травні"} and not self.tokens[i].text.islower() and i > 0 and self.tokens[i - 1].end == 0:
            return None
        month = self.months[word]
        start, flags = self.prefix(i)
        if start == self.tokens[i].start and i > 0 and self.keys[i - 1] in {"у", "в"} and self.gap(i - 1) == " ":
            start = self.tokens[i - 1].start  # "у жовтні": the phrase keeps its preposition
        year_info = self.year_at(i + 1)
        end_i = i
        explicit = False
        relative_year = self.relative_year_before(i)
        if year_info:
            year, end_i = year_info
            explicit = True
        elif relative_year is not None:
            year, start = relative_year[0], min(start, relative_year[1])
        else:
            ctx = self.ctx_year(self.tokens[i].start)
            tense = self.tense_at(self.tokens[i].start)

            def first(y: int) -> dt.date:
                return dt.date(y, month, 1)

            def last(y: int) -> dt.date:
                return dt.date(y, month, calendar.monthrange(y, month)[1])

            if ctx is not None and not (tense is Tense.PAST and first(ctx) > self.published):
                year = ctx
            else:
                year = _pick_year(self.published, tense, first, last)
        if explicit and "since" not in flags:
            self.context_year[self.paragraph_of(self.tokens[i].start)] = year
        self.add(start, self.tokens[end_i].end, _month_edtf(year, month), flags, explicit_year=explicit)
        return end_i + 1

    def month_follows(self, i: int) -> bool:
        """A month name right after token i (after "у"/"в"): "торік у листопаді"."""
        for j in (i + 1, i + 2):
            if j < len(self.tokens) and self.keys[j] in self.months:
                return j == i + 1 or self.keys[i + 1] in {"у", "в"}
        return False

    def relative_year_before(self, i: int) -> tuple[int, int] | None:
        """ "торік у листопаді", "минулого року в березні": the year a month phrase is told in, and where
        that phrase starts."""
        j = i - 1
        if j >= 0 and self.keys[j] in {"у", "в"}:
            j -= 1
        if j < 0 or self.text[self.tokens[j].end : self.tokens[i].start].strip(" ,") not in {"", "у", "в"}:
            return None
        pub = self.published.year
        if self.keys[j] == "торік":
            return pub - 1, self.tokens[j].start
        if self.keys[j] == "цьогоріч":
            return pub, self.tokens[j].start
        if self.keys[j] in {"року", "рік"} and j > 0:
            step = (
                -1
                if self.keys[j - 1] in _PREV
                else 1
                if self.keys[j - 1] in _NEXT
                else 0
                if self.keys[j - 1] in _THIS
                else None
            )
            if step is not None:
                return pub + step, self.tokens[j - 1].start
        return None

    def year(self, i: int) -> int | None:
        info = self.year_at(i)
        if (not info or info[1] == i) and not (info and i > 0 and self.keys[i - 1] in {"у", "в"} | _SINCE):
            return None
        assert info is not None
        year, end_i = info
        start, flags = self.prefix(i)
        if "since" not in flags:
            self.context_year[self.paragraph_of(self.tokens[i].start)] = year
        end = self.tokens[end_i].end
        if self.keys[end_i] == "р" and self.text[end : end + 1] == ".":
            end += 1
        self.add(start, end, f"{year:04d}", flags, explicit_year=True)
        return end_i + 1

    def season(self, i: int) -> int | None:
        word = self.keys[i]
        season = _SEASON_ADVERBS.get(word)
        adjective = False
        if season is None:
            stem = next((s for s in _SEASON_STEMS if word.startswith(s)), None)
            if stem is None or not re.match(
                r"^(весна|весни|весні|весну|навесні|літо|літа|літі|осінь|осені|осінню|"
                r"зима|зими|зимі|зиму|веснян\w*|літн\w*|осінн\w*|зимов\w*)$",
                word,
            ):
                return None
            season = _SEASON_STEMS[stem]
            adjective = word.endswith(("н", "ий", "ій", "ого", "ої", "а", "я", "ю", "ею", "их", "іх", "ім", "им"))
            adjective = adjective and word not in {"весна", "зима"}
        start, flags = self.prefix(i)
        end_i = i
        tense = self.tense_at(self.tokens[i].start)
        mod = self.keys[i - 1] if i > 0 else ""
        year_info = self.year_at(i + 1)
        months = {21: 3, 22: 6, 23: 9, 24: 12}
        if year_info:
            year, end_i = year_info
        else:
            pub = self.published
            current = pub.year - 1 if season == 24 and pub.month <= 2 else pub.year
            if mod in _PREV:
                start = self.tokens[i - 1].start
                year = current - 1
            elif mod in _NEXT:
                start = self.tokens[i - 1].start
                year = current + 1 if dt.date(current, months[season], 1) <= pub else current
            elif mod in _THIS:
                start = self.tokens[i - 1].start
                year = current
            else:
                ctx = self.ctx_year(self.tokens[i].start)
                if ctx is not None:
                    year = ctx
                else:

                    def begins(y: int) -> dt.date:
                        return dt.date(y, months[season], 1)

                    def ends(y: int) -> dt.date:
                        return begins(y) + dt.timedelta(days=89)

                    year = _pick_year(pub, tense, begins, ends)
        self.add(start, self.tokens[end_i].end, f"{year:04d}-{season}", flags, relative=not year_info, anaphoric=False)
        return end_i + 1

    def relative_day(self, i: int) -> int | None:
        word = self.keys[i]
        if word in _DAYS:
            day = self.published + dt.timedelta(days=_DAYS[word])
            start, flags = self.prefix(i)
            self.add(start, self.tokens[i].end, day.isoformat(), flags, relative=True)
            return i + 1
        if word == "напередодні" or (word == "наступного" and i + 1 < len(self.tokens) and self.keys[i + 1] == "дня"):
            # The day before/after the day last named (the publication date if none).
            last = next((m.day for m in reversed(self.found) if m.day and not m.since), None)
            base = last or self.published
            delta = -1 if word == "напередодні" else 1
            end_i = i if word == "напередодні" else i + 1
            after = self.text[self.tokens[end_i].end : self.tokens[end_i].end + 40]
            if re.match(r"^,?\s*(?:у|в)?\s*\w+,?\s*\d", after) or re.match(r"^,?\s*(?:у|в)\s+\w+", after):
                return end_i + 1  # "напередодні, у вівторок": the weekday or the date that follows decides
            day = base + dt.timedelta(days=delta)
            self.add(self.tokens[i].start, self.tokens[end_i].end, day.isoformat(), [], relative=True)
            return end_i + 1
        return None

    def weekday(self, i: int) -> int | None:
        word = self.keys[i]
        if word not in self.weekdays:
            return None
        wd = self.weekdays[word]
        mod = self.keys[i - 1] if i > 0 else ""
        if mod not in {"у", "в", "на", "до"} | _PREV | _NEXT | _THIS and not self.tokens[i].is_title:
            return None
        start = self.tokens[i - 1].start if mod in {"у", "в"} | _PREV | _NEXT | _THIS else self.tokens[i].start
        pub = self.published
        tense = self.tense_at(self.tokens[i].start)
        back = (pub.weekday() - wd) % 7 or 7
        ahead = (wd - pub.weekday()) % 7 or 7
        if mod in _PREV:
            day = pub - dt.timedelta(days=back)
        elif mod in _NEXT:
            day = pub + dt.timedelta(days=ahead)
        elif tense is Tense.PAST:
            day = pub - dt.timedelta(days=back)
        elif tense is Tense.FUTURE:
            day = pub + dt.timedelta(days=ahead)
        else:
            day = pub - dt.timedelta(days=back) if back <= ahead else pub + dt.timedelta(days=ahead)
        # "у четвер 22 січня", "у середу, 11 лютого": the day-month that follows is the date.
        rest = self.text[self.tokens[i].end : self.tokens[i].end + 4]
        if i + 1 < len(self.tokens) and self.tokens[i + 1].text.isdigit() and rest.strip(" ,")[:1].isdigit():
            return None
        self.add(start, self.tokens[i].end, day.isoformat(), [], relative=True)
        return i + 1

    def relative_period(self, i: int) -> int | None:
        word = self.keys[i]
        pub = self.published
        if word in {"торік", "цьогоріч", "минулоріч"} and not self.month_follows(i):
            year = pub.year - 1 if word != "цьогоріч" else pub.year
            start, flags = self.prefix(i)
            self.add(start, self.tokens[i].end, f"{year:04d}", flags, relative=True)
            return i + 1
        unit = self.keys[i + 1] if i + 1 < len(self.tokens) else ""
        if unit in _YEAR and self.month_follows(i + 1):
            return None  # "минулого року в березні": the month phrase takes the year
        if word in _WEEK | _MONTH | {"року"} and (i == 0 or self.keys[i - 1] not in _PREV | _NEXT | _THIS):
            # "до кінця місяця", "на початку тижня", "до кінця року": a part of the current period
            start, flags = self.prefix(i)
            if "part" not in flags:
                return None
            unit, step, i = word, 0, i - 1
        elif word not in _PREV | _NEXT | _THIS or unit not in _WEEK | _MONTH | _YEAR - {"р"}:
            return None
        else:
            step = -1 if word in _PREV else 1 if word in _NEXT else 0
            start, flags = self.prefix(i)
        if start == self.tokens[i].start and i > 0 and self.keys[i - 1] in {"на", "у", "в", "до"}:
            start = self.tokens[i - 1].start
        if unit in _WEEK:
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * step)
            days = [monday + dt.timedelta(days=d) for d in range(7)]
            counts: dict[tuple[int, int], int] = {}
            for d in days:
                counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
            (year, month), most = max(counts.items(), key=lambda kv: kv[1])
            edtf = _month_edtf(year, month) + ("~" if most < 7 else "")
        elif unit in _MONTH:
            month_index = pub.year * 12 + pub.month - 1 + step
            edtf = _month_edtf(month_index // 12, month_index % 12 + 1)
        else:
            edtf = f"{pub.year + step:04d}"
        self.add(start, self.tokens[i + 1].end, edtf, flags, relative=True)
        return i + 2

    def month_adjective(self, i: int) -> int | None:
        month = month_of_adjective(self.tokens[i].text)
        if month is None or self.keys[i] in self.months:
            return None
        ctx = self.ctx_year(self.tokens[i].start)
        first = lambda y: dt.date(y, month, 1)  # noqa: E731
        year = ctx if ctx is not None else _pick_year(self.published, Tense.PAST, first, first)
        self.add(self.tokens[i].start, self.tokens[i].end, _month_edtf(year, month), [], anaphoric=True)
        return i + 1


_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)")


def find_dates(seg: Segments, published: dt.date, tense_at: TenseAt) -> list[DateMention]:
    """Every date phrase of the article, resolved; in text order."""
    found = _Scanner(seg, published, tense_at).scan()
    for m in _NUMERIC.finditer(seg.text):
        day = _safe_day(int(m[3]), int(m[2]), int(m[1]))
        if day and not any(f.start <= m.start() < f.end for f in found):
            found.append(DateMention(m.start(), m.end(), day.isoformat(), m.group(0), explicit_year=True))
    found.sort(key=lambda d: d.start)
    return found

"""Time expressions in normalised running text, and the dateline of a page. Pure.

What a mention means is `service.values.dating.dates`'s business; this module only finds where each
one is, with the patterns in `service.values.dating.timewords`.
"""

from bisect import bisect_left
from dataclasses import dataclass

from service.values.dating.timewords import (
    ADVERBIAL_END,
    ADVERBIAL_MAX,
    CLAUSE_OPENS_AFTER,
    DATELINE_LINE,
    DATELINE_WEB,
    MENTION,
    NOT_IN_ADVERBIAL,
    OPEN_CLAUSE,
)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression in text; `start`/`end` are offsets, end exclusive."""

    start: int
    end: int
    expr: str


def find_published(text: str) -> str | None:
    """A dateline in the text ("2022-03-01 16:59:26", a line "2022年3月1日") -> ISO day."""
    found = [m for m in (DATELINE_WEB.search(text), DATELINE_LINE.search(text)) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())  # the first in the text; the web form on a tie
    return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"


def find_times(text: str) -> list[TimeMention]:
    """Every time expression in normalised text, in text order: written dates, relative words,
    and clause-opening adverbials counted forward ("理顺了…后") that hold none of those."""
    found = [TimeMention(m.start(), m.end(), m.group()) for m in MENTION.finditer(text)]
    starts = [t.start for t in found]
    for m in ADVERBIAL_END.finditer(text):
        start, end = _clause_start(text, m.start()), m.end() - 1
        if start is None:
            continue
        i = bisect_left(starts, start)
        if i < len(found) and found[i].start < end:
            continue  # a date inside dates it
        found.insert(i, TimeMention(start, end, text[start:end]))
        starts.insert(i, start)
    for m in OPEN_CLAUSE.finditer(text):
        i = bisect_left(starts, m.start())
        if (i < len(found) and found[i].start < m.end()) or (i and found[i - 1].end > m.start()):
            continue  # a time inside it, or around it, is read instead
        found.insert(i, TimeMention(m.start(), m.end(), m.group()))
        starts.insert(i, m.start())
    return found


def _clause_start(text: str, at: int) -> int | None:
    """Start of the clause holding `at` if it opens after clause punctuation (or the text's
    start) within `ADVERBIAL_MAX` characters and quotes or introduces nothing."""
    for i in range(at - 1, max(-1, at - ADVERBIAL_MAX), -1):
        c = text[i]
        if c in CLAUSE_OPENS_AFTER:
            return i + 1 if i + 1 < at else None
        if c in NOT_IN_ADVERBIAL:
            return None
    return 0 if at < ADVERBIAL_MAX else None

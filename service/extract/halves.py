"""A chunk whose answer was cut off at the token limit, asked again as two halves: where to cut
it, and the halves' outcomes put back together as the chunk's. Pure."""

import dataclasses
import re

from schemas.drafts import ChunkDraft
from schemas.results import ErrorRecord, Usage
from service.extract.base import REASON_CHARS, ChunkOutcome, ChunkRequest

# Where to halve a cut-off chunk, best first: sentence ends, then clause breaks.
_HALVING_POINTS = (re.compile(r"[。！？；\n]+[”’」』）]*"), re.compile(r"[，、：,]"))


def halve(request: ChunkRequest) -> list[ChunkRequest]:
    """Two requests, or none: the passages split where the characters balance best, or a
    single passage's text cut at the break nearest its middle (both halves keep its number,
    so their drafts still name it)."""
    passages = request.passages
    if len(passages) > 1:
        sizes = [len(p.text) for p in passages]
        cut = min(range(1, len(passages)), key=lambda n: abs(2 * sum(sizes[:n]) - sum(sizes)))
        return [
            dataclasses.replace(request, passages=passages[:cut]),
            dataclasses.replace(request, passages=passages[cut:]),
        ]
    if not passages:
        return []
    [passage] = passages
    text = passage.text
    middle = len(text) // 2
    for pattern in _HALVING_POINTS:
        cuts = [m.end() for m in pattern.finditer(text) if 0 < m.end() < len(text)]
        if cuts:
            middle = min(cuts, key=lambda cut: abs(cut - len(text) / 2))
            break
    if not 0 < middle < len(text):
        return []
    halves = (
        dataclasses.replace(passage, text=text[:middle]),
        dataclasses.replace(passage, text=text[middle:], start=passage.start + middle),
    )
    return [dataclasses.replace(request, passages=(half,)) for half in halves]


def merge_halves(index: int, cut_off: Usage, parts: list[ChunkOutcome]) -> ChunkOutcome:
    """The halves' drafts together; usage counts the cut-off ask and both halves."""
    usage = sum((part.usage for part in parts), cut_off)
    draft = ChunkDraft(
        statistics=[s for part in parts for s in part.draft.statistics],
        events=[e for part in parts for e in part.draft.events],
    )
    failed = [(n, part.error) for n, part in enumerate(parts, 1) if part.error is not None]
    if not failed:
        return ChunkOutcome(draft=draft, usage=usage)
    half, first = failed[0]
    reason = f"cut off at the token limit, then half {half} of 2 failed: {first.reason}"
    attempts = 1 + sum(part.error.attempts if part.error else 1 for part in parts)
    error = ErrorRecord(
        stage=first.stage,
        chunk=index,
        reason=reason[:REASON_CHARS],
        attempts=attempts,
        usage=usage,
    )
    return ChunkOutcome(draft=draft, usage=usage, error=error)

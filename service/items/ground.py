"""Evidence quote -> [start, end) in the ORIGINAL text, or None when the text does not hold it.

The quote and the page are compared in normalised form (spaces inside CJK, OCR line breaks and
full-width forms do not count), the match in the chunk it came from wins (the next one in
reading order, when the chunk repeats the quote), and the span is mapped back through the
OffsetMap, so `text[start:end]` holds the quote's characters with the page's own line breaks and
spaces between them. Pure.
"""

import re
from dataclasses import dataclass, field

from service.text.normalise import normalise_flat


def canonical(quote: str) -> str:
    """A quote as it reads in normalised text, on one line."""
    return normalise_flat(quote)


def find_quote(
    quote: str, text: str, *, window: tuple[int, int], bounds: tuple[int, int], after: int = 0
) -> tuple[int, int] | None:
    """Normalised [start, end) of `quote` in normalised `text`, within `bounds`.

    Among several matches the first one inside `window` that starts at or after `after` wins,
    then the first inside `window`, then the first anywhere. Backends list items in reading
    order, so passing the previous item's start as `after` sends a clause the page repeats
    (a headline restated in the body) to the occurrence the item was read from.
    """
    found = find_quotes(quote, text, window=window, bounds=bounds, after=after)
    return found[0] if found else None


def find_quotes(
    quote: str, text: str, *, window: tuple[int, int], bounds: tuple[int, int], after: int = 0
) -> list[tuple[int, int]]:
    """Every normalised [start, end) of `quote` within `bounds`, best first (as `find_quote`)."""
    found = _find_normalised(canonical(quote), text, bounds)
    inside = [m for m in found if m[0] < window[1] and m[1] > window[0]]
    onward = [m for m in inside if m[0] >= after]
    return [*onward, *(m for m in inside if m[0] < after), *(m for m in found if m not in inside)]


@dataclass(slots=True)
class ReadingOrder:
    """Places one chunk's items, listed in reading order, on the occurrences of their quotes.

    The next item is looked for from the previous one's start on, and not at an occurrence an
    item of the same `key` (its quantity, its event type) already holds: two statistics sharing
    one clause stay on it, while a sentence the article repeats ("城镇新增就业44.5万人" in the
    headline and again in the body), quoted once per occurrence, lands on each in turn.
    """

    after: int  # normalised offset: the chunk's start, then the last placed item's start
    taken: set[tuple[tuple[int, int], str]] = field(default_factory=set)

    def place(self, found: list[tuple[int, int]], key: str) -> tuple[int, int] | None:
        """The first of `found` (best first) that no item of `key` holds, else the best."""
        if not found:
            return None
        chosen = next((m for m in found if (m, key) not in self.taken), found[0])
        self.taken.add((chosen, key))
        self.after = chosen[0]
        return chosen


def _find_normalised(key: str, text: str, bounds: tuple[int, int]) -> list[tuple[int, int]]:
    if not key:
        return []
    lo, hi = bounds
    hits = []
    at = text.find(key, lo, hi)
    while at >= 0:
        hits.append((at, at + len(key)))
        at = text.find(key, at + 1, hi)
    if hits:
        return hits
    # A quote may run across a paragraph break the normaliser kept.
    pattern = re.compile("\n?".join(re.escape(c) for c in key))
    return [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]

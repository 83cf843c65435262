"""Evidence quote -> [start, end) in the ORIGINAL text, or None when the text does not hold it.

The quote and the page are compared in normalised form (spaces inside CJK, OCR line breaks and
full-width forms do not count), the match in the chunk it came from wins (the next one in
reading order, when the chunk repeats the quote), and the span is mapped back through the
OffsetMap, so `text[start:end]` holds the quote's characters with the page's own line breaks and
spaces between them. Pure.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import overload

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
    found = Occurrences(_find_normalised(canonical(quote), text, bounds))
    return list(found.ranked(window=window, after=after))


class Occurrences:
    """The matches of one quote, sorted by start (their ends then rise too: equal lengths, or
    non-overlapping regex matches), ranked for a window without copying them: a clause a page
    repeats n times is ranked n times, so a copy per item would make grounding quadratic."""

    def __init__(self, found: list[tuple[int, int]]) -> None:
        self._found = found
        self._starts = [m[0] for m in found]
        self._ends = [m[1] for m in found]

    def ranked(self, *, window: tuple[int, int], after: int) -> "Ranked":
        """Inside `window` from `after` on, then inside `window` before it, then the rest."""
        first = bisect_right(self._ends, window[0])  # first ending after the window opens
        stop = max(first, bisect_left(self._starts, window[1]))  # first starting past it
        onward = min(max(first, bisect_left(self._starts, after)), stop)
        everywhere = len(self._found)
        parts = ((onward, stop), (first, onward), (0, first), (stop, everywhere))
        return Ranked(self._found, tuple(range(a, b) for a, b in parts))


class Ranked(Sequence[tuple[int, int]]):
    """A read-only view of matches in ranked order: index ranges over the sorted list."""

    def __init__(self, found: list[tuple[int, int]], parts: tuple[range, ...]) -> None:
        self._found = found
        self._parts = parts
        self._len = sum(len(r) for r in parts)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._len
        for part in self._parts:
            if 0 <= index < len(part):
                return self._found[part[index]]
            index -= len(part)
        raise IndexError(index)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return (self._found[i] for i in chain.from_iterable(self._parts))


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
    # Matches in this document by (canonical quote, bounds): a repeated clause is searched for
    # once, not once per item.
    _seen: dict[tuple[str, int, int], Occurrences] = field(
        default_factory=dict, init=False, repr=False
    )

    def find(
        self, quote: str, text: str, *, window: tuple[int, int], bounds: tuple[int, int]
    ) -> Sequence[tuple[int, int]]:
        """`find_quotes` from this order's `after` on, each quote searched for only once."""
        key = (canonical(quote), *bounds)
        if key not in self._seen:
            self._seen[key] = Occurrences(_find_normalised(key[0], text, bounds))
        return self._seen[key].ranked(window=window, after=self.after)

    def place(self, found: Sequence[tuple[int, int]], key: str) -> tuple[int, int] | None:
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

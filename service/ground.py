"""Evidence quote -> [start, end) in the ORIGINAL text, or None when the text does not hold it.

The quote and the page are compared in normalised form (spaces inside CJK, OCR line breaks and
full-width forms do not count), the match nearest the chunk it came from wins, and the span is
mapped back through the OffsetMap, so `text[start:end]` holds the quote's characters with the
page's own line breaks and spaces between them. Pure.
"""

import re

from service.normalise import Normalised, normalise_flat


def canonical(quote: str) -> str:
    """A quote as it reads in normalised text, on one line."""
    return normalise_flat(quote)


def locate_span(
    quote: str, doc: Normalised, *, window: tuple[int, int], bounds: tuple[int, int]
) -> tuple[int, int] | None:
    """Original [start, end) of `quote`, searched within normalised `bounds` (the article) and
    preferring a match that overlaps `window` (the chunk); None if there is no match."""
    found = _find_normalised(canonical(quote), doc.text, bounds)
    if not found:
        return None
    inside = [m for m in found if m[0] < window[1] and m[1] > window[0]]
    start, end = (inside or found)[0]
    return doc.offsets.to_original(start, end)


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

"""A draft of a packed request -> the article its quote is in, and the quote's normalised span.

A request may carry several articles, each under its marker ("[A2]"), and a draft names its
article by that number. The quote is looked for in the article it names, inside that article's
bounds, as grounding always was; when the draft names no article of the request, or one whose
text lacks the quote, every article of the request is searched, and a quote found in more than
one is given to the first and marked ambiguous (the pipeline warns). Pure.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from service.items.ground import ReadingOrder
from service.text.pack import Passage


@dataclass(frozen=True, slots=True)
class Found:
    article: int  # index into the document's articles
    span: tuple[int, int]  # normalised [start, end)
    ambiguous: bool = False  # the draft named no article holding it, and several do


@dataclass(frozen=True, slots=True)
class Quote:
    """What a draft quotes, the article it names, and the key items are placed by."""

    evidence: str
    article: int | None
    key: str  # its quantity, or its event type (`ReadingOrder`)


def assign_quote(
    quote: Quote, text: str, passages: Sequence[Passage], *, orders: Mapping[int, ReadingOrder]
) -> Found | None:
    """The article and span of `quote` (see the module docstring), or None if no passage's
    article holds it. Each article's `ReadingOrder` places the quote on the occurrence that
    comes next in reading order for items of its key."""
    first = [p for p in passages if p.number == quote.article]
    for passage in first:
        found = _find(quote.evidence, text, passage, orders)
        if found:
            return Found(passage.article, _place(orders, passage, found, quote.key))
    hits = [(p, found) for p in passages if (found := _find(quote.evidence, text, p, orders))]
    if not hits:
        return None
    passage, found = hits[0]
    ambiguous = len({p.article for p, _ in hits}) > 1
    return Found(passage.article, _place(orders, passage, found, quote.key), ambiguous=ambiguous)


def _find(
    quote: str, text: str, passage: Passage, orders: Mapping[int, ReadingOrder]
) -> Sequence[tuple[int, int]]:
    order = orders[passage.article]
    return order.find(quote, text, window=passage.window, bounds=passage.bounds)


def _place(
    orders: Mapping[int, ReadingOrder],
    passage: Passage,
    found: Sequence[tuple[int, int]],
    key: str,
) -> tuple[int, int]:
    placed = orders[passage.article].place(found, key)
    assert placed is not None  # found is not empty
    return placed

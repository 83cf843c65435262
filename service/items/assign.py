"""A draft of a packed request -> the article its quote is in, and the quote's normalised span.

A request may carry several articles, each under its marker ("[A2]"), and a draft names its
article by that number. The quote is looked for in the article it names, inside that article's
bounds, as grounding always was; when the draft names no article of the request, or one whose
text lacks the quote, every article of the request is searched, and a quote found in more than
one is given to the first and marked ambiguous (the pipeline warns). Pure.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from service.items.ground import find_quote


@dataclass(frozen=True, slots=True)
class Placed:
    """Where one passage of a request lies in the normalised document."""

    number: int  # its marker in the request: drafts name it in `article`
    article: int  # index into the document's articles
    window: tuple[int, int]  # the passage (a whole article, or one chunk of a long one)
    bounds: tuple[int, int]  # its article


@dataclass(frozen=True, slots=True)
class Found:
    article: int  # index into the document's articles
    span: tuple[int, int]  # normalised [start, end)
    ambiguous: bool = False  # the draft named no article holding it, and several do


def assign_quote(
    quote: str,
    named: int | None,
    text: str,
    passages: Sequence[Placed],
    *,
    after: Mapping[int, int],
) -> Found | None:
    """The article and span of `quote` (see the module docstring), or None if no passage's
    article holds it. `after` maps an article to where its next item is looked for first."""
    first = [p for p in passages if p.number == named]
    for passage in first:
        span = _find(quote, text, passage, after)
        if span is not None:
            return Found(passage.article, span)
    hits = [(p, span) for p in passages if (span := _find(quote, text, p, after)) is not None]
    if not hits:
        return None
    passage, span = hits[0]
    return Found(passage.article, span, ambiguous=len({p.article for p, _ in hits}) > 1)


def _find(
    quote: str, text: str, passage: Placed, after: Mapping[int, int]
) -> tuple[int, int] | None:
    start = after.get(passage.article, passage.window[0])
    return find_quote(quote, text, window=passage.window, bounds=passage.bounds, after=start)

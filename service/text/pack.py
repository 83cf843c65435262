"""Articles -> requests: a page's short articles packed together up to the chunk budget, a long
article cut into chunks of its own (`split_chunks`). Pure.

Every request resends the fixed part (system prompt, example, schema), so a page of five short
articles costs one request instead of five. Packing is first fit in reading order: each short
article goes into the first request it still fits in, so a request's passages keep reading
order and a page's requests stay few (articles of 1,416, 692, 258, 446, 704 and 221 characters
at a budget of 2,000: two requests, not three). The budget counts article text; the marker line
that introduces each passage in the user message rides on top.

>>> text = "甲甲。" + "乙乙乙乙。" + "丙丙。"
>>> articles = [Article(None, 0, 3), Article(None, 3, 8), Article(None, 8, 11)]
>>> [[(p.number, p.article, p.text) for p in r]
...  for r in pack_requests(text, articles, max_chars=6, overlap=0)]
[[(1, 0, '甲甲。'), (2, 2, '丙丙。')], [(1, 1, '乙乙乙乙。')]]
"""

from collections.abc import Sequence
from dataclasses import dataclass

from service.text.chunk import split_chunks
from service.text.segment import Article


@dataclass(frozen=True, slots=True)
class Passage:
    """One article, or one chunk of a long article, inside a request, and where it lies in the
    normalised document: what the backend reads and what its drafts are grounded in."""

    number: int  # how the request marks it ("[A2]"); a draft names it in `article`
    text: str  # normalised text
    title: str | None  # the article's title, context for the model
    article: int  # index into the document's articles
    start: int  # offset of `text` in the normalised document
    bounds: tuple[int, int]  # its article, normalised [start, end)

    @property
    def window(self) -> tuple[int, int]:
        """The passage's own normalised [start, end)."""
        return self.start, self.start + len(self.text)


Request = tuple[Passage, ...]  # the passages one request carries, in reading order


def pack_requests(
    text: str, articles: Sequence[Article], *, max_chars: int, overlap: int
) -> list[Request]:
    """`text` with `articles` -> requests of at most `max_chars` characters of article text; an
    article longer than that is chunked with `overlap`, one request per chunk. Requests come in
    reading order of their first passage; passages are numbered from 1 in each request."""
    requests: list[list[Passage]] = []
    open_bins: list[list[Passage]] = []  # short articles packed so far, one list per request
    for index, article in enumerate(articles):
        chunks = split_chunks(
            text[article.start : article.end], max_chars=max_chars, overlap=overlap
        )
        bounds = (article.start, article.end)
        pieces = [
            Passage(1, c.text, article.title, index, article.start + c.start, bounds)
            for c in chunks
        ]
        if len(pieces) > 1:  # a long article: one request per chunk, as before packing
            requests.extend([piece] for piece in pieces)
            continue
        for piece in pieces:  # none when the article is blank
            fits = next((b for b in open_bins if _size(b) + len(piece.text) <= max_chars), None)
            if fits is None:
                fits = []
                open_bins.append(fits)
                requests.append(fits)  # the bin keeps its reading-order place
            fits.append(piece)
    return [_numbered(r) for r in requests]


def _size(passages: list[Passage]) -> int:
    return sum(len(p.text) for p in passages)


def _numbered(passages: list[Passage]) -> Request:
    return tuple(
        Passage(n, p.text, p.title, p.article, p.start, p.bounds)
        for n, p in enumerate(passages, start=1)
    )

"""Articles -> requests: a page's short articles packed together up to the chunk budget, a long
article cut into chunks of its own (`split_chunks`). Pure.

Every request resends the fixed part (system prompt, example, schema), so a page of five short
articles costs one request instead of five. Packing is first fit in reading order: each short
article goes into the first request it still fits in, so a request's pieces keep reading order
and a page's requests stay few (articles of 1,416, 692, 258, 446, 704 and 221 characters at a
budget of 2,000: two requests, not three). The budget counts article text; the marker line that
introduces each piece in the user message rides on top.

>>> text = "甲甲。" + "乙乙乙乙。" + "丙丙。"
>>> [[(p.article, p.chunk.text) for p in r.pieces]
...  for r in pack_requests(text, [(0, 3), (3, 8), (8, 11)], max_chars=6, overlap=0)]
[[(0, '甲甲。'), (2, '丙丙。')], [(1, '乙乙乙乙。')]]
"""

from collections.abc import Sequence
from dataclasses import dataclass

from service.text.chunk import Chunk, split_chunks


@dataclass(frozen=True, slots=True)
class Piece:
    """One article's text, or one chunk of a long article, inside a request."""

    article: int  # index into the document's articles
    chunk: Chunk  # start is an offset into the packed text (the normalised document)


@dataclass(frozen=True, slots=True)
class Packed:
    """The pieces one request carries, in reading order."""

    pieces: tuple[Piece, ...]

    @property
    def chars(self) -> int:
        return sum(len(p.chunk.text) for p in self.pieces)


def pack_requests(
    text: str, bounds: Sequence[tuple[int, int]], *, max_chars: int, overlap: int
) -> list[Packed]:
    """`text` with articles at `bounds` ([start, end) each) -> requests of at most `max_chars`
    characters of article text; an article longer than that is chunked with `overlap`, one
    request per chunk. Requests come in reading order of their first piece."""
    requests: list[Packed] = []
    open_bins: list[list[Piece]] = []  # short articles packed so far, one list per request
    for article, (start, end) in enumerate(bounds):
        chunks = split_chunks(text[start:end], max_chars=max_chars, overlap=overlap)
        pieces = [Piece(article, Chunk(c.text, start + c.start)) for c in chunks]
        if len(pieces) > 1:  # a long article: one request per chunk, as before packing
            requests.extend(Packed((piece,)) for piece in pieces)
            continue
        for piece in pieces:  # none when the article is blank
            size = len(piece.chunk.text)
            fits = next((b for b in open_bins if _size(b) + size <= max_chars), None)
            if fits is None:
                fits = []
                open_bins.append(fits)
                requests.append(Packed(()))  # a placeholder keeps the bin's reading-order place
            fits.append(piece)
    return _fill(requests, open_bins)


def _size(pieces: list[Piece]) -> int:
    return sum(len(p.chunk.text) for p in pieces)


def _fill(requests: list[Packed], bins: list[list[Piece]]) -> list[Packed]:
    """The placeholders replaced by their bins, in the order the bins were opened."""
    filled = iter(bins)
    return [r if r.pieces else Packed(tuple(next(filled))) for r in requests]

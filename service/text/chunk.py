"""Article text -> [Chunk(text, start)] cut on sentence ends under a size, with overlap. Pure.

>>> [c.text for c in split_chunks("甲。乙乙。丙丙丙。", max_chars=7, overlap=3)]
['甲。乙乙。', '乙乙。丙丙丙。']

A sentence longer than `max_chars` is cut on a comma, or hard at `max_chars` when it has none,
so no chunk is ever longer than `max_chars`.
"""

import re
from dataclasses import dataclass

# Sentence ends: Chinese full stops, semicolons and line ends; closing quotes stay with them.
_SENTENCE = re.compile(r"[^。！？；\n]*(?:[。！？；]+[”’」』）]*|\n|$)")
_SOFT_BREAK = re.compile(r"[，、：,]")


@dataclass(frozen=True, slots=True)
class Chunk:
    """`start` is the offset of `text` in the string that was chunked."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_chunks(text: str, *, max_chars: int, overlap: int) -> list[Chunk]:
    """Text -> chunks of at most `max_chars`, consecutive chunks sharing up to `overlap`
    characters of whole sentences."""
    if max_chars < 1 or not 0 <= overlap < max_chars:
        raise ValueError("need max_chars >= 1 and 0 <= overlap < max_chars")
    sentences = [s for s in _sentences(text, max_chars) if text[s[0] : s[1]].strip()]
    chunks: list[Chunk] = []
    current: list[tuple[int, int]] = []
    for sentence in sentences:
        if current and sentence[1] - current[0][0] > max_chars:
            chunks.append(_make(text, current))
            current = _tail(current, overlap=overlap, limit=sentence[1] - max_chars)
        current.append(sentence)
    if current:
        chunks.append(_make(text, current))
    return chunks


def _sentences(text: str, max_chars: int) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(text):
        if m.end() > m.start():
            out.extend(_cut_long(text, m.start(), m.end(), max_chars))
    return out


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        soft = [m.end() for m in _SOFT_BREAK.finditer(window)]
        cut = start + (soft[-1] if soft and soft[-1] > max_chars // 2 else max_chars)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _tail(sentences: list[tuple[int, int]], *, overlap: int, limit: int) -> list[tuple[int, int]]:
    """The last whole sentences of a chunk spanning at most `overlap` characters and starting
    at or after `limit`, so the next chunk still fits."""
    tail: list[tuple[int, int]] = []
    for s in reversed(sentences):
        if sentences[-1][1] - s[0] > overlap or s[0] < limit:
            break
        tail.insert(0, s)
    return tail


def _make(text: str, sentences: list[tuple[int, int]]) -> Chunk:
    start, end = sentences[0][0], sentences[-1][1]
    return Chunk(text[start:end], start)

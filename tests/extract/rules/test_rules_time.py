"""Rules backend, time lookup: the paragraph read back from an item equals the paragraph of the
whole-article reading (S9 step 3)."""

from bisect import bisect_left, bisect_right
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.extract.rules.text import QUESTION, analyse
from service.extract.rules.time import paragraph_start
from service.text.normalise import normalise
from tests.paths import SEED_PAGES

SEEDS = SEED_PAGES


def _paragraph_starts(text: str, answers: list[tuple[int, int]]) -> list[int]:
    """The whole-article reading, line by line: a prose line that ends no sentence runs on into
    the next line; an interview answer is one paragraph, joined to a question before it."""
    starts = [0]
    at = 0
    for raw in text.split("\n"):
        at += len(raw) + 1
        line = raw.rstrip()
        prose = "，" in line or "。" in line or "；" in line
        if not line or line.endswith(tuple("。！？…”」）)")) or not prose:
            starts.append(at)
    for open_at, close_at in answers:
        question = starts[bisect_left(starts, open_at) - 1] if open_at else 0
        asked = QUESTION.match(text, question) is not None
        starts = [s for s in starts if not (open_at < s < close_at or (asked and s == open_at))]
    return starts


def _assert_same_paragraphs(text: str) -> None:
    article = analyse(text, None)
    starts = _paragraph_starts(text, article.answers)
    for at in range(len(text)):
        assert paragraph_start(article, at) == starts[bisect_right(starts, at) - 1], (text, at)


# --- paragraphs --------------------------------------------------------------------------------
PARAGRAPHS = [
    # text, offset, its paragraph's start
    ("该厂开工。\n工人返岗。", 7, 6),  # an ended line closes its paragraph
    ("据悉，今年以来，该县人\n社局新招工人。", 14, 0),  # a broken prose line runs on
    ("标题\n正文，正文。", 5, 3),  # a heading is no prose
    ("问：去年做了什么？\n答：该局认真履职。\n该局新招工人。", 20, 0),  # joins its question
    ("引言。\n答：该局认真履职。\n该局新招工人。", 16, 4),  # an answer with no question
    ("记者问道，\n答：该局认真履职。\n该局新招工人。", 18, 0),  # its opening line runs on
    ("引言。\n问：去年做了什么？\n答：该局认真履职。\n该局新招工人。", 24, 4),  # asked lower down
]


@pytest.mark.parametrize(("text", "at", "start"), PARAGRAPHS)
def test_paragraph_start(text: str, at: int, start: int) -> None:
    assert paragraph_start(analyse(text, None), at) == start


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_paragraphs_read_back_as_read_whole(path: Path) -> None:
    _assert_same_paragraphs(normalise(path.read_text(encoding="utf-8")).text)


_PIECES = ["问：", "答：", "。", "，", "；", "？", "”", "\n", "\n", " ", "字", "字字字"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_paragraphs_read_back_as_read_whole(text: str) -> None:
    _assert_same_paragraphs(text)

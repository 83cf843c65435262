"""Chunks: sentence ends, size bound, overlap, full coverage."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.text.chunk import split_chunks


@given(
    st.text(alphabet="劳动者招聘会，。！？；\n12", max_size=400),
    st.integers(5, 60),
    st.integers(0, 20),
)
def test_chunks_are_bounded_ordered_and_cover_the_text(
    text: str, max_chars: int, overlap: int
) -> None:
    overlap = min(overlap, max_chars - 1)
    chunks = split_chunks(text, max_chars=max_chars, overlap=overlap)
    assert all(len(c.text) <= max_chars for c in chunks)
    assert all(text[c.start : c.end] == c.text for c in chunks)
    assert all(a.start < b.start for a, b in itertools.pairwise(chunks))
    covered = set()
    for c in chunks:
        covered |= set(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_cuts_fall_on_sentence_ends_with_overlap() -> None:
    text = "甲甲甲。乙乙乙！丙丙丙？丁丁丁；"
    chunks = split_chunks(text, max_chars=8, overlap=4)
    assert [c.text for c in chunks] == ["甲甲甲。乙乙乙！", "乙乙乙！丙丙丙？", "丙丙丙？丁丁丁；"]


def test_closing_quote_stays_with_its_sentence() -> None:
    chunks = split_chunks("他说：“好。”然后走了。", max_chars=7, overlap=0)
    assert chunks[0].text == "他说：“好。”"


def test_a_long_run_without_punctuation_is_cut_hard() -> None:
    chunks = split_chunks("字" * 25, max_chars=10, overlap=0)
    assert [len(c.text) for c in chunks] == [10, 10, 5]


@pytest.mark.parametrize(("max_chars", "overlap"), [(0, 0), (10, 10), (10, -1)])
def test_bad_sizes_are_refused(max_chars: int, overlap: int) -> None:
    with pytest.raises(ValueError, match="max_chars"):
        split_chunks("文本。", max_chars=max_chars, overlap=overlap)

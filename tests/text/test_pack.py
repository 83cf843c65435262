"""Packing: a page's short articles share a request up to the budget; long ones are chunked."""

from pathlib import Path

import pytest

from service.text.normalise import normalise
from service.text.pack import Request, pack_requests
from service.text.segment import Article, split_articles
from tests.paths import SEED_PAGES

SEEDS = SEED_PAGES


def _articles(*sizes: int) -> tuple[str, list[Article]]:
    """Articles of the given sizes, each a run of one character ending in a full stop."""
    text, articles = "", []
    for n, size in enumerate(sizes):
        articles.append(Article(None, len(text), len(text) + size))
        text += chr(0x4E00 + n) * (size - 1) + "。"
    return text, articles


def _chars(request: Request) -> int:
    return sum(len(p.text) for p in request)


def test_short_articles_go_to_the_first_request_they_fit_in() -> None:
    text, bounds = _articles(1416, 692, 258, 446, 704, 221)
    packed = pack_requests(text, bounds, max_chars=2000, overlap=150)
    assert [[p.article for p in r] for r in packed] == [[0, 2, 5], [1, 3, 4]]
    assert [[p.number for p in r] for r in packed] == [[1, 2, 3], [1, 2, 3]]
    assert [_chars(r) for r in packed] == [1895, 1842]


def test_a_long_article_is_chunked_one_request_a_chunk_and_short_ones_still_pack() -> None:
    text, bounds = _articles(300, 9000, 300)
    packed = pack_requests(text, bounds, max_chars=4000, overlap=0)
    assert [[p.article for p in r] for r in packed] == [[0, 2], [1], [1], [1]]
    assert all(_chars(r) <= 4000 for r in packed)


def test_a_blank_article_costs_no_request() -> None:
    text = "甲。\n   \n乙。"
    articles = [Article(None, 0, 3), Article(None, 3, 7), Article(None, 7, 9)]
    packed = pack_requests(text, articles, max_chars=100, overlap=0)
    assert [[p.article for p in r] for r in packed] == [[0, 2]]


@pytest.mark.parametrize("max_chars", [500, 2000, 4000])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_pages_pack_within_the_budget_and_every_article_is_sent(
    seed: Path, max_chars: int
) -> None:
    doc = normalise(seed.read_text(encoding="utf-8"))
    articles = split_articles(doc.text)
    packed = pack_requests(doc.text, articles, max_chars=max_chars, overlap=150)
    assert all(_chars(r) <= max_chars for r in packed)
    for passage in (p for r in packed for p in r):
        start, end = passage.window
        assert doc.text[start:end] == passage.text
        article = articles[passage.article]
        assert passage.bounds == (article.start, article.end)
        assert passage.title == article.title
        assert article.start <= start < end <= article.end
    sent = {p.article for r in packed for p in r}
    assert sent == {i for i, a in enumerate(articles) if doc.text[a.start : a.end].strip()}

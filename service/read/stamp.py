"""A DocumentResult + the Page it came from -> the result that says what was read: its source,
the text spans index when that is not the input itself (HTML, PDF), and each item's PDF page.
Pure."""

from bisect import bisect_right
from typing import TypeVar

from schemas.results import ArticleResult, DocumentResult, Event, SourceInfo, Statistic
from service.read.page import Page

_PLAIN = frozenset({"text", "markdown"})
_Item = TypeVar("_Item", Statistic, Event)


def stamp(result: DocumentResult, page: Page) -> DocumentResult:
    """`result` of `page.text`, with `document.source` (and `text`, and items' pages) set."""
    source = SourceInfo(
        location=page.location,
        format=page.format,
        sha256=page.sha256,
        pages=len(page.page_starts) or None,
        title=page.title,
        site=page.site,
        url=page.url,
        warnings=list(page.warnings),
    )
    text = None if page.format in _PLAIN else page.text
    document = result.document.model_copy(update={"source": source, "text": text})
    articles = result.articles
    if page.page_starts:
        articles = [_paged(a, page.page_starts) for a in articles]
    return result.model_copy(update={"document": document, "articles": articles})


def page_of(offset: int, starts: tuple[int, ...]) -> int:
    """The 1-based page holding `offset`, given where each page starts.

    >>> page_of(0, (0, 100)), page_of(99, (0, 100)), page_of(100, (0, 100))
    (1, 1, 2)
    """
    return max(bisect_right(starts, offset), 1)


def _paged(article: ArticleResult, starts: tuple[int, ...]) -> ArticleResult:
    return article.model_copy(
        update={
            "statistics": [_with_page(s, starts) for s in article.statistics],
            "events": [_with_page(e, starts) for e in article.events],
        }
    )


def _with_page(item: _Item, starts: tuple[int, ...]) -> _Item:
    return item.model_copy(update={"page": page_of(item.span[0], starts)})

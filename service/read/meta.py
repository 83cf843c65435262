"""A parsed HTML page -> what it says of itself: title, publication day, site name, canonical URL.

Chinese government sites follow one CMS convention (meta ArticleTitle, PubDate, SiteName);
news sites use Open Graph or their own names (publishdate). Each field is taken from the most
specific place that has it; the page's visible "发布时间：…" line stands in for a missing date.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml.html import HtmlElement

# meta names (lower case) by field, most specific first
_TITLE_META = ("articletitle", "og:title", "twitter:title")
_DATE_META = (
    "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "og:release_date",
    "datepublished", "dc.date.issued", "dc.date", "publish_time", "publishtime", "date",
)  # fmt: skip
_SITE_META = ("sitename", "og:site_name", "application-name")
_URL_META = ("og:url", "url")
# "发布时间：2019-09-18 06:23", "发布日期: 2016年11月22日", "时间：2019-09-18" in the page text
_DATE_LINE = re.compile(
    r"(?:发布|发表|更新)?(?:时间|日期)\s*[:：]\s*(\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2})"
)
_DAY = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_SPACES = re.compile(r"\s+")
_MIN_TITLE_CHARS = 4  # shorter <h1>s are logos and channel names ("新闻")
# "女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网": the headline, then the site's names
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|--|——|\s[-|\u2013\u2014]\s|\|)\s*")


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None
    published: str | None
    site: str | None
    url: str | None


def read_meta(tree: HtmlElement) -> PageMeta:
    """The page's own title, ISO publication day, site name and canonical URL, where given."""
    metas = _metas(tree)
    head_title = _text(tree.find(".//title"))
    named = _first(metas, _TITLE_META)
    first_part = _TITLE_SEPARATOR.split(head_title)[0] if head_title else None
    return PageMeta(
        title=_headline(tree, [t for t in (head_title, named) if t]) or named or first_part,
        published=_published(metas, tree),
        site=_first(metas, _SITE_META),
        url=_canonical(tree) or _first(metas, _URL_META),
    )


def iso_day(value: str | None) -> str | None:
    """ "2019-09-18 06:23", "2007-08-20-23:59:59", "2019年6月15日" -> ISO day; None if none.

    >>> iso_day("2016-11-22 09:53"), iso_day("2021-02-30")
    ('2016-11-22', None)
    """
    m = _DAY.search(value or "")
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _metas(tree: HtmlElement) -> dict[str, str]:
    """meta name/property (lower case) -> content; the first of a name wins."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        content = _SPACES.sub(" ", meta.get("content") or "").strip()
        if key and content:
            found.setdefault(key, content)
    return found


def _first(metas: dict[str, str], names: Iterable[str]) -> str | None:
    return next((metas[n] for n in names if n in metas), None)


def _headline(tree: HtmlElement, titles: list[str]) -> str | None:
    """The longest <h1> that the page's <title> or named title also holds: a logo or channel
    name in an <h1> is not the headline."""
    found = [_text(h) for h in tree.iter("h1")]
    held = [h for h in found if h and len(h) >= _MIN_TITLE_CHARS and any(h in t for t in titles)]
    return max(held, key=len, default=None)


def _published(metas: dict[str, str], tree: HtmlElement) -> str | None:
    for name in _DATE_META:
        day = iso_day(metas.get(name))
        if day is not None:
            return day
    for node in tree.iter("time"):
        day = iso_day(node.get("datetime") or _text(node))
        if day is not None:
            return day
    body = tree.find(".//body")
    m = _DATE_LINE.search(_text(body if body is not None else tree) or "")
    return iso_day(m[1]) if m else None


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _text(node: HtmlElement | None) -> str | None:
    if node is None:
        return None
    text = _SPACES.sub(" ", node.text_content()).strip()
    return text or None

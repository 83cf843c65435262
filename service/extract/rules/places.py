"""The place of a statistic or an event (ANNOTATION.md P1), as written. Pure.

Read, in order, from the clause, then the sentence, then the place the article is about: the
first place its text names. Words that stand for a place ("我市", "全县", "该区", "当地") are
written as the place of that level the article names first: "全市" in a story that opens
"永康讯" is "永康". Null only when the article names no place the gazetteer knows.
"""

import re
from bisect import bisect_left

from service.extract.rules.text import ArticleText
from service.values.places import Place, is_of_level

# "我市", "全县", "本区", "该省", "当地": a place the article names for them (P1).
_STAND_IN = re.compile(r"(?:我|全|本|该)(?P<level>省|市|州|县|区|旗)|当地|本地")
# A place that only qualifies the item is not its place: where people come from ("平昌籍"), where
# they are sent ("前往广东"), a rank ("金华市级重点项目").
_BEFORE_NOT_ITS_OWN = ("前往", "赴", "送往", "送到", "发往", "开往", "奔赴", "返回")
_AFTER_NOT_ITS_OWN = ("籍", "级")


def place_of(
    article: ArticleText, clause: tuple[int, int], sentence: tuple[int, int]
) -> str | None:
    """P1: the clause's place, else the sentence's, else the article's."""
    return (
        _place_in(article, *clause)
        or _place_in(article, *sentence)
        or _article_place(article, None)
    )


def _place_in(article: ArticleText, left: int, right: int) -> str | None:
    """The first place named in [left, right), a stand-in resolved, whichever comes first."""
    i = bisect_left(article.place_starts, left)
    named = next(
        (p for p in article.places[i:] if p.start < right and _its_own(article.text, p)), None
    )
    if named is not None and named.start >= right:
        named = None
    stand_in = _STAND_IN.search(article.text, left, right)
    if stand_in is not None and (named is None or stand_in.start() < named.start):
        resolved = _article_place(article, stand_in["level"])
        if resolved is not None:
            return resolved
    return named.name if named is not None else None


def _its_own(text: str, place: Place) -> bool:
    return not text.startswith(_AFTER_NOT_ITS_OWN, place.end) and not text.endswith(
        _BEFORE_NOT_ITS_OWN, 0, place.start
    )


def _article_place(article: ArticleText, level: str | None) -> str | None:
    """The first place the article names, of the level a stand-in speaks of when it says one."""
    for place in article.places:
        of_level = level is None or is_of_level(place.level, place.full, level)
        if of_level and _its_own(article.text, place):
            return place.name
    return None

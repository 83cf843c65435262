"""The place of a statistic or an event (ANNOTATION.md P1), as written. Pure.

Read, in order, from the clause, then the sentence, then the place the article is about
(`homes.py`, which also tells the places named only in passing). Words that stand for a place
("我市", "全县", "该区", "当地") are written as the place of that level the article names: "全市"
in a story that opens "永康讯" is "永康". Null only when the article names no place the
gazetteer knows.
"""

import re
from bisect import bisect_left

from service.extract.rules.placing.homes import (
    article_home,
    article_place,
    finest_run,
    holds,
    in_firm,
    in_home_province,
    its_own,
    page_place,
)
from service.extract.rules.text import ArticleText
from service.values.divisions import ONE_CHARACTER, town_counties
from service.values.places import Place

# The article-wide readings events and the backend take from here with the item-wide ones.
__all__ = [
    "article_place",
    "event_place_of",
    "page_place",
    "place_at",
    "place_ending_at",
    "place_of",
]

# "我市", "全县", "本区", "该省", "当地": a place the article names for them (P1).
_STAND_IN = re.compile(
    r"(?:我|全|本|该)(?P<level>省|市|州|县|区|旗)|当地|本地"
    r"|全(?P<province>[疆川粤黔滇桂湘鄂豫冀鲁晋陕甘青藏蒙闽浙苏皖赣吉辽黑渝沪京津])"  # "全疆"
)
_LIST_MARKS = "、"  # "与", "和" join partners as often as they list places
# Where an event is held or arrives: "在紫阳县", "于西宁", "抵达昆山".
_AT = re.compile(r"在|于|抵达|到达|落户|来到|来(?!自)|到")
# …and where teams go to hold it: "分赴安化、慈利等地举办招聘会" (not workers sent: a transfer).
_GONE_TO = re.compile(r"分赴|奔赴|赴|前往|走进|深入")
# One-character names that are a province's in a route ("赴粤", "进京"); 新, 云, 宁, 青, 吉 and
# 台 open too many other words ("前往新区").
_ONE_CHARACTER_PLACES = frozenset(ONE_CHARACTER) - frozenset("新云宁青吉台")
# A township written whole after where an event is held or arrives.
_TOWN = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)")
_PARTNERED = ("与", "和", "同")
# An unknown name opening a list of places ("龙山、桑植", 龙山 being two counties' name).
_UNKNOWN_FIRST = re.compile(r"[\u4e00-\u9fff]{2,3}、")
# A development zone or new area named after its division: "长沙经开区", "金华开发区".
_ZONE = re.compile(r"(?:经济技术开发区|经济开发区|高新技术产业开发区|经开区|开发区|高新区|新区)")
# A township written as a division's short name and its ending: "普安镇" is no 普安县.
_TOWN_END = ("镇", "乡", "街道")


def place_of(
    article: ArticleText,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    *,
    passing: bool = True,
) -> str | None:
    """P1: the clause's place, else the sentence's, else where the occurrence told last before
    it was held, else the article's place, else its page's. With `passing`, a place the sentence
    names in another province than the article's is told in passing (a partner, an origin, a
    destination), not the item's: a statistic's; an event happens where its sentence says."""
    in_sentence = _place_in(article, *sentence)
    if passing:
        in_sentence = in_home_province(article, in_sentence)
    return (
        _place_in(article, *clause)
        or in_sentence
        or _held_at(article, sentence[0])
        or article_home(article, None)
        or article.page_place
    )


def event_place_of(
    article: ArticleText, clause: tuple[int, int], sentence: tuple[int, int], *, moved: bool
) -> str | None:
    """Where an event happened: the place its clause says it is held at or arrives at
    ("招聘会在紫阳县启动", "抵达昆山", "来我市考察"), or, unless workers are `moved`, where a
    team goes to hold it ("赴安化、慈利等地举办招聘会"); else P1's place."""
    if moved:  # "天柱县与慈溪市签订…": a partnership of two places is both of theirs
        pair = _partners(article, clause)
        if pair is not None:
            return pair
    patterns = (_AT,) if moved else (_AT, _GONE_TO)
    for pattern in patterns:
        # the last one: "在苏州…活动在南京信息工程大学启动" is held in Nanjing
        found = [place_at(article, m.end()) for m in pattern.finditer(article.text, *clause)]
        if any(found):
            return [f for f in found if f][-1]
    return place_of(article, clause, sentence, passing=False)


def place_at(article: ArticleText, at: int, *, one_character: bool = False) -> str | None:
    """The place, or the stand-in resolved, that starts at `at`; with `one_character`, also a
    province's one-character name ("赴粤返岗")."""
    if one_character and article.text[at : at + 1] in _ONE_CHARACTER_PLACES:
        i = bisect_left(article.place_starts, at)
        if i == len(article.places) or article.places[i].start != at:
            return article.text[at]
    i = bisect_left(article.place_starts, at)
    if i < len(article.places) and article.places[i].start == at:
        return _as_written(article, article.places[i])
    listed = _UNKNOWN_FIRST.match(article.text, at)  # "龙山、桑植…": a name the gazetteer
    if listed is not None and i < len(article.places) and article.places[i].start == listed.end():
        return article.text[at : article.places[i].start] + _as_written(article, article.places[i])
    town = _TOWN.match(article.text, at)  # "抵达里水镇": a township the gazetteer lacks
    if town is not None and town_counties(town.group()):
        return town.group()
    stand_in = _STAND_IN.match(article.text, at)
    if stand_in is None:
        return None
    return article_home(article, stand_in["level"] or (stand_in["province"] and "省"))


def _partners(article: ArticleText, clause: tuple[int, int]) -> str | None:
    """ "X与Y" opening a clause, both places: written as they are ("昆山与铜仁市碧江区")."""
    i = bisect_left(article.place_starts, clause[0])
    if i >= len(article.places) or article.places[i].start > clause[0] + 1:
        return None
    first = _as_written(article, article.places[i])
    joint = article.places[i].start + len(first)
    if not article.text.startswith(_PARTNERED, joint):
        return None
    second = place_at(article, joint + 1)
    return article.text[article.places[i].start : joint + 1] + second if second else None


def place_ending_at(article: ArticleText, end: int) -> str | None:
    """The place written right before `end` ("平昌籍", "城步至东莞"), as written."""
    i = bisect_left(article.place_starts, end) - 1
    while i >= 0 and article.places[i].end > end:
        i -= 1
    if i < 0 or article.places[i].end != end:
        return None
    while i > 0 and holds(article.places[i - 1], article.places[i]):
        i -= 1  # back to the start of a run of nested names: "四川平昌籍"
    return _as_written(article, article.places[i])


def _held_at(article: ArticleText, before: int) -> str | None:
    """Where the last occurrence the article tells before `before` was held, the one the
    figures after it are usually about: "招聘会在紫阳县礼乐广场启动"."""
    i = bisect_left(article.held, (before,), key=lambda held: held[:1])
    return _as_written(article, article.held[i - 1][1]) if i else None


def _place_in(article: ArticleText, left: int, right: int) -> str | None:
    """The first place named in [left, right), a stand-in resolved, whichever comes first."""
    i = bisect_left(article.place_starts, left)
    named = next(
        (
            p
            for p in article.places[i:]
            if p.start < right and its_own(article, p) and not in_firm(article, p)
        ),
        None,
    )
    if named is not None and named.start >= right:
        named = None
    stand_in = _STAND_IN.search(article.text, left, right)
    if stand_in is not None and (named is None or stand_in.start() < named.start):
        resolved = article_home(article, stand_in["level"] or (stand_in["province"] and "省"))
        if resolved is not None:
            return resolved
    return _as_written(article, named) if named is not None else None


def _as_written(article: ArticleText, first: Place) -> str:
    """A place as written: a run of nested names in full ("吉林省长春市", which codes read as
    长春市), a list of places in full ("龙山、桑植、麻阳等地" -> 龙山、桑植、麻阳), and a
    township written as a division's short name with its ending ("普安镇")."""
    last = finest_run(article, first)
    i = bisect_left(article.place_starts, last.end + 1)
    while (
        i < len(article.places)
        and article.places[i].start == last.end + 1
        and article.text[last.end] in _LIST_MARKS
    ):
        last = finest_run(article, article.places[i])
        i = bisect_left(article.place_starts, last.end + 1)
    written = article.text[first.start : last.end]
    zone = _ZONE.match(article.text, last.end)  # "长沙经开区": a zone is written with its name
    if zone is not None:
        return written + zone.group()
    if last.name != last.full:
        written += next((end for end in _TOWN_END if article.text.startswith(end, last.end)), "")
    return written

"""The place an article is about, and the places it names only in passing (ANNOTATION.md P1).
Pure.

The article's place is the one it opens with (its dateline or heading), or a division inside it
that its mentions are mostly about; the level it calls its own most ("我省") lifts it to that
level; a national body's story that names no division is the country's. A place is told in
passing, not an item's own, where people come from or are sent, in a rank, a byline or the name
of a firm.
"""

import re
from bisect import bisect_left
from collections import Counter

from service.extract.rules.text import ArticleText, located
from service.values.divisions import division, named, parents
from service.values.places import Place, find_places, is_of_level

# A place that only qualifies the item is not its place: where people come from ("平昌籍"), where
# they are sent ("前往广东"), a rank ("金华市级重点项目").
_BEFORE_NOT_ITS_OWN = ("前往", "赴", "送往", "送到", "发往", "开往", "奔赴", "返回")
_AFTER_NOT_ITS_OWN = ("籍", "级")
# An open byline: "(记者 …", "（通讯员 …".
_BYLINE = re.compile(r"[(（]\s*(?:特约|见习|实习)?(?:记者|通讯员|实习生|摄影)[^)）]*$")
# Where people are sent, right before a place or a list of places ending at it.
_LIST_REACH = 40
_SENT_TO = re.compile(
    "(?:" + "|".join(_BEFORE_NOT_ITS_OWN) + ")(?:[\u4e00-\u9fff]{1,8}[、和及]){0,6}$"
)
# A place that opens the name of a firm heading a list of firms is part of the name, not where the
# item is ("宁波创跃园林工具有限公司等7家企业" at a fair in 黔西南).
_FIRM = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:有限公司|有限责任公司|股份公司|公司|集团|工厂)等")
# The country, or a national body, in an article naming no division: its figures are the
# country's (ANNOTATION.md C2).
_NATIONAL = re.compile(
    r"全国|我国|中国|国务院|党中央|中央(?:政府|财政)|"
    r"(?:人社|人力资源(?:和)?社会保障|教育|财政|商务|民政|农业农村|工业和信息化|住房和城乡建设)部|"
    r"国家(?:发展改革委|发改委|统计局|乡村振兴局|[\u4e00-\u9fff]{2,8}?(?:局|委员会))"
)
# How an article names its own place ("我省", "本市", "我县"): the level of the one it uses most.
_OURS = re.compile(r"(?:我|本)(省|市|县|区|州|旗)")


def holds(outer: Place, inner: Place) -> bool:
    """`inner` follows `outer` right after it and lies in it ("吉林省长春市")."""
    return outer.end == inner.start and outer.code in parents(inner.code)


def finest_run(article: ArticleText, place: Place) -> Place:
    """The last of a run of names each holding the next ("吉林省长春市": 长春市)."""
    i = bisect_left(article.place_starts, place.end)
    for after in article.places[i:]:
        if not holds(place, after):
            break
        place = after
    return place


def in_firm(article: ArticleText, place: Place) -> bool:
    """A place that opens a firm's name ("宁波创跃园林工具有限公司"): a mention inside a name."""
    return _FIRM.match(article.text, finest_run(article, place).end) is not None


def its_own(article: ArticleText, place: Place) -> bool:
    """Not where people come from or are sent, nor a rank, nor inside a byline; a place listed
    after others ("赴安化、慈利") is what the list is."""
    text = article.text
    if text.startswith(_AFTER_NOT_ITS_OWN, finest_run(article, place).end):
        return False  # "湖北荆门籍": the whole run is where people come from
    if _BYLINE.search(text, max(0, place.start - _LIST_REACH), place.start):
        return False  # "(记者 张平昌)": a reporter's name, not a place
    return _SENT_TO.search(text, max(0, place.start - _LIST_REACH), place.start) is None


def own_places(article: ArticleText) -> list[Place]:
    """The article's places that are its own (`its_own`), worked out once per article."""
    if article.memo.own is None:
        article.memo.own = tuple(p for p in article.places if its_own(article, p))
    return list(article.memo.own)


def article_home(article: ArticleText, level: str | None) -> str | None:
    """The place the article is about: the one it opens with, as its dateline or heading says,
    or a division inside it that its mentions are mostly about; for a stand-in that says a level
    ("我市"), the one of that level it names most often, unless that lies in another province
    than the article's settled place (`_stand_in_home`)."""
    key = level or ""
    if key in article.memo.homes:
        return article.memo.homes[key]
    every = own_places(article)
    own = [p for p in every if level is None or is_of_level(p.level, p.full, level)]
    best = _opening(article, own) if level is None else _most_named(own)
    home = best.name if best is not None else None
    ours = _ours(article.text) if level is None and best is not None else None
    if best is not None and ours is not None and not is_of_level(best.level, best.full, ours):
        home = _holding(best, ours) or home  # "我省…" most: the province's story
    if level is None and not every and _NATIONAL.search(article.text):
        home = "全国"  # a national body's story that names no division (C2)
    if level is None and best is not None and _page_inside(article.page_place, best.code):
        home = article.page_place  # a county paper's story of its city: the county's
    if level is not None and best is None:  # "全省" in a story naming only 昆明: 云南省
        home = _holding(_most_named(every), level)
    if level is not None and best is not None:
        home = _stand_in_home(article, every, best, level) or home
    article.memo.homes[key] = home
    return home


def _stand_in_home(article: ArticleText, every: list[Place], best: Place, level: str) -> str | None:
    """ "全省" in a story that opens with 滑县, and names 江苏 most as where its workers go: 河南,
    the division of that level holding the place it opens with, when that place is settled (it
    and the one named most lie in one province) and `best` lies in another."""
    opening = _opening(article, every)
    if opening is None or opening.province == best.province or settled_home(article) is None:
        return None
    if is_of_level(opening.level, opening.full, level):
        return opening.name
    return _holding(opening, level)


def _opening(article: ArticleText, own: list[Place]) -> Place | None:
    """The finest of the run of places the article opens with ("河南省滑县"), or the division
    inside it its mentions are mostly about ("佛山讯…南海区…南海区": 南海区)."""
    if not own:
        return None
    return _finer_home(own, finest_run(article, own[0]), Counter(p.code for p in own))


def _ours(text: str) -> str | None:
    """The level word of the self-reference an article uses most ("我省" -> "省"), the first of
    those tied; None when it uses none."""
    counts = Counter(m.group(1) for m in _OURS.finditer(text))
    return max(counts, key=counts.__getitem__) if counts else None


def _most_named(own: list[Place]) -> Place | None:
    counts = Counter(p.code for p in own)
    best = max(own, key=lambda p: (counts[p.code], -p.start), default=None)
    return _finer_home(own, best, counts) if best is not None else None


def _holding(place: Place | None, level: str) -> str | None:
    """The division of a stand-in's level holding `place`, by its full name."""
    for code in parents(place.code)[1:] if place is not None else ():
        found = division(code)
        if found is not None and is_of_level(found.level, found.full, level):
            return found.full
    return None


def _page_inside(page: str | None, code: str) -> bool:
    return page is not None and any(code in parents(d.code)[1:] for d in named(page))


def _finer_home(own: list[Place], best: Place, counts: Counter[str]) -> Place:
    """From the place named most often down to a division inside it that its mentions are
    mostly about ("金华…义乌…义乌": 义乌): a superior named in passing is not what the story
    is about."""

    holding = {c: parents(c) for c in counts}  # every code of `own`, and those holding it
    told: dict[str, int] = {}

    def mentions(code: str) -> int:  # of the division and of those inside it
        if code not in told:
            told[code] = sum(n for c, n in counts.items() if code in holding[c])
        return told[code]

    while True:
        inside = [p for p in own if p.code != best.code and best.code in holding[p.code]]
        if not inside:
            return best
        finer = max(inside, key=lambda p: (mentions(p.code), -p.start))
        if 2 * mentions(finer.code) < mentions(best.code):
            return best
        best = finer


def article_place(article: ArticleText) -> str | None:
    """The place the article is about (P1's last resort but its page's)."""
    return article_home(article, None) or article.page_place


def page_place(text: str, places: list[Place]) -> str | None:
    """The place a page of articles (their text joined by line breaks, and its places) is
    about: the one its articles name most often."""
    return article_home(located(text, places), None)


def settled_home(article: ArticleText) -> str | None:
    """The article's place when the place it opens with and the one it names most often lie in
    one province; else None."""
    if "settled" not in article.memo.homes:
        every = own_places(article)
        first, most = _opening(article, every), _most_named(every)
        settled = first is not None and most is not None and first.province == most.province
        article.memo.homes["settled"] = article_home(article, None) if settled else None
    return article.memo.homes["settled"]


def in_home_province(article: ArticleText, found: str | None) -> str | None:
    """`same_province` of a place the item's sentence names and the article's settled place,
    worked out once per name and article: its items' sentences name the same few places."""
    if found is None:
        return None
    if found not in article.memo.provinces:
        article.memo.provinces[found] = same_province(found, settled_home(article))
    return article.memo.provinces[found]


def same_province(found: str | None, home: str | None) -> str | None:
    """A place the item's sentence names beside its clause, unless it lies in another province
    than the article's: a partner, a destination or an origin told in passing."""
    if found is None or home is None:
        return found
    provinces = {p.province for p in find_places(found)} | {d.province for d in named(found)}
    own = {p.province for p in find_places(home)} | {d.province for d in named(home)}
    return found if not provinces or not own or provinces & own else None

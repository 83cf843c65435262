"""The place of a statistic or an event (ANNOTATION.md P1), as written. Pure.

Read, in order, from the clause, then the sentence, then the place the article is about: the
place it opens with (its dateline or heading), or a division inside it its mentions are mostly
about. Words that stand for a place ("我市", "全县", "该区", "当地") are
written as the place of that level the article names first: "全市" in a story that opens
"永康讯" is "永康". Null only when the article names no place the gazetteer knows.
"""

import re
from bisect import bisect_left
from collections import Counter

from service.extract.rules.text import ArticleText, analyse
from service.values.divisions import ONE_CHARACTER, division, named, parents, town_counties
from service.values.places import Place, find_places, is_of_level

# "我市", "全县", "本区", "该省", "当地": a place the article names for them (P1).
_STAND_IN = re.compile(
    r"(?:我|全|本|该)(?P<level>省|市|州|县|区|旗)|当地|本地"
    r"|全(?P<province>[疆川粤黔滇桂湘鄂豫冀鲁晋陕甘青藏蒙闽浙苏皖赣吉辽黑渝沪京津])"  # "全疆"
)
# A place that only qualifies the item is not its place: where people come from ("平昌籍"), where
# they are sent ("前往广东"), a rank ("金华市级重点项目").
_BEFORE_NOT_ITS_OWN = ("前往", "赴", "送往", "送到", "发往", "开往", "奔赴", "返回")
_AFTER_NOT_ITS_OWN = ("籍", "级")
_LIST_MARKS = "、"  # "与", "和" join partners as often as they list places
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
        in_sentence = _same_province(in_sentence, _settled_home(article))
    return (
        _place_in(article, *clause)
        or in_sentence
        or _held_at(article, sentence[0])
        or _article_place(article, None)
        or article.page_place
    )


def _settled_home(article: ArticleText) -> str | None:
    """The article's place when the place it opens with and the one it names most often lie in
    one province; else None."""
    if "settled" not in article.memo.homes:
        every = [p for p in article.places if _its_own(article, p)]
        first, most = _opening(article, every), _most_named(every)
        settled = first is not None and most is not None and first.province == most.province
        article.memo.homes["settled"] = _article_place(article, None) if settled else None
    return article.memo.homes["settled"]


def _same_province(found: str | None, home: str | None) -> str | None:
    """A place the item's sentence names beside its clause, unless it lies in another province
    than the article's: a partner, a destination or an origin told in passing."""
    if found is None or home is None:
        return found
    provinces = {p.province for p in find_places(found)} | {d.province for d in named(found)}
    own = {p.province for p in find_places(home)} | {d.province for d in named(home)}
    return found if not provinces or not own or provinces & own else None


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
    return _article_place(article, stand_in["level"] or (stand_in["province"] and "省"))


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
    while i > 0 and _holds(article.places[i - 1], article.places[i]):
        i -= 1  # back to the start of a run of nested names: "四川平昌籍"
    return _as_written(article, article.places[i])


def _holds(outer: Place, inner: Place) -> bool:
    return outer.end == inner.start and outer.code in parents(inner.code)


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
            if p.start < right and _its_own(article, p) and not _in_firm(article, p)
        ),
        None,
    )
    if named is not None and named.start >= right:
        named = None
    stand_in = _STAND_IN.search(article.text, left, right)
    if stand_in is not None and (named is None or stand_in.start() < named.start):
        resolved = _article_place(article, stand_in["level"] or (stand_in["province"] and "省"))
        if resolved is not None:
            return resolved
    return _as_written(article, named) if named is not None else None


def _as_written(article: ArticleText, first: Place) -> str:
    """A place as written: a run of nested names in full ("吉林省长春市", which codes read as
    长春市), a list of places in full ("龙山、桑植、麻阳等地" -> 龙山、桑植、麻阳), and a
    township written as a division's short name with its ending ("普安镇")."""
    last = _finest_run(article, first)
    i = bisect_left(article.place_starts, last.end + 1)
    while (
        i < len(article.places)
        and article.places[i].start == last.end + 1
        and article.text[last.end] in _LIST_MARKS
    ):
        last = _finest_run(article, article.places[i])
        i = bisect_left(article.place_starts, last.end + 1)
    written = article.text[first.start : last.end]
    zone = _ZONE.match(article.text, last.end)  # "长沙经开区": a zone is written with its name
    if zone is not None:
        return written + zone.group()
    if last.name != last.full:
        written += next((end for end in _TOWN_END if article.text.startswith(end, last.end)), "")
    return written


def _finest_run(article: ArticleText, place: Place) -> Place:
    """The last of a run of names each holding the next ("吉林省长春市": 长春市)."""
    i = bisect_left(article.place_starts, place.end)
    for after in article.places[i:]:
        if not _holds(place, after):
            break
        place = after
    return place


def _in_firm(article: ArticleText, place: Place) -> bool:
    """A place that opens a firm's name ("宁波创跃园林工具有限公司"): a mention inside a name."""
    return _FIRM.match(article.text, _finest_run(article, place).end) is not None


def _its_own(article: ArticleText, place: Place) -> bool:
    """Not where people come from or are sent, nor a rank, nor inside a byline; a place listed
    after others ("赴安化、慈利") is what the list is."""
    text = article.text
    if text.startswith(_AFTER_NOT_ITS_OWN, _finest_run(article, place).end):
        return False  # "湖北荆门籍": the whole run is where people come from
    if _BYLINE.search(text, max(0, place.start - _LIST_REACH), place.start):
        return False  # "(记者 张平昌)": a reporter's name, not a place
    return _SENT_TO.search(text, max(0, place.start - _LIST_REACH), place.start) is None


def _article_place(article: ArticleText, level: str | None) -> str | None:
    """The place the article is about: the one it opens with, as its dateline or heading says,
    or a division inside it that its mentions are mostly about; for a stand-in that says a level
    ("我市"), the one of that level it names most often."""
    key = level or ""
    if key not in article.memo.homes:
        every = [p for p in article.places if _its_own(article, p)]
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
        article.memo.homes[key] = home
    return article.memo.homes[key]


def _opening(article: ArticleText, own: list[Place]) -> Place | None:
    """The finest of the run of places the article opens with ("河南省滑县"), or the division
    inside it its mentions are mostly about ("佛山讯…南海区…南海区": 南海区)."""
    if not own:
        return None
    return _finer_home(own, _finest_run(article, own[0]), Counter(p.code for p in own))


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

    def mentions(code: str) -> int:  # of the division and of those inside it
        return sum(n for c, n in counts.items() if code in parents(c))

    while True:
        inside = [p for p in own if p.code != best.code and best.code in parents(p.code)]
        if not inside:
            return best
        finer = max(inside, key=lambda p: (mentions(p.code), -p.start))
        if 2 * mentions(finer.code) < mentions(best.code):
            return best
        best = finer


def article_place(article: ArticleText) -> str | None:
    """The place the article is about (P1's last resort but its page's)."""
    return _article_place(article, None) or article.page_place


def page_place(texts: list[str]) -> str | None:
    """The place a page of articles is about: the one its articles name most often."""
    return _article_place(analyse("\n".join(texts), None), None)

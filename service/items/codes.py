"""Places as written -> six-digit division codes (ANNOTATION.md "Division codes"). Pure.

Codes are never asked of the model: they are read here from the place as written and from the
article it stands in. The article's own places (`Region`) settle a name several divisions share
("朝阳区" in Beijing or in Changchun), stand-ins ("我市", "全县") and venues that name no
division ("人才市场"). A name that is a city and a county of it ("长沙") is the city. Several
places ("福州、泉州", "广州深圳", "川渝") take the smallest division holding them all; the country
is "100000", and so is the rest of it ("湖南省外"). Well-known schools, national bodies and
venues whose names mislead take their seats (`service.values.seats`: "华东师范大学" -> 310000);
a county by its old name ("陕县") the renamed one near the article.

>>> from service.items.region import article_region
>>> region = article_region("巴中讯 平昌县举办招聘会")
>>> place_code("四川平昌", region), place_code("我市", region), place_code("广东、上海", region)
('511923', '511900', '100000')
"""

import re
from collections.abc import Sequence

from schemas.results import ArticleResult, Event, Statistic
from schemas.vocab import NATIONWIDE
from service.items.region import Region, closeness, lies_near, near, pick
from service.values.divisions import (
    DIVISIONS,
    ONE_CHARACTER,
    Division,
    named,
    parents,
    smallest_holding,
    town_counties,
)
from service.values.places import BEFORE_SHORT, NOT_PLACES, is_of_level
from service.values.seats import known_name, school_seat, seat

# --- names that are no division of the table ----------------------------------------------------
# The whole country, and areas of a kind across it (ANNOTATION.md).
_COUNTRY = re.compile(
    r"^(?:全国|我国|中国|国内|国家|中华人民共和国|各地|大中城市|[东中西]部|中西部|东西部|沿海|"
    r"东北|华北|华东|华中|华南|西北|西南|长三角|京津冀|成渝|粤港澳大湾区|大湾区|欠发达地区)"
)
_PAIRED = 4  # at most this many one-character province names run together ("黑吉辽蒙")
# A train or flight as the place: a moving venue, placed by the route the article tells.
_MOVING = re.compile(r"^[A-Z]?\d+次(?:列车|动车组?|高铁|航班)?")
# Places abroad have no code, nor does a list holding one, nor "outside the region" ("区外").
_ABROAD = re.compile(
    r"(?:境外|海外|国外|日本|韩国|朝鲜|新加坡|马来西亚|泰国|越南|老挝|柬埔寨|缅甸|印尼|印度|"
    r"菲律宾|巴基斯坦|俄罗斯|蒙古国|哈萨克斯坦|德国|法国|英国|意大利|西班牙|美国|加拿大|澳大利亚|"
    r"新西兰|以色列|沙特|阿联酋|卡塔尔|非洲|欧洲|中东|东南亚|南美|拉美)"
)
_OUTSIDE = re.compile(r"^[省市县区州]外")
# Outside a division the text names ("湖南省外", "长沙以外"): the rest of the country.
_BEYOND = re.compile(r"(?:以)?外(?:地区|地)?$")
# A county or city by a name it no longer has ("陕县", now 陕州区): its stem, and the words
# that open a stand-in or a count rather than a name ("两县", "各市").
_OLD_NAME = re.compile(r"^(?P<stem>\w{1,3}?)(?:县|市)$")
_NOT_STEMS = frozenset("全本该我各两三四五六七八九十此邻他外多数诸等一首省市县城")
# A list of places: "、" and its kin, and "和" between two names of two characters or more.
_LIST = re.compile(r"[、，,及与]|(?<=\S{2})和(?=\S{2})")
# "我市", "全县", "本区", "该省", "当地"; also an office named by its level ("县人社局").
_STAND_IN = re.compile(r"^(?:(?:我|全|本|该)?(?P<level>省|市|州|县|区|旗)|当地|本地)")
# A township or 街道 as written, and the endings a writer may leave out ("横店" for 横店镇).
_TOWN_END = re.compile(r"镇|乡|街道|苏木")
_TOWN_LONGEST = 8
_TOWN_SUFFIXES = ("镇", "乡", "街道")
# The last character of a full name that a writer may leave out.
_SUFFIXES = ("区", "县", "市")
# No division's name is longer: a name is looked up in windows of this size at most.
_LONGEST = max(len(name) for d in DIVISIONS for name in (d.full, *d.aliases))


def place_code(place: str | None, region: Region) -> str | None:
    """The code of the finest division `place` names or lies in, read in `region`; None for no
    place, a place abroad, or one neither the name nor the article places."""
    name = re.sub(r"\s+", "", place or "")
    if not name or _ABROAD.search(name) or _OUTSIDE.match(name):
        return None
    parts = [part for part in _LIST.split(name) if part]
    if len(parts) == 1 and _paired(name):
        parts = list(name)  # provinces by one character each: "川渝", "港澳", "陕甘宁"
    elif len(parts) == 1:
        parts = _juxtaposed(name, region) or parts
    if len(parts) > 1:
        codes = [code for code in (_one_code(part, region) for part in parts) if code]
        return smallest_holding(codes) if codes else None
    return _one_code(name, region)


def _paired(name: str) -> bool:
    """Provinces by one character each, run together ("川渝", "港澳"), in a name that is no
    division's own ("辽宁")."""
    return 1 < len(name) <= _PAIRED and set(name) <= ONE_CHARACTER.keys() and not named(name)


def _juxtaposed(name: str, region: Region) -> list[str]:
    """Division names written back to back with nothing else ("广州深圳"), none lying in the
    one before it, as a list; [] for anything else ("四川平昌" is one place)."""
    words, at = [], 0
    while at < len(name):
        end = next(
            (e for e in range(min(len(name), at + _LONGEST), at + 1, -1) if _is_name(name[at:e])),
            None,
        )
        if end is None:
            return []
        words.append(name[at:end])
        at = end
    if len(words) == 1:
        return []  # one name: nothing juxtaposed
    code = pick(named(words[0]), region).code
    for word in words[1:]:
        inside = [d for d in named(word) if code in parents(d.code)[1:]]
        if not inside:
            return words
        code = pick(inside, region).code
    return []


def _is_name(word: str) -> bool:
    return word not in NOT_PLACES and bool(named(word))


def _one_code(name: str, region: Region) -> str | None:
    known = _well_known(name, region)
    if known is not None:
        return known
    country = _COUNTRY.match(name)
    if country is not None:  # "国家税务总局四川省税务局": a national body's branch in a division
        return _nested(name[country.end() :], region) or NATIONWIDE
    if _MOVING.match(name):  # "K210次列车": the smallest division holding the route told
        return smallest_holding(code for _, _, code in region.places) if region.places else None
    code = _nested(name, region)
    town = _town(name, code, region)
    if town is not None or code is not None:
        return town or school_seat(name, code) or code
    stand_in = _STAND_IN.match(name)
    if stand_in is not None:
        return _of_level(region, stand_in["level"])
    return _renamed(name, region) or region.home  # a venue the article puts in its place


def _renamed(name: str, region: Region) -> str | None:
    """A county or city named as it was before a renaming ("陕县" for 陕州区, "鄞县" for 鄞州区,
    "莱芜市" for 莱芜区): the one division near the article's places whose name begins with the
    same stem; a one-character stem only before 县 ("城市" is no old name)."""
    old = _OLD_NAME.match(name)
    if old is None or old["stem"][0] in _NOT_STEMS:
        return None
    if len(old["stem"]) == 1 and not name.endswith("县"):
        return None
    found = {
        d.code
        for d in DIVISIONS
        if d.level == "county" and d.full.startswith(old["stem"]) and lies_near(d.code, region)
    }
    return found.pop() if len(found) == 1 else None


def _well_known(name: str, region: Region) -> str | None:
    """The code of a well-known seat, of the rest of the country, or of a name the table lacks;
    None for any other name."""
    found = seat(name)
    if found is not None:  # "华东师范大学", "黄龙体育中心": a well-known seat, unless placed
        return _nested(found[1], region) or found[0]  # "东北大学秦皇岛分校"
    beyond = _BEYOND.search(name)
    if beyond is not None and beyond.start() > 1 and _nested(name[: beyond.start()], region):
        return NATIONWIDE  # outside a division the text names: the rest of the country
    return known_name(name)


class _Codes(dict[str | None, str | None]):
    """The codes of an article's places as written, each worked out once: its items name few
    places, most of them many times (88 distinct of 442 on the seeds)."""

    def __init__(self, region: Region) -> None:
        super().__init__()
        self.region = region

    def __missing__(self, place: str | None) -> str | None:
        code = self[place] = place_code(place, self.region)
        return code


def code_statistic(item: Statistic, region: Region | _Codes) -> Statistic:
    codes = region if isinstance(region, _Codes) else _Codes(region)
    return item.model_copy(update={"location_code": codes[item.location]})


def code_event(item: Event, region: Region | _Codes) -> Event:
    codes = region if isinstance(region, _Codes) else _Codes(region)
    update = {
        "location_code": codes[item.location],
        "origin_code": codes[item.origin],
        "destination_code": codes[item.destination],
    }
    return item.model_copy(update=update)


def _of_level(region: Region, word: str | None) -> str | None:
    """The first place of the article at a stand-in's level, else the article's own."""
    for full, level, code in region.places:
        if word and is_of_level(level, full, word):
            return code
    return region.home


def _nested(name: str, region: Region) -> str | None:
    """The finest of the names `name` opens with that lie one in another ("四川平昌", "金华市
    永康"); a name that does not lie in the one before it is part of a venue's name
    ("威宁县凤山客运站"): lists were split before."""
    code = None
    for candidates in _names_in(name, region):
        if code is None:
            code = pick(candidates, region).code
            continue
        inside = [d for d in candidates if code in parents(d.code)[1:]]
        if inside:
            code = pick(inside, region).code
    return code


def _town(name: str, county: str | None, region: Region) -> str | None:
    """The county of the township or 街道 `name` holds ("普安镇", "横店" for 横店镇): the one
    in the division named before it, else near the article's places, else the only one."""
    words = [
        name[start : m.end()]
        for m in _TOWN_END.finditer(name)
        for start in range(max(0, m.end() - _TOWN_LONGEST), m.start())
    ]
    if county is None:  # "横店" for 横店镇, when it names no division itself
        words += [name + suffix for suffix in _TOWN_SUFFIXES]
    candidates = next((c for c in map(town_counties, words) if c), ())
    inside = [c for c in candidates if county is not None and county in parents(c)]
    # a township the division's short name begins ("普安镇" is no 普安县) lies near the article:
    # in its own place first, then in the finest place it names
    close = inside or sorted(
        (c for c in candidates if lies_near(c, region)), key=lambda c: closeness(c, region)
    )
    # a township of that name far from every place the article names is another one, absent
    # from the table, in the article's own county (C7)
    if close or (county is None and len(candidates) == 1 and not region.places):
        return (close or list(candidates))[0]
    return None


def _names_in(name: str, region: Region) -> list[list[Division]]:
    """The divisions each name in `name` may be, longest name first at each offset; a whole
    name that is a full name but for its last character ("南海" for 南海区, whose short name
    jionlp keeps full: the sea is 南海 too) is that division."""
    for suffix in _SUFFIXES if not named(name) else ():
        whole = [d for d in named(name + suffix) if d.full == name + suffix]
        if whole:
            return [whole]
    found: list[list[Division]] = []
    at, last_end = 0, -1
    while at < len(name) - 1:
        for end in range(min(len(name), at + _LONGEST), at + 1, -1):
            word = name[at:end]
            candidates = named(word) if word not in NOT_PLACES else []
            # A short name inside a run of other words is part of them ("张乐平纪念馆"),
            # unless the article names its division ("铁路金华站" in a Jinhua story).
            if candidates and not _stands_alone(name, at, last_end, candidates, word):
                candidates = near(candidates, region)
            if candidates:
                found.append(candidates)
                at = last_end = end
                break
        else:
            at += 1
    return found


def _stands_alone(name: str, at: int, last_end: int, candidates: list[Division], word: str) -> bool:
    """A full name always; a short name at the start, after another name, or after a function
    character or no Chinese character (`places.BEFORE_SHORT`)."""
    if at in (0, last_end) or any(d.full == word for d in candidates):
        return True
    before = name[at - 1]
    return before in BEFORE_SHORT or not "\u4e00" <= before <= "\u9fff"


def code_articles(regions: Sequence[Region], results: list[ArticleResult]) -> list[ArticleResult]:
    """Every item's division codes, read from its place as written and the region of its
    article (`region.article_regions`); a model is never asked for one."""
    coded = []
    for region, result in zip(regions, results, strict=True):
        codes = _Codes(region)
        statistics = [code_statistic(s, codes) for s in result.statistics]
        events = [code_event(e, codes) for e in result.events]
        coded.append(result.model_copy(update={"statistics": statistics, "events": events}))
    return coded

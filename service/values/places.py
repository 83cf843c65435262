"""Place names in Chinese text: provinces, prefectures and counties, found as written. Pure.

The gazetteer is jionlp's table of China's administrative divisions (`divisions.DIVISIONS`,
frozen in `places.tsv` with their codes). A full name ("永康市") is always a place; a short name
("永康") only when no other division shares it and it is not an everyday word ("城区", "和平").

>>> [(p.name, p.full, p.level) for p in find_places("永康与四川平昌联合举办招聘会")]
[('永康', '永康市', 'county'), ('四川', '四川省', 'province'), ('平昌', '平昌县', 'county')]
"""

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from service.values.divisions import DIVISIONS, Division, Level, parents

# Short names that are everyday words or generic zone names, not places, in news text.
NOT_PLACES = frozenset(
    {
        # zones and parts of any city
        "高新区", "经开区", "产业园", "示范区", "城区", "市直辖", "郊区", "东区", "西区", "南区",
        "北区", "新区", "新城", "开发区", "市中", "滨海", "临港区", "工业园", "管理区", "化工园区",
        "火炬开发区", "医药高新区",
        # everyday words that are also the short name of some county
        "和平", "新兴", "白云", "青山", "安宁", "太和", "大通", "长安", "城关", "江城", "河口",
        "东方", "文化", "光明", "新华", "前进", "胜利", "红旗", "永和", "大方", "平安", "和田",
        "宁安", "安远", "通道", "龙华", "南山", "九龙", "河东", "河西", "铁东", "铁西", "城中",
        "阳光", "中方", "大同", "吉安", "长丰", "吉利", "华容", "正安", "定安", "兴业", "合作",
        "开平", "建设", "团结", "互助", "民和", "德保", "永福", "宁德", "福安", "乐业", "安居",
        "公安", "石门", "桥东", "桥西", "城东", "城西", "城南", "城北", "矿区", "港口", "海港",
        "港区", "解放", "比如", "振兴", "新建", "中原",
    }
)  # fmt: skip


# Characters after which a short name named once is taken as a place (`_plausible`).
BEFORE_SHORT = frozenset(
    "在与和到达赴返回驻从自、，。；：“”的是为向及来往对让给同跟省市县区州至由于据记讯电"
)


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in text: `name` as written at [start, end), and the division it names."""

    start: int
    end: int
    name: str
    full: str
    level: Level
    province: str
    code: str  # of the division the gazetteer takes the name for (`divisions` has the others)


def _load(divisions: Iterable[Division]) -> dict[str, Division]:
    by_name: dict[str, Division] = {}
    sharing: dict[str, list[Division]] = {}
    for division in divisions:
        by_name[division.full] = division
        for alias in division.aliases:
            sharing.setdefault(alias, []).append(division)
    for alias, named in sharing.items():
        if alias in by_name and by_name[alias].full == alias:
            continue  # a full name stays itself: "朝阳区", not "朝阳"
        holder = _holding_the_rest(named)
        if holder is not None:
            by_name[alias] = holder
    for name in NOT_PLACES & by_name.keys():
        del by_name[name]
    return by_name


def _holding_the_rest(named: list[Division]) -> Division | None:
    """The one division of those sharing a short name that holds all the others ("长沙": the
    city, not its county), or None when they lie apart ("朝阳": Beijing's or Changchun's)."""
    codes = {d.code for d in named}
    for division in named:
        if all(division.code in parents(code) for code in codes):
            return division
    return None


def _sizes_by(names: Iterable[str], width: int) -> dict[str, tuple[int, ...]]:
    """Name lengths by their first `width` characters, longest first."""
    sizes: dict[str, set[int]] = {}
    for name in names:
        sizes.setdefault(name[:width], set()).add(len(name))
    return {start: tuple(sorted(found, reverse=True)) for start, found in sizes.items()}


_BY_NAME = _load(DIVISIONS)
# Every name has two characters or more: a regex of the first and second characters (one step
# in C) finds the few offsets where one may start, and its first two characters give the lengths
# to try there.
_SIZES = _sizes_by(_BY_NAME, 2)
_MAY_START = re.compile(
    "[{}][{}]".format(*("".join(sorted({n[i] for n in _BY_NAME})) for i in (0, 1)))
)


def find_places(text: str) -> list[Place]:
    """Every place the gazetteer knows in `text`, longest name first at each offset, in order."""
    return _plausible(text, _names(text))


def opening_place(text: str) -> Place | None:
    """`find_places(text)[0]` when it starts the text, else None, without reading on: a name at
    the text's start is always plausible (no character stands before it)."""
    may_start = _MAY_START.match(text)
    return None if may_start is None else _longest_at(text, 0, may_start.group())


class PlaceScan:
    """One scan of a text's gazetteer names, read back as `find_places` of the whole or of any
    part [a, b): a part's names are the text's names inside it (the scan restarts at its start
    and stops at its end alike) unless one of them crosses its edge, when the part is scanned
    alone; whether a short name is plausible is judged within the part."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.names = _names(text)
        self.starts = [p.start for p in self.names]

    def places(self, a: int = 0, b: int | None = None) -> list[Place]:
        names, b = self.names, len(self.text) if b is None else b
        i, j = bisect_left(self.starts, a), bisect_left(self.starts, b)
        if (i and names[i - 1].end > a) or (j and names[j - 1].end > b):
            return find_places(self.text[a:b])
        inside = names[i:j] if not a else [_shifted(p, a) for p in names[i:j]]
        return _plausible(self.text[a:b] if a or b < len(self.text) else self.text, inside)


def _shifted(p: Place, by: int) -> Place:
    return Place(p.start - by, p.end - by, p.name, p.full, p.level, p.province, p.code)


def _names(text: str) -> list[Place]:
    """The gazetteer's names in `text`, longest first at each offset, plausible or not."""
    found: list[Place] = []
    may_start = _MAY_START.search(text)
    while may_start is not None:
        at = may_start.start()
        place = _longest_at(text, at, may_start.group())
        if place is not None:
            found.append(place)
        at = at + 1 if place is None else place.end
        may_start = _MAY_START.search(text, at)
    return found


def _longest_at(text: str, at: int, pair: str) -> Place | None:
    """The longest name at `at`, whose first two characters are `pair`, if any."""
    for size in _SIZES.get(pair, ()):
        if at + size > len(text):
            continue  # a longer name cut short by the text's end is not that name
        d = _BY_NAME.get(text[at : at + size])
        if d is not None:
            return Place(at, at + size, text[at : at + size], d.full, d.level, d.province, d.code)
    return None


def _plausible(text: str, found: list[Place]) -> list[Place]:
    """A short name inside a run of Chinese may be two halves of other words ("基金安全"): it
    stays when the text names its division otherwise too (twice, or in full), when it stands
    after a place, a function character or no Chinese character at all, or before 籍
    ("30名平昌籍务工人员")."""
    named = Counter(p.full for p in found)
    kept: list[Place] = []
    for place in found:
        if place.name == place.full or named[place.full] > 1:
            kept.append(place)
            continue
        before = text[place.start - 1] if place.start else ""
        after_place = bool(kept) and kept[-1].end == place.start
        origin = text.startswith("籍", place.end)
        if after_place or origin or before in BEFORE_SHORT or not "\u4e00" <= before <= "\u9fff":
            kept.append(place)
    return kept


def is_of_level(level: Level, full: str, word: str) -> bool:
    """A division (`level`, `full` name) is what a stand-in's level word speaks of: "省" a
    province, "市" a city or a county-level city (or a municipality), "县" a county, "州" an
    autonomous prefecture, "区" a district or an autonomous region, "旗" a banner."""
    if word == "省":
        return level == "province"
    if level == "province":
        # "全区" in Guangxi, Ningxia, Xinjiang …; "我市" in Beijing, Tianjin, Shanghai, Chongqing
        return (word == "区" and full.endswith("自治区")) or (word == "市" and full.endswith("市"))
    if word == "州":
        return level == "city" and full.endswith("州")
    return full.endswith(word)

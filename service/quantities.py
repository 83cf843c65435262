"""Quantities in normalised Chinese text -> Quantity(value, value_max, unit, qualifier, span).
Pure; wraps cn2an for Chinese numerals; all arithmetic in Decimal.

`find_quantities` returns only the numbers ANNOTATION.md counts as statistics: dates, times,
ordinals, ages, numbers inside short quoted names and slogans, vague amounts ("数百名"), the
article 一 ("一场招聘会") and relative time frames ("过两天") are not returned, and neither is a
bare number with no unit that nothing around it explains. `parse_quantity` reads one quoted
quantity without judging its context.

>>> q = find_quantities("为劳动者追回劳动报酬1.4亿余元")[0]
>>> (q.value, q.unit, q.qualifier, q.start, q.end)
(Decimal('140000000.0'), '元', 'over', 10, 16)
"""

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import cn2an

from schemas.vocab import Qualifier

# --- hedges (ANNOTATION.md qualifier; LABELLING.md S7) -----------------------------------------
# Longest first within each group, so "不超过" is read before "超过".
# A bound counts as the side it leaves open: "at least" (不少于, 不低于, 至少) is over like 以上,
# "at most" (不超过, 不高于, 最多, 以内) is under like 以下.
_HEDGES_BEFORE: dict[str, Qualifier] = {
    "不超过": "under",
    "不高于": "under",
    "最多": "under",
    "将近": "under",
    "不到": "under",
    "不足": "under",
    "近": "under",
    "不少于": "over",
    "不低于": "over",
    "至少": "over",
    "超过": "over",
    "突破": "over",
    "逾": "over",
    "超": "over",
    "破": "over",
    "约为": "approx",
    "约有": "approx",
    "大约": "approx",
    "约": "approx",
}
# Between the number and its unit ("1000余名", "300多人", "1.4亿余元").
_HEDGES_INSIDE: dict[str, Qualifier] = {"余": "over", "多": "over"}
# After the unit. A bare "内" is no hedge: "在赴外的15天内" is the stay, not a bound (S6).
_HEDGES_AFTER: dict[str, Qualifier] = {
    "以上": "over",
    "以下": "under",
    "以内": "under",
    "左右": "approx",
    "上下": "approx",
}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --- units (ANNOTATION.md unit; LABELLING.md S3) -----------------------------------------------
# Aliases fold into the unit written in the output; a unit not listed here is written as is.
_UNIT_ALIASES: dict[str, str] = {
    "名": "人",
    "位": "人",
    "个人": "人",
    "个小时": "小时",
    "周岁": "",  # never a statistic: an age (see _NOT_UNITS)
}
# A hedge inside a duration's classifier: "3个多月" -> 3 个月 over, "两个余小时" -> 2 小时 over.
_HEDGED_UNITS: dict[str, tuple[str, Qualifier]] = {
    f"个{hedge}{unit}": (_UNIT_ALIASES.get(f"个{unit}", f"个{unit}"), qualifier)
    for hedge, qualifier in _HEDGES_INSIDE.items()
    for unit in ("月", "小时")
}
_UNITS: tuple[str, ...] = (
    # people and money
    "人次", "人", "元", "%",
    # organisations, things, actions
    "家次", "家", "个", "辆", "列", "套", "亩", "平方米", "米", "次", "场", "项", "件", "户",
    "篇", "台", "趟", "所", "起", "批", "支", "座", "条", "张", "本", "份", "架", "吨", "类",
    "间", "栋", "处", "种", "门", "元钱",
    # time and distance
    "年", "个月", "天", "小时", "分钟", "公里",
)  # fmt: skip
# Shares of ten, written as a percentage (ANNOTATION.md: "%" for rates): "三成" -> 30 %. Not the
# 成 that starts a word ("成立", "成交", "成员", "成本") or an idiom ("一成不变").
_SHARES: dict[str, Decimal] = {"成": Decimal(10)}
_SHARE_MAX = Decimal(10)  # "十成" is the whole; "30万成交" is no share
_NOT_SHARE_AFTER = "立交本果员功长效就熟型品绩都分份年片批套规建"
_SHARE_WORDS = f"(?:{_alternation(_SHARES)})(?![{_NOT_SHARE_AFTER}]|不变)"
# A digit after it is the next place down: "九成五" -> 95 %.
_SHARE_DIGIT = f"(?<=[{''.join(_SHARES)}])[一二三四五六七八九]"
# Durations: "过两天", "近一年来", "3年下来" are relative time frames, not measurements.
_TIME_UNITS = frozenset({"年", "个月", "天", "小时", "分钟"})
# With a bare round Chinese numeral (百, 千, 万 with no digit before it), only these units make a
# literal amount ("万亩茶园", "千元"); with any other unit it is a figure of speech ("千家万户",
# "万人工位计划") unless a hedge makes it a count ("近百人", "超过百名").
_ROUND_LITERAL_UNITS = frozenset({"亩", "元", "平方米", "公里"})

# --- multipliers -------------------------------------------------------------------------------
_MULTIPLIERS: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "百": Decimal(10) ** 2,
}

# --- implicit units (LABELLING.md S3: "亩均效益8万" -> 元, "50多万外来务工人员" -> 人) ----------
# A number with no unit is read as 人 when a people noun follows it, as 元 when a money noun
# comes just before it; the quantity's span then covers that noun.
_PEOPLE_NOUNS = (
    "人员", "人才", "人口", "员工", "职工", "工人", "务工者", "劳动者", "劳动力", "农民工",
    "学生", "大学生", "毕业生", "群众", "居民", "游客", "党员", "干部", "志愿者", "求职者",
)  # fmt: skip
_MONEY_NOUNS = (
    "产值", "投资", "效益", "收入", "销售额", "营收", "营业额", "利润", "税收", "资金", "工资",
    "薪资", "薪酬", "月薪", "年薪", "经费", "补贴", "奖励", "GDP",
)  # fmt: skip
# Words allowed between a money noun and its number: "产值破千亿", "效益8万", "投资达1亿".
_MONEY_LINK = f"(?:达到|达|为|{_alternation(_HEDGES_BEFORE)})?"

# --- contexts that make a number something else (ANNOTATION.md, LABELLING.md S4-S5) ----------
_NOT_BEFORE = frozenset("第+＋")  # ordinals, "1+3+N"
_VAGUE_BEFORE = frozenset("数几上")  # before a Chinese numeral: "数百名", "几十个", "上千"
# "约" is a hedge only as a word of its own, not inside "签约", "预约", "节约".
_NOT_HEDGE_YUE = "签预节制契邀合条违履特"
_NOT_AFTER = ("+", "＋", "周年", "岁")
_RELATIVE_BEFORE = frozenset("过这那")  # "过两天", "这两天"
_NOT_RELATIVE_GUO = frozenset("通经超越度")  # "通过3个月时间" is a duration
_RELATIVE_AFTER = ("来", "下来")  # "近一年来", "3年下来"
# A quoted run this short with no clause punctuation is a name or slogan ("“4+1”项目").
_QUOTED_NAME_MAX = 16
_CLAUSE_PUNCT = frozenset("，。！？；：")
# Names built around a number: "年产200万台…项目", "30分钟职业技能培训圈", "万人工位计划".
_NAME_PREFIX = re.compile(r"年产[^，。；！？、]{0,14}")
_NAME_TAIL = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,8}?(?:计划|圈)")
# The article 一 ("一场", "一笔", "一批"); a count only for people ("三人中有一人") or beside
# another count ("一个县级公园和三个镇级公园").
_ARTICLE_ONE_COUNTS = frozenset({"人"})
# 一 with a duration is a measurement (S6: "一个月时间") unless it names a time: after these
# ("有一天", "某一年", "同一天", "每一天", "这一年", "新的一年", "上一年", "前一天", "过去一年",
# "未来一年") or before a rhythm ("一年一度", "一天比一天", "一天到晚", "一个月月有活动": a doubled
# unit is "every"). "提前一天" measures.
_TIME_REF_BEFORE = frozenset("有某同每这那哪的上下前后另比")
_TIME_REF_WORDS = frozenset({"过去", "未来"})
_MEASURED_BEFORE = frozenset({"提前"})
_TIME_REF_AFTER = ("一", "比", "到晚")
_COORDINATION = re.compile(r"[^，。；！？]{0,16}?[和及与、][零〇一二两三四五六七八九十百千\d]+")

# --- the number grammar, built from named parts -----------------------------------------------
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMERALS = _CN_DIGITS + "十百千万亿"
_CN_DIGIT_VALUES = dict(
    zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = f"[{_CN_NUMERALS}]+(?:点[{_CN_DIGITS}]+)?"
_NUMBER = f"(?:{_ARABIC}|{_CHINESE})"
_RANGE_SEP = "[-~\u2014\u2013至到]"  # hyphen, tilde, em and en dash


_UNIT_WORDS = (*_UNITS, *_UNIT_ALIASES, *_HEDGED_UNITS)


def _quantity_pattern(range_: str) -> re.Pattern[str]:
    return re.compile(
        # The lookahead only lets the scanner skip characters that cannot start a quantity fast.
        f"(?=[\\d{_CN_NUMERALS}{''.join({w[0] for w in _HEDGES_BEFORE})}])"
        f"(?P<pre>(?<![{_NOT_HEDGE_YUE}])(?:{_alternation(_HEDGES_BEFORE)}))?"
        f"(?P<num>{_NUMBER})"
        f"{range_}"
        f"(?P<mid>{_alternation(_HEDGES_INSIDE)})?"
        f"(?P<mult>{_alternation(_MULTIPLIERS)})?"
        f"(?P<mid2>{_alternation(_HEDGES_INSIDE)})?"
        f"(?P<unit>{_alternation(_UNIT_WORDS)}|{_SHARE_WORDS})?"
        f"(?P<share_digit>{_SHARE_DIGIT})?"
        f"(?P<post>{_alternation(_HEDGES_AFTER)}|余|多)?"
    )


# A range may write its multiplier and unit on the lower end too ("50万元至300万元", "3万—5万元",
# "5500元-7000元"); `_range_holds` then asks the upper end to close with the same unit, else the
# number is read alone (`_SINGLE`), as "5000元至9000人" is two quantities.
_QUANTITY = _quantity_pattern(
    f"(?:(?P<mult1>{_alternation(_MULTIPLIERS)})?(?P<unit1>{_alternation(_UNIT_WORDS)})?"
    f"(?P<sep>{_RANGE_SEP})(?P<num2>{_NUMBER}))?"
)
_SINGLE = _quantity_pattern("(?P<mult1>)?(?P<unit1>)?(?P<sep>)?(?P<num2>)?")
_MONEY_BEFORE = re.compile(f"(?:{_alternation(_MONEY_NOUNS)}){_MONEY_LINK}$")
_PEOPLE_AFTER = re.compile(f"[\u4e00-\u9fff]{{0,6}}(?:{_alternation(_PEOPLE_NOUNS)})")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_QUOTE = re.compile(r"“[^“”\n]*”")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as ANNOTATION.md writes it; `start`/`end` (end exclusive) cover the whole
    quantity in the text searched, hedge words included."""

    value: Decimal
    value_max: Decimal | None
    unit: str  # "" when the text gives none and nothing around the number explains it
    qualifier: Qualifier
    start: int
    end: int


def find_quantities(text: str) -> list[Quantity]:
    """Every statistic-worthy quantity in normalised text, in text order."""
    names = [(m.start(), m.end()) for m in _QUOTE.finditer(text) if _is_name(m.group())]
    out = []
    for m in _scan(text):
        q = _read(m, text)
        if q is not None and q.unit and not _excluded(m, q, text, names):
            out.append(q)
    return out


def parse_quantity(text: str) -> Quantity | None:
    """One quoted quantity ("1.4亿余元", "约30名") -> Quantity, or None if there is no number."""
    text = text.strip()
    candidates = [q for m in _scan(text) if (q := _read(m, text)) is not None]
    with_unit = [q for q in candidates if q.unit]
    found = with_unit or candidates
    return found[0] if found else None


def to_number(d: Decimal) -> int | float:
    """Decimal -> int when integral, else float: 13700.00 -> 13700, 56.54 -> 56.54."""
    return int(d) if d == d.to_integral_value() else float(d)


def _scan(text: str) -> Iterator[re.Match[str]]:
    """`_QUANTITY.finditer`, with a range whose two ends disagree read as its first number."""
    at = 0
    while (m := _QUANTITY.search(text, at)) is not None:
        if not _range_holds(m):
            single = _SINGLE.match(text, m.start())
            assert single is not None  # the same pattern without its optional range
            m = single
        yield m
        at = m.end()


def _range_holds(m: re.Match[str]) -> bool:
    """A range's lower end may repeat the upper end's unit and carry its own multiplier."""
    if m["unit1"] and _unit(m["unit1"])[0] != _unit(m["unit"])[0]:
        return False
    return not m["mult1"] or bool(m["mult"])


def _read(m: re.Match[str], text: str) -> Quantity | None:
    value = _number(m["num"])
    if value is None:
        return None
    top = _number(m["num2"]) if m["num2"] else None
    scale = _MULTIPLIERS[m["mult"]] if m["mult"] else Decimal(1)
    unit, inner = _unit(m["unit"])
    if unit in _SHARES:
        if m["mult"] or m["mult1"] or max(value, top or value) > _SHARE_MAX:
            return None
        unit, scale = "%", _SHARES[unit]
        if m["share_digit"]:
            value += _CN_DIGIT_VALUES[m["share_digit"]] / _SHARE_MAX
    low_scale = _MULTIPLIERS[m["mult1"]] if m["mult1"] else scale
    start, end = m.start(), m.end()
    if not unit and m["post"] in (None, *_HEDGES_AFTER) and _has_multiplier(m):
        start, end, unit = _implicit_unit(text, start, end)
    hedges = [_HEDGES_BEFORE.get(m["pre"] or ""), _HEDGES_INSIDE.get(m["mid"] or "")]
    hedges += [_HEDGES_INSIDE.get(m["mid2"] or ""), inner, _post_hedge(m["post"])]
    qualifier: Qualifier = next((h for h in hedges if h), "exact")
    if top is not None and top * scale < value * low_scale:
        top = None
    return Quantity(
        value=value * low_scale,
        value_max=None if top is None else top * scale,
        unit=unit,
        qualifier=qualifier,
        start=start,
        end=end,
    )


def _unit(word: str | None) -> tuple[str, Qualifier | None]:
    """A unit word -> the unit written in the output and the hedge it holds, if any."""
    if word in _HEDGED_UNITS:
        return _HEDGED_UNITS[word]
    return (_UNIT_ALIASES.get(word, word), None) if word else ("", None)


def _has_multiplier(m: re.Match[str]) -> bool:
    """Only a large round number ("50多万", "千亿") drops its unit in running text."""
    return bool(m["mult"] or m["mult1"]) or any(c in "万亿" for c in m["num"])


def _post_hedge(post: str | None) -> Qualifier | None:
    if not post:
        return None
    return _HEDGES_AFTER.get(post) or _HEDGES_INSIDE.get(post)


def _number(s: str) -> Decimal | None:
    """ "1,234.5" or "一千二百" -> Decimal; None for a run of CJK that is not a number."""
    if s[0].isdigit():
        return Decimal(s.replace(",", ""))
    if s in _CN_DIGIT_VALUES:  # the common case, without cn2an's validation
        return Decimal(_CN_DIGIT_VALUES[s])
    cn = s.replace("两", "二")
    if cn[0] in "十百千万亿":
        cn = "一" + cn
    try:
        return Decimal(str(cn2an.cn2an(cn, "strict")))
    except ValueError:
        return None


def _implicit_unit(text: str, start: int, end: int) -> tuple[int, int, str]:
    people = _PEOPLE_AFTER.match(text, end)
    if people:
        return start, people.end(), "人"
    money = _MONEY_BEFORE.search(text, max(0, start - 8), start)
    if money:
        return money.start(), end, "元"
    return start, end, ""


def _is_name(quoted: str) -> bool:
    inner = quoted[1:-1]
    return len(inner) <= _QUOTED_NAME_MAX and not any(c in _CLAUSE_PUNCT for c in inner)


def _excluded(m: re.Match[str], q: Quantity, text: str, names: list[tuple[int, int]]) -> bool:
    """Numbers that are dates, ordinals, names, ages, articles or figures of speech."""
    num, unit = m["num"], m["unit"] or ""
    before = text[m.start("num") - 1] if m.start("num") > 0 else ""
    after = text[m.end() : m.end() + 2]
    return (
        before in _NOT_BEFORE
        or (before in _VAGUE_BEFORE and not m["pre"] and not num[0].isdigit())
        or after.startswith(_NOT_AFTER)
        or _inside(names, m.start())
        or (unit == "年" and _YEAR.match(num) is not None)
        or _is_relative_time(m, q, text)
        or _is_named(m, text)
        or _is_article_one(m, text)
        or _is_figure_of_speech(m, q)
    )


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether `at` falls in one of the sorted, disjoint `spans`."""
    i = bisect_right(spans, (at, len(spans) and spans[-1][1] + 1))
    return i > 0 and spans[i - 1][0] <= at < spans[i - 1][1]


def _is_relative_time(m: re.Match[str], q: Quantity, text: str) -> bool:
    if q.unit not in _TIME_UNITS:
        return False
    at = m.start("num")
    before = text[at - 1] if at > 0 else ""
    relative = before in _RELATIVE_BEFORE and text[at - 2 : at - 1] not in _NOT_RELATIVE_GUO
    return relative or text.startswith(_RELATIVE_AFTER, m.end())


def _is_named(m: re.Match[str], text: str) -> bool:
    head = text[max(0, m.start() - 16) : m.start()]
    named = any(p.end() == len(head) for p in _NAME_PREFIX.finditer(head))
    return named or _NAME_TAIL.match(text, m.end()) is not None


def _is_article_one(m: re.Match[str], text: str) -> bool:
    if m["num"] != "一" or m["pre"] or m["num2"] or m["unit"] in (*_ARTICLE_ONE_COUNTS, *_SHARES):
        return False
    if _unit(m["unit"])[0] in _TIME_UNITS:
        return _is_time_reference(m, text)
    other = _COORDINATION.match(text, m.end())
    return other is None or not text.startswith(m["unit"] or "", other.end())


def _is_time_reference(m: re.Match[str], text: str) -> bool:
    """一 with a duration names a time ("有一天", "新的一年", "前一天") or a rhythm ("一年一度",
    "一天比一天") rather than measuring one ("用一个月时间", "一个多月")."""
    at, end = m.start("num"), m.end()
    before = text[max(0, at - 2) : at]
    named = before in _TIME_REF_WORDS
    named |= before[-1:] in _TIME_REF_BEFORE and before not in _MEASURED_BEFORE
    doubled = text[end : end + 1] == text[end - 1 : end]
    return named or doubled or text.startswith(_TIME_REF_AFTER, end)


def _is_figure_of_speech(m: re.Match[str], q: Quantity) -> bool:
    bare_round = m["num"] in ("百", "千", "万", "亿", "千亿", "万亿", "百万", "千万")
    hedged = bool(m["pre"] or m["mid"] or m["mid2"] or m["post"])
    return bare_round and not hedged and q.unit not in _ROUND_LITERAL_UNITS

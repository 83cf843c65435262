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
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import cn2an

from schemas.vocab import Qualifier
from service.values.words import (
    ARTICLE_ONE_COUNTS,
    CLAUSE_PUNCT,
    COORDINATION,
    HALF,
    HALF_UNITS,
    HEDGED_UNITS,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    HEDGES_INSIDE,
    MEASURED_BEFORE,
    MONEY_LINK,
    MONEY_NOUNS,
    MULTIPLIERS,
    NAME_PREFIX,
    NAME_TAIL,
    NOT_AFTER,
    NOT_BEFORE,
    NOT_HEDGE_YUE,
    NOT_PERSON_AFTER,
    NOT_RELATIVE_GUO,
    ODD_AFTER,
    ODD_UNITS,
    PEOPLE_LINK,
    PEOPLE_NOUNS,
    QUOTED_NAME_MAX,
    RELATIVE_AFTER,
    RELATIVE_BEFORE,
    ROUND_HEDGES,
    ROUND_LITERAL_UNITS,
    ROUND_NUMERALS,
    SHARE_DIGIT,
    SHARE_MAX,
    SHARE_WORDS,
    SHARES,
    TIME_REF_AFTER,
    TIME_REF_BEFORE,
    TIME_REF_WORDS,
    TIME_UNITS,
    UNIT_ALIASES,
    UNITS,
    VAGUE_BEFORE,
    alternation,
)

# --- the number grammar, built from named parts -----------------------------------------------
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMERALS = _CN_DIGITS + "十百千万亿"
_CN_DIGIT_VALUES = dict(
    zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = f"[{_CN_NUMERALS}]+(?:点[{_CN_DIGITS}]+)?"
# A half stands alone only before its classifier: "半个小时", "半个月" (not "上半年").
_HALF = f"{HALF}(?=个(?:小时|月))"
_NUMBER = f"(?:{_ARABIC}|{_CHINESE}|{_HALF})"
_RANGE_SEP = "[-~\u2014\u2013至到]"  # hyphen, tilde, em and en dash


_UNIT_WORDS = (*UNITS, *UNIT_ALIASES, *HEDGED_UNITS, *HALF_UNITS)
# Longest first, but "个人" only where 人 does not start a noun of its own ("10个人社部门").
_UNIT = f"个人(?![{NOT_PERSON_AFTER}])|" + alternation(w for w in _UNIT_WORDS if w != "个人")


def _quantity_pattern(range_: str) -> re.Pattern[str]:
    return re.compile(
        # The lookahead only lets the scanner skip characters that cannot start a quantity fast.
        f"(?=[\\d{_CN_NUMERALS}{HALF}{''.join({w[0] for w in (*HEDGES_BEFORE, *ROUND_HEDGES)})}])"
        f"(?P<pre>(?<![{NOT_HEDGE_YUE}])(?:{alternation(HEDGES_BEFORE)})"
        f"|(?:{alternation(ROUND_HEDGES)})(?=[{ROUND_NUMERALS}]))?"
        f"(?P<num>{_NUMBER})"
        f"(?:(?<=[{ODD_AFTER}])(?P<odd>{ODD_UNITS}))?"
        f"{range_}"
        f"(?P<mid>{alternation(HEDGES_INSIDE)})?"
        f"(?P<mult>{alternation(MULTIPLIERS)})?"
        f"(?P<mid2>{alternation(HEDGES_INSIDE)})?"
        f"(?P<unit>{_UNIT}|{SHARE_WORDS})?"
        f"(?P<share_digit>{SHARE_DIGIT})?"
        f"(?P<post>{alternation(HEDGES_AFTER)}|余|多)?"
    )


# A range may write its multiplier and unit on the lower end too ("50万元至300万元", "3万—5万元",
# "5500元-7000元"); `_range_holds` then asks the upper end to close with the same unit, else the
# number is read alone (`_SINGLE`), as "5000元至9000人" is two quantities.
_QUANTITY = _quantity_pattern(
    f"(?:(?P<mult1>{alternation(MULTIPLIERS)})?(?P<unit1>{_UNIT})?"
    f"(?P<sep>{_RANGE_SEP})(?P<num2>{_NUMBER}))?"
)
_SINGLE = _quantity_pattern("(?P<mult1>)?(?P<unit1>)?(?P<sep>)?(?P<num2>)?")
_MONEY_BEFORE = re.compile(f"(?:{alternation(MONEY_NOUNS)}){MONEY_LINK}$")
_PEOPLE_AFTER = re.compile(f"[\u4e00-\u9fff]{{0,6}}(?:{alternation(PEOPLE_NOUNS)})")
_PEOPLE_BEFORE = re.compile(f"(?:{alternation(PEOPLE_NOUNS)}){PEOPLE_LINK}$")
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
    scale = MULTIPLIERS[m["mult"]] if m["mult"] else Decimal(1)
    unit, inner = _unit(m["unit"])
    if m["unit"] in HALF_UNITS:
        value += Decimal("0.5")
    if unit in SHARES:
        if m["mult"] or m["mult1"] or max(value, top or value) > SHARE_MAX:
            return None
        unit, scale = "%", SHARES[unit]
        if m["share_digit"]:
            value += _CN_DIGIT_VALUES[m["share_digit"]] / SHARE_MAX
    # A lower end closed by its own unit carries its own multiplier, or none ("7000元到1万元").
    low_scale = MULTIPLIERS[m["mult1"]] if m["mult1"] else Decimal(1) if m["unit1"] else scale
    start, end = m.start(), m.end()
    if not unit and m["post"] in (None, *HEDGES_AFTER) and _has_multiplier(m):
        start, end, unit = _implicit_unit(text, start, end)
    odd: Qualifier | None = "over" if m["odd"] else None
    pre = m["pre"] or ""
    hedges = [
        HEDGES_BEFORE.get(pre) or ROUND_HEDGES.get(pre),
        odd,
        HEDGES_INSIDE.get(m["mid"] or ""),
    ]
    hedges += [HEDGES_INSIDE.get(m["mid2"] or ""), inner, _post_hedge(m["post"])]
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
    if word in HEDGED_UNITS:
        return HEDGED_UNITS[word]
    if word in HALF_UNITS:
        return HALF_UNITS[word], None
    return (UNIT_ALIASES.get(word, word), None) if word else ("", None)


def _has_multiplier(m: re.Match[str]) -> bool:
    """Only a large round number ("50多万", "千亿") drops its unit in running text."""
    return bool(m["mult"] or m["mult1"]) or any(c in "万亿" for c in m["num"])


def _post_hedge(post: str | None) -> Qualifier | None:
    if not post:
        return None
    return HEDGES_AFTER.get(post) or HEDGES_INSIDE.get(post)


def _number(s: str) -> Decimal | None:
    """ "1,234.5" or "一千二百" -> Decimal; None for a run of CJK that is not a number."""
    if s[0].isdigit():
        return Decimal(s.replace(",", ""))
    if s == HALF:
        return Decimal("0.5")
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
    if _PEOPLE_BEFORE.search(text, max(0, start - 10), start):
        return start, end, "人"
    return start, end, ""


def _is_name(quoted: str) -> bool:
    inner = quoted[1:-1]
    return len(inner) <= QUOTED_NAME_MAX and not any(c in CLAUSE_PUNCT for c in inner)


def _excluded(m: re.Match[str], q: Quantity, text: str, names: list[tuple[int, int]]) -> bool:
    """Numbers that are dates, ordinals, names, ages, articles or figures of speech."""
    num, unit = m["num"], m["unit"] or ""
    before = text[m.start("num") - 1] if m.start("num") > 0 else ""
    after = text[m.end() : m.end() + 2]
    return (
        before in NOT_BEFORE
        or (before in VAGUE_BEFORE and not m["pre"] and not num[0].isdigit())
        or after.startswith(NOT_AFTER)
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
    if q.unit not in TIME_UNITS:
        return False
    at = m.start("num")
    before = text[at - 1] if at > 0 else ""
    relative = before in RELATIVE_BEFORE and text[at - 2 : at - 1] not in NOT_RELATIVE_GUO
    return relative or text.startswith(RELATIVE_AFTER, m.end())


def _is_named(m: re.Match[str], text: str) -> bool:
    head = text[max(0, m.start() - 16) : m.start()]
    named = any(p.end() == len(head) for p in NAME_PREFIX.finditer(head))
    return named or NAME_TAIL.match(text, m.end()) is not None


def _is_article_one(m: re.Match[str], text: str) -> bool:
    if m["num"] != "一" or m["pre"] or m["num2"] or m["unit"] in (*ARTICLE_ONE_COUNTS, *SHARES):
        return False
    if _unit(m["unit"])[0] in TIME_UNITS:
        return _is_time_reference(m, text)
    other = COORDINATION.match(text, m.end())
    return other is None or not text.startswith(m["unit"] or "", other.end())


def _is_time_reference(m: re.Match[str], text: str) -> bool:
    """一 with a duration names a time ("有一天", "新的一年", "前一天") or a rhythm ("一年一度",
    "一天比一天") rather than measuring one ("用一个月时间", "一个多月")."""
    at, end = m.start("num"), m.end()
    before = text[max(0, at - 2) : at]
    named = before in TIME_REF_WORDS
    named |= before[-1:] in TIME_REF_BEFORE and before not in MEASURED_BEFORE
    doubled = text[end : end + 1] == text[end - 1 : end]
    return named or doubled or text.startswith(TIME_REF_AFTER, end)


def _is_figure_of_speech(m: re.Match[str], q: Quantity) -> bool:
    bare_round = m["num"] in ("百", "千", "万", "亿", "千亿", "万亿", "百万", "千万")
    hedged = bool(m["pre"] or m["odd"] or m["mid"] or m["mid2"] or m["post"])
    return bare_round and not hedged and q.unit not in ROUND_LITERAL_UNITS

"""The number grammar of quantities, built from named parts, and the readers of its pieces:
a numeral -> Decimal (cn2an for Chinese numerals), a unit word -> the unit written and its hedge.
Pure.
"""

import re
from decimal import Decimal

import cn2an

from schemas.vocab import Qualifier
from service.values.words import (
    HALF,
    HALF_UNITS,
    HEDGED_UNITS,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    HEDGES_INSIDE,
    INCLUSIVE,
    MULTIPLIERS,
    NOT_HEDGE_YUE,
    NOT_PERSON_AFTER,
    ODD_AFTER,
    ODD_UNITS,
    PERCENT,
    ROUND_HEDGES,
    ROUND_NUMERALS,
    SHARE_DIGIT,
    SHARE_WORDS,
    UNIT_ALIASES,
    UNIT_NOT_BEFORE,
    UNITS,
    alternation,
)

# --- the number grammar, built from named parts -----------------------------------------------
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMERALS = _CN_DIGITS + "十百千万亿"
CN_DIGIT_VALUES = dict(
    zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = f"[{_CN_NUMERALS}]+(?:点[{_CN_DIGITS}]+)?"
# A half stands alone only before its classifier: "半个小时", "半个月" (not "上半年").
_HALF = f"{HALF}(?=个(?:小时|月))"
_NUMBER = f"(?:{_ARABIC}|{_CHINESE}|{_HALF})"
# Hyphen, tilde, em and en dash, and the doubled dashes ("2——3万", "1万元--5万元").
_RANGE_SEP = "(?:——|--|[-~\u2014\u2013至到])"
# 个 before 亿 is a filler, not a classifier: "2个亿", "两个多亿" are 2亿 (over).
_FILLER_GE = f"个(?=(?:{alternation(HEDGES_INSIDE)})?亿)"


_UNIT_WORDS = (*UNITS, *UNIT_ALIASES, *HEDGED_UNITS, *HALF_UNITS)
# Longest first, but "个人" only where 人 does not start a noun of its own ("10个人社部门"), and
# no unit where it starts a longer word ("台币").
_UNIT = f"个人(?![{NOT_PERSON_AFTER}])|" + "|".join(
    f"{re.escape(w)}(?!{UNIT_NOT_BEFORE[w]})" if w in UNIT_NOT_BEFORE else re.escape(w)
    for w in sorted(_UNIT_WORDS, key=len, reverse=True)
    if w != "个人"
)
# Two neighbouring digits, before a place or not, are a range: "七八千" is 7000 to 8000, "三五百"
# 300 to 500, "二三十万" 200000 to 300000, "一两天" 1 to 2 天, "两三个月" 2 to 3 个月 (S2).
_PAIR = re.compile(f"^([{_CN_DIGITS[2:]}])([{_CN_DIGITS[2:]}])([十百千万亿]*)$")
# A Chinese numeral with a place in it may be spoken ("三万五" is 35000, "一百二" 120); one
# without is read digit by digit ("一一", "二〇二三") and is no value.
_SPOKEN = re.compile("[十百千万亿]|^[零〇]点")
# The trailing magnitude of a Chinese numeral: a run of 万 and 亿, or the 百 or 千 of one digit
# ("三千"); not 十, since "一到二十" is 1 to 20.
_MAGNITUDE_TAIL = (
    re.compile(f"^([{_CN_NUMERALS}]*[{_CN_DIGITS}十百千])([万亿]+)$"),
    re.compile(f"^([{_CN_DIGITS[2:]}])([百千])$"),
)


def _quantity_pattern(range_: str) -> re.Pattern[str]:
    return re.compile(
        # The lookahead only lets the scanner skip characters that cannot start a quantity fast.
        f"(?=[\\d{_CN_NUMERALS}{HALF}{''.join({w[0] for w in (*HEDGES_BEFORE, *ROUND_HEDGES)})}])"
        f"(?P<pre>(?<![{NOT_HEDGE_YUE}])(?:{alternation(HEDGES_BEFORE)})"
        f"|(?:{alternation(ROUND_HEDGES)})(?=[{ROUND_NUMERALS}]))?"
        f"(?P<pct>{PERCENT})?"
        f"(?P<num>{_NUMBER})"
        f"(?:(?<=[{ODD_AFTER}])(?P<odd>{ODD_UNITS}))?"
        f"{range_}"
        f"(?:{_FILLER_GE})?"
        f"(?P<mid>{alternation(HEDGES_INSIDE)})?"
        f"(?P<mult>{alternation(MULTIPLIERS)})?"
        f"(?P<mid2>{alternation(HEDGES_INSIDE)})?"
        f"(?P<unit>{_UNIT}|{SHARE_WORDS})?"
        f"(?P<share_digit>{SHARE_DIGIT})?"
        f"(?:{INCLUSIVE}(?={alternation(HEDGES_AFTER)}))?"
        f"(?P<post>{alternation(HEDGES_AFTER)}|余|多)?"
    )


# A range may write its multiplier and unit on the lower end too ("50万元至300万元", "3万—5万元",
# "5500元-7000元"); `quantities` then asks the upper end to close with the same unit, else the
# number is read alone (`SINGLE`), as "5000元至9000人" is two quantities.
QUANTITY = _quantity_pattern(
    f"(?:(?P<mult1>{alternation(MULTIPLIERS)})?(?P<unit1>{_UNIT})?(?:{INCLUSIVE})?"
    f"(?P<sep>{_RANGE_SEP})(?P<num2>{_NUMBER}))?"
)
SINGLE = _quantity_pattern("(?P<mult1>)?(?P<unit1>)?(?P<sep>)?(?P<num2>)?")


def read_number(s: str) -> Decimal | None:
    """ "1,234.5" or "一千二百" -> Decimal; None for a run of CJK that is not a number."""
    if s[0].isdigit():
        return Decimal(s.replace(",", ""))
    if s == HALF:
        return Decimal("0.5")
    if s in CN_DIGIT_VALUES:  # the common case, without cn2an's validation
        return Decimal(CN_DIGIT_VALUES[s])
    cn = s.replace("两", "二")
    if cn[0] in "十百千万亿":
        cn = "一" + cn
    for mode in ("strict", "normal") if _SPOKEN.search(cn) else ("strict",):
        try:
            return Decimal(str(cn2an.cn2an(cn, mode)))
        except ValueError:
            continue
    return None


def read_pair(s: str) -> tuple[Decimal, Decimal] | None:
    """ "七八千" -> (7000, 8000), "一两" -> (1, 2); None unless two rising digits stand alone or
    before a place."""
    m = _PAIR.match(s.replace("两", "二"))
    if m is None or CN_DIGIT_VALUES[m[1]] >= CN_DIGIT_VALUES[m[2]]:
        return None
    place = read_number(m[3]) if m[3] else Decimal(1)
    if place is None:
        return None
    return CN_DIGIT_VALUES[m[1]] * place, CN_DIGIT_VALUES[m[2]] * place


def split_magnitude(numeral: str) -> tuple[str, Decimal]:
    """The upper end of a range without its trailing magnitude, which a bare lower end shares:
    "一百五十万" -> ("一百五十", 10000), "三千" -> ("三", 1000); Arabic ends carry their
    multiplier apart and come back whole."""
    for tail in _MAGNITUDE_TAIL:
        m = tail.match(numeral)
        scale = read_number(m[2]) if m else None
        if m and scale is not None:
            return m[1], scale
    return numeral, Decimal(1)


def unit_of(word: str | None) -> tuple[str, Qualifier | None]:
    """A unit word -> the unit written in the output and the hedge it holds, if any."""
    if word in HEDGED_UNITS:
        return HEDGED_UNITS[word]
    if word in HALF_UNITS:
        return HALF_UNITS[word], None
    return (UNIT_ALIASES.get(word, word), None) if word else ("", None)

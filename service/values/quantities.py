"""Quantities in normalised Chinese text -> Quantity(value, value_max, unit, qualifier, span).
Pure; the number grammar is `numerals` (cn2an for Chinese numerals), what is not a statistic
`exclusions`; all arithmetic in Decimal.

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
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from schemas.vocab import Qualifier
from service.values.exclusions import is_excluded, is_vague, quoted_names
from service.values.halves import find_half_shares
from service.values.numerals import (
    CN_DIGIT_VALUES,
    QUANTITY,
    SINGLE,
    read_number,
    read_pair,
    split_magnitude,
    unit_of,
)
from service.values.words import (
    COUNTED_NOUNS,
    HALF_UNITS,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    HEDGES_INSIDE,
    MONEY_LINK,
    MONEY_NOUNS,
    MULTIPLIERS,
    PEOPLE_LINK,
    PEOPLE_NOUNS,
    ROUND_HEDGES,
    SHARE_MAX,
    SHARES,
    alternation,
)

_MONEY_BEFORE = re.compile(f"(?:{alternation(MONEY_NOUNS)}){MONEY_LINK}$")
_PEOPLE_AFTER = re.compile(f"[\u4e00-\u9fff]{{0,6}}(?:{alternation(PEOPLE_NOUNS)})")
_PEOPLE_BEFORE = re.compile(f"(?:{alternation(PEOPLE_NOUNS)}){PEOPLE_LINK}$")
_COUNTED_AFTER = re.compile(f"[\u4e00-\u9fff]{{0,4}}?(?P<noun>{alternation(COUNTED_NOUNS)})")


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
    names = quoted_names(text)
    out = []
    for m in _scan(text):
        if _unitless(m):
            continue  # read, it would have no unit: not a statistic
        q = _read(m, text)
        if q is not None and q.unit and not is_excluded(m, q.unit, text, names):
            out.append(q)
    return _with_halves(out, text)


def parse_quantity(text: str) -> Quantity | None:
    """One quoted quantity ("1.4亿余元", "约30名") -> Quantity, or None if there is no number
    or only a vague amount ("数十亿元" has no value, S4)."""
    found = read_quantities(text.strip())
    with_unit = [q for q in found if q.unit]
    found = with_unit or found
    return found[0] if found else None


def read_quantities(text: str) -> list[Quantity]:
    """Every number of `text` that has a value, with its unit or none, judged by nothing else:
    for reading a quote where it stands, not for finding statistics."""
    found = [q for m in _scan(text) if not is_vague(m, text) and (q := _read(m, text)) is not None]
    return _with_halves(found, text)


def _with_halves(found: list["Quantity"], text: str) -> list["Quantity"]:
    """`found` with the halves of a whole ("一半", "过半") in text order; a half replaces the
    bare 一 the grammar reads inside it."""
    halves = [
        Quantity(h.value, None, "%", h.qualifier, h.start, h.end) for h in find_half_shares(text)
    ]
    if not halves:
        return found
    kept = [q for q in found if not any(q.start < h.end and h.start < q.end for h in halves)]
    return sorted([*kept, *halves], key=lambda q: q.start)


def to_number(d: Decimal) -> int | float:
    """Decimal -> int when integral, else float: 13700.00 -> 13700, 56.54 -> 56.54."""
    return int(d) if d == d.to_integral_value() else float(d)


def _scan(text: str) -> Iterator[re.Match[str]]:
    """`QUANTITY.finditer`, with a range whose two ends disagree read as its first number."""
    at = 0
    while (m := QUANTITY.search(text, at)) is not None:
        if not _range_holds(m):
            single = SINGLE.match(text, m.start())
            assert single is not None  # the same pattern without its optional range
            m = single
        yield m
        at = m.end()


def _range_holds(m: re.Match[str]) -> bool:
    """A range's lower end may repeat the upper end's unit and carry its own multiplier."""
    if m["unit1"] and unit_of(m["unit1"])[0] != unit_of(m["unit"])[0]:
        return False
    return not m["mult1"] or bool(m["mult"])


def _read(m: re.Match[str], text: str) -> Quantity | None:
    ends = _ends(m)
    if ends is None:
        return None
    value, top = ends
    scale = MULTIPLIERS[m["mult"]] if m["mult"] else Decimal(1)
    unit, inner = ("%", None) if m["pct"] else unit_of(m["unit"])
    if m["unit"] in HALF_UNITS:
        value += Decimal("0.5")
    if unit in SHARES:
        if m["mult"] or m["mult1"] or max(value, top or value) > SHARE_MAX:
            return None
        unit, scale = "%", SHARES[unit]
        if m["share_digit"]:
            value += CN_DIGIT_VALUES[m["share_digit"]] / SHARE_MAX
    low_scale = _low_scale(m, value, top, scale)
    start, end = m.start(), m.end()
    if not unit and m["post"] in (None, *HEDGES_AFTER) and _has_multiplier(m):
        start, end, unit = _implicit_unit(text, start, end)
    if top is not None and top * scale < value * low_scale:
        top = None
    return Quantity(
        value=value * low_scale,
        value_max=None if top is None else top * scale,
        unit=unit,
        qualifier=_qualifier(m, inner),
        start=start,
        end=end,
    )


def _unitless(m: re.Match[str]) -> bool:
    """The number has no unit `_read` would give it: none written, and none implied (the
    condition on which `_read` looks around it); about half of a page's numbers."""
    if m["pct"] or unit_of(m["unit"])[0]:
        return False
    return not (m["post"] in (None, *HEDGES_AFTER) and _has_multiplier(m))


def _ends(m: re.Match[str]) -> tuple[Decimal, Decimal | None] | None:
    """The number and the upper end of its range, if any; "七八千" is a range by itself."""
    value = read_number(m["num"])
    if value is not None:
        return value, read_number(m["num2"]) if m["num2"] else None
    pair = None if m["num2"] else read_pair(m["num"])
    return pair


def _low_scale(m: re.Match[str], low: Decimal, top: Decimal | None, scale: Decimal) -> Decimal:
    """The multiplier of a range's lower end: its own, or none when its unit closes it ("7000元到
    1万元"); else the upper end's magnitude when the lower end is no larger than the upper end's
    bare number: "一百二十到一百五十万" and "2-3万" share it, "8500到3万" does not."""
    if m["mult1"]:
        return MULTIPLIERS[m["mult1"]]
    if m["unit1"]:
        return Decimal(1)
    if top is None or not m["num2"]:
        return scale
    magnitude = split_magnitude(m["num2"])[1]
    return scale * magnitude if low <= top / magnitude else Decimal(1)


def _qualifier(m: re.Match[str], inner: Qualifier | None) -> Qualifier:
    """The first hedge touching the number, its unit or its range (S7); else exact."""
    pre = m["pre"] or ""
    hedges = [
        HEDGES_BEFORE.get(pre) or ROUND_HEDGES.get(pre),
        "over" if m["odd"] else None,
        HEDGES_INSIDE.get(m["mid"] or ""),
        HEDGES_INSIDE.get(m["mid2"] or ""),
        inner,
        _post_hedge(m["post"]),
    ]
    return next((h for h in hedges if h), "exact")


def _has_multiplier(m: re.Match[str]) -> bool:
    """Only a large round number ("50多万", "千亿") drops its unit in running text."""
    return bool(m["mult"] or m["mult1"]) or any(c in "万亿" for c in m["num"])


def _post_hedge(post: str | None) -> Qualifier | None:
    if not post:
        return None
    return HEDGES_AFTER.get(post) or HEDGES_INSIDE.get(post)


def unit_implied_after(text: str, at: int = 0) -> tuple[int, str]:
    """The unit a noun at `at` implies for the number before it, and where the noun ends: a
    people noun -> 人 ("50多万外来务工人员"), a counted noun -> its unit ("5万岗位" -> 个); else
    (at, "")."""
    people = _PEOPLE_AFTER.match(text, at)
    if people:
        return people.end(), "人"
    counted = _COUNTED_AFTER.match(text, at)
    if counted:
        return counted.end(), COUNTED_NOUNS[counted["noun"]]
    return at, ""


def _implicit_unit(text: str, start: int, end: int) -> tuple[int, int, str]:
    noun_end, unit = unit_implied_after(text, end)
    if unit:
        return start, noun_end, unit
    money = _MONEY_BEFORE.search(text, max(0, start - 8), start)
    if money:
        return money.start(), end, "元"
    if _PEOPLE_BEFORE.search(text, max(0, start - 10), start):
        return start, end, "人"
    return start, end, ""

"""The number grammar: ranges that share a magnitude (issue 28). Made-up sentences, one
phenomenon per row."""

from decimal import Decimal

import pytest

from service.values.numerals import split_magnitude
from service.values.quantities import find_quantities, to_number

# --- a range's lower end shares the upper end's magnitude when it is written without one ------
SHARED = [
    ("项目补助一百二十到一百五十万元", 1200000, 1500000, "元"),
    ("月薪两到三万元", 20000, 30000, "元"),
    ("新增岗位十八至三十万个", 180000, 300000, "个"),
    ("投资一千到两千万元", 10000000, 20000000, "元"),
    ("产值七千到九千亿元", 700000000000, 900000000000, "元"),
    ("需要两到三千人", 2000, 3000, "人"),  # a one-digit hundred or thousand shares too
    ("补贴1.5-2万元", 15000, 20000, "元"),  # Arabic, with its multiplier apart
    ("月入8500到3万元", 8500, 30000, "元"),  # larger than the bare upper end: its own value
    ("奖励二百到三百元", 200, 300, "元"),  # a lower end with its own place
    ("培训五到二十天", 5, 20, "天"),  # 十 is a number, not a magnitude to share
]


@pytest.mark.parametrize(("text", "low", "high", "unit"), SHARED)
def test_lower_end_shares_the_magnitude(text: str, low: int, high: int, unit: str) -> None:
    [q] = find_quantities(text)
    assert (to_number(q.value), q.value_max, q.unit) == (low, Decimal(high), unit)


# --- range marks: doubled dashes, and an inclusive bound written inside the range ---------------
MARKS = [
    ("工资2——3万元", 20000, 30000),
    ("奖励1万元--5万元", 10000, 50000),
    ("补助1万（含）-5万元", 10000, 50000),
    ("培训3天——8天", 3, 8),
]


@pytest.mark.parametrize(("text", "low", "high"), MARKS)
def test_range_marks(text: str, low: int, high: int) -> None:
    [q] = find_quantities(text)
    assert (to_number(q.value), q.value_max) == (low, Decimal(high))


MAGNITUDES = [
    ("一百五十万", "一百五十", 10000),
    ("九百亿", "九百", 10**8),
    ("三千", "三", 1000),
    ("二十", "二十", 1),  # 十 is no magnitude to share
    ("三百二十", "三百二十", 1),
    ("150", "150", 1),  # an Arabic end carries its multiplier apart
]


@pytest.mark.parametrize(("numeral", "bare", "magnitude"), MAGNITUDES)
def test_split_magnitude(numeral: str, bare: str, magnitude: int) -> None:
    assert split_magnitude(numeral) == (bare, Decimal(magnitude))

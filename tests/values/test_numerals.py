"""The number grammar: ranges that share a magnitude, and numbers written out in words (issue 28).
Made-up sentences, one phenomenon per row."""

from decimal import Decimal

import pytest

from service.values.numerals import read_number, read_pair, split_magnitude
from service.values.quantities import find_quantities, parse_quantity, to_number

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


# --- numbers written out in words -----------------------------------------------------------------
WRITTEN_OUT = [
    ("就业率提高了百分之八", 8, None, "%", "exact"),  # per cent written out
    ("占比百分之一点五七", 1.57, None, "%", "exact"),
    ("返岗率达百分之九十以上", 90, None, "%", "over"),
    ("合同金额达2个亿元", 200000000, None, "元", "exact"),  # 个 before 亿 is a filler
    ("投资两个多亿元", 200000000, None, "元", "over"),
    ("月薪三万五元", 35000, None, "元", "exact"),  # spoken: the next place down
    ("一百二名工人", 120, None, "人", "exact"),
    ("补贴十万零一千元", 101000, None, "元", "exact"),
    ("来了七八千人", 7000, 8000, "人", "exact"),  # two neighbouring digits: a range (S2)
    ("奖金三五百元", 300, 500, "元", "exact"),
    ("吸纳二三十万人", 200000, 300000, "人", "exact"),
    ("奖励50万元（含）以上", 500000, None, "元", "over"),  # an inclusive bound (N18)
    ("失业率低于5.5%", 5.5, None, "%", "under"),  # comparison words bound a number (N18)
    ("增速高于8%", 8, None, "%", "over"),
    ("误差小于3%", 3, None, "%", "under"),
    ("收入大于5000元", 5000, None, "元", "over"),
    ("月入不到1.9万台币", 19000, None, "", "under"),  # 台 of 台币 is no classifier
]


@pytest.mark.parametrize(("text", "value", "high", "unit", "qualifier"), WRITTEN_OUT)
def test_written_out(text: str, value: float, high: int | None, unit: str, qualifier: str) -> None:
    q = parse_quantity(text)
    assert q is not None
    top = None if q.value_max is None else to_number(q.value_max)
    assert (to_number(q.value), top, q.unit, q.qualifier) == (value, high, unit, qualifier)


# Digits read one by one are no value; a falling or doubled pair is no range.
@pytest.mark.parametrize("numeral", ["一一", "二〇二三", "一二三", "十一五"])
def test_not_a_number(numeral: str) -> None:
    assert read_number(numeral) is None


@pytest.mark.parametrize("numeral", ["九八千", "三三百", "八七", "一一", "二〇"])
def test_not_a_pair(numeral: str) -> None:
    assert read_pair(numeral) is None


# Two rising digits with no place are a range of the unit that follows ("一两天", "三五天").
@pytest.mark.parametrize(
    ("numeral", "low", "high"), [("一两", 1, 2), ("三五", 3, 5), ("七八", 7, 8)]
)
def test_pair_without_a_place(numeral: str, low: int, high: int) -> None:
    assert read_pair(numeral) == (low, high)


@pytest.mark.parametrize("text", ["百分之百的努力", "一一对接", "“十四五”规划"])
def test_words_that_are_no_statistic(text: str) -> None:
    assert find_quantities(text) == []

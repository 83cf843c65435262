"""A quoted quantity whose unit the grammar lacks: value from the number, unit as written, in the
quote or past it; a noun that implies a unit gives that unit; nothing written gives none."""

import pytest

from service.values.quantities import to_number
from service.values.written import read_as_written

# --- the unit is the run after the number, cut before a hedge, a particle or punctuation ------
WRITTEN = [
    ("12桩", 12, None, "桩", "exact"),
    ("六区", 6, None, "区", "exact"),
    ("19省市以上", 19, None, "省市", "over"),
    ("300余轮次", 300, None, "轮次", "over"),
    ("约40档", 40, None, "档", "approx"),
    ("3至5轮", 3, 5, "轮", "exact"),
    ("1.2万人", 12000, None, "人", "exact"),  # a unit the grammar knows is read by the grammar
    ("12桩欠薪纠纷案件", 12, None, "桩", "exact"),  # a classifier and its noun: the classifier
    ("8档的", 8, None, "档", "exact"),
    ("约为0.52", 0.52, None, "", "approx"),  # a ratio has no unit
    ("1.37万", 13700, None, "", "exact"),  # a round number whose noun is told elsewhere: kept
    ("近3亿", 300000000, None, "", "under"),
    ("3万务工人员", 30000, None, "人", "exact"),  # a noun that implies the unit (S3)
    ("5万就业岗位", 50000, None, "个", "exact"),
    ("1倍多", 1, None, "倍", "over"),  # a hedge after the unit as written
]


@pytest.mark.parametrize(("quoted", "value", "value_max", "unit", "qualifier"), WRITTEN)
def test_read_as_written(
    quoted: str, value: float, value_max: int | None, unit: str, qualifier: str
) -> None:
    q = read_as_written(quoted)
    assert q is not None
    high = None if q.value_max is None else to_number(q.value_max)
    assert (to_number(q.value), high, q.unit, q.qualifier) == (value, value_max, unit, qualifier)


# No number, or a vague amount (S4).
@pytest.mark.parametrize("quoted", ["若干", "数十亿元", "几十万块", "数百名"])
def test_nothing_to_read(quoted: str) -> None:
    assert read_as_written(quoted) is None


# --- a quote that stops at its number: the unit is written after it in the evidence -------------
PAST_THE_QUOTE = [
    ("培训分两阶段，", "两", "阶段"),  # a bare counted noun
    ("工资增长了1.5倍，", "1.5", "倍"),
    ("全年受理欠薪纠纷27桩", "27", "桩"),
    ("全年受理27桩欠薪纠纷", "27", "桩"),  # a classifier and its noun: the classifier
    ("同比增长0.8个百分点", "0.8", "个百分点"),  # a unit the grammar knows
    ("总量分别达到35.2万、12.6万", "12.6万", ""),  # nothing written: none
]


@pytest.mark.parametrize(("evidence", "quoted", "unit"), PAST_THE_QUOTE)
def test_unit_written_past_the_quote(evidence: str, quoted: str, unit: str) -> None:
    at = evidence.index(quoted)
    q = read_as_written(evidence, at, at + len(quoted))
    assert q is not None
    assert q.unit == unit

"""A quoted quantity whose unit the grammar lacks: value from the number, unit as written."""

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
]


@pytest.mark.parametrize(("quoted", "value", "value_max", "unit", "qualifier"), WRITTEN)
def test_read_as_written(
    quoted: str, value: float, value_max: int | None, unit: str, qualifier: str
) -> None:
    q = read_as_written(quoted)
    assert q is not None
    high = None if q.value_max is None else to_number(q.value_max)
    assert (to_number(q.value), high, q.unit, q.qualifier) == (value, value_max, unit, qualifier)


# No number; a round number whose noun is not in the quote; a vague amount (S4).
@pytest.mark.parametrize("quoted", ["若干", "1.37万", "近3亿", "数十亿元", "几十万块", "数百名"])
def test_nothing_to_read(quoted: str) -> None:
    assert read_as_written(quoted) is None

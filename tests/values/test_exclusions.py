"""Numbers that are names, not statistics (issue 28): codes glued to Latin letters and ordinals
carried on in a list. Made-up sentences, one phenomenon per row."""

import pytest

from service.values.quantities import find_quantities, to_number

NAMES = [
    "务工人员乘坐K6608次列车返岗",  # a train number
    "搭乘G1234次高铁",
    "PM2.5浓度下降",  # a name with a number in it
    "第一、二批务工人员已抵达",  # an ordinal carried on in a list
    "第一、二、三批次",
    "第三和四届大赛",
    "第5至6期培训班",
]


@pytest.mark.parametrize("text", NAMES)
def test_a_name_is_no_statistic(text: str) -> None:
    assert find_quantities(text) == []


# The same numbers where they count.
COUNTS = [
    ("当地GDP1.2万亿元", [1200000000000]),  # a longer Latin word before an amount
    ("开行K字头列车12趟", [12]),
    ("首批11名务工人员", [11]),
    ("分3批返岗", [3]),
    ("第一批送出15人、第二批送出20人", [15, 20]),
]


@pytest.mark.parametrize(("text", "values"), COUNTS)
def test_a_count_beside_a_name_still_counts(text: str, values: list[int]) -> None:
    assert [to_number(q.value) for q in find_quantities(text)] == values

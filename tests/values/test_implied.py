"""The unit a metric implies for a number written without one (service/values/implied.py), one
phenomenon per row; the metrics are made up."""

import pytest

from service.values.implied import unit_implied_by

ROWS = [
    ("返乡务工人员", "人"),  # a people noun inside
    ("高校毕业生规模", "人"),
    ("参会人数", "人"),  # a head count
    ("农村劳动力转移", "人"),  # a labour flow
    ("用工缺口", "人"),
    ("技能培训人次", "人次"),
    ("农民工工资", "元"),  # a money noun at the end wins over the people noun
    ("招聘岗位", "个"),  # a counted noun
    ("毕业生就业率", ""),  # a ratio
    ("外来务工人员占比", ""),
    ("企业", ""),  # nothing said of what is counted
    ("", ""),
]


@pytest.mark.parametrize(("metric", "unit"), ROWS)
def test_unit_implied_by(metric: str, unit: str) -> None:
    assert unit_implied_by(metric) == unit

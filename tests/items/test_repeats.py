"""Repeats: a statistic restating an earlier one of its article points at it; sums skip it."""

import asyncio
from typing import Any

import pytest

from schemas.results import Statistic
from service.extract.rules.backend import RulesBackend
from service.items.repeats import mark_repeats
from service.pipeline import run
from tests.paths import OVERLAP

_FIRST: dict[str, Any] = {
    "metric": "转移输出农村劳动力", "indicator": "workers_transferred", "value": 49300,
    "value_max": None, "unit": "人", "qualifier": "exact", "kind": "actual", "time": "2022-03",
    "location": "平昌县", "location_code": "511923",
}  # fmt: skip


def _stat(at: int, **changed: Any) -> Statistic:
    return Statistic(evidence="4.93万人", span=(at, at + 6), **(_FIRST | changed))


@pytest.mark.parametrize(
    ("changed", "repeat"),
    [
        # the same figure in other words, with or without a hedge, placed by the same code
        ({}, True),
        ({"metric": "输出劳动力"}, True),
        ({"qualifier": "approx"}, True),
        ({"location": "平昌"}, True),
        ({"value": 49300.0}, True),
        # another figure, or the same number of another thing, time, place or kind
        ({"value": 49301}, False),
        ({"value_max": 50000}, False),
        ({"unit": "人次"}, False),
        ({"indicator": "workforce"}, False),
        ({"time": "2022-02"}, False),
        ({"time": None}, False),
        ({"location_code": "511900"}, False),
        ({"kind": "target"}, False),
    ],
)
def test_a_statistic_repeats_an_earlier_one_when_it_says_the_same(
    changed: dict[str, Any], repeat: bool
) -> None:
    marked = mark_repeats([_stat(0), _stat(20, **changed)])
    assert marked[0].repeat_of is None
    assert marked[1].repeat_of == (0 if repeat else None)


def test_the_metric_is_the_articles_words_and_tells_no_claim_apart() -> None:
    other = {"indicator": "other", "value": 3, "unit": "个"}
    marked = mark_repeats([
        _stat(0, **other, metric="建设项目"), _stat(10, **other, metric="劳务品牌"),
        _stat(20, **other, metric="建设项目"), _stat(30, value=3, unit="个", metric="建设项目"),
    ])  # fmt: skip
    assert [s.repeat_of for s in marked] == [None, 0, 0, None]


def test_every_restatement_points_at_the_first_and_nothing_else_changes() -> None:
    given = [_stat(0), _stat(10, value=7), _stat(20), _stat(30, qualifier="over")]
    marked = mark_repeats(given)
    assert [s.repeat_of for s in marked] == [None, None, 0, 0]
    assert [s.model_dump(exclude={"repeat_of"}) for s in marked] == [
        s.model_dump(exclude={"repeat_of"}) for s in given
    ]
    assert sum(s.value for s in marked if s.repeat_of is None) == 49300 + 7


def test_the_pipeline_marks_a_figure_an_article_repeats() -> None:
    text = (
        "平昌县转移就业再创新高\n本报讯 平昌县一季度转移输出农村劳动力4.93万人，同比增长5%。"
        "全县今年以来新增就业岗位1200个。\n截至3月底，平昌县一季度转移输出农村劳动力4.93万人，"
        "实现劳务收入12亿元。\n"
    )
    result = asyncio.run(run(text, backend=RulesBackend(), published="2022-04-01", overlap=OVERLAP))
    (article,) = result.articles
    people = [(s.value, s.repeat_of) for s in article.statistics if s.unit == "人"]
    assert people == [(49300, None), (49300, 0)]
    assert [s.repeat_of for s in article.statistics if s.unit != "人"] == [None, None, None]

"""Metrics kept clean (service/values/metric.py), one phenomenon per row; and every metric the
rules backend writes on the eval sets is clean. The phrases are made up."""

import asyncio

import pytest

from service.evals.evaluate import load_cases, predict
from service.evals.sets import EVAL_SETS
from service.extract.rules.backend import RulesBackend
from service.values.metric import clean_metric, metric_problems
from tests.paths import OVERLAP, ROOT

CLEAN = [
    # as read, clean
    # --- hedges and link words at the ends -------------------------------------------------------
    ("参会求职人数超过", "参会求职人数"),
    ("返岗员工约", "返岗员工"),
    ("每天休息时间不少于", "每天休息时间"),
    ("约返岗员工", "返岗员工"),
    ("外出务工人员达", "外出务工人员"),
    ("人均月收入为", "人均月收入"),
    # --- …but not inside a word ----------------------------------------------------------------
    ("富余劳动力", "富余劳动力"),
    ("就近就业人数", "就近就业人数"),
    ("规模以上企业", "规模以上企业"),
    ("本科及以上", "本科及以上"),
    ("查处违法行为", "查处违法行为"),
    ("约谈", "约谈"),
    # --- quotes and brackets: none unmatched, none at an end -------------------------------------
    ("“春风行动”专场", "春风行动专场"),
    ("专车、专列、包机”等", "专车、专列、包机"),
    ("县（区", "县区"),
    ("“就业直通车”", "就业直通车"),
    ("技能（初级）证书", "技能（初级）证书"),
    # --- punctuation at the ends --------------------------------------------------------------
    ("：返岗人数。", "返岗人数"),
    # --- list and number fragments -------------------------------------------------------------
    ("、杭州等方向返岗人员", "返岗人员"),
    ("川、贵州等地接回员工", "接回员工"),  # a list cut inside its first word
    ("政府投资、国企等项目", "政府投资、国企等项目"),  # a whole list is part of the noun
    ("世界500强企业", "世界500强企业"),
    ("万多名外来务工人员", "外来务工人员"),
    ("余家企业", "企业"),
    ("完成年计划300万人", "完成年计划"),
    ("同比增长5.2%", "同比增长"),
    # --- nothing left of a noun ------------------------------------------------------------------
    ("约", ""),
    ("达100%", ""),
]


@pytest.mark.parametrize(("metric", "clean"), CLEAN)
def test_clean_metric(metric: str, clean: str) -> None:
    assert clean_metric(metric) == clean
    assert metric_problems(clean) == []


PROBLEMS = [
    ("返岗人数超过", "hedge or link word at an end: 超过"),
    ("“返岗人数", "unmatched quote or bracket"),
    ("返岗人数。", "punctuation at an end"),
    ("、返岗人数", "list fragment"),
]


@pytest.mark.parametrize(("metric", "problem"), PROBLEMS)
def test_problems_are_named(metric: str, problem: str) -> None:
    assert problem in metric_problems(metric)


@pytest.mark.parametrize("name", sorted(EVAL_SETS))
def test_every_rules_metric_is_clean(name: str) -> None:
    """Issue 23: no metric holds a hedge word, an unmatched quote or bracket, or a leading or
    trailing punctuation mark."""
    found = EVAL_SETS[name].under(ROOT)
    cases = load_cases(found.fixtures, found.texts)
    predicted = asyncio.run(predict(cases, RulesBackend(), overlap=OVERLAP))
    metrics = [s.metric for r in predicted.values() for a in r.articles for s in a.statistics]
    assert len(metrics) > 100
    unclean = [(m, metric_problems(m)) for m in metrics if metric_problems(m)]
    # A blind set's text never reaches a log: its count only.
    count = len(unclean)
    assert count == 0, count if found.blind else unclean

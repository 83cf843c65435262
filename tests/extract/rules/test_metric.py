"""The metric the rules backend reads (service/extract/rules/metric.py): one construction of
how Chinese writes a counted phrase per row. The sentences are made up."""

import pytest

from service.extract.rules.backend import extract_drafts
from service.values.metric import metric_problems

# text, quantity, metric
METRICS = [
    # --- an amount followed by the noun naming the money counts that noun ----------------------
    ("对引进的博士最高给予50万元安家补贴。", "50万元", "安家补贴"),
    ("县里给予企业每人800元奖励。", "800元", "奖励"),
    ("市财政安排300万元专项资金。", "300万元", "专项资金"),
    # …while a money noun before the amount stays the metric
    ("全县发放创业贷款300万元。", "300万元", "发放创业贷款"),
]


@pytest.mark.parametrize(("text", "quantity", "metric"), METRICS)
def test_metric(text: str, quantity: str, metric: str) -> None:
    [s] = [s for s in extract_drafts(text, published="2023-03").statistics if s.quantity == quantity]
    assert s.metric == metric
    assert metric_problems(s.metric) == []

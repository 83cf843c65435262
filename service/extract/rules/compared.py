"""A change told by its comparison alone names what changed in the clause before it (LABELLING.md
S12). Pure.

"…城镇居民人均可支配收入32000元，同比增长8.1%": the clause "同比增长8.1%" names no noun; what
grew is what the number before it, in the same sentence, measures. The metric is that one's
metric with the comparison as written: "城镇居民人均可支配收入同比增长".
"""

import re
from bisect import bisect_left
from collections.abc import Callable

from service.extract.rules.text import ArticleText, clause_bounds, sentence_bounds
from service.values.quantities import Quantity

# A clause head that is nothing but a comparison: "同比增长", "但同比下降", "较上年减少".
_BASE = r"(?:同比|环比|比上年|较上年|比去年|较去年|比上月|较上月)(?:同期)?"
_CHANGE = r"(?:增长|下降|增加|减少|提高|上升|降低|回落)"
COMPARISON_ONLY = re.compile(
    rf"^[但而并且]*({_BASE})({_CHANGE})(?:了|达到|达|为)?(?:约|近|超过|逾|超)?$"
)

MetricOf = Callable[[ArticleText, Quantity, tuple[int, int]], str]


def compared_metric(
    article: ArticleText, q: Quantity, clause: tuple[int, int], metric_of: MetricOf
) -> str:
    """The metric of a change told by its comparison alone, read from the number before it in
    its sentence by `metric_of`; "" when the clause is no bare comparison or none is before."""
    text = article.text
    m = COMPARISON_ONLY.match(text[clause[0] : q.start].replace(" ", ""))
    if m is None:
        return ""
    s_left, _ = sentence_bounds(article, q.start, q.end)
    i = bisect_left(article.quantity_starts, clause[0]) - 1
    if i < 0 or article.quantities[i].start < s_left:
        return ""
    before = article.quantities[i]
    found = metric_of(article, before, clause_bounds(article, before.start, before.end))
    if not found or COMPARISON_ONLY.match(found):
        return ""
    return found + m.group(1) + m.group(2)

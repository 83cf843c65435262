"""A change or a share told by its comparison alone names what it compares (LABELLING.md S12).
Pure.

"…城镇居民人均可支配收入32000元，同比增长8.1%": the clause "同比增长8.1%" names no noun; what
grew is what the number before it, in the same sentence, measures. The metric is that one's
metric with the comparison as written: "城镇居民人均可支配收入同比增长".
"民营企业占59.3%": a share is the part's share, "民营企业占比"; a share of a named whole keeps
it: "技能劳动者占就业人员总量的比例达到25%" -> "技能劳动者占就业人员总量比例".
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
# A share: "占59.3%", "占到60%", "占全国的8.88%", "占总需求人数的比例为36.4%".
_SHARE = re.compile(
    r"占(?:到|了)?(?:([^，。；、：\d]{1,10}?)的(比重|比例)?)?(?:为|达到|达|是)?(?:约|近|超过|逾|超)?$"
)
_SHARE_NOUN = "占比"
_SHORTEST = 2

MetricOf = Callable[[ArticleText, Quantity, tuple[int, int]], str]
NounBefore = Callable[[int, int], str]


def compared_metric(
    article: ArticleText, q: Quantity, clause: tuple[int, int], metric_of: MetricOf
) -> str:
    """The metric of a change told by its comparison alone, read from the number before it in
    its sentence by `metric_of`; "" when the clause is no bare comparison or none is before."""
    text = article.text
    m = COMPARISON_ONLY.match(text[clause[0] : q.start].replace(" ", ""))
    if m is None:
        return ""
    found = _metric_before(article, q, clause, metric_of)
    if not found or COMPARISON_ONLY.match(found):
        return ""
    return found + m.group(1) + m.group(2)


def share_metric(
    article: ArticleText, q: Quantity, clause: tuple[int, int], noun_before: NounBefore
) -> str:
    """The metric of a share ("X占59.3%" -> X占比): the part named before 占 by `noun_before`
    over [start, end); "" for no share or no part named in the clause."""
    if q.unit != "%":
        return ""
    m = _SHARE.search(article.text, clause[0], q.start)
    if m is None or m.end() != q.start:
        return ""
    part = noun_before(clause[0], m.start())
    if len(part) < _SHORTEST:
        return ""  # "占总数的52%": the clause before names the part, as the general reading has it
    if m.group(1) is None:
        return part + _SHARE_NOUN
    return part + "占" + m.group(1) + (m.group(2) or "比重")  # "占全国的" -> 占全国比重


def _metric_before(
    article: ArticleText, q: Quantity, clause: tuple[int, int], metric_of: MetricOf
) -> str:
    """The metric of the number before `clause` in `q`'s sentence, "" when there is none."""
    s_left, _ = sentence_bounds(article, q.start, q.end)
    i = bisect_left(article.quantity_starts, clause[0]) - 1
    if i < 0 or article.quantities[i].start < s_left:
        return ""
    before = article.quantities[i]
    return metric_of(article, before, clause_bounds(article, before.start, before.end))

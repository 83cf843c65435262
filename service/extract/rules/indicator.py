"""The indicator of each statistic of an article, read in its context (ANNOTATION.md
"`indicator`"). Pure.

`service.values.indicators.classify` reads one number from its metric, clause, the words after it
and its sentence (with the sentence before, where a fair is often named: "本次招聘会…。共有50家
企业参加"). A part takes the code of its whole: a number after "其中" in the sentence of an
earlier number of the same unit ("吸引用人单位1500家，其中国有企业330家") takes that number's
code, unless its own words give it a code of its own ("其中达成意向500人" is a hire).
"""

from schemas.vocab import Indicator
from service.extract.rules.text import ArticleText, clause_bounds, sentence_bounds
from service.values.indicators import classify

_PART = "其中"
# Codes a part's own words may give it that still leave it a part of its whole.
_GENERIC: frozenset[Indicator] = frozenset({"other", "workforce"})


def statistic_indicators(article: ArticleText, metrics: list[str]) -> list[Indicator]:
    """One indicator per quantity of `article`, whose metrics are `metrics`."""
    found: list[Indicator] = []
    for index, metric in enumerate(metrics):
        own = _own(article, index, metric)
        whole = _whole(article, index)
        found.append(found[whole] if whole is not None and own in _GENERIC else own)
    return found


def _own(article: ArticleText, index: int, metric: str) -> Indicator:
    q = article.quantities[index]
    text = article.text
    left, right = clause_bounds(article, q.start, q.end)
    s_left, s_right = sentence_bounds(article, q.start, q.end)
    before = sentence_bounds(article, s_left - 1, s_left)[0] if s_left else 0
    return classify(
        metric=metric, unit=q.unit, clause=text[left:right], after=text[q.end : right],
        sentence=text[before:s_right],
    )  # fmt: skip


def _whole(article: ArticleText, index: int) -> int | None:
    """The number a part after "其中" belongs to: the last one of its unit before "其中" in
    its sentence, or in the sentence before when "其中" opens the sentence ("…用人单位1500家。
    其中，国有企业330家")."""
    q = article.quantities[index]
    s_left, _ = sentence_bounds(article, q.start, q.end)
    part = article.text.rfind(_PART, s_left, q.start)
    if part < 0:
        return None
    if not article.text[s_left:part].strip() and s_left:
        s_left = sentence_bounds(article, s_left - 1, s_left)[0]
    earlier = [
        i
        for i in range(index)
        if s_left <= article.quantities[i].start
        and article.quantities[i].end <= part
        and article.quantities[i].unit == q.unit
    ]
    return earlier[-1] if earlier else None

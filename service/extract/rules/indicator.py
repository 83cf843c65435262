"""The indicator of each statistic of an article, read in its context (ANNOTATION.md
"`indicator`"). Pure.

`service.values.indicators.classify.classify` reads one number from its metric, clause, the
words after it and its sentence (with the sentence before, where a fair is often named:
"本次招聘会…。共有50家企业参加"). A part takes the code of its whole: a number after "其中" in
the sentence of an earlier number of the same unit ("吸引用人单位1500家，其中国有企业330家")
takes that number's code, unless its own words give it a code of its own ("其中达成意向500人"
is a hire).
"""

import re

from schemas.vocab import Indicator
from service.extract.rules.text import ArticleText, clause_bounds, sentence_bounds
from service.values.indicators.classify import Around, classify

_PART = "其中"
_EACH = "分别"
_CHANGE = re.compile(r"增长|下降|增加|减少|提高|上升|降低|增幅|降幅")
_SHARE = re.compile(r"占|比重|比例")
# Codes a part's own words may give it that still leave it a part of its whole.
_GENERIC: frozenset[Indicator] = frozenset({"other", "workforce"})

# The first line holding more than blanks.
_FIRST_LINE = re.compile(r"[^\S\n]*\S[^\n]*")


def statistic_indicators(article: ArticleText, metrics: list[str]) -> list[Indicator]:
    """One indicator per quantity of `article`, whose metrics are `metrics`."""
    found: list[Indicator] = []
    for index, metric in enumerate(metrics):
        own = _own(article, index, metric)
        whole = _whole(article, index)
        if whole is None and own == "other":
            whole = _listed_after(article, index)
        own = found[whole] if whole is not None and own in _GENERIC else own
        respective = _respective(article, index)
        found.append(found[respective] if respective is not None else own)
    return found


def _respective(article: ArticleText, index: int) -> int | None:
    """The amount a change rate in a "分别" list is about: the rates after "分别" match, in
    order, the last as many amounts before it in the sentence ("查处欠薪案件6635件，为6.9万人
    追发工资4.26亿元，同比分别下降29.67%、49.34%和35.84%")."""
    qs, text = article.quantities, article.text
    q = qs[index]
    s_left, s_right = sentence_bounds(article, q.start, q.end)
    at = text.rfind(_EACH, s_left, q.start)
    if q.unit != "%" or at < 0 or not _CHANGE.search(text, max(s_left, at - 6), q.start):
        return None
    rates = [i for i, r in enumerate(qs) if at < r.start < s_right and r.unit == "%"]
    amounts = [i for i, r in enumerate(qs) if s_left <= r.start and r.end <= at and r.unit != "%"]
    if len(amounts) < len(rates) or _SHARE.search(text, at, q.start):
        return None
    return amounts[len(amounts) - len(rates) + rates.index(index)]


def _listed_after(article: ArticleText, index: int) -> int | None:
    """The number of the same unit right before a number that names nothing, in its sentence:
    a list of parts ("转移劳动力5万人，省外3万人、省内2万人")."""
    if index == 0:
        return None
    q, before = article.quantities[index], article.quantities[index - 1]
    s_left, _ = sentence_bounds(article, q.start, q.end)
    return index - 1 if before.start >= s_left and before.unit == q.unit else None


def _own(article: ArticleText, index: int, metric: str) -> Indicator:
    q = article.quantities[index]
    text = article.text
    left, right = clause_bounds(article, q.start, q.end)
    s_left, s_right = sentence_bounds(article, q.start, q.end)
    before = sentence_bounds(article, s_left - 1, s_left)[0] if s_left else 0
    around = Around(text[q.end : right], text[before:s_right], _title(text))
    return classify(metric=metric, unit=q.unit, clause=text[left:right], around=around)


def _title(text: str) -> str:
    """The article's first line, its headline on a news page (found without splitting the
    whole text into lines: each statistic asks, and a page of short lines made that
    quadratic)."""
    first = _FIRST_LINE.search(text)
    return first[0] if first else ""


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

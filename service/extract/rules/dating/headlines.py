"""A headline's figure takes the time of the body fact it restates (LABELLING.md S11, N7). Pure.

"新疆已完成全年新增就业目标 城镇新增就业44.5万人" over a body that says "截至9月底，全疆城镇新增
就业44.5万人" is "2017-09": the same number told again in the body, with its own time there. The
same number is the same value, hedge and unit, however written ("260余万人", "260余万农民工").
"""

from bisect import bisect_left

from service.extract.rules.text import ArticleText

_FULL_STOPS = "。！？"
# How far into the article a headline may stand: its title lines, before the first sentence.
_HEAD_MAX = 300


def restated_at(article: ArticleText, at: int) -> int | None:
    """Where the body tells again the figure a headline line holds at `at`: the next quantity
    of the same value, hedge and unit after the headline; None for a figure of the body."""
    text = article.text
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    if at > _HEAD_MAX or any(c in text[line_start:line_end] for c in _FULL_STOPS):
        return None  # a sentence of the body, not a title line
    if not article.full_stops or article.full_stops[0] < line_start:
        return None  # no body to restate it, or the body has begun
    i = bisect_left(article.quantity_starts, at)
    if i >= len(article.quantities) or article.quantities[i].start != at:
        return None
    q = article.quantities[i]
    # the same number, hedge and unit ("260余万人" told as "260余万农民工"), in the body: not
    # in another title line ("原标题：…")
    same = (q.value, q.value_max, q.unit, q.qualifier)
    # the body's lines begin with the line of its first full stop: no quantity before it is in
    # one (looking from there keeps a page of short title-like lines linear)
    body = text.rfind("\n", 0, article.full_stops[0]) + 1
    for later in article.quantities[bisect_left(article.quantity_starts, max(body, at), i + 1) :]:
        told = (later.value, later.value_max, later.unit, later.qualifier)
        if later.start >= line_end and told == same and _head_end(article, later.start) < 0:
            return later.start
    return None


def _head_end(article: ArticleText, at: int) -> int:
    """-1 when `at` is in a line holding a full stop (the body); else the start of its line,
    a title line ("原标题：…")."""
    text = article.text
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : len(text) if end < 0 else end]
    return -1 if any(c in line for c in _FULL_STOPS) else start

"""A headline's figure takes the time of the body fact it restates (LABELLING.md S11, N7). Pure.

"新疆已完成全年新增就业目标 城镇新增就业44.5万人" over a body that says "截至9月底，全疆城镇新增
就业44.5万人" is "2017-09": the same number told again in the body, with its own time there.
"""

from bisect import bisect_left

from service.extract.rules.text import ArticleText

_FULL_STOPS = "。！？"
# How far into the article a headline may stand: its title lines, before the first sentence.
_HEAD_MAX = 300


def restated_at(article: ArticleText, at: int) -> int | None:
    """Where the body tells again the figure a headline line holds at `at`: the next place the
    same number and unit are written after the headline; None for a figure of the body."""
    text = article.text
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    if at > _HEAD_MAX or any(c in text[line_start:line_end] for c in _FULL_STOPS):
        return None  # a sentence of the body, not a title line
    if article.full_stops and article.full_stops[0] < line_start:
        return None  # the body has begun
    i = bisect_left(article.quantity_starts, at)
    if i >= len(article.quantities) or article.quantities[i].start != at:
        return None
    q = article.quantities[i]
    written = text[q.start : q.end]
    found = text.find(written, line_end)
    # the same quantity, not a part of another ("178名"), and not in another title line
    while found >= 0 and (not _is_quantity(article, found) or _head_end(article, found) >= 0):
        found = text.find(written, found + len(written))
    return found if found >= 0 else None


def _is_quantity(article: ArticleText, at: int) -> bool:
    i = bisect_left(article.quantity_starts, at)
    return i < len(article.quantities) and article.quantities[i].start == at


def _head_end(article: ArticleText, at: int) -> int:
    """-1 when `at` is in a line holding a full stop (the body); else the start of its line,
    a title line ("原标题：…")."""
    text = article.text
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : len(text) if end < 0 else end]
    return -1 if any(c in line for c in _FULL_STOPS) else start

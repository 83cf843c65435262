"""An article's statistics -> the same, each one that restates an earlier one marked. Pure.

A writer repeats a figure (in the lead, the body and the close), and ANNOTATION.md labels it
again where it occurs; summed as it stands, one 49,300-person fact counts three times. So a
statistic that says what an earlier one of its article said carries `repeat_of`, the earlier
one's index, and sums skip it. Saying the same means the same `claim`, the cell of an analyst's
table it lands in: indicator, value and upper value, unit, kind, time and place (location_code);
the metric, the article's own words, and a hedge ("约4.93万") may differ. (An `other` is a cell
of unrelated counts, so two of them alike are one claim too: `other` is never summed.)

>>> from schemas.results import Statistic
>>> def s(at: int, metric: str, value: int) -> Statistic:
...     return Statistic(evidence="x", span=(at, at + 1), metric=metric, value=value, unit="人",
...                      indicator="workers_transferred", location_code="511923")
>>> marked = mark_repeats([s(0, "输出", 49300), s(5, "转移", 9), s(9, "转移就业", 49300)])
>>> [x.repeat_of for x in marked]
[None, None, 0]
"""

from collections.abc import Sequence

from schemas.results import ArticleResult, Number, Statistic

Claim = tuple[str, Number, Number | None, str, str, str | None, str | None]


def claim(statistic: Statistic) -> Claim:
    """What a statistic says, as far as telling two statements of one figure apart goes:
    (indicator, value, value_max, unit, kind, time, location_code)."""
    s = statistic
    return (s.indicator, s.value, s.value_max, s.unit, s.kind, s.time, s.location_code)


def mark_repeats(statistics: Sequence[Statistic]) -> list[Statistic]:
    """In reading order: the first statement of each claim stays as it is, every later one
    gets `repeat_of` = the first one's index."""
    first: dict[Claim, int] = {}
    marked = []
    for index, statistic in enumerate(statistics):
        earlier = first.setdefault(claim(statistic), index)
        repeat_of = earlier if earlier != index else None
        marked.append(statistic.model_copy(update={"repeat_of": repeat_of}))
    return marked


def mark_article_repeats(articles: Sequence[ArticleResult]) -> list[ArticleResult]:
    """Each article with its repeats marked: run after coding, since a repeat names the same
    place."""
    return [a.model_copy(update={"statistics": mark_repeats(a.statistics)}) for a in articles]

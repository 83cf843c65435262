"""A year in the figure's clause, read within a finer time its sentence set before it
(ANNOTATION.md T2). Pure.

"截至11月底，今年全区农村劳动力转移就业248.7万人": "今年" names the year the count is kept in,
while "截至11月底", leading a clause of the same sentence, says up to when: the count holds at
the end of November. Likewise "1-9月，今年全省…". A day before it ("2月8日，今年首趟专列…")
dates an occurrence, not a period, and keeps out.
"""

from collections.abc import Iterable

from service.extract.rules.dating.frames import resolved_once
from service.extract.rules.text import ArticleText
from service.values.dating.times import TimeMention

_YEAR = len("YYYY")
_MONTH = len("YYYY-MM")


def finer_within_year(
    article: ArticleText, own: TimeMention, leading: Iterable[TimeMention]
) -> TimeMention:
    """`own`, or the nearest time leading a clause before it in its sentence (`leading`,
    nearest first, read only as far as needed) that resolves to a month of the year `own`
    resolves to."""
    year = resolved_once(article, own.expr, start=False)
    if year is None or len(year) != _YEAR:
        return own
    for t in leading:
        found = resolved_once(article, t.expr, start=False)
        if found is not None and len(found) == _MONTH and found[:_YEAR] == year:
            return t
    return own

"""A stock stated as current takes the publication year, not the day its paragraph names
(ANNOTATION.md T1, LABELLING.md TP3). Pure.

"3月5日，县里举办招聘会，50家企业参会。该县现有劳动力30万人，常年在外务工5万人。": the day
dates the fair; the stock told in a sentence of its own holds now, at the report.
"""

import re
from bisect import bisect_left

from service.extract.rules.text import ArticleText
from service.values.dating.times import TimeMention

# Words stating how much there is, now: a stock, not what happened on a day.
_STOCK = re.compile(r"现有|拥有|总数|总量|常年")
_DAY = 2  # hyphens in an ISO day


def stock_now(article: ArticleText, mention: TimeMention, at: int, found: str) -> str:
    """`found`, or the publication year when `found` is a day set by an earlier sentence and the
    figure's sentence states a stock."""
    if found.count("-") != _DAY or not article.published:
        return found
    stop = bisect_left(article.full_stops, at)
    s_left = article.full_stops[stop - 1] + 1 if stop else 0
    if mention.start >= s_left or not _STOCK.search(article.text, s_left, at):
        return found
    return article.published[:4]

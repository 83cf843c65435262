"""Periods that run up to the report (ANNOTATION.md T2). Pure.

"自2月1日春风行动开展以来，累计…", "2月1日至今…", "今年1月以来…": the time written is the period's
start, but a figure over the period holds at the report, so it takes the smallest unit holding
both the start and the publication date ("2022" for a period from February reported in April),
as "X以来" does. The start still dates an event begun then (E3: an event takes its start day).
"""

import re
from bisect import bisect_left

from service.extract.rules.dating.frames import resolved_once
from service.extract.rules.text import ArticleText
from service.values.dating.times import TimeMention

# The period's end words, after its start within the same clause: "以来", "至今", "迄今".
_RUNS_TO_NOW = re.compile(r"[^，。；！？：\n]{0,24}?(?:以来|至今|迄今)")
# What the start is written with: "自2月1日", "从2021年起".
_START_WORDS = re.compile(r"^(?:自从|自|从|打)|起$")


def open_period(text: str, mention: TimeMention) -> str | None:
    """The open period a start time opens, written as "X以来" for the value layer to resolve;
    None when the mention opens no period running to now."""
    if mention.expr.endswith(("以来", "至今", "迄今")):
        return None  # the value layer reads it whole
    if _RUNS_TO_NOW.match(text, mention.end) is None:
        return None
    return _START_WORDS.sub("", mention.expr) + "以来"


# An occurrence's start named as what began ("活动开展以来", "行动启动以来", "项目实施至今"); not
# an era or a long while ("“十四五”以来", "长期以来"), which began before the paragraph's day.
_SINCE_BEGUN = re.compile(
    r"(?:开展|启动|实施|开始|开通|开行|运行|举办|开幕|开启|上线|落地)(?:以来|至今|迄今)[，,]"
)


def runs_to_report(article: ArticleText, mention: TimeMention, at: int, found: str) -> str:
    """`found`, the time a figure's paragraph set, read as an open period's start when the
    figure's sentence runs from an occurrence begun then up to now ("2月1日，…启动春风行动。活动
    开展以来，累计输送1.2万人" -> the smallest unit holding 2月1日 and the publication date)."""
    stop = bisect_left(article.full_stops, at)
    s_left = article.full_stops[stop - 1] + 1 if stop else 0
    if mention.start >= s_left or mention.expr.endswith(("以来", "至今", "迄今")):
        return found  # a time of the figure's own sentence, or a period read whole already
    if not _SINCE_BEGUN.search(article.text, s_left, at):
        return found
    since = _START_WORDS.sub("", mention.expr) + "以来"
    return resolved_once(article, since, start=False) or found

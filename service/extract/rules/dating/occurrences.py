"""The dated occurrence a figure speaks of (ANNOTATION.md T1, third step). Pure.

A figure about a fair, a meeting, a launch or a chartered ride takes that occurrence's date
wherever the article dates it ("本次招聘会共有120家企业参会" after "3月1日，某县举办招聘会"). The
occurrence is found by its kind: when the figure's sentence names a fair, it is the first fair
the article dates to a day. A back-reference that names no kind ("当天", "本次", "到现场")
speaks of the story's main occurrence: the first of any kind so dated.
"""

import re
from bisect import bisect_left
from collections.abc import Iterable

from service.extract.rules.text import ArticleText

# Kinds of occurrence by the nouns that name them; a figure's sentence and the dated sentence
# must name the same kind.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "fair",
        re.compile(
            r"招聘|双选|专场|大集|交流会|洽谈会|对接会|见面会|人才市场"
            r"|达成[^，。]{0,6}意向|进场|入场|应聘|求职"  # what job seekers do at a fair
        ),
    ),
    ("meeting", re.compile(r"座谈会|推进会|调度会|发布会|论坛|研讨会|大会|会议")),
    ("launch", re.compile(r"仪式|启动|开幕|拉开帷幕|拉开序幕")),
    ("ride", re.compile(r"专列|专车|包车|包机|航班|大巴|直通车|发车|送行|欢送|抵达|到达|出发")),
)

# Words that return to the story's occurrence without naming its kind: "现场" as a place ("搬到
# 现场", "在现场"), not as "on the spot" before a verb ("现场解决350件").
_BACK_TO_THE_STORY = re.compile(
    r"本次|此次|这次|本届|当天|当日|活动期间|活动中|会上|其间|[到在于赴]现场|现场(?=[，。；上])"
)


# Employers and what they bring to a fair: a figure naming them speaks of the fair the article
# dates, if it dates one; a dated sentence naming them is no fair ("公益岗位" are made all year).
_OFFERED_AT_FAIRS = re.compile(r"岗位|职位|薪资|月薪|企业|用人单位")
# A stock stated as current ("该县共有企业300家") or a standing rule ("按每人1000元的标准给予…")
# takes the publication year (TP3), fair or not.
_STOCK = re.compile(r"共有|现有|拥有|总数|总量|给予|标准")
# …but "共有80家企业参加" counts who took part.
_TAKE_PART = re.compile(r"参加|参与|参会|参展|进场|入场|带来|携")


def kinds_named(text: str, start: int, end: int) -> set[str]:
    """The kinds of occurrence named in text[start:end]."""
    return {kind for kind, nouns in _KINDS if nouns.search(text, start, end)}


_ANY = "any kind"  # keys of `first_days` beside the kinds
_FIRST = "first"
_FAIR_HELD_KEY = "fair held"
# A fair held, named as such: a figure about posts or employers is about it (not about a job
# seekers' market or a visit, "人才市场", "求职").
_FAIR_HELD = re.compile(
    r"招聘会|招聘活动|招聘大会|双选会|专场|大集|交流会|洽谈会|对接会|见面会|招聘月"
)


def first_days(article: ArticleText, dated: Iterable[tuple[int, str]]) -> dict[str, str]:
    """Of the `dated` times (offset, ISO day or month, in text order): per kind, the first whose
    sentence names an occurrence of that kind; the first naming any kind; the first of all.
    Worked out once per article: asked per figure, it was quadratic in the page."""
    days: dict[str, str] = {}
    for at, iso in dated:
        days.setdefault(_FIRST, iso)
        sentence = _sentence_of(article, at)
        for kind in kinds_named(article.text, *sentence):
            days.setdefault(kind, iso)
            days.setdefault(_ANY, iso)
        if _FAIR_HELD.search(article.text, *sentence):
            days.setdefault(_FAIR_HELD_KEY, iso)
    return days


def occurrence_date(
    article: ArticleText, sentence: tuple[int, int], days: dict[str, str]
) -> str | None:
    """The date of the occurrence the sentence speaks of: of the dated times (`first_days`),
    the first whose sentence names an occurrence of a kind the sentence names, or of any kind
    when it names none but refers back to the story; else the first day the article names. A
    sentence about employers and their posts, neither, speaks of the fair the article holds."""
    text = article.text
    wanted = kinds_named(text, *sentence)
    if not wanted and not _BACK_TO_THE_STORY.search(text, *sentence):
        if _OFFERED_AT_FAIRS.search(text, *sentence) and not _is_stock(text, sentence):
            return days.get(_FAIR_HELD_KEY)  # "企业又拿出近20个就业岗位": the fair's, if dated
        return None  # "现场解决350件": on the spot, no occurrence
    order = list(days)  # keys in the order their days came, which is text order
    found = [k for k in (wanted or {_ANY}) if k in days]
    if found:
        return days[min(found, key=order.index)]
    # No occurrence of that kind is dated: the story's own day, the first it names.
    return days.get(_FIRST)


def _is_stock(text: str, sentence: tuple[int, int]) -> bool:
    """A stock stated as current or a standing rule, not a fair's figure (TP3)."""
    return bool(_STOCK.search(text, *sentence)) and not _TAKE_PART.search(text, *sentence)


def _sentence_of(article: ArticleText, at: int) -> tuple[int, int]:
    """The sentence holding `at`: between full stops, within its line."""
    text = article.text
    stop = bisect_left(article.full_stops, at)
    left = max(text.rfind("\n", 0, at) + 1, article.full_stops[stop - 1] + 1 if stop else 0)
    right = article.full_stops[stop] if stop < len(article.full_stops) else len(text)
    line_end = text.find("\n", at)
    return left, right if line_end < 0 else min(right, line_end)

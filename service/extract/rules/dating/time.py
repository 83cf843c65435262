"""The time of a statistic and the date of an event (ANNOTATION.md T1-T3), looked up in the
article around the item and resolved against the publication date. Pure.

T1's order: the clause; its sentence; the paragraph's frame (LABELLING.md S9, steps 1-3); then,
where the article itself must date the item, the dated occurrence a back-reference names
("本次", "现场", "当天") and otherwise the article's frame: the period its opening names
("一季度", "今年以来"), else the publication year (a figure stated as current, a plan's year),
else a year the article states (T3).
"""

import re
from bisect import bisect_left
from collections.abc import Callable

from service.extract.rules.dating.clauses.comparisons import is_base_value, is_comparison_base
from service.extract.rules.dating.clauses.looking_back import fact_in_hindsight
from service.extract.rules.dating.clauses.periods import open_period, runs_to_report
from service.extract.rules.dating.clauses.stocks import stock_now
from service.extract.rules.dating.clauses.targets import annual_target
from service.extract.rules.dating.clauses.within_year import finer_within_year
from service.extract.rules.dating.datelines import dates_figures
from service.extract.rules.dating.frames import (
    SAME_DAY,
    dated_occurrences,
    is_past_year,
    leads_its_clause,
    named_days,
    names_a_time,
    opening_frame,
    opens_a_clause,
    resolved_once,
)
from service.extract.rules.dating.headlines import restated_at
from service.extract.rules.dating.occurrences import first_days, occurrence_date
from service.extract.rules.dating.paragraphs import paragraph_start
from service.extract.rules.text import READ_MAX, ArticleText, clause_bounds, quote_around
from service.values.dating.dates import is_forward, resolve_forward
from service.values.dating.times import TimeMention
from service.values.dating.timewords import FORWARD_WORDS

# "工作满6个月后": a threshold anyone may reach, counted from no told occurrence.
_CONDITION = re.compile(r"满\s*[\d一二两三四五六七八九十半]")
# Words by which a sentence speaks of an occurrence the article has dated (T1).
_BACK_REFERENCE = (
    r"本次|此次|这次|本届|现场|活动期间|活动中|活动当天|会上|会议上|仪式上|招聘会上|当天|当日|其间"
)
_OCCURRENCE = re.compile(_BACK_REFERENCE)
# A figure in a sentence about the chartered ride or a fair's entrants is about the dated
# send-off or fair (T1).
_FIGURE_OCCURRENCE = re.compile(
    _BACK_REFERENCE
    + r"|专车|专列|包车|大巴|直通车|欢送|送行"
    + r"|进场|入场|参会|参展|达成[^，。]{0,6}意向"
    + r"|岗位|职位|薪资|月薪|企业|用人单位"  # what a fair brings (occurrences.py)
)
_AS_OF = ("截至", "截止")
_FRAME_MAX = 4 * READ_MAX  # characters a paragraph's frame is looked for before a clause
_NEAREST = 16  # times before a clause, in its sentence, that may date it
_WHOLE_YEAR = ("全年", "年内")
_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d\d)年")
# A span of years ("2019年至2021年"): a plan over it aims at its last year.
_YEARS_TO = re.compile(r"(?:19|20)\d\d年?[至到\u2014\u2013-]+((?:19|20)\d\d)年(?:底|末)?")


def statistic_time(
    article: ArticleText, at: int, clause: tuple[int, int], *, target: bool
) -> str | None:
    """T1 for a statistic's time; see `_time_mention` for where the time is looked up. A
    dateline dates the report, not the figures it tells; an event it may date (E3)."""
    body = restated_at(article, at)
    if body is not None:  # a headline's figure: the time of the body fact it restates (S11)
        return statistic_time(article, body, clause_bounds(article, body, body + 1), target=target)
    mention = _time_mention(article, at, clause, figure=True)
    found = (
        None if mention is None else _resolve_mention(article, mention, target=target, start=False)
    )
    if mention is not None and found is not None:  # a period up to the report, a stock now
        found = runs_to_report(article, mention, at, found)
        found = found if target else stock_now(article, mention, at, found)
    if found is not None and mention is not None:
        found = _as_told(article, mention, found, (clause, at), target=target)
    return found or _article_time(article, at, _FIGURE_OCCURRENCE, ahead=target)


def _as_told(
    article: ArticleText,
    mention: TimeMention,
    found: str,
    where: tuple[tuple[int, int], int],
    *,
    target: bool,
) -> str:
    """A fact is told after it happened (`looking_back`); a year's target aims at the year
    unless its own clause names the time it aims at ("6月底前完成年度任务…", `targets`)."""
    clause, at = where
    if not target:
        return fact_in_hindsight(mention.expr, found, article.published)
    if clause[0] <= mention.start < clause[1]:
        return found
    return annual_target(article.text, clause, at, found)


def event_date(article: ArticleText, at: int, clause: tuple[int, int]) -> str | None:
    """E3: an event's date is looked up as a time, and an open period gives its start day."""
    mention = _time_mention(article, at, clause)
    found = (
        None if mention is None else _resolve_mention(article, mention, target=False, start=True)
    )
    if found is not None and len(found) == len("YYYY"):
        found = _finer_in_sentence(article, clause, found)
    return found or _article_time(article, at, _OCCURRENCE)


def _finer_in_sentence(article: ArticleText, clause: tuple[int, int], year: str) -> str:
    """A year in an event's clause often names an edition ("南宁市2018年“春风行动”招聘会"): a day
    or month of that year written earlier in the sentence dates the occurrence (E3). A figure's
    own year is not overridden: "2023年" before a count sets the count's period."""
    stop = bisect_left(article.full_stops, clause[0])
    s_left = article.full_stops[stop - 1] + 1 if stop else 0
    lo, hi = bisect_left(article.time_starts, s_left), bisect_left(article.time_starts, clause[1])
    for t in article.times[lo:hi]:
        if names_a_time(t):
            resolved = resolved_once(article, t.expr, start=True)
            if resolved is not None and len(resolved) > len(year) and resolved[:4] == year:
                return resolved
    return year


def _article_time(
    article: ArticleText, at: int, occurrence: re.Pattern[str], *, ahead: bool = False
) -> str | None:
    """T1's last steps: the occurrence a back-reference names, else the article's frame; a
    frame still to come ("2019年至2021年，力争…") frames only the targets (`ahead`)."""
    lo = max(0, at - READ_MAX)
    left = max(lo, article.text.rfind("\n", lo, at) + 1)
    stop = bisect_left(article.full_stops, at)
    s_left = max(left, article.full_stops[stop - 1] + 1 if stop else 0)
    s_right = article.full_stops[stop] if stop < len(article.full_stops) else len(article.text)
    s_right = min(s_right, at + READ_MAX)
    if occurrence.search(article.text, s_left, s_right):
        if article.memo.days is None:
            article.memo.days = first_days(article, dated_occurrences(article))
        day = occurrence_date(article, (s_left, s_right), article.memo.days)
        if day is not None:
            return day
    frame = _remembered(article, ("frame", ahead), lambda: opening_frame(article, ahead=ahead))
    if frame is not None:
        return frame
    if article.published:
        return article.published[:4]
    years = (m[1] for m in _YEAR_IN_TEXT.finditer(article.text))
    return _remembered(article, ("year", 0), lambda: next(years, None))


def _time_mention(
    article: ArticleText, at: int, clause: tuple[int, int], *, figure: bool = False
) -> TimeMention | None:
    """S9 steps 1-3 (see `_first_mention`); "全年" is the whole of a year the sentence names."""
    mention = _first_mention(article, at, clause, figure=figure)
    if mention is not None and mention.expr in _WHOLE_YEAR:
        # "2016年度，…全年共举办招聘会170场，其中…47场": the year named before "全年"
        before = min(clause[0], mention.start)
        return _first_mention(article, at, (before, before), figure=figure) or mention
    return mention


def _first_mention(
    article: ArticleText, at: int, clause: tuple[int, int], *, figure: bool
) -> TimeMention | None:
    """S9: the first time in the clause; else the nearest before it in its sentence; else the
    paragraph's frame, set in an earlier sentence; else none. A time inside a quotation counts
    only inside that quotation; a figure skips datelines and editions (`dates_figures`)."""
    times, starts = article.times, article.time_starts
    quote = quote_around(article, at)

    def usable(t: TimeMention) -> bool:
        in_scope = quote_around(article, t.start) in (None, quote)
        return in_scope and (not figure or (dates_figures(article, t) and not _base_of(t)))

    def beyond(t: TimeMention) -> bool:
        # beyond its own clause, a past year inside a clause is history (TP1)
        history = figure and not opens_a_clause(article, t) and is_past_year(article, t.expr)
        return usable(t) and not history

    def _base_of(t: TimeMention) -> bool:
        # "较去年同期增长12%": 去年 dates the base, not the change (TP1)
        return is_comparison_base(article, t) and not is_base_value(article, t, at)

    lo = bisect_left(starts, clause[0])
    hi = bisect_left(starts, clause[1])
    own = next((t for t in times[lo:hi] if usable(t)), None)
    # A paragraph longer than _FRAME_MAX (none in the eval sets, a page with no line break) is
    # read back that far only: every item reading all of it was quadratic.
    p_left = max(paragraph_start(article, at), clause[0] - _FRAME_MAX)
    stop = bisect_left(article.full_stops, clause[0])
    s_left = max(p_left, article.full_stops[stop - 1] + 1 if stop else 0)
    # the nearest _NEAREST times before the clause in its sentence, nearest first: a sentence
    # holding more is a list, and reading all of it for every figure was quadratic
    nearest = times[max(bisect_left(starts, s_left), lo - _NEAREST) : lo][::-1]
    before = [t for t in nearest if beyond(t)]
    # "2月8日，…2022年春节期间“点对点”…欢送仪式…，两辆专车…": a time opening a clause of the
    # sentence dates what follows; one inside a clause (a name, an aside) only its clause
    opening = (t for t in before if leads_its_clause(article, t))
    if own is not None:  # "截至11月底，今年…": the year's count up to November (T2)
        return finer_within_year(article, own, opening) if figure else own
    if before:
        return next(opening, before[0])
    framing = range(bisect_left(starts, p_left), bisect_left(starts, s_left))
    first = next((i for i in framing if beyond(times[i])), None)
    if first is None:
        return None
    # "目前…，截至22日…": the paragraph's figures hold at the date "截至" sets (T2): the first
    # usable time of the frame's first sentence that says so, else the frame's first time.
    first_stop = bisect_left(article.full_stops, times[first].start)
    for i in range(first, framing.stop):
        t = times[i]
        if bisect_left(article.full_stops, t.start) != first_stop:
            break
        if t.expr.startswith(_AS_OF) and beyond(t):
            return t
    return times[first]


def _resolve_mention(
    article: ArticleText, mention: TimeMention, *, target: bool, start: bool
) -> str | None:
    expr = mention.expr
    if expr in SAME_DAY:
        # In a news story "当天" returns to the news day, the first day the story names, as a
        # date ("2月18日") or a day word ("昨天").
        days = (d for d in named_days(article) if len(d) == len("YYYY-MM-DD"))
        return _remembered(article, ("day", 0), lambda: next(days, None))
    if is_forward(expr):
        if expr not in FORWARD_WORDS and (target or _CONDITION.search(expr)):
            return None  # after a future or a condition ("建成达产后", "满6个月后"): unplaceable
        return resolve_forward(_anchor(article, mention.start), article.published)
    aimed = _YEARS_TO.fullmatch(expr) if target else None
    if aimed is not None:
        return aimed[1]  # "2019年至2021年，力争…": the year the plan aims at (T2)
    period = None if start else open_period(article.text, mention)
    return resolved_once(article, period or expr, start=start)


def _remembered(
    article: ArticleText, key: tuple[str, int], work: Callable[[], str | None]
) -> str | None:
    """`work()`, kept in the article: asked anew by each item, these made a page quadratic."""
    if key not in article.memo.lookups:
        article.memo.lookups[key] = work()
    return article.memo.lookups[key]


def _anchor(article: ArticleText, at: int) -> str | None:
    """The time of the nearest occurrence told before `at` that has one."""
    return _anchor_before(article, bisect_left(article.time_starts, at))


def _anchor_before(article: ArticleText, index: int) -> str | None:
    """The anchor of the times before `article.times[index]`: each index is worked out once
    (a run of "随后" would otherwise send every item back over all of them)."""
    walked, found = [], None
    while index > 0 and ("anchor", index) not in article.memo.lookups:
        walked.append(index)
        t = article.times[index - 1]
        found = resolved_once(article, t.expr, start=True) if names_a_time(t) else None
        if found is not None:
            break
        index -= 1
    else:
        found = article.memo.lookups.get(("anchor", index))
    for i in walked:
        article.memo.lookups[("anchor", i)] = found
    return found

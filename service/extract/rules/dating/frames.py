"""The article's frame (ANNOTATION.md T1, TP3) and what a mention resolves to, kept per
article. Pure.

The frame is the period the article reports on, set in its opening ("一季度", "今年以来"); a time
still to come (a plan's), a comparison's base and a past year inside a clause (history) set none.
"""

from bisect import bisect_left
from collections.abc import Iterator

from service.extract.rules.dating.clauses.comparisons import is_comparison_base
from service.extract.rules.dating.datelines import is_edition
from service.extract.rules.text import READ_MAX, ArticleText
from service.values.dating.dates import is_forward, resolve_start, resolve_time
from service.values.dating.times import TimeMention

# "当天": back to the story's news day, a time of its own only through the news day.
SAME_DAY = ("当天", "当日")
# The article's opening, where a frame ("一季度", "今年以来") is set for the whole article.
_OPENING_SENTENCES = 3
# Up to which month of a year last year's summaries are published.
_SUMMARY_MONTHS = 3

_LEAD_IN = "从自在于至到截止起 　“"  # what may stand before a time that leads its clause
_LEAD_MAX = 4 * READ_MAX  # characters a clause's lead-in is looked for in


def opening_frame(article: ArticleText, *, ahead: bool) -> str | None:
    """The finest frame the opening sets: "2017年以来…截至9月底" reports to September."""
    frames = [
        framed
        for t in article.times[: bisect_left(article.time_starts, _opening_end(article))]
        if names_a_time(t)
        and _is_frame(t.expr)
        and (not is_past_year(article, t.expr) or _sums_up(article, t))
        and not is_edition(article, t)
        and not is_comparison_base(article, t)
        for framed in [resolved_once(article, t.expr, start=False)]
        if framed is not None
        and len(framed) <= len("YYYY-MM")
        and (ahead or not is_ahead(article, framed))
    ]
    return max(frames, key=len) if frames else None


def is_ahead(article: ArticleText, iso: str) -> bool:
    """A time after the publication date ("下月再举办", "明年"): a plan's, not the period the
    article reports on."""
    published = article.published or ""
    return len(published) >= len(iso) and iso > published[: len(iso)]


def _opening_end(article: ArticleText) -> int:
    """The end of the article's opening: its title and lead, up to its third full stop
    (navigation and bylines before it hold no full stop)."""
    stops = article.full_stops
    return (
        stops[_OPENING_SENTENCES - 1] + 1 if len(stops) >= _OPENING_SENTENCES else len(article.text)
    )


def opens_a_clause(article: ArticleText, mention: TimeMention) -> bool:
    """ "2023年，…", "去年以来，…": a time set before what the article tells, not a year inside a
    clause ("成立于2015年的…", "早在2015年就…"), which is history."""
    before = article.text[max(0, mention.start - 1) : mention.start]
    return not before or before in "，。；：！？\n“ 　"


def is_past_year(article: ArticleText, expr: str) -> bool:
    """The mention resolves to a year before the publication year."""
    found = resolved_once(article, expr, start=False) or ""
    published = article.published or ""
    return bool(found) and published[:4].isdigit() and found[:4] < published[:4]


def _is_frame(expr: str) -> bool:
    """A period an article reports on, not a day it tells of."""
    return "日" not in expr and "号" not in expr and not expr.startswith(("自", "从"))


def names_a_time(mention: TimeMention) -> bool:
    """A time of its own, not one counted from another ("当天", "此后", "3天后")."""
    return mention.expr not in SAME_DAY and not is_forward(mention.expr)


def resolved_once(article: ArticleText, expr: str, *, start: bool) -> str | None:
    """`resolve_time` or `resolve_start`, once per expression: items share a few mentions."""
    key = (expr, start)
    if key not in article.memo.resolved:
        resolve = resolve_start if start else resolve_time
        article.memo.resolved[key] = resolve(expr, article.published)
    return article.memo.resolved[key]


def _sums_up(article: ArticleText, mention: TimeMention) -> bool:
    """A past year opening a clause of the opening frames the article when it is published in
    the first quarter of the next one, when the year's summaries are ("2023年，全市…" on a
    2024-01 page); later in the year it opens background, and the figures are the year's own.
    Inside a clause it is history either way ("成立于2015年的…")."""
    published = article.published or ""
    early = len(published) < len("YYYY-MM") or int(published[5:7]) <= _SUMMARY_MONTHS
    return early and opens_a_clause(article, mention)


def named_days(article: ArticleText) -> Iterator[str]:
    """What each time the article names resolves to, in text order; no back-references."""
    for t in article.times:
        if names_a_time(t):
            resolved = resolved_once(article, t.expr, start=False)
            if resolved is not None:
                yield resolved


def dated_occurrences(article: ArticleText) -> Iterator[tuple[int, str]]:
    """Where the article names a day, and what it resolves to: an occurrence happens on a day,
    and a year word ("去年") or a month dates none. "当天" opening a sentence is the day named
    last before it ("…行动昨天启动。当天，在…招聘会上，…": the fair's day too)."""
    last = None
    for t in article.times:
        if t.expr in SAME_DAY and last is not None and _opens_sentence(article, t.start):
            yield t.start, last
        elif names_a_time(t):
            resolved = resolved_once(article, t.expr, start=False)
            if resolved is not None and resolved.count("-") >= 2:  # "2024-03-01", "--03-01"
                last = resolved
                yield t.start, resolved


def _opens_sentence(article: ArticleText, at: int) -> bool:
    return at == 0 or article.text[at - 1] in "。！？\n"


def leads_its_clause(article: ArticleText, mention: TimeMention) -> bool:
    """Only times and their prepositions stand before the mention in its clause ("2月8日，…",
    "从2月中旬至3月初，…"): it dates the clause, not a name inside it. Kept per mention: each
    figure asks of the times before it."""
    key = ("leads", mention.start)
    if key not in article.memo.lookups:
        article.memo.lookups[key] = "y" if _only_times_before(article, mention) else None
    return article.memo.lookups[key] is not None


def _only_times_before(article: ArticleText, mention: TimeMention) -> bool:
    text = article.text
    # Looked for within _LEAD_MAX only: a clause longer than that is no time's lead-in, and a
    # page without punctuation must not send every figure back over all of it (quadratic).
    window = max(0, mention.start - _LEAD_MAX)
    left = max(text.rfind(c, window, mention.start) for c in "，。；：！？\n") + 1
    if left == 0 and window > 0:
        return False
    at = left
    for t in article.times[bisect_left(article.time_starts, left) :]:
        if t.start >= mention.start:
            break
        if text[at : t.start].strip(_LEAD_IN):
            return False  # a word that is no time nor its preposition
        at = max(at, t.end)
    return not text[at : mention.start].strip(_LEAD_IN)

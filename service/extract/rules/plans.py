"""How far a plan word reaches (LABELLING.md S8), for the kind of a statistic. Pure.

A plan word (`text.TARGET`) makes the figures of its own clause and of the clauses that carry
its plan on targets. It does not reach:
- into words that merely hold its characters ("计划单列市", "计划生育", "模拟", "虚拟");
- out of a clause of purpose or orientation ("为实现稳就业目标，", "以…为目标"),
  which says what the work served, not what it will yield;
- into a clause that tells a fact of its own, dated to a time that holds now or is over
  ("截至目前", "1至5月", "去年", "今年以来"). "累计" alone does not: a plan counts its totals too;
- as the noun "目标", past a clause that states the goal's amount ("全年目标新增就业1万人，一季度
  新增3200人"): a verb (将, 计划, 预计) carries its plan on to the clauses after it, a goal named
  with its amount has said what it aims at. A goal announced without one ("总体目标已经设定，城镇
  新增就业70万人，…") still reaches the amounts that follow;
- as the object of a verb that makes or runs it ("制定…计划", "实施就业见习计划，"), past its
  clause: a document or a programme, not what the clauses after it plan, unless they set out its
  content ("印发…计划，明确…").
"""

import re
from bisect import bisect_left

from service.extract.rules.dating.clauses.comparisons import is_comparison_base
from service.extract.rules.dating.frames import resolved_once
from service.extract.rules.text import TARGET, ArticleText

# Words holding a plan word's characters that plan nothing.
_NOT_PLANS = re.compile(
    r"计划单列|计划生育|计划经济|[模虚]拟|将[军士领帅乐]|中将|目标岗位"
    # funds or projects secured: "争取到中央资金500万元", "共争取上级资金3000万元"
    r"|争取到|(?<=[共已计])争取"
)
# Clauses of purpose or orientation: the goal the work served.
_PURPOSE = re.compile(
    r"(?:为了?|围绕|紧扣|紧盯|聚焦|锚定|对标|瞄准|按照|朝着|向着|着眼)[^，。；]{0,24}?"
    r"(?:目标|计划|要求)(?:任务)?[，,]?"
    r"|以[^，。；]{1,16}?为目标[，,]?"
)
# "将" meaning "把": a thing handed on, then where it went ("将1200万元补贴资金发放到位",
# "将500名求职者推荐给企业"); not "将在3月举办" (will).
_HANDED_ON = (
    r"[^，。；]{0,16}?(?:发放|护送|运送|输送|推荐|安置|转移|分配|移交|转交|转介|交)"
    r"[^，。；]{0,2}?(?:到|至|给|往|进|入|回)"
)
_BA = re.compile(r"将(?!在|于|近|会|要|继续|进一步)(?=" + _HANDED_ON + ")")
_BA_AFTER = re.compile(_HANDED_ON)
_CLAUSE_MARKS = "，；：,;:"
# A clause before the figure's own, ended by a comma or semicolon (a colon opens the goal's list).
# It starts where a clause starts: tried from every character, a head without a comma was
# quadratic in its length.
_EARLIER_CLAUSE = re.compile(r"(?:^|(?<=[，；：,;:]))[^，；：,;:]*[，；,;]")
_AMOUNT = re.compile(r"\d")
# A plan made or run, in a clause before the figure's: "制定…计划，", "实施就业见习计划，".
_PLAN_RUN = re.compile(
    r"(?:制定|编制|出台|印发|发布|推出|下达|启动|实施|开展|推进|落实|执行)[^，；：,;:]{0,12}?计划"
    r"(?=[^，；：,;:]*[，；,;])"
)
# …whose content the clauses after it set out: they are its plan.
_SETS_OUT = re.compile(r"提出|明确|届时")
# One of these is in every match of the patterns plan_words_of blanks with: _NOT_PLANS (拟, 将,
# 计划, 争取, 目标岗位), _BA (将), _PURPOSE (目标, 计划, 要求), _PLAN_RUN (计划) and the goals
# _goal_stated blanks (目标).
_BLANKED = ("拟", "将", "计划", "争取", "目标", "要求")
_AS_OF = ("截至", "截止")
_AIMED = ("到", "至")  # "到2021年底…达到25%": the time a target aims at, never a fact's
_NOW = ("目前", "当前", "眼下", "现在", "如今")


def plan_words_of(head: str) -> str:
    """The sentence's head before a figure with what no plan word reaches blanked out."""
    if not any(word in head for word in _BLANKED):
        return head  # most heads hold none of the words the patterns below need
    head = _NOT_PLANS.sub(lambda m: "·" * len(m[0]), head)
    head = _BA.sub("·", head)
    head = _PURPOSE.sub(lambda m: "·" * len(m[0]), head)
    if not _SETS_OUT.search(head):
        head = _PLAN_RUN.sub(lambda m: m[0][:-2] + "··", head)
    return _EARLIER_CLAUSE.sub(_goal_stated, head)


def _goal_stated(clause: re.Match[str]) -> str:
    """An earlier clause naming a goal with its amount, its "目标" blanked out."""
    text = clause[0]
    return text.replace("目标", "··") if _AMOUNT.search(text) else text


def hands_on(text: str, at: int, end: int) -> bool:
    """The figure at `at`, right after a "将", is the thing handed on ("将500名求职者推荐给…")."""
    return _BA_AFTER.match(text, at, end) is not None


def tells_its_own_fact(article: ArticleText, at: int, sentence_start: int) -> bool:
    """The clause before the figure at `at` holds no plan word of its own and is dated to a
    time that holds now or is over (`_is_past`)."""
    text = article.text
    left = max(sentence_start, *(text.rfind(c, sentence_start, at) + 1 for c in _CLAUSE_MARKS))
    own = plan_words_of(text[left:at])
    if TARGET.search(own):
        return False
    starts = article.time_starts
    times = article.times[bisect_left(starts, left) : bisect_left(starts, at)]
    return any(
        _is_past(article, t.expr)
        for t in times
        if not is_comparison_base(article, t) and text[t.start - 1 : t.start] not in _AIMED
    )


def _is_past(article: ArticleText, expr: str) -> bool:
    """A time that holds now or before: "截至…", "目前", "…以来", or one that ended before the
    publication date ("1至5月" on a June page, "去年"); not "今年", which a plan is set in too,
    nor a day, which a plan schedules ("计划…，于2月3日举办…")."""
    if expr.startswith(_AS_OF) or expr in _NOW or expr.endswith(("以来", "至今")):
        return True
    published = article.published
    resolved = resolved_once(article, expr, start=False)
    if not resolved or not published or len(resolved) > len("YYYY-MM"):
        return False
    n = min(len(resolved), len(published))
    return resolved[:n] < published[:n]

"""Clauses that frame a sentence's act without telling one: a purpose or a basis ("为鼓励企业吸纳
就业，…", "按照省里要求，…"). A modal verb inside such a clause ("鼓励", "要求") is the aim or the
instruction the act answers, not an intention governing the act (LABELLING.md E2). Pure.
"""

import re

from service.extract.rules.text import ArticleText, cut_bounds, quote_around
from service.extract.rules.triggers import DATED
from service.values.words import CLAUSE_PUNCT

_FRAMES = re.compile(r"为了|为|按照|根据|依据|遵照|按")
# A quoted event's name is longer than most quoted names ("“天津制造业暨工业重大项目企业大型人才交流
# 洽谈会”") and may run past its trigger to its head noun ("“…专场招聘活动”").
_EVENT_NAME_MAX = 40
_NAME_HEAD = re.compile(r"(?:活动|行动|专场|大集|集市|月|周|节)?”")


def in_framing_clause(article: ArticleText, at: int) -> bool:
    """The character at `at` sits in a clause that opens with a purpose or a basis, or inside a
    name or a title ("“就业要趁早”招聘会", "《关于鼓励…的通知》")."""
    if in_name(article, at):
        return True
    text = article.text
    c_left, _ = cut_bounds(article.clause_cuts, at, at + 1, len(text))
    while c_left < at and text[c_left] in " \u3000\n“":
        c_left += 1
    return _FRAMES.match(text, c_left) is not None


def _in_title(text: str, at: int) -> bool:
    left = text.rfind("《", max(0, at - 60), at)
    return left >= 0 and text.find("》", left, at) < 0


def in_name(article: ArticleText, at: int) -> bool:
    """The character at `at` is inside a quoted name or a title (“…”, 《…》)."""
    return quote_around(article, at) is not None or _in_title(article.text, at)


def heads_quoted_name(article: ArticleText, trigger: tuple[int, int]) -> bool:
    """The trigger heads the quoted name it sits in, so the quote names the event ("举办“…
    人才交流洽谈会”", "在“…西部专场招聘活动”上"), not someone's words: the quote holds no clause
    punctuation and ends at the trigger or at its head noun."""
    quote = quote_around(article, trigger[0])
    if quote is None:
        return False
    inner = article.text[quote[0] + 1 : quote[1] - 1]
    if len(inner) > _EVENT_NAME_MAX or any(c in CLAUSE_PUNCT for c in inner):
        return False
    return (
        trigger[1] == quote[1]
        or _NAME_HEAD.fullmatch(article.text, trigger[1], quote[1]) is not None
    )


def quoted_aside(article: ArticleText, trigger: tuple[int, int]) -> bool:
    """The trigger sits in a quotation that tells no occurrence of its own: not the head of a
    quoted name, and not a speaker's act dated in its own clause ("“正月初七我们就组织7家企业
    赴黔西南招聘”"), so
    "他说：“…想参加招聘会…”" and "“复工返岗”专场招聘会" tell nothing."""
    if quote_around(article, trigger[0]) is None or heads_quoted_name(article, trigger):
        return False
    c_left, c_right = cut_bounds(article.clause_cuts, trigger[0], trigger[1], len(article.text))
    return DATED.search(article.text, c_left, c_right) is None

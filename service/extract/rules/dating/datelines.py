"""Time mentions that date no figure: a dateline (the day of the report) and an edition's year
inside a name (which edition, not when a figure holds). Pure."""

import re

from service.extract.rules.text import ArticleText
from service.values.dating.times import TimeMention
from service.values.words import is_ideograph

# An edition's year inside a name ("良庆区2018年“春风行动”", `is_edition`): after a name, not
# after a function word ("将2022年作为…"), and not running on as a time ("2017年以来",
# "2016年底", "2023年一季度").
_YEAR_ONLY = re.compile(r"(?:19|20)\d\d年度?")
_EDITION_NEXT = ("“", "春", "秋", "夏", "冬", "届")
_FUNCTION_BEFORE = "将把在于是为从自到的和与及至"
_TIME_GOES_ON = "以度底初末前后起至到内中全上下第一二三四年月同"
_DATELINE_ENDS = ("电", "讯")
_ACT = re.compile(r"共|新增|累计|实现|完成|城镇新增|全年")


def dates_figures(article: ArticleText, mention: TimeMention) -> bool:
    """Neither a dateline (the day of the report) nor an edition's year in a name."""
    return not _is_dateline(article, mention) and not is_edition(article, mention)


def is_edition(article: ArticleText, mention: TimeMention) -> bool:
    """ "滑县2014年春季招聘会", "良庆区2018年“春风行动”": a year inside a name, after the place
    that names it, tells which edition, not when a figure holds."""
    text = article.text
    if not _YEAR_ONLY.fullmatch(mention.expr) or mention.start == 0:
        return False
    before = text[mention.start - 1]
    named = is_ideograph(before) and before not in _FUNCTION_BEFORE  # not "将2022年作为…"
    following = text[mention.end : mention.end + 1]
    if _ACT.match(text, mention.end):
        return False  # "我市2023年新增就业2万人": a year before the act is its time
    return named and (
        following in _EDITION_NEXT or (is_ideograph(following) and following not in _TIME_GOES_ON)
    )


def _is_dateline(article: ArticleText, mention: TimeMention) -> bool:
    """ "新华社重庆2月23日电", "本报2月8日讯": the day of the report, not of what it tells."""
    return article.text.startswith(_DATELINE_ENDS, mention.end)

"""Times that date a comparison's base, not the figure compared (ANNOTATION.md T1, TP1). Pure.

"较去年同期增长12%", "比上年增加300人", "与2022年相比提高5个百分点": the year written is the
base a change is measured from; the change holds when the figure beside it does. Only a figure
written inside the base ("相比2015年同期（0.69）", "比去年同期的300人") is the base's own value.
"""

import re

from service.extract.rules.text import ArticleText
from service.values.dating.times import TimeMention

# Before the time: a comparing word ("比", "较", "相比", "同比", "与…相比"'s "与" is read after).
_BASE_BEFORE = re.compile(r"(?:比|较|较之|相比|相较|对比|同比|环比|比起)(?:于)?$")
# After the time: "同期", or "与X相比" / "和X比".
_BASE_AFTER = re.compile(r"(?:年?同期|相比|相较|比较|比)")
_BASE_OPENS = re.compile(r"[与和同跟]$")
# What may stand between the base's time and a value of the base: "同期（0.69）", "同期的300人".
_BASE_VALUE = re.compile(r"(?:年?同期)?(?:的|为|是|[（(]|水平的?|水平为)?")


def is_comparison_base(article: ArticleText, mention: TimeMention) -> bool:
    """The mention names the base a change is measured from ("较去年同期", "与2022年相比")."""
    text = article.text
    before = text[max(0, mention.start - 3) : mention.start]
    if _BASE_BEFORE.search(before):
        return True
    after = _BASE_AFTER.match(text, mention.end)
    if after is None:
        return False
    return after[0].endswith("同期") or bool(_BASE_OPENS.search(before))


def is_base_value(article: ArticleText, mention: TimeMention, at: int) -> bool:
    """The figure at `at` is written inside the base the mention dates ("同期（0.69）")."""
    gap = _BASE_VALUE.match(article.text, mention.end)
    return gap is not None and gap.end() == at

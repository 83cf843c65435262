"""Indicators the rules backend gives each number of an article: its own, or its whole's after
"其中". The articles are made up."""

import pytest

from schemas.vocab import Indicator
from service.extract.rules.backend import extract_drafts

ARTICLES = [
    # article, the indicator of each number in order
    ("本报讯 春风行动招聘会昨日举行，共有60家企业参会，提供岗位2400个。",
     ["employers_at_fairs", "jobs_offered"]),
    # the fair is named in the sentence before
    ("本报讯 春风行动招聘会昨日在体育馆举行。现场共有60家企业参加。",
     ["employers_at_fairs"]),
    # a part takes the code of its whole…
    ("本报讯 招聘会吸引用人单位300家，其中民营企业210家、国有企业40家。",
     ["employers_at_fairs", "employers_at_fairs", "employers_at_fairs"]),
    # …in the sentence before, when 其中 opens its own
    ("本报讯 招聘会吸引用人单位300家。其中，民营企业210家。",
     ["employers_at_fairs", "employers_at_fairs"]),
    # …unless its own words give it one
    ("本报讯 招聘会吸引求职者3000人，其中达成就业意向500人。", ["jobseekers", "hires"]),
    # a number of another unit is no part of it
    ("本报讯 全县农民工总量12万人，其中外出务工者占60%。", ["workforce", "other"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "indicators"), ARTICLES)
def test_indicators_in_context(text: str, indicators: list[Indicator]) -> None:
    drafts = extract_drafts(text, published="2024-03-01")
    assert [s.indicator for s in drafts.statistics] == indicators

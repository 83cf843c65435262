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
    # a change in money is about the money the sentence names, not its people
    ("本报讯 全县转移就业5万人，实现劳务收入12亿元，比上年增加2亿元。",
     ["workers_transferred", "income", "income"]),
    # a rate that names nothing takes the rate its sentence names; a share of a target is not one
    ("本报讯 全省城镇登记失业率为4.21%，低于4.5%的控制目标。",
     ["unemployment_rate", "unemployment_rate"]),
    ("本报讯 全省城镇新增就业4万人，完成年度目标的60%，失业率为4.2%。",
     ["employment_added", "employment_added", "unemployment_rate"]),
    # firms at the fair their sentence names, whatever they did there
    ("本报讯 县里举办专场招聘会，甲公司、乙公司等4家企业响应号召。", ["employers_at_fairs"]),
    # a list of parts after its whole, without 其中
    ("本报讯 全县转移农村劳动力5万人，省外3万人、省内2万人。",
     ["workers_transferred", "workers_transferred", "workers_transferred"]),
    # a ride under a headline about going back to work is a return; sending out stays a transfer
    ("节后务工人员返岗复工\n本报讯 镇里做好服务。企业忙着招工。"
     "2月6日，80名务工人员乘包车抵达里水镇。今年以来已输送务工人员2万人。",
     ["workers_returned", "workers_transferred"]),
    ("务工人员踏上新征程\n本报讯 2月6日，80名务工人员乘包车抵达里水镇。", ["workers_transferred"]),
    # change rates after 分别 are about the amounts before it, in order
    ("本报讯 全省立案查处欠薪案件600件，为9000人追发工资3亿元，同比分别下降12%、15%和20%。",
     ["wage_arrears_cases", "wage_arrears_workers", "wage_arrears_recovered",
      "wage_arrears_cases", "wage_arrears_workers", "wage_arrears_recovered"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "indicators"), ARTICLES)
def test_indicators_in_context(text: str, indicators: list[Indicator]) -> None:
    drafts = extract_drafts(text, published="2024-03-01")
    assert [s.indicator for s in drafts.statistics] == indicators

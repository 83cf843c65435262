"""How far a plan word reaches (LABELLING.md S8): the kind of a statistic beside plan words."""

import pytest

from service.extract.rules.backend import extract_drafts
from service.extract.rules.plans import plan_words_of

KINDS = [
    # text, quantity, published, kind
    # a plan word governs its own clause and the clauses carrying its plan on
    ("该县将举办招聘会20场，提供岗位5000个。", "5000个", "2024-06-15", "target"),
    ("该县力争全年新增就业1万人。", "1万人", "2024-06-15", "target"),
    ("全市预计，今年新增就业1万人。", "1万人", "2024-06-15", "target"),
    # …not a clause dated to a time that holds now or is over
    ("全市计划投资10亿元，截至目前完成投资8亿元。", "8亿元", "2024-06-15", "actual"),
    ("今年计划举办招聘会100场，目前举办80场。", "80场", "2024-06-15", "actual"),
    ("该县力争全年新增就业1万人，1至5月新增就业5000人。", "5000人", "2024-06-15", "actual"),
    # …nor a clause telling what is done, with 已, 实际 or a perfective 了
    ("该县计划输送务工人员1200人，实际输送1350人。", "1350人", "2024-06-15", "actual"),
    ("该县将继续举办招聘会，此前举办了招聘会12场。", "12场", "2024-06-15", "actual"),
    ("该县将加强就业服务，了解企业用工需求3000个。", "3000个", "2024-06-15", "target"),
    ("该县将举办招聘会20场，为了方便群众，提供岗位5000个。", "5000个", "2024-06-15", "target"),
    # a period still to come or a scheduled day stays in the plan
    ("该县计划全年举办招聘会100场，一季度举办30场。", "30场", "2024-01-15", "target"),
    ("该县计划出资20万元，于2月3日举办招聘会5场。", "5场", "2024-02-06", "target"),
    # words holding a plan word's characters plan nothing
    ("模拟招聘环节吸引学生300人。", "300人", "2024-06-15", "actual"),
    ("青岛作为计划单列市，去年新增就业12万人。", "12万人", "2024-06-15", "actual"),
    # funds secured are no goal; funds to strive for are
    ("今年以来，共争取上级资金3000万元。", "3000万元", "2024-06-15", "actual"),
    ("该县争取到中央资金500万元。", "500万元", "2024-06-15", "actual"),
    ("该县将积极争取中央资金500万元。", "500万元", "2024-06-15", "target"),
    # "将" meaning "把" hands a thing on: no plan, for it or the clauses after it
    ("该县将1200万元补贴资金发放到位，惠及企业300家。", "300家", "2024-06-15", "actual"),
    ("该县将500名求职者推荐给企业。", "500名", "2024-06-15", "actual"),
    ("该县将在3月举办招聘会10场。", "10场", "2024-06-15", "target"),
    ("该县将转移就业1万人。", "1万人", "2024-06-15", "target"),
    # a clause of purpose says what the work served
    ("为实现稳就业目标，该县举办招聘会20场。", "20场", "2024-06-15", "actual"),
    ("以稳岗扩岗为目标，该县走访企业300家。", "300家", "2024-06-15", "actual"),
    # the noun "目标", once its amount is stated, reaches no later clause; a verb carries on
    ("今年全市目标新增就业1万人，新增农村劳动力转移就业5000人。", "1万人", "2024-06-15", "target"),
    ("今年全市目标新增就业1万人，新增农村劳动力转移就业5000人。", "5000人", "2024-06-15", "actual"),
    ("全市计划举办招聘会100场，提供岗位2万个。", "2万个", "2024-06-15", "target"),
    # a count of things that exist, the subject of a forecast about them, is a fact (D10); a
    # count the plan makes is not
    ("预计5个续建项目一季度可顺利完成年度投资计划的30%以上。", "5个", "2022-02-10", "actual"),
    ("预计5个续建项目一季度可顺利完成年度投资计划的30%以上。", "30%以上", "2022-02-10", "target"),
    ("全市将组织100家企业提供5000个岗位。", "100家", "2022-02-10", "target"),
    # a plan made or run is a document or a programme: it plans nothing in the clauses after it
    ("该县实施就业见习计划，帮助1200名高校毕业生就业。", "1200名", "2024-06-15", "actual"),
    ("该县制定了春季招聘计划，提供岗位5000个。", "5000个", "2024-06-15", "actual"),
    ("该县启动就业见习计划，计划招募见习人员500人。", "500人", "2024-06-15", "target"),
    # …unless they set out its content
    ("该县印发就业行动计划，明确今年新增就业1万人。", "1万人", "2024-06-15", "target"),
    # …a goal announced without its amount, or with a colon, reaches the amounts that follow
    ("今年全省总体目标已经设定，城镇新增就业70万人。", "70万人", "2024-02-04", "target"),
    ("今年的目标：新增就业1万人，转移农村劳动力5000人。", "5000人", "2024-02-04", "target"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "kind"), KINDS)
def test_kind_beside_plan_words(text: str, quantity: str, published: str, kind: str) -> None:
    [s] = [
        s for s in extract_drafts(text, published=published).statistics if s.quantity == quantity
    ]
    assert s.kind == kind


def test_plan_words_of_keeps_offsets() -> None:
    head = "为实现稳就业目标，该县计划单列"
    blanked = plan_words_of(head)
    assert len(blanked) == len(head)
    assert "目标" not in blanked
    assert "计划" not in blanked

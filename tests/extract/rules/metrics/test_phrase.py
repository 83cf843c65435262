"""The metric the rules backend reads (service/extract/rules/metric.py): one construction of
how Chinese writes a counted phrase per row. The sentences are made up."""

import pytest

from service.extract.rules.backend import extract_drafts
from service.values.metric import metric_problems

# text, quantity, metric
METRICS = [
    # --- an amount followed by the noun naming the money counts that noun ----------------------
    ("对引进的博士最高给予50万元安家补贴。", "50万元", "安家补贴"),
    ("县里给予企业每人800元奖励。", "800元", "奖励"),
    ("市财政安排300万元专项资金。", "300万元", "专项资金"),
    # …a money noun before it counts the amount, though a 的 follows ("…元的项目")
    ("总投资12亿元的物流园项目开工。", "12亿元", "总投资"),
    # …while a money noun before the amount stays the metric
    ("全县发放创业贷款300万元。", "300万元", "发放创业贷款"),
    # --- people counted with the bare unit word: what follows is what they do ------------------
    ("目前全县有2.1万人在外地从事建筑行业。", "2.1万人", "在外地从事建筑行业人数"),
    ("截至昨日，已有3500人顺利返岗。", "3500人", "返岗人数"),
    ("累计吸引1.2万人次求职。", "1.2万人次", "求职人次"),
    # …the people noun before it names them
    ("全省输转农村劳动力120余万人实现增收。", "120余万人", "全省输转农村劳动力"),
    # …and a count that qualifies the noun after it keeps that noun
    ("她组织了30余人的读书会。", "30余人", "组织读书会"),
    # --- an adverb after the counted noun opens its predicate --------------------------------
    ("30辆大巴车整装待发。", "30辆", "大巴车"),
    ("3个工作组分别围绕重点任务作了汇报。", "3个", "工作组"),
    ("预计8个续建项目二季度可完工。", "8个", "续建项目"),  # …and so does a time word
    # --- a verb whose object is the counted noun goes with it --------------------------------
    ("县里派专车护送56名群众返岗。", "56名", "护送群众返岗"),
    ("招聘会上，企业提供了1200个就业岗位。", "1200个", "提供就业岗位"),
    ("县里组织企业提供300个岗位。", "300个", "提供岗位"),  # the verb next to the number
    # …and the noun it holds, when a 的 closes the clause the number is in
    ("载有45名务工人员的大巴抵达园区。", "45名", "载有务工人员"),
    # …not a relative clause of the noun's own
    ("专车护送30名来自山区的务工人员。", "30名", "护送务工人员"),
    # --- the verb phrase after the counted noun tells which are counted… --------------------
    ("来自省内外的80家企业参加现场招聘。", "80家", "企业参加现场招聘"),
    # …unless its object holds a number or a 的 of its own, or no noun comes before the verb
    ("现场共有60家企业提供了4000个岗位。", "60家", "企业"),
    ("120名务工人员带着家人的嘱托踏上返岗路。", "120名", "务工人员"),
    ("500个项目落实工资支付制度的情况。", "500个", "项目"),
    # --- a duration or distance names the act and the measure ----------------------------------
    ("返岗大巴历经11个小时。", "11个小时", "返岗大巴时长"),
    ("专列跨越近900公里。", "近900公里", "专列距离"),
    ("他在家里待了三个月。", "三个月", "家里待时长"),
    ("我们提前一个月就启动了摸底排查。", "一个月", "启动了摸底排查时长"),
    # …but a clause that names the measure, or holds more than an act, reads as before
    ("从签约到投产，仅用了9天时间。", "9天", "从签约到投产"),
    ("该公司员工每天的休息时间不少于8小时。", "不少于8小时", "该公司员工每天的休息时间"),
    # --- a number written in Chinese numerals or with a hedge after it leaves no numeral behind
    ("今年全市新增青年大学生一万八千余人。", "一万八千余人", "新增青年大学生"),
    ("厅长表示：全省离校未就业的高校毕业生有19万左右。", "19万左右", "全省离校未就业的高校毕业生"),
    # --- 的 after the counted noun: a relative clause before it says which are counted… --------
    ("春节后约有3万名原本在外省就业的农民工选择留乡创业。", "约有3万名", "原本在外省就业的农民工"),
    # …an owner before another number is the counted noun itself
    ("全省40所高校的近5万名毕业生参加双选。", "40所", "高校"),
    # --- a change told by its comparison alone names what the number before it measures --------
    ("全市农民人均收入达2.1万元，同比增长6.5%。", "6.5%", "农民人均收入同比增长"),
    ("城镇新增就业3.2万人，但同比下降4.1%。", "4.1%", "城镇新增就业同比下降"),
    # --- a demonstrative or a connective opening the phrase names nothing ---------------------
    ("这些项目总投资达86亿元。", "86亿元", "项目总投资"),
    # --- a long noun before the number is kept to 14 characters --------------------------------
    ("全市企业职工基本养老保险参保人数达到120万人。", "120万人", "企业职工基本养老保险参保人数"),
    # --- the place and the doer opening the phrase are no part of what is counted -------------
    ("甘肃省共输转城乡富余劳动力380余万人。", "380余万人", "输转城乡富余劳动力"),
    ("昆山人社部门发放稳岗返还资金2300万元。", "2300万元", "发放稳岗返还资金"),
    # …an origin, a place inside and 政府投资 stay
    ("湖北籍员工返岗1200人。", "1200人", "湖北籍员工返岗"),
    ("全年转移南疆三地州劳动力5万人。", "5万人", "转移南疆三地州劳动力"),
    ("检查政府投资项目120个。", "120个", "检查政府投资项目"),
    # --- an amount told per month is monthly pay, unless the clause names the pay -------------
    ("他说现在每个月能拿到6500元。", "6500元", "月收入"),
    ("普工岗位开出4000~5000元/月。", "4000~5000元", "月薪"),
    ("电工每月平均薪资达到8000元。", "8000元", "电工每月平均薪资"),
    ("公司每月发放餐补300元。", "300元", "公司每月发放餐补"),
    # --- a share is the part's share, as written when it names the whole ----------------------
    ("新招员工中，初中学历占45.2%。", "45.2%", "初中学历占比"),
    ("技术工人占职工总数的比例达到30%。", "30%", "技术工人占职工总数比例"),
    ("外出务工人员占全县劳动力的40%。", "40%", "外出务工人员占全县劳动力比重"),
    # …and the clause before names the part when nothing before 占 does
    ("其次是服务类岗位，占总数的20%。", "20%", "其次是服务类岗位"),
    # …not across a sentence, nor for a list of changes
    ("城镇新增就业3.2万人。同比下降4.1%。", "4.1%", "同比下降"),
    ("城镇新增就业3.2万人，同比分别增长5%。", "5%", "同比分别增长"),
]


@pytest.mark.parametrize(("text", "quantity", "metric"), METRICS)
def test_metric(text: str, quantity: str, metric: str) -> None:
    [s] = [
        s for s in extract_drafts(text, published="2023-03").statistics if s.quantity == quantity
    ]
    assert s.metric == metric
    assert metric_problems(s.metric) == []


def test_a_run_of_comparisons_reads_one_number_back_each() -> None:
    """Each bare comparison reads the number before it, and no further: a sentence of a thousand
    comparisons is no chain of a thousand look-backs (it overflowed the stack once)."""
    text = "农民人均收入2.1万元，" + "同比增长5%，" * 1500 + "。"
    statistics = extract_drafts(text, published="2023-03").statistics
    metrics = [s.metric for s in statistics[:3]]
    assert metrics == ["农民人均收入", "农民人均收入同比增长", "同比增长"]

"""The indicator of one number (service/values/indicators/classify.py), one phenomenon per row.
The sentences are made up."""

import pytest

from schemas.vocab import INDICATORS, Indicator
from service.values.indicators.classify import Around, classify

ROWS = [
    # metric, unit, clause, words after the number, sentence, indicator
    # --- wage arrears outrank the rest, whatever the noun --------------------------------------
    ("劳动报酬", "元", "为工人追回劳动报酬300万元", "", "", "wage_arrears_recovered"),
    ("农民工", "人", "为120名农民工讨回欠薪", "农民工讨回欠薪", "", "wage_arrears_workers"),
    ("欠薪案件", "件", "立案查处欠薪案件45件", "", "", "wage_arrears_cases"),
    ("案件", "起", "移送公安机关涉嫌拒不支付劳动报酬案件3起", "", "", "wage_arrears_cases"),
    # OCR spaces inside the words change nothing
    (
        "劳动者",
        "人",
        "为 260 名 劳 动 者 追 回 欠 薪",
        "名劳动者追回欠薪",
        "",
        "wage_arrears_workers",
    ),
    # firms a campaign against arrears caught, told in its sentence
    (
        "用人单位",
        "家",
        "曝光用人单位12家",
        "",
        "治欠行动查处拖欠工资问题，曝光用人单位12家。",
        "wage_arrears_cases",
    ),
    # --- subsidies next ----------------------------------------------------------------------
    ("稳岗返还资金", "元", "发放稳岗返还资金800万元", "", "", "subsidy_amount"),
    ("企业", "家", "为60家企业发放一次性吸纳就业补贴", "企业发放一次", "", "subsidy_recipients"),
    (
        "企业",
        "家",
        "惠及企业900家",
        "",
        "发放稳岗返还资金500万元，惠及企业900家。",
        "subsidy_recipients",
    ),
    ("资金", "元", "共投入资金60万元", "", "", "subsidy_amount"),  # put into a programme
    # a loan is no subsidy, and "补贴性" training counts trainees
    ("创业担保贷款", "元", "发放创业担保贷款2亿元", "", "", "other"),
    ("补贴性培训", "人次", "开展补贴性技能培训3000人次", "", "", "training"),
    # --- fairs and drives ----------------------------------------------------------------------
    ("招聘会", "场", "全年举办招聘会36场", "", "", "fairs_held"),
    (
        "企业",
        "家",
        "共有45家企业参会",
        "企业参会",
        "本次招聘会在体育馆举行。",
        "employers_at_fairs",
    ),
    ("岗位", "个", "提供岗位1800余个", "", "", "jobs_offered"),
    # the firms' posts, counted in 个 (a unit firms share), are posts, not firms
    (
        "企业提供岗位",
        "个",
        "86家企业提供岗位3200个",
        "",
        "平昌县举办招聘会，86家企业提供岗位3200个。",
        "jobs_offered",
    ),
    ("企业", "个", "有30个企业参会", "参会", "本次招聘会在体育馆举行。", "employers_at_fairs"),
    # posts at a fair are posts, whether the number stands before the noun or after it
    ("招聘会", "个", "招聘会提供2万个岗位", "岗位", "", "jobs_offered"),
    (
        "现场招聘岗位",
        "个",
        "现场招聘岗位超3000个",
        "",
        "本次招聘会共吸引100家企业参加，现场招聘岗位超3000个。",
        "jobs_offered",
    ),
    ("求职者", "人", "吸引600多名求职者进场", "求职者进场", "", "jobseekers"),
    ("达成就业意向", "人", "当天达成就业意向210人", "", "招聘会当天人头攒动。", "hires"),
    ("", "人", "现场签订劳动合同120人", "", "招聘会当天提供岗位3000个。", "hires"),  # signed
    ("简历", "份", "求职者投递简历8000余份", "", "招聘会当天人头攒动。", "jobseekers"),  # CB1
    # an outcome is a hire even when its subject is a jobseeker
    ("求职人员", "人", "有90名求职人员与企业签约", "求职人员与企业签约", "", "hires"),
    # a fair code needs a fair: firms in a plain count are no fair's
    ("规上企业", "家", "全县有规上企业80家", "", "全县有规上企业80家。", "other"),
    # --- workers moved ------------------------------------------------------------------------
    ("返岗务工人员", "人", "专车送52名返岗务工人员", "返岗务工人员", "", "workers_returned"),
    ("务工人员", "人", "42名务工人员乘专车前往厦门", "务工人员乘专车", "", "workers_transferred"),
    # a ride whose sentence says it goes back to work is a return
    (
        "务工人员",
        "人",
        "30名务工人员登上大巴",
        "务工人员登上",
        "30名务工人员登上大巴返岗复工。",
        "workers_returned",
    ),
    ("农村劳动力", "人", "输出农村劳动力1.2万人", "", "", "workers_transferred"),
    # workers whose sentence puts them on a ride back to work, but not home for the holiday
    (
        "务工人员",
        "人",
        "15名务工人员在人社部门的组织下",
        "务工人员在人社",
        "当天，15名务工人员在人社部门的组织下，坐上了赴粤返岗专车。",
        "workers_returned",
    ),
    (
        "员工",
        "人",
        "4万多名员工返回老家",
        "员工返回老家",
        "春节期间，4万多名员工返回老家，为方便他们返岗，市里开通专车。",
        "workforce",
    ),
    # sending out told as a return in its own sentence is a return (CB8); in the sentence
    # before, or split with new work (CA1), it stays a transfer
    (
        "务工人员",
        "人",
        "集中输送3500名务工人员赴广东",
        "务工人员赴广东",
        "县里举行暖心返岗启动仪式，集中输送3500名务工人员赴广东。",
        "workers_returned",
    ),
    (
        "务工人员",
        "人",
        "共输转务工人员11万人",
        "",
        "全省组织务工人员返岗。截至3月底，共输转务工人员11万人。",
        "workers_transferred",
    ),
    (
        "",
        "人",
        "组织280人输出到浙江返岗就业或新增就业",
        "输出到浙江",
        "组织280人输出到浙江返岗就业或新增就业。",
        "workers_transferred",
    ),
    # help to work away, or work in another province, is a transfer; a bare count after a
    # movement takes it from the clauses before it, in its own sentence only
    (
        "务工人员",
        "人",
        "为1万名务工人员外出就业提供服务",
        "务工人员外出就业",
        "",
        "workers_transferred",
    ),
    (
        "",
        "人",
        "累计达3.2万人",
        "",
        "今年以来组织农村劳动力转移就业，累计达3.2万人。",
        "workers_transferred",
    ),
    ("", "人", "共计1.5万人", "", "节后组织务工人员返岗，共计1.5万人。", "workers_returned"),
    ("", "人", "共有300人", "", "全县转移劳动力10万人。当天到场的共有300人。", "other"),
    # going home for the holiday, or working away, is no organised movement
    ("返乡农民工", "人", "春节返乡农民工3万人", "", "", "workforce"),
    ("", "人", "全县常年有5万人前往沿海各地务工", "人前往沿海", "", "workforce"),  # a stock
    ("", "人", "全县常年输出5万人前往沿海各地务工", "人前往沿海", "", "workers_transferred"),
    # --- jobs added, the workforce -----------------------------------------------------------
    ("城镇新增就业", "人", "城镇新增就业5600人", "", "", "employment_added"),
    ("就业岗位", "个", "项目建成后可创造就业岗位500个", "", "", "employment_added"),
    ("农民工", "人", "全市农民工总量达到40万人", "", "", "workforce"),
    ("参保人数", "人", "职工养老保险参保人数达60万人", "", "", "other"),  # the insured
    # --- rates --------------------------------------------------------------------------------
    ("返岗率", "%", "返岗率达92%", "", "", "return_rate"),
    ("开工率", "%", "规上工业企业开工率达95%", "", "", "return_rate"),  # firms resumed
    # the share of workers back at work is the return rate, however it is written
    (
        "",
        "%",
        "占返乡总数的23%",
        "",
        "截至2月20日，全省已返岗农民工109万人，占返乡总数的23%。",
        "return_rate",
    ),
    ("返工率", "%", "节后务工人员返工率超九成", "", "", "return_rate"),
    ("城镇登记失业率", "%", "城镇登记失业率为3.1%", "", "", "unemployment_rate"),
    # a change in a rate, in points, takes the rate's code
    ("失业率", "个百分点", "城镇调查失业率下降0.3个百分点", "", "", "unemployment_rate"),
    ("就业率", "%", "高校毕业生就业率达95%", "", "", "graduates"),
    # a share of a target takes the code of what the target counts
    (
        "完成年计划",
        "%",
        "完成年计划的80%",
        "",
        "城镇新增就业4000人，完成年计划的80%。",
        "employment_added",
    ),
    # a change rate naming nothing is about the amount before it in its own sentence
    (
        "",
        "%",
        "同比增长9%",
        "",
        "全省转移农村劳动力80万人，实现劳务收入48亿元，同比增长9%。",
        "income",
    ),
    (
        "",
        "%",
        "同比增长5%",
        "",
        "全年开展技能培训2万人次。全市城镇新增就业3万人，同比增长5%。",
        "employment_added",
    ),
    # a share of a whole by category is `other`
    ("制造业岗位", "%", "制造业岗位占45%", "", "", "other"),
    # --- money --------------------------------------------------------------------------------
    ("月薪", "元", "月薪普遍在6000元以上", "", "", "wage"),
    ("劳务收入", "元", "实现劳务收入12亿元", "", "", "income"),
    ("人均增收", "元", "务工家庭人均增收3000元", "", "", "income"),
    ("营业收入", "元", "园区企业实现营业收入5亿元", "", "", "other"),  # a firm's takings
    ("工资性收入", "%", "工资性收入占可支配收入的比重达60%", "", "", "other"),  # a share
    ("总投资", "元", "项目总投资3亿元", "", "", "other"),
    # --- the rest, in the table's order --------------------------------------------------------
    ("培训", "人次", "开展技能培训2000人次", "", "", "training"),
    ("农民工", "人", "培训农民工5000人", "", "", "training"),  # trainees, not a stock
    ("见习期满留用率", "%", "见习期满留用率达70%", "", "", "training"),  # a rate of its own
    ("高技能人才", "%", "高技能人才占技能劳动者的比例达32%", "", "", "other"),  # a share
    ("高校毕业生", "人", "引进高校毕业生350人", "", "", "talent_recruited"),
    ("高校毕业生", "人", "今年全省高校毕业生达20万人", "", "", "graduates"),
    ("高校毕业生", "人", "高校毕业生在本地就业1.2万人", "", "", "employment_added"),
    # graduates counted where posts or hiring are told are graduates wanted (CB13)
    (
        "高校毕业生",
        "人",
        "面向高校毕业生3000人",
        "",
        "本次活动企业发布岗位，面向高校毕业生3000人。",
        "jobs_offered",
    ),
    ("高校毕业生", "人", "高校毕业生未就业的有3000人", "", "", "graduates"),
    ("专列", "趟", "开行务工专列6趟", "", "", "transport_runs"),
    (
        "专车、专列、包机",
        "辆/列/架次",
        "开行专车、专列、包机120辆/列/架次",
        "",
        "",
        "transport_runs",
    ),
    ("包车", "个", "安排点对点包车86个车次", "车次", "", "transport_runs"),  # runs counted in 个
    # rounds of a send-off are runs too
    ("点对点返岗输出活动", "场", "举办5场点对点返岗输出活动", "", "", "transport_runs"),
    ("协议", "份", "签订劳务协作协议5份", "", "", "agreements"),
    # partners counted before a list's shared predicate (CA8)
    (
        "",
        "个",
        "与沿海12个城市",
        "城市",
        "本市与沿海12个城市、30家企业建立劳务协作关系。",
        "agreements",
    ),
    ("企业", "家", "走访企业120家", "", "", "enterprises_served"),
    ("走访企业", "次", "服务队累计走访企业300次", "", "", "enterprises_served"),  # visits (CA7)
    ("约谈", "家次", "约谈25家次", "", "", "enterprises_served"),
    ("车程", "小时", "车程约3小时", "", "", "other"),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row[2])
def test_classify(row: tuple[str, str, str, str, str, Indicator]) -> None:
    metric, unit, clause, after, sentence, indicator = row
    around = Around(after, sentence)
    assert classify(metric=metric, unit=unit, clause=clause, around=around) == indicator


def test_the_rows_cover_every_code() -> None:
    assert {row[-1] for row in ROWS} == set(INDICATORS)


def test_people_nothing_names_take_the_headline_s_movement() -> None:
    title = "千余名务工人员乘专列返岗"
    bare = Around(sentence="当天共计1200人。", title=title)
    assert classify(metric="", unit="人", clause="当天共计1200人", around=bare) == (
        "workers_returned"
    )
    staff = Around(sentence="由2名同事原地驻守。", title=title)  # a bureau's own people
    assert classify(metric="同事", unit="人", clause="由2名同事原地驻守", around=staff) == "other"

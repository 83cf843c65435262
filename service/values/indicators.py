"""What a statistic counts -> one of the 25 indicators (ANNOTATION.md "`indicator`"). Pure.

Read from the unit, the measured noun phrase (`metric`), the clause that states the number, the
words right after the number (the noun it counts: "86家企业") and the sentence around it. Rows are
tried in the contract's order of precedence; a row fits when the unit is one it expects and its
words stand near the number (the metric, the clause). Fair codes need a fair or drive in the
sentence, unless their own words say so ("求职", "参会"). An outcome ("达成意向", "签约") is a
hire even when its subject is a jobseeker. A rate other than a return or unemployment rate, and a
change, take the code of what they are about, read from the sentence; a share by category, and a
unit no row expects ("小时", "亩"), are `other`.

>>> classify(metric="求职者", unit="人", clause="吸引1000余名求职者进场")
'jobseekers'
>>> classify(metric="劳动报酬", unit="元", clause="为劳动者追回劳动报酬1.4亿余元")
'wage_arrears_recovered'
"""

import re
from dataclasses import dataclass

from schemas.vocab import INDICATOR_PRECEDENCE, Indicator

# --- units, as the contract's table expects them ------------------------------------------------
_PEOPLE = frozenset({"人", "人次"})
_FIRMS = frozenset({"家", "户", "家次", "个"})
_MONEY = frozenset({"元"})
_RATE = frozenset({"%", "个百分点"})  # a change in a rate is in points
_SESSIONS = frozenset({"场", "场次", "次", "期", "批", "个", "所"})
_VEHICLES = frozenset(
    {"趟", "辆", "列", "班次", "架次", "车次", "架", "台", "班", "辆/列/架次", "次", "批", "场"}
)
_CASES = frozenset({"宗", "件", "起", "条", "家", "个", "户", "家次"})
_POSTS = frozenset({"个", "人", "人次"})
_PACTS = frozenset({"份", "个", "项", "家", "所", "对"})

# --- words ------------------------------------------------------------------------------------
_ARREARS = (
    r"欠薪|拖欠|讨薪|清欠|欠款|劳动报酬|工资待遇|工资款|追回工资|追发|追讨|补发工资|清偿|"
    r"根治欠薪|拒不支付"
)
_SUBSIDY = (
    r"补贴|补助|奖补|稳岗返还|稳岗|扶持资金|就业资金|专项资金|奖励|以工代赈|贴息|给予|资助|"
    r"减负|减免|返还|投入[^，。；]{0,4}资金|出资"
)
_FAIR = (
    r"招聘|双选|供需见面|洽谈会|交流会|人才市场|招才|引才|揽才|春风行动|直播带岗|专场|招工|"
    r"人才集市|大集|对接会"
)
_FIRM = r"企业|单位|公司|商家|厂家|雇主|商户|园区"
_POST = r"岗位|职位|用工需求|需求|缺工|空缺|工位"
# Organised movement; working away on one's own ("外出务工") and going home ("返乡") are none.
_MOVE = (
    r"转移|输出|输转|输送|送工|劳务协作|劳务合作|赴外|抵达|到达|专列|专车|包车|包机|大巴|点对点|"
    r"运送|运输|护送|乘坐|搭乘|搭载|载着|载有|前往|开往|上车|登车|启程|出发|来自|对口|"
    r"赴[^，。；]{1,8}务工|"
    r"(?:组织|引导|帮助|促进|推动|带动|引领|实现|为)[^，。；]{0,12}(?:外出|跨省|跨区域|省外)(?:务工|就业)|"
    r"外出就业|跨省就业|跨区域就业|省外就业|劳务派遣|外派"
)
# Posts a period or a project creates are jobs added, not posts offered ("创造就业岗位500个").
_CREATED = r"(?:创造|新增|带动)[^，。；]{0,4}岗位"
_OUTCOME = (
    r"达成[^，。；]{0,6}意向|意向|签约|录用|入职|上岗|聘用|招用|成功就业|选择[^，。；]{0,12}工作"
)


@dataclass(frozen=True, slots=True)
class _Row:
    """An indicator fits when the unit is one of `units`, `words` stand near the number, `veto`
    does not, and, if given, `noun` names what it counts (in the metric or right after the
    number)."""

    indicator: Indicator
    units: frozenset[str]
    words: re.Pattern[str]
    noun: re.Pattern[str] | None = None
    veto: re.Pattern[str] | None = None


def _row(
    indicator: Indicator, units: frozenset[str], words: str, noun: str = "", *, veto: str = ""
) -> _Row:
    return _Row(
        indicator, units, re.compile(words), re.compile(noun) if noun else None,
        re.compile(veto) if veto else None,
    )  # fmt: skip


# The words of the other rows, in the table's order.
# Posts right after their number ("3.7万个岗位") are posts, whatever fair the clause names.
_COUNTED_POSTS = r"\d[^，。；\d]{0,3}(?:岗位|职位)"
_CASE = _ARREARS + r"|欠薪案件|黑名单|移送公安|移送[^，。；]{0,6}公安"
_HELD = _FAIR + r"|引才活动|招才引智|高校"
_TOOK_PART = r"参会|参展|参加|参与|进场|入场|提供|携|带来|设展|展位|报名|招聘|邀请|组织|岗位"
_WANTED = r"(?:招聘|招收|招录|招工|需求)(?![会活现专大网])[^，。；]{0,16}?\d"  # "招聘…16人"
_CAME = r"求职|应聘|进场|入场|参会|观看|浏览|简历|咨询|前来|到场|参加|参与|吸引"
# A movement the text splits between going back and new work is a transfer (CA1).
_SPLIT = r"[或和及]新增就业"
_BACK = r"返岗|返工|复工|接返|接回|返程|回岗|返厂|返企|到岗"
_ADDED = (
    r"新增[^，。；]{0,4}就业|城镇新增|(?:实现|带动|吸纳|安置|解决|促进|创造|提供)[^，。；]{0,8}就业|"
    r"就近就业|就地就业|稳定就业|灵活就业|就业岗位|"
    r"毕业生[^，。；未]{0,6}就业(?!率|见习|指导|服务|困难)"  # graduates placed, not their rate
)
# A stock of workers away, with no word of sending them, is the workforce (CA10, CB9).
_STOCK = r"^(?!.*(?:转移|输出|输转|输送|送工)).*(?:总量|常年|现有|目前有|在外|长期|累计有)"
_WORKERS = r"农民工|务工|劳动力|员工|职工|工人|在岗|从业|打工|外来|劳动者"
_PAY = r"月薪|薪|工资|时薪|日薪|年薪|待遇|餐补|每月|月收入|个月|月均|/月|拿到|能拿|到手"
# A firm's or a treasury's takings are no one's income ("营业收入", "财政收入").
_TURNOVER = r"营业收入|营收|销售收入|主营|经营收入|财政收入|税收|产值|销售额|营业额"
_TRAINED = r"培训|技能人才|证书|鉴定|取证|研修|学员|学徒|技能提升|见习"
_DRAWN = r"引进|招引|引才|吸引|涌入|集聚|聚集|培育|培养|留|落户|招募|招录|来|新增"
_TALENT = r"人才|大学生|博士|硕士|研究生|专家|毕业生|青年|工程师"
_RIDES = r"专列|专车|包车|包机|大巴|客车|车辆|航班|班车|车次|列车|车|机|点对点|开行|发车|欢送|送行"
_PACT = r"协议|合作|签约|签订|结对|基地|工作站|联络站|协作|服务站"
_SERVING = r"走访|服务|检查|帮扶|调研|上门|对接|覆盖|摸排|约谈|排查|联系|指导|督查|收集|征集|为"

# Rows in the contract's order of precedence (INDICATOR_PRECEDENCE); a code may have several.
_ROWS: tuple[_Row, ...] = (
    _row("wage_arrears_recovered", _MONEY, _ARREARS),
    _row("wage_arrears_workers", _PEOPLE, _ARREARS),
    _row("wage_arrears_cases", _CASES | _RATE, _CASE),
    _row("subsidy_amount", _MONEY, _SUBSIDY),
    _row("subsidy_recipients", _PEOPLE | _FIRMS, _SUBSIDY, veto=r"补贴性|补助性"),
    _row("fairs_held", _SESSIONS, _HELD, r"会|活动|专场|(?<!现)场|高校|站", veto=_COUNTED_POSTS),
    _row("employers_at_fairs", _FIRMS, _TOOK_PART, _FIRM),
    _row("jobs_offered", _POSTS, _POST, _POST, veto=_CREATED),
    _row("jobs_offered", _PEOPLE, _WANTED),
    _row("jobseekers", _PEOPLE, _CAME),
    _row("jobseekers", frozenset({"份"}), r"简历"),  # applications sent (CB1)
    _row("hires", _PEOPLE, _OUTCOME),
    _row("workers_returned", _PEOPLE, _BACK, veto=_SPLIT),
    _row("workers_transferred", _PEOPLE, _MOVE, veto=_STOCK),
    _row("employment_added", _PEOPLE, _ADDED),
    _row("employment_added", frozenset({"个"}), _CREATED),
    _row("workforce", _PEOPLE, _WORKERS, veto=r"参保|保险|" + _TRAINED),  # the insured, trainees
    _row("return_rate", _RATE, r"返岗|复工|返工|复产|到岗|开工|复岗|回岗|复业|开业率|恢复率"),
    _row("unemployment_rate", _RATE, r"失业率"),
    _row("wage", _MONEY, _PAY),
    _row("income", _MONEY | _RATE, r"收入|可支配|创收|增收|劳务经济", veto=_TURNOVER),
    _row("training", _PEOPLE | _SESSIONS | _RATE | frozenset({"班"}), _TRAINED),
    _row("talent_recruited", _PEOPLE, _DRAWN, _TALENT),
    _row("graduates", _PEOPLE | _RATE, r"毕业生|应届|离校|就业率"),
    _row("transport_runs", _VEHICLES, _RIDES),
    _row("agreements", _PACTS, _PACT),
    _row("enterprises_served", _FIRMS, _SERVING, _FIRM + r"|机构"),
    # visits counted as times: "约谈52家次", "走访企业700次" (CA7)
    _row(
        "enterprises_served",
        frozenset({"家次", "户次", "次"}),
        r"(?:走访|约谈|上门)[^，。；]{0,6}(?:企业|单位|\d)",
    ),
)
assert [r.indicator for r in _ROWS] == sorted(
    (r.indicator for r in _ROWS), key=INDICATOR_PRECEDENCE.index
), "rows follow INDICATOR_PRECEDENCE"

# Fair codes count what a fair or drive did: its own words, or a fair in the sentence.
_AT_A_FAIR = frozenset({"fairs_held", "employers_at_fairs", "jobseekers"})
_FAIR_WORDS = re.compile(_FAIR + r"|参会|进场|入场")
_OWN_FAIR_WORDS = re.compile(r"求职|应聘|参会|进场|入场|参展|简历|招聘会|招聘活动|双选会")
# An outcome makes a hire of whoever reached it ("5936名求职人员达成用工意向").
_HIRED = re.compile(_OUTCOME)
# A share by category is `other`; a rate or change takes the code of what it is about.
_SHARE = re.compile(r"占|比例|比重|份额")
_CHANGE = re.compile(r"完成|增长|增加|下降|减少|提高|上升|降低|同比|比上年|增幅|降幅")
# Workers going back to their jobs, wherever the sentence says so (not 返乡, going home).
_RETURNING = re.compile(r"返岗|返工|复工|接返|接回|返程|回岗|返厂|返企")
# Going home for the holiday, which is no return to work.
_HOMEWARD = re.compile(r"返乡|回家|老家|过年|过节")
# The words of sending workers out, which keep a transfer a transfer.
_SENT = re.compile(r"转移|输出|输转|输送|送工|劳务协作")
_SPACE = re.compile(r"\s+")
# Codes of people a sentence's opening clauses may give to a bare count after them.
_FLOWS = frozenset({"workers_returned", "workers_transferred", "employment_added", "workforce"})
_SENTENCE_END = re.compile(r"[。！？]")
# A rate named in the sentence of a share that names none: the rate's own code.
_RATE_WORD = re.compile(r"率|占|比例|比重")
_RATE_OF = re.compile(r"(?P<unemployed>失业率)|返岗率|复工率|开复工率|复产率|到岗率|开工率|返工率")
# Words of money, which make a rate or a change one of money; an amount and its unit.
_MONEY_WORDS = re.compile(r"收入|工资|薪|资金|金额|补贴|补助|欠款|报酬")
_AMOUNT = re.compile(r"\d[\d.]*[万亿千百余多]*(元|人|名)")
# Who money reached.
_BENEFITED = re.compile(r"惠及|受益|享受|领取")
# What a campaign against wage arrears does to the firms it catches.
_ENFORCED = re.compile(r"曝光|公布|黑名单|移送|失信|惩戒|通报|立案")
# Firms a bureau visits, serves or inspects, said anywhere in the sentence.
_SERVED = re.compile(r"走访|服务|检查|帮扶|调研|上门|对接|摸排|约谈|排查|督查|巡查|覆盖")
# The counted noun stands this close to the number: "86家企业", "提供岗位2000个".
_AFTER = 6


@dataclass(frozen=True, slots=True)
class Around:
    """What stands around a number: its clause's words after it, its sentence (with the one
    before it), and the article's headline, which may name the movement a ride belongs to."""

    after: str = ""
    sentence: str = ""
    title: str = ""


def classify(*, metric: str, unit: str, clause: str, around: Around | None = None) -> Indicator:
    """The indicator of a statistic (see the module docstring)."""
    around = around or Around()
    # OCR spaces inside words ("追 回 欠 薪") are no word breaks
    metric, clause, after, sentence = (
        _SPACE.sub("", t) for t in (metric, clause, around.after, around.sentence)
    )
    title = around.title
    near = f"{metric} {clause}"
    noun = f"{metric[-_AFTER:]} {after[:_AFTER]}"  # the words around the number
    at_a_fair = bool(_FAIR_WORDS.search(sentence or clause))
    if unit in _PEOPLE and _HIRED.search(near) and not re.search(_ARREARS, near):
        return "hires"
    found = _first_fit(unit, near, noun, at_a_fair=at_a_fair)
    head = _head(sentence, clause)
    if found == "workers_transferred" and not re.search(_SPLIT, near):
        # a ride back to work ("专车…返岗"); with words of sending out too, its own sentence must
        # call it a return ("暖心返岗…集中输送3500名务工人员")
        told = head + sentence[sentence.rfind(clause) :] if _SENT.search(near) else sentence
        if _RETURNING.search(told) or (_RETURNING.search(title) and not _SENT.search(near)):
            return "workers_returned"
    own = head + sentence[sentence.rfind(clause) :] if clause in sentence else near
    rides_back = _RETURNING.search(own) and re.search(_RIDES, own)
    if found == "workforce" and rides_back and not _HOMEWARD.search(near):
        return "workers_returned"  # "15名务工人员…坐上了返岗专车", not "…返回老家"
    return found or _from_sentence(unit, near, noun, sentence, head) or _from_head(unit, head)


def _head(sentence: str, clause: str) -> str:
    """The words of `clause`'s own sentence before it ("" when the clause is not found)."""
    at = sentence.rfind(clause) if clause else -1
    return _SENTENCE_END.split(sentence[:at])[-1] if at > 0 else ""


def _from_head(unit: str, head: str) -> Indicator:
    """People a number's clause names no code for take the movement or stock that the clauses
    before it, in its sentence, tell ("今年以来组织农村劳动力转移就业，累计达3.2万人")."""
    for row in _ROWS:
        vetoed = row.veto is not None and row.veto.search(head)
        if row.indicator in _FLOWS and unit in row.units and row.words.search(head) and not vetoed:
            return row.indicator
    return "other"


def _from_sentence(unit: str, near: str, noun: str, sentence: str, head: str) -> Indicator | None:
    """A code the number's own words do not give, read from its sentence: firms a subsidy
    reached or a campaign caught, firms served; a rate of, or a change in, what it names."""
    if unit in _PEOPLE | _FIRMS and _BENEFITED.search(near) and re.search(_SUBSIDY, sentence):
        return "subsidy_recipients"  # "惠及企业1.7万家" after the subsidy is told
    if unit in _CASES and _ENFORCED.search(near) and re.search(_ARREARS, sentence):
        return "wage_arrears_cases"  # "曝光用人单位88家" in a campaign against wage arrears
    if unit in _FIRMS and re.search(_FIRM, noun) and _SERVED.search(sentence):
        return "enterprises_served"
    if unit in _FIRMS and re.search(_FIRM, noun) and _FAIR_WORDS.search(sentence):
        return "employers_at_fairs"  # "…等4家企业响应号召" at the fair its sentence names
    return _about(unit, near, sentence, head)


def _about(unit: str, near: str, sentence: str, head: str) -> Indicator | None:
    """The code of what a change or a rate is about, read from its own words, then from the
    words before it in its sentence ("实现劳务收入48亿元，同比增长9%"): a change in money is
    about money, in people about people, a rate about the unit its words or the amount before
    it name. A rate naming nothing is the return or unemployment rate its sentence names."""
    if unit in _RATE | _PEOPLE | _MONEY and not _SHARE.search(near) and _CHANGE.search(near):
        at_a_fair = bool(_FAIR_WORDS.search(sentence))
        abouts = _units_about(near, head) if unit in _RATE else (unit,)
        for about, words in [(a, w) for w in (near, f"{head}{near}") for a in abouts]:
            found = _first_fit(about, words, words, at_a_fair=at_a_fair)
            if found is not None:
                return found
    if unit in _RATE and not _RATE_WORD.search(near):  # "失业率为4.2%，低于4.5%的控制目标"
        rate = _RATE_OF.search(sentence)
        if rate is not None:
            return "unemployment_rate" if rate["unemployed"] else "return_rate"
    return None


def _units_about(near: str, head: str) -> tuple[str, str]:
    """The units a change rate may be about, the likelier first: the one its own words name
    ("劳务收入增长12%"), else the unit of the last amount before it ("…48亿元，增长9%")."""
    amounts = _AMOUNT.findall(head)
    money = _MONEY_WORDS.search(near) or (amounts and amounts[-1] == "元")
    return ("元", "人") if money else ("人", "元")


def _first_fit(unit: str, near: str, noun: str, *, at_a_fair: bool) -> Indicator | None:
    for row in _ROWS:
        if unit not in row.units or not row.words.search(near):
            continue
        if row.veto is not None and row.veto.search(near):
            continue
        if row.noun is not None and not row.noun.search(noun):
            continue
        if row.indicator in _AT_A_FAIR and not (at_a_fair or _OWN_FAIR_WORDS.search(near)):
            continue
        return row.indicator
    return None

"""What a statistic counts -> one of the 25 indicators (ANNOTATION.md "`indicator`"). Pure.

Read from the unit, the measured noun phrase (`metric`), the clause that states the number, the
words right after the number (the noun it counts: "86家企业") and the sentence around it. Rows are
tried in the contract's order of precedence; a row fits when the unit is one it expects and its
words stand near the number (the metric, the clause). Fair codes need a fair or drive in the
sentence, unless their own words say so ("求职", "参会"). An outcome ("达成意向", "签约") is a
hire even when its subject is a jobseeker. A rate other than a return or unemployment rate, and a
change, take the code of what they are about, read from their own words, then from the words before
them in their sentence; a share by category, and a unit no row expects ("小时", "亩"), are `other`.
A count of people whose own words name nothing takes the movement or stock its sentence tells
before it; a ride or transfer becomes a return when its sentence, or the article's headline, names
a return to work. The words and units are in service/values/indicators/words.py.

>>> classify(metric="求职者", unit="人", clause="吸引1000余名求职者进场")
'jobseekers'
>>> classify(metric="劳动报酬", unit="元", clause="为劳动者追回劳动报酬1.4亿余元")
'wage_arrears_recovered'
"""

import re
from dataclasses import dataclass

from schemas.vocab import INDICATOR_PRECEDENCE, Indicator
from service.values.indicators import words as w


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


# Rows in the contract's order of precedence (INDICATOR_PRECEDENCE); a code may have several.
_ROWS: tuple[_Row, ...] = (
    _row("wage_arrears_recovered", w.MONEY, w.ARREARS),
    _row("wage_arrears_workers", w.PEOPLE, w.ARREARS),
    _row("wage_arrears_cases", w.CASES | w.RATE, w.CASE),
    _row("subsidy_amount", w.MONEY, w.SUBSIDY),
    _row("subsidy_recipients", w.PEOPLE | w.FIRMS, w.SUBSIDY, veto=r"补贴性|补助性"),
    _row("fairs_held", w.SESSIONS, w.HELD, r"会|活动|专场|(?<!现)场|高校|站", veto=w.COUNTED_POSTS),
    # the firms are what is counted, not the posts they bring ("企业提供岗位3200个")
    _row("employers_at_fairs", w.FIRMS, w.TOOK_PART, rf"(?:{w.FIRM})(?![^ ]*(?:{w.POST}))"),
    _row("jobs_offered", w.POSTS, w.POST, w.POST, veto=w.CREATED),
    _row("jobs_offered", w.PEOPLE, w.WANTED),
    _row("jobseekers", w.PEOPLE, w.CAME),
    _row("jobseekers", frozenset({"份"}), r"简历"),  # applications sent (CB1)
    _row("hires", w.PEOPLE, w.OUTCOME),
    _row("workers_returned", w.PEOPLE, w.BACK, veto=w.SPLIT),
    _row("workers_transferred", w.PEOPLE, w.MOVE, veto=w.STOCK),
    _row("employment_added", w.PEOPLE, w.ADDED),
    _row("employment_added", frozenset({"个"}), w.CREATED),
    _row("workforce", w.PEOPLE, w.WORKERS, veto=r"参保|保险|" + w.TRAINED),  # the insured, trainees
    _row("return_rate", w.RATE, r"返岗|复工|返工|复产|到岗|开工|复岗|回岗|复业|开业率|恢复率"),
    _row("unemployment_rate", w.RATE, r"失业率"),
    _row("wage", w.MONEY, w.PAY),
    _row(
        "income",
        w.MONEY | w.RATE,
        r"收入|可支配|创收|增收|劳务经济",
        veto=w.TURNOVER + "|" + w.SHARE_OF,
    ),
    _row(
        "training", w.PEOPLE | w.SESSIONS | w.RATE | frozenset({"班"}), w.TRAINED, veto=w.SHARE_OF
    ),
    _row("talent_recruited", w.PEOPLE, w.DRAWN, w.TALENT),
    _row("graduates", w.PEOPLE | w.RATE, r"毕业生|应届|离校|就业率", veto=w.SHARE_OF),
    _row("transport_runs", w.VEHICLES, w.RIDES),
    _row("transport_runs", frozenset({"个"}), w.RIDES, r"车次|航班|班次|架次"),  # "86个车次"
    _row("agreements", w.PACTS, w.PACT),
    _row("enterprises_served", w.FIRMS, w.SERVING, w.FIRM + r"|机构"),
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
_FAIR_WORDS = re.compile(w.FAIR + r"|参会|进场|入场")
_OWN_FAIR_WORDS = re.compile(r"求职|应聘|参会|进场|入场|参展|简历|招聘会|招聘活动|双选会")
# An outcome makes a hire of whoever reached it ("5936名求职人员达成用工意向").
_HIRED = re.compile(w.OUTCOME)
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
_MOVES = frozenset({"workers_returned", "workers_transferred"})
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
    r = _read(metric, unit, clause, around or Around())
    if unit in w.PEOPLE and _HIRED.search(r.near) and not re.search(w.ARREARS, r.near):
        return "hires"
    found = _moved(_first_fit(unit, r.near, r.noun, at_a_fair=r.at_a_fair), r)
    found = found or _from_sentence(unit, r.near, r.noun, r.sentence, r.head)
    return _in_context(found or _from_head(unit, r.head), r)


@dataclass(frozen=True, slots=True)
class _Reading:
    """One number's words, OCR spaces removed: `near` its metric and clause, `noun` the words
    around it, `head` its own sentence before its clause, `own` its own sentence."""

    unit: str
    near: str
    noun: str
    sentence: str
    head: str
    own: str
    title: str
    at_a_fair: bool


def _read(metric: str, unit: str, clause: str, around: Around) -> _Reading:
    # OCR spaces inside words ("追 回 欠 薪") are no word breaks
    metric, clause, after, sentence = (
        _SPACE.sub("", t) for t in (metric, clause, around.after, around.sentence)
    )
    near = f"{metric} {clause}"
    head = _head(sentence, clause)
    own = head + sentence[sentence.rfind(clause) :] if clause in sentence else near
    noun = f"{metric[-_AFTER:]} {after[:_AFTER]}"  # the words around the number
    at_a_fair = bool(_FAIR_WORDS.search(sentence or clause))
    return _Reading(unit, near, noun, sentence, head, own, around.title, at_a_fair)


def _moved(found: Indicator | None, r: _Reading) -> Indicator | None:
    """Workers moved or counted where their sentence, or the headline, names a return to work."""
    if found == "workers_transferred" and not re.search(w.SPLIT, r.near):
        # a ride back to work ("专车…返岗"); with words of sending out too, its own sentence must
        # call it a return ("暖心返岗…集中输送3500名务工人员")
        told = r.own if _SENT.search(r.near) else r.sentence
        if _RETURNING.search(told) or (_RETURNING.search(r.title) and not _SENT.search(r.near)):
            return "workers_returned"
    rides_back = _RETURNING.search(r.own) and re.search(w.RIDES, r.own)
    if found == "workforce" and rides_back and not _HOMEWARD.search(r.near):
        return "workers_returned"  # "15名务工人员…坐上了返岗专车", not "…返回老家"
    return found


def _in_context(found: Indicator, r: _Reading) -> Indicator:
    """What the sentence before a number, or the headline, makes of its code."""
    if found == "graduates" and r.unit in w.PEOPLE and re.search(w.HIRING, r.head + r.near):
        return "jobs_offered"  # graduates wanted: "企业发布岗位，拟面向高校毕业生3000人" (CB13)
    if found == "other" and r.unit in w.RATE and _SHARE.search(r.near):
        return "return_rate" if _RETURNING.search(r.head) else found  # "已返岗…，占…的23%"
    partners = r.unit in w.PACTS and re.search(w.PARTNERS, r.noun)
    if found == "other" and partners and re.search(w.PACT, r.own[len(r.head) :]):
        return "agreements"  # "与沿海12个城市、30家企业建立劳务协作关系" (CA8)
    if found == "other" and r.unit in w.PEOPLE and not re.search(w.STAFF, r.near):
        return _from_title(r.title)
    return found


def _from_title(title: str) -> Indicator:
    """People nothing in their sentence names: the movement the article's headline tells, if
    any ("…千余名务工人员乘专列返岗" over "共计1200人")."""
    for row in _ROWS:
        if row.indicator in _MOVES and row.words.search(title):
            return row.indicator
    return "other"


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
    if unit in w.PEOPLE | w.FIRMS and _BENEFITED.search(near) and re.search(w.SUBSIDY, sentence):
        return "subsidy_recipients"  # "惠及企业1.7万家" after the subsidy is told
    if unit in w.CASES and _ENFORCED.search(near) and re.search(w.ARREARS, sentence):
        return "wage_arrears_cases"  # "曝光用人单位88家" in a campaign against wage arrears
    if unit in w.FIRMS and re.search(w.FIRM, noun) and _SERVED.search(sentence):
        return "enterprises_served"
    if unit in w.FIRMS and re.search(w.FIRM, noun) and _FAIR_WORDS.search(sentence):
        return "employers_at_fairs"  # "…等4家企业响应号召" at the fair its sentence names
    return _about(unit, near, sentence, head)


def _about(unit: str, near: str, sentence: str, head: str) -> Indicator | None:
    """The code of what a change or a rate is about, read from its own words, then from the
    words before it in its sentence ("实现劳务收入48亿元，同比增长9%"): a change in money is
    about money, in people about people, a rate about the unit its words or the amount before
    it name. A rate naming nothing is the return or unemployment rate its sentence names."""
    if unit in w.RATE | w.PEOPLE | w.MONEY and not _SHARE.search(near) and _CHANGE.search(near):
        at_a_fair = bool(_FAIR_WORDS.search(sentence))
        abouts = _units_about(near, head) if unit in w.RATE else (unit,)
        for about, words in [(a, w) for w in (near, f"{head}{near}") for a in abouts]:
            found = _first_fit(about, words, words, at_a_fair=at_a_fair)
            if found is not None:
                return found
    if unit in w.RATE and not _RATE_WORD.search(near):  # "失业率为4.2%，低于4.5%的控制目标"
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

"""Quantities: numbers, multipliers, ranges, hedges, units, and numbers that are no statistic."""

import dataclasses
from decimal import Decimal

import pytest

from service.text.normalise import normalise
from service.values import quantities
from service.values.exclusions import is_excluded, quoted_names
from service.values.quantities import find_quantities, parse_quantity, to_number
from service.values.words import (
    HEDGED_UNITS,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    HEDGES_INSIDE,
    SHARES,
    UNIT_ALIASES,
    UNITS,
)
from tests.paths import SEED_PAGES

# --- values: digits, separators, decimals, multipliers, Chinese numerals ----------------------
VALUES = [
    ("1.37万", 13700),
    ("1.4亿元", 140000000),
    ("1.4亿余元", 140000000),
    ("3,351,790人", 3351790),
    ("３３５１７９０人", 3351790),  # full-width digits
    ("98%", 98),
    ("99.0%", 99),
    ("56.54亩", 56.54),
    ("一千二百", 1200),
    ("两万余", 20000),
    ("近百人", 100),
    ("千亿", 100000000000),
    ("100余万元", 1000000),
    ("十余个", 10),
    ("二十几个", 20),  # the odd units past a round numeral: over
    ("上百家", 100),  # up to a round number: over
    ("年产值上百亿元", 10000000000),  # 年产值 is output, not a capacity naming a project
]


@pytest.mark.parametrize(("text", "value"), VALUES)
def test_value(text: str, value: float) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert to_number(q.value) == value


# --- ranges ----------------------------------------------------------------------------------
RANGES = [
    ("5000-8000元", 5000, 8000, "元"),
    ("3至5年", 3, 5, "年"),
    ("1-2万元", 10000, 20000, "元"),
    # the unit, and the multiplier, written on both ends
    ("时薪40元-60元", 40, 60, "元"),
    ("补助8万元至120万元", 80000, 1200000, "元"),
    ("2亿—6亿元", 200000000, 600000000, "元"),
    ("6千至1万元", 6000, 10000, "元"),
    ("每批8名到12名", 8, 12, "人"),  # aliases fold on both ends
    ("两天到三天", 2, 3, "天"),
    ("需要一至两名", 1, 2, "人"),  # a range starting at 一 is no article
    ("月入6000元到1万元", 6000, 10000, "元"),  # the lower end closed by its unit: no multiplier
    # two neighbouring Chinese digits with no place are a range too
    ("培训一两天就能上岗", 1, 2, "天"),
    ("三五天就能到岗", 3, 5, "天"),
    ("等了两三个月", 2, 3, "个月"),
    ("每天干七八小时", 7, 8, "小时"),
]


@pytest.mark.parametrize(("text", "low", "high", "unit"), RANGES)
def test_range(text: str, low: int, high: int, unit: str) -> None:
    [q] = find_quantities(text)
    assert (to_number(q.value), q.value_max, q.unit) == (low, Decimal(high), unit)
    assert text[q.start : q.end].endswith(unit if unit != "人" else "名")


# Two ends that do not close on the same unit are two numbers, or one and no range.
NOT_RANGES = [
    ("投入300元至80人", [(300, "元"), (80, "人")]),
    ("奖励600元到一线", [(600, "元")]),
    ("3年至6个月", [(3, "年"), (6, "个月")]),
]


@pytest.mark.parametrize(("text", "read"), NOT_RANGES)
def test_not_a_range(text: str, read: list[tuple[int, str]]) -> None:
    found = find_quantities(text)
    assert [(to_number(q.value), q.unit) for q in found] == read
    assert all(q.value_max is None for q in found)


# --- qualifiers: every hedge of every table ---------------------------------------------------
HEDGE_ROWS = [(f"{w}30名", q) for w, q in HEDGES_BEFORE.items()]
HEDGE_ROWS += [(f"30{w}名", q) for w, q in HEDGES_INSIDE.items()]
HEDGE_ROWS += [(f"30名{w}", q) for w, q in HEDGES_AFTER.items()]
HEDGE_ROWS += [
    ("30名", "exact"),
    ("约有30名", "approx"),
    ("近700万元", "under"),
    ("超过40余个", "over"),  # a doubled hedge
    ("签约有300多人", "over"),  # 约 inside 签约 is no hedge; 多 is
    ("达到5000元", "exact"),  # 达 is exact
    ("在驻点的20天内", "exact"),  # a bare 内 is the stay, not a bound
    ("签约为300人", "exact"),  # 约 inside 签约 is no hedge, nor is 约为 there
    ("控制在3%以内", "under"),
    ("每户补贴不低于2000元", "over"),
    ("至少一至两名", "over"),  # a hedge on a range
    ("来了十几名", "over"),  # ten-odd
    ("上千名", "over"),  # up to a round number
    ("上百万元", "over"),
    ("报名超过了300名", "over"),
    ("总数直逼30名", "under"),
    ("补贴最高3000元", "exact"),  # a cap states its value (evals/real U1, held-out H2)
]


@pytest.mark.parametrize(("text", "qualifier"), HEDGE_ROWS)
def test_qualifier(text: str, qualifier: str) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert q.qualifier == qualifier


# A bound word with no number after it is nothing: "最多的一次" is "the most", "不少企业" "many".
@pytest.mark.parametrize("text", ["人数最多的一次", "不少企业", "至少要做到"])
def test_bound_words_without_a_number(text: str) -> None:
    assert find_quantities(text) == []


def test_hedge_between_money_noun_and_number() -> None:
    [q] = find_quantities("亩均税收不低于15万的企业")
    assert (to_number(q.value), q.unit, q.qualifier) == (150000, "元", "over")


def test_span_covers_hedges() -> None:
    text = "累计吸引超过1000余名求职者"
    [q] = find_quantities(text)
    assert text[q.start : q.end] == "超过1000余名"


# --- units: every alias and every unit -------------------------------------------------------
ALIAS_ROWS = [(f"3{alias}", unit) for alias, unit in UNIT_ALIASES.items() if unit]
UNIT_ROWS = [(f"3{unit}", unit) for unit in UNITS if unit != "年"]
UNIT_ROWS += [
    ("3年", "年"),
    ("1.2亿元", "元"),
    ("1.2万元", "元"),
    ("亩均效益8万以下企业", "元"),  # unit dropped after a money noun
    ("50多万外来务工人员", "人"),  # unit dropped before a people noun
    ("新增技能人才1.37万", "人"),  # unit dropped after a people noun (S3)
    ("应届毕业生规模达到3.2万", "人"),
    ("待就业的毕业生有4万左右", "人"),
    ("培训2.5万新型学徒", "人"),
    ("组织8万农牧民外出", "人"),
    ("今年提供5万就业岗位", "个"),  # unit dropped before a counted noun (S3)
    ("月入五千块钱以上", "元"),  # spoken money
    ("全年转移就业12.5万人（次）", "人次"),
    # classifiers as written (ANNOTATION.md, evals/real U5)
    ("发出专车7个班次", "班次"),
    ("保障务工人员出行260辆/列/架次", "辆/列/架次"),
    ("就业率提高1.5个百分点", "个百分点"),
    ("八部门联合印发通知", "部门"),
    ("办结欠薪案件31宗", "宗"),
    ("开通定制公交4路", "路"),
    ("举办招聘会120余场次", "场次"),
]

# --- 个 before a noun: 人 only when 人 is not the start of another word (U5) -----------------
PERSON_OR_COUNT = [
    ("招收5个人", "人"),
    ("近600个人才需求", "个"),
    ("联合8个人社部门", "个"),
    ("12个人力资源机构", "个"),
    ("3个人民调解组织", "个"),
]


@pytest.mark.parametrize(("text", "unit"), PERSON_OR_COUNT)
def test_ge_before_a_noun(text: str, unit: str) -> None:
    [q] = find_quantities(text)
    assert q.unit == unit


# --- halves: 半 as a number before its classifier, and 个半 after one ----------------------------
HALVES = [
    ("车程约半个小时", 0.5, "小时", "approx"),
    ("培训半个月", 0.5, "个月", "exact"),
    ("用了一个半月", 1.5, "个月", "exact"),
    ("坐了两个半小时的车", 2.5, "小时", "exact"),
    ("干了三年半", 3.5, "年", "exact"),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), HALVES)
def test_half(text: str, value: float, unit: str, qualifier: str) -> None:
    [q] = find_quantities(text)
    assert (to_number(q.value), q.unit, q.qualifier) == (value, unit, qualifier)


# --- half of a whole: a definite share, 50 % with its hedge (S7, as 成 in N19) ------------------
HALF_SHARES = [
    ("一半的企业已复工", "exact", "一半"),
    ("半数以上", "over", "半数以上"),
    ("过半员工来自外省", "over", "过半"),
    ("超过一半的岗位面向高校毕业生", "over", "超过一半"),
    ("一半以上的工人已返岗", "over", "一半以上"),
    ("超过半数的企业缺工", "over", "超过半数"),
    ("近一半的求职者是女性", "under", "近一半"),
    ("近半企业扩大招聘", "under", "近半"),
    ("不到一半的人签了合同", "under", "不到一半"),
]


@pytest.mark.parametrize(("text", "qualifier", "written"), HALF_SHARES)
def test_half_share(text: str, qualifier: str, written: str) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.value_max, q.unit, q.qualifier) == (50, None, "%", qualifier)
    assert text[q.start : q.end] == written
    assert parse_quantity(written) == dataclasses.replace(q, start=0, end=len(written))


@pytest.mark.parametrize(
    "text",
    [
        "今年上半年",
        "他终于找到了另一半",  # a partner
        "年过半百的老师傅",  # an age
        "过半年再说",  # a half of a unit, after a relative 过
        "三五成群",  # 成群 is no share
        "这两三天",  # a relative time frame
        "一二年级的学生",  # a school grade
    ],
)
def test_half_that_is_no_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "unit"), ALIAS_ROWS + UNIT_ROWS)
def test_unit(text: str, unit: str) -> None:
    [q] = find_quantities(text)
    assert q.unit == unit


# --- durations: a hedge inside the classifier, and 一 measuring a duration (S4, S6) -------------
HEDGED_UNIT_ROWS = [(f"3{word}", f"3{word}", unit, q) for word, (unit, q) in HEDGED_UNITS.items()]
HEDGED_UNIT_ROWS += [
    ("历时一个多月", "一个多月", "个月", "over"),
    ("用一个月时间", "一个月", "个月", "exact"),
    ("提前一天", "一天", "天", "exact"),  # 提前 measures
    ("整整一年", "一年", "年", "exact"),
    ("一小时内", "一小时", "小时", "exact"),
]


@pytest.mark.parametrize(("text", "span", "unit", "qualifier"), HEDGED_UNIT_ROWS)
def test_duration(text: str, span: str, unit: str, qualifier: str) -> None:
    [q] = find_quantities(text)
    assert (text[q.start : q.end], q.unit, q.qualifier) == (span, unit, qualifier)


# 一 with a duration that names a time or a rhythm rather than measuring one.
TIME_REFERENCES = [
    "有一天他来了",
    "新的一年",
    "同一天",
    "每一天",
    "这一年",
    "前一天",
    "一年一度",
    "一天比一天好",
    "一天到晚",
    "过去一年",
    "未来一年",
    "一个月月有活动",  # the article 一个, then 月月 ("every month")
    "一年年过去",
]


@pytest.mark.parametrize("text", TIME_REFERENCES)
def test_one_naming_a_time(text: str) -> None:
    assert find_quantities(text) == []


# --- shares of ten: 成 is a tenth, written as a percentage ----------------------------------------
SHARE_ROWS = [(f"三{word}", 3 * per) for word, per in SHARES.items()]
SHARE_ROWS += [
    ("6成", 60),
    ("九成五", 95),  # the next place down
    ("二至四成", (20, 40)),
]


@pytest.mark.parametrize(("text", "value"), SHARE_ROWS)
def test_share(text: str, value: Decimal | tuple[int, int]) -> None:
    [q] = find_quantities(text)
    low, high = value if isinstance(value, tuple) else (value, None)
    assert (q.value, q.value_max, q.unit) == (low, high, "%")


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("超六成", "over"), ("将近四成", "under"), ("五成以上", "over"), ("约两成", "approx")],
)
def test_share_hedged(text: str, qualifier: str) -> None:
    [q] = find_quantities(text)
    assert (q.unit, q.qualifier, q.start, q.end) == ("%", qualifier, 0, len(text))


# 成 that starts a word, an idiom, and sizes no share can have.
@pytest.mark.parametrize("text", ["一成不变", "吸纳8成员", "当天5成交", "30万成交", "十二成"])
def test_not_a_share(text: str) -> None:
    assert [q for q in find_quantities(text) if q.unit == "%"] == []


# --- not statistics ----------------------------------------------------------------------------
NOT_STATISTICS = [
    "2月18日",  # a date
    "2023年",  # a year
    "2022-03-01 16:59:26",  # a dateline
    "第二届浙江技能大赛",  # an ordinal
    "首批务工人员",  # an ordinal
    "“1+3+N”工作机制",  # a quoted name
    "“4+1”项目",
    "24岁的王刚",  # an age
    "06",  # a page number
    "80周年",  # an anniversary
    "一场招聘会",  # the article 一
    "一笔奖励",
    "数百名平昌人",  # a vague amount
    "过两天",  # a relative time frame
    "近一年来",
    "3年下来",
    "千家万户",  # a figure of speech
    "万人工位计划",  # a plan's name
    "30分钟职业技能培训圈",
    "年产200万台环保园林机械建设项目",
    "六大行动",
    "两地企业",
    "2021年至2023年",  # a span of years, written on both ends
    "上一年度",  # 上 before 一 is a time, not "up to"
    "几十个",  # vague
    "十几",  # ten-odd of nothing
]


@pytest.mark.parametrize("text", NOT_STATISTICS)
def test_not_a_statistic(text: str) -> None:
    assert find_quantities(text) == []


# --- counts that look like exclusions but are statistics ------------------------------------
COUNTS = [
    ("三人中有一人是电焊工", [3, 1]),
    ("新建一个县级公园和三个镇级公园", [1, 3]),
    ("该局将通过3个月时间", [3]),
    ("万亩茶园标准地", [10000]),
    ("努力实现规上工业产值破千亿的目标", [100000000000]),
]


@pytest.mark.parametrize(("text", "values"), COUNTS)
def test_counts(text: str, values: list[int]) -> None:
    assert [to_number(q.value) for q in find_quantities(text)] == values


def test_parse_quantity_without_a_number() -> None:
    assert parse_quantity("若干") is None


def test_to_number() -> None:
    assert to_number(Decimal("13700.00")) == 13700
    assert isinstance(to_number(Decimal("13700.00")), int)
    assert to_number(Decimal("56.54")) == 56.54


def test_numbers_without_a_unit_are_skipped_unread() -> None:
    """find_quantities reads no number `_unitless` calls unitless; it finds what reading every
    number and keeping those with a unit finds, on every line of the seeds."""

    def every_number_read(text: str) -> list[quantities.Quantity]:
        names = quoted_names(text)
        found = [(m, quantities._read(m, text)) for m in quantities._scan(text)]
        kept = [x for m, x in found if x and x.unit and not is_excluded(m, x.unit, text, names)]
        return quantities._with_halves(kept, text)

    lines = [
        line
        for page in SEED_PAGES
        for line in normalise(page.read_text(encoding="utf-8")).text.splitlines()
    ]
    assert sum(quantities._unitless(m) for line in lines for m in quantities._scan(line)) > 100
    assert all(find_quantities(line) == every_number_read(line) for line in lines)

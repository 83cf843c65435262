"""The vocabulary of the quantity grammar in `service.values.quantities`: hedge words, units and
their aliases, multipliers, the nouns that imply a unit, and the contexts that make a number
something other than a statistic. Data tables only, one comment per group (ANNOTATION.md
qualifier and unit; LABELLING.md S3-S7, N17-N19); every row is tested in
tests/values/test_quantities.py.
"""

import re
from collections.abc import Iterable
from decimal import Decimal

from schemas.vocab import Qualifier

# --- hedges (ANNOTATION.md qualifier; LABELLING.md S7) -----------------------------------------
# Longest first within each group, so "不超过" is read before "超过".
# A bound counts as the side it leaves open: "at least" (不少于, 不低于, 至少) is over like 以上,
# "at most" (不超过, 不高于, 最多, 以内) is under like 以下.
HEDGES_BEFORE: dict[str, Qualifier] = {
    "不超过": "under",
    "不高于": "under",
    "最多": "under",
    "直逼": "under",
    "逼近": "under",
    "将近": "under",
    "小于": "under",
    "低于": "under",
    "不到": "under",
    "不足": "under",
    "近": "under",
    "不少于": "over",
    "不低于": "over",
    "至少": "over",
    "大于": "over",
    "高于": "over",
    "超过了": "over",
    "超过": "over",
    "突破": "over",
    "逾": "over",
    "超": "over",
    "破": "over",
    "约为": "approx",
    "约有": "approx",
    "大约": "approx",
    "约": "approx",
}
# Before a round Chinese numeral only: "上百家单位", "上千人", "年产值上百亿元" reach the round
# number (over); "上一年" is a time, and "数百名" stays vague (VAGUE_BEFORE).
ROUND_HEDGES: dict[str, Qualifier] = {"上": "over"}
ROUND_NUMERALS = "百千万亿"
# Between the number and its unit ("1000余名", "300多人", "1.4亿余元").
HEDGES_INSIDE: dict[str, Qualifier] = {"余": "over", "多": "over"}
# "十几家", "二十几个": the odd units past a round Chinese numeral, read like 余 (over); only after
# 十/百/千/万, since "几十个" before a number is vague (VAGUE_BEFORE).
ODD_UNITS = "几"
ODD_AFTER = "十百千万"
# "50万元（含）以上": the bound includes its number, and is still the side it leaves open (N18).
INCLUSIVE = "（含）"
# After the unit. A bare "内" is no hedge: "在赴外的15天内" is the stay, not a bound (S6).
HEDGES_AFTER: dict[str, Qualifier] = {
    "以上": "over",
    "以下": "under",
    "以内": "under",
    "左右": "approx",
    "上下": "approx",
}


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --- units (ANNOTATION.md unit; LABELLING.md S3) -----------------------------------------------
# Aliases fold into the unit written in the output; a unit not listed here is written as is.
UNIT_ALIASES: dict[str, str] = {
    "名": "人",
    "块钱": "元",  # spoken: "六千块钱以上"
    "位": "人",
    "个人": "人",
    "个小时": "小时",
    "个班次": "班次",
    "人（次）": "人次",  # "248.7万人（次）", as some bulletins write person-times
    "周岁": "",  # never a statistic: an age (ages are left out, see NOT_AFTER)
}
# A hedge inside a duration's classifier: "3个多月" -> 3 个月 over, "两个余小时" -> 2 小时 over.
HEDGED_UNITS: dict[str, tuple[str, Qualifier]] = {
    f"个{hedge}{unit}": (UNIT_ALIASES.get(f"个{unit}", f"个{unit}"), qualifier)
    for hedge, qualifier in HEDGES_INSIDE.items()
    for unit in ("月", "小时")
}
UNITS: tuple[str, ...] = (
    # people and money
    "人次", "人", "元", "%",
    # organisations, things, actions
    "家次", "家", "个", "辆", "列", "套", "亩", "平方米", "米", "次", "场", "项", "件", "户",
    "篇", "台", "趟", "所", "起", "批", "支", "座", "条", "张", "本", "份", "架", "吨", "类",
    "间", "栋", "处", "种", "门", "元钱", "宗", "路", "部门",
    # counted sessions and runs, written as they are (ANNOTATION.md: 场次 stays)
    "场次", "班次", "架次", "辆/列/架次", "个百分点",
    # time and distance
    "年", "个月", "天", "小时", "分钟", "公里",
)  # fmt: skip
# "个人" is 人 unless 人 starts a noun of its own: "10个人社部门", "近900个人才需求" count 个.
NOT_PERSON_AFTER = "社才力民事口文工"
# Halves: "半个小时" -> 0.5 小时, "一个半月" -> 1.5 个月 (the half is added to the number).
HALF = "半"
HALF_UNITS: dict[str, str] = {"个半月": "个月", "个半小时": "小时", "年半": "年", "天半": "天"}
# Half of a whole is a definite share, written as a percentage (LABELLING.md N19, as 成): "一半",
# "半数" -> 50 %; a bare 半 only after a hedge ("过半", "近半"). Not "另一半" (a partner), and
# not a half of a unit ("过半年", "近半个月", "年过半百").
HALF_SHARE = Decimal(50)
HALF_SHARE_HEDGES: dict[str, Qualifier] = {"过": "over"}
NOT_HALF_SHARE_BEFORE = "另"
NOT_HALF_SHARE_AFTER = "百千万亿年月天日个小分周"
# Shares of ten, written as a percentage (ANNOTATION.md: "%" for rates): "三成" -> 30 %. Not the
# 成 that starts a word ("成立", "成交", "成员", "成本") or an idiom ("一成不变").
SHARES: dict[str, Decimal] = {"成": Decimal(10)}
SHARE_MAX = Decimal(10)  # "十成" is the whole; "30万成交" is no share
NOT_SHARE_AFTER = "立交本果员功长效就熟型品绩都分份年片批套规建群"  # "三五成群"
SHARE_WORDS = f"(?:{alternation(SHARES)})(?![{NOT_SHARE_AFTER}]|不变)"
# A digit after it is the next place down: "九成五" -> 95 %.
SHARE_DIGIT = f"(?<=[{''.join(SHARES)}])[一二三四五六七八九]"
# Durations: "过两天", "近一年来", "3年下来" are relative time frames, not measurements.
TIME_UNITS = frozenset({"年", "个月", "天", "小时", "分钟"})
# With a bare round Chinese numeral (百, 千, 万 with no digit before it), only these units make a
# literal amount ("万亩茶园", "千元"); with any other unit it is a figure of speech ("千家万户",
# "万人工位计划") unless a hedge makes it a count ("近百人", "超过百名").
ROUND_LITERAL_UNITS = frozenset({"亩", "元", "平方米", "公里"})

# Per cent written out: "百分之八" -> 8 %, "百分之一点五七" -> 1.57 %.
PERCENT = "百分之"
# A unit that starts a longer word is no unit there: "1.9万台币" is money, not machines,
UNIT_NOT_BEFORE: dict[str, str] = {"台": "币", "年": "级"}  # "一二年级" is a school grade

# --- multipliers -------------------------------------------------------------------------------
MULTIPLIERS: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "百": Decimal(10) ** 2,
}

# --- implicit units (LABELLING.md S3: "亩均效益8万" -> 元, "50多万外来务工人员" -> 人) ----------
# A number with no unit is read as 人 when a people noun follows it, as 元 when a money noun
# comes just before it; the quantity's span then covers that noun.
PEOPLE_NOUNS = (
    "人员", "人才", "人口", "员工", "职工", "工人", "务工者", "劳动者", "劳动力", "农民工",
    "学生", "大学生", "毕业生", "群众", "居民", "游客", "党员", "干部", "志愿者", "求职者",
    "学徒", "农民", "农牧民", "贫困户", "脱贫劳动力", "技能人才", "毕业生",
)  # fmt: skip
# After a people noun, a number with a multiplier and no unit counts people too: "新增技能人才
# 1.37万", "高校毕业生规模达到23.6万".
PEOPLE_LINK = "(?:规模|人数|总数|总量)?(?:达到|达|为|有|共|约|近|超过|突破|逾|超)?"
# A number with a multiplier and no unit before a counted noun takes the noun's unit: "5万岗位"
# -> 个 (ANNOTATION.md jobs_offered).
COUNTED_NOUNS: dict[str, str] = {"岗位": "个", "职位": "个"}
MONEY_NOUNS = (
    "产值", "投资", "效益", "收入", "销售额", "营收", "营业额", "利润", "税收", "资金", "工资",
    "薪资", "薪酬", "月薪", "年薪", "经费", "补贴", "奖励", "GDP",
)  # fmt: skip
# Words allowed between a money noun and its number: "产值破千亿", "效益8万", "投资达1亿".
MONEY_LINK = f"(?:达到|达|为|{alternation(HEDGES_BEFORE)})?"

# --- contexts that make a number something else (ANNOTATION.md, LABELLING.md S4-S5) ----------
NOT_BEFORE = frozenset("第+＋")  # ordinals, "1+3+N"
# A number that carries on a list of ordinals is one too: "第一、二批", "第3至5届".
_ORDINAL = "[\\d零一二两三四五六七八九十百]+"
_LIST_MARK = "[、和及至到~\\-—]"
ORDINAL_LIST = re.compile(f"第{_ORDINAL}(?:{_LIST_MARK}{_ORDINAL})*{_LIST_MARK}$")
# A number glued to one or two Latin letters is a code or a name: the train K6608次, G1234次,
# PM2.5; not an amount after a longer word ("GDP1.2万亿元").
LATIN_CODE = re.compile("(?<![A-Za-z])[A-Za-z]{1,2}$")
# Before a Chinese numeral: "数百名", "几十个", "上十"; 上 before 百/千/万/亿 is ROUND_HEDGES.
VAGUE_BEFORE = frozenset("数几上")
# "约" is a hedge only as a word of its own, not inside "签约", "预约", "节约".
NOT_HEDGE_YUE = "签预节制契邀合条违履特"
NOT_AFTER = ("+", "＋", "周年", "岁")
RELATIVE_BEFORE = frozenset("过这那")  # "过两天", "这两天"
NOT_RELATIVE_GUO = frozenset("通经超越度")  # "通过3个月时间" is a duration
RELATIVE_AFTER = ("来", "下来")  # "近一年来", "3年下来"
# A quoted run this short with no clause punctuation is a name or slogan ("“4+1”项目").
QUOTED_NAME_MAX = 16
CLAUSE_PUNCT = frozenset("，。！？；：…")  # "…" too: an ellipsis trails off speech
# Names built around a number: "年产200万台…项目", "30分钟职业技能培训圈", "万人工位计划".
# "年产值" is annual output, a measure ("年产值上百亿元"), not a capacity naming a project.
NAME_PREFIX = re.compile(r"年产(?!值)[^，。；！？、]{0,14}")
NAME_TAIL = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,8}?(?:计划|圈)")
# The article 一 ("一场", "一笔", "一批"); a count only for people ("三人中有一人") or beside
# another count ("一个县级公园和三个镇级公园").
ARTICLE_ONE_COUNTS = frozenset({"人"})
# 一 with a duration is a measurement (S6: "一个月时间") unless it names a time: after these
# ("有一天", "某一年", "同一天", "每一天", "这一年", "新的一年", "上一年", "前一天", "过去一年",
# "未来一年") or before a rhythm ("一年一度", "一天比一天", "一天到晚", "一个月月有活动": a doubled
# unit is "every"). "提前一天" measures.
TIME_REF_BEFORE = frozenset("有某同每这那哪的上下前后另比")
TIME_REF_WORDS = frozenset({"过去", "未来"})
MEASURED_BEFORE = frozenset({"提前"})
TIME_REF_AFTER = ("一", "比", "到晚")
COORDINATION = re.compile(r"[^，。；！？]{0,16}?[和及与、][零〇一二两三四五六七八九十百千\d]+")


def is_ideograph(char: str) -> bool:
    """One CJK unified ideograph (the basic block); False for "" and anything longer."""
    return len(char) == 1 and "\u4e00" <= char <= "\u9fff"


def is_quoted_name(inner: str) -> bool:
    """A quote's text (without its marks) that names something ("就业直通车"), not speech."""
    return len(inner) <= QUOTED_NAME_MAX and not any(c in CLAUSE_PUNCT for c in inner)

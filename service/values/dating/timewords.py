"""The vocabulary of Chinese time expressions, for `dating.dates` (what a time means) and
`dating.times` (where running text mentions one): relative words, periods of a year,
the prefixes and suffixes that do not change the time meant, the words counted from an occurrence
told before them, and the patterns of written dates, mentions and datelines. Data tables only, one
comment per group (ANNOTATION.md T2; LABELLING.md S9); tested through
tests/values/dating/test_dates.py and tests/values/dating/test_times.py.
"""

import re

# --- relative words (LABELLING.md S9, D1, D6, N7, N8, 003 N7) ---------------------------------
# Each gives a year offset from the publication year; precision is the year.
RELATIVE_YEARS: dict[str, int] = {
    "今年以来": 0, "今年来": 0, "今年": 0, "本年": 0, "全年": 0, "年内": 0,
    "截至目前": 0, "目前": 0, "日前": 0, "眼下": 0, "当前": 0, "近日": 0, "连日来": 0,
    "近期": 0, "春节期间": 0, "春节前": 0, "春节后": 0, "春节过后": 0, "节后": 0, "节前": 0,
    "年前": 0, "年初": 0, "年底": 0, "年末": 0, "前不久": 0, "不久前": 0,
    "现在": 0, "去年": -1, "上年": -1, "过去一年": -1, "过去的一年": -1, "前年": -2, "明年": 1,
    "来年": 1,
}  # fmt: skip
# A month counted from the publication month; precision is the month, or the day with one.
RELATIVE_MONTHS: dict[str, int] = {
    "本月": 0, "当月": 0, "这个月": 0, "上月": -1, "上个月": -1, "上一个月": -1, "下月": 1,
    "下个月": 1, "下一个月": 1,
}  # fmt: skip
# A period within one year takes its last month (ANNOTATION.md T2): "一季度" -> "2023-03".
LAST_MONTH: dict[str, int] = {
    "一季度": 3, "第一季度": 3, "二季度": 6, "第二季度": 6, "三季度": 9, "第三季度": 9,
    "前三季度": 9, "四季度": 12, "第四季度": 12, "上半年": 6, "下半年": 12,
}  # fmt: skip
# "前5个月", "前两个月": the months of the year up to the Nth.
_FIRST_MONTHS = ("两", "三", "四", "五", "六", "七", "八", "九", "十", "十一")
for _n, _word in enumerate(_FIRST_MONTHS, start=2):
    LAST_MONTH[f"前{_n}个月"] = LAST_MONTH[f"前{_word}个月"] = _n
PERIOD_OF_YEAR = re.compile(
    r"^(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|去年|明年|前年))?(?P<period>"
    + "|".join(sorted(LAST_MONTH, key=len, reverse=True))
    + ")$"
)
# --- relative days: a day offset from the publication day ------------------------------------
# Precision is the day when the publication date has one, else the publication's month or year.
RELATIVE_DAYS: dict[str, int] = {
    "今天": 0, "今日": 0, "今晨": 0, "昨天": -1, "昨日": -1, "昨晚": -1, "前天": -2, "明天": 1,
    "明日": 1,
}  # fmt: skip
_DAY_PARTS = ("上午", "下午", "中午", "晚上", "傍晚", "凌晨", "早上", "晚", "早")
# Prefixes and suffixes that do not change which day, month or year is meant.
PREFIXES_FIRST = ("截止到", "截至", "截止")  # before a range is split at "至"
PREFIXES = ("到", "于", "在", "自", "从")
SUFFIXES = (
    "上午", "下午", "中午", "晚上", "傍晚", "凌晨", "晚", "早", "前后", "前", "以前", "之前",
    "当天", "期间", "年度", "起", "止",
)  # fmt: skip
# A part of a year or a month names no finer time (S9): "今年初", "去年年底", "2024年内",
# "去年暑假" are the year; "10月底", "本月初", "十二月月底", "6月上旬" the month.
YEAR_PART = re.compile(
    "^(.+?年)年?(?:底|末|初|伊始|内|[春夏秋冬](?:季|天)?|暑假|寒假|暑期)$"
)  # a season is the year it falls in (S9)
MONTH_PART = re.compile("^(.+?月)份?月?(?:底|末|初|上旬|中旬|下旬)$")
# "两年前", "3个半月前" count back from the publication date ("ago"); "2023年前" and "2月前" are
# "by" a time and give that time (S9).
AGO = re.compile(
    "^(?!(?:19|20)\\d\\d年)[\\d一二两三四五六七八九十几]+(?:年|个半?月|天|周|星期|小时)半?(?:以|之)?前$"
)
# Open periods ("自2020年以来", "从2月7日起") hold from X to the publication date: within the
# publication month they take it, else the year they are reported in (T2), also when X cannot
# be known ("近年来", "近一年来", "政策落实以来").
# "至今", "到现在" close a period at the publication date too ("从2001年起至今", "去年到现在").
_TO_NOW = "(?:至今|迄今|到现在|到目前|到今天)"
OPEN_PERIOD = re.compile(
    f"^(?:自|从)(?P<x>.+?)(?:以来|起|开始){_TO_NOW}?$"
    f"|^(?:自|从)?(?P<z>.+?)(?:(?:以来|起|开始)?{_TO_NOW}|起)$"
    f"|^(?P<y>.+?)以来$"
)
OPEN_UNKNOWN = re.compile(r"^近\S*年来?$")

# --- words counted from an occurrence told before them (S9) -----------------------------------
# Forward: the rules backend resolves these against that occurrence (`resolve_forward`).
FORWARD_WORDS = ("会后", "随后", "随即", "此后", "之后", "过两天", "过几天", "过一天", "过三天")
# A clause ending so is counted forward too ("理顺了…后，", "在…的过程中，", "在赴外的15天内，");
# not "背后", "最后", "然后", "今后".
# The count is matched only from the start of its run of numerals: tried at every digit of a long
# run, each try would read to the run's end, quadratic in the run (30 KB of digits took 6 s).
_FORWARD_END = (
    r"(?:(?<![背落前最然今])后|过程中"
    r"|(?<![\d一二两三四五六七八九十几])(?!(?:19|20)\d\d年)[\d一二两三四五六七八九十几]+(?:天|日|周|个月|年)内)"
)
FORWARD_TAIL = re.compile(f"{_FORWARD_END}$")
# Backward, counted from an occurrence nothing dates, or an unplaceable future: no time.
NO_TIME = ("此前", "前期", "走访中", "下一步", "接下来", "日后", "届时", "今后")

# --- patterns, built from named parts ---------------------------------------------------------
_YEAR = r"(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|去年|明年|前年))"
_MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
# Months written in Chinese numerals ("九月", "十二月"), which jionlp does not read alone.
CN_MONTHS = {m: i for i, m in enumerate("一二三四五六七八九十", start=1)} | {"十一": 11, "十二": 12}
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])[日号]"
DATE = re.compile(f"^{_YEAR}?(?:{_MONTH}(?:{_DAY})?)?$")
DAY_ONLY = re.compile(r"^(3[01]|[12]\d|0?[1-9])[日号]$")
MONTH_DAY = re.compile(
    "^(?P<rel>" + "|".join(sorted(RELATIVE_MONTHS, key=len, reverse=True)) + ")"
    r"(?:(?P<day>3[01]|[12]\d|0?[1-9])[日号])?$"
)
# A range's ends: split first at a word (至, 到; not 冬至, 夏至) or a tilde, else at a dash.
RANGE_WORD = re.compile("(?<![冬夏])[至到]|[~～]")
RANGE_DASH = re.compile("——|--|[\u2014\u2013-]")

# Time mentions in running text, for the rules backend: written dates, relative words, open
# periods (kept whole so that they resolve to null), and date ranges (kept whole).
_WRITTEN = (
    r"(?:(?:19|20)\d\d年度?|今年|去年|明年|前年)?(?:(?:1[0-2]|0?[1-9])月(?:(?:3[01]|[12]\d|0?[1-9])[日号])?)"
    r"|(?:19|20)\d\d年度?"
)
_MENTION_CORE = f"(?:{_WRITTEN})(?:[至到](?:{_WRITTEN}|(?:3[01]|[12]\\d|0?[1-9])日))?"
# Days of the first lunar month fall in January or February of the publication year and are
# resolved by jionlp's lunar calendar ("正月十五" 2014 -> 2014-02-14); later lunar months can
# fall in either of two years, so they are left alone.
_LUNAR_NEW_YEAR = (
    r"(?:正月|大年)(?:初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?)"
)
# A range of months within a year: "今年1-4月份", "1至3月", "2023年1—11月".
_MONTH_SPAN = (
    r"(?:(?:19|20)\d\d年|今年|去年|明年|前年)?(?:1[0-2]|0?[1-9])(?:月份?)?"
    r"[-\u2014\u2013~～至到](?:1[0-2]|0?[1-9])月份?"
)
MONTH_RANGE = re.compile(
    r"^(?:自|从)?(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|去年|明年|前年))?"
    r"(?P<first>1[0-2]|0?[1-9])(?:月份?)?"
    r"(?:——|--|[-\u2014\u2013~～至到])(?P<last>1[0-2]|0?[1-9])月份?$"
)
# A festival told as the day something happened ("元宵节当天，…", "除夕，…"): one day of the year,
# of the lunar calendar resolved by jionlp. Not a name ("元宵节招聘会") nor a holiday period
# ("国庆期间", "春节前后", D6): only with a day word or before a clause mark.
_FESTIVAL = (
    r"(?:(?:今年|去年)的?)?(?:元宵佳?节|元宵|除夕|中秋节|端午节|重阳节|元旦|国庆节|(?:五一)?劳动节)"
    r"(?:当天|当日|这天|那天|上午|下午|晚上|当晚|早上|(?=[，,。；]))"
)
_PERIODS = "|".join(sorted(LAST_MONTH, key=len, reverse=True))
_WORDS = ("正月", "大年", *RELATIVE_YEARS, *LAST_MONTH, *RELATIVE_DAYS, *FORWARD_WORDS)
_WORDS += tuple(RELATIVE_MONTHS)
_WORDS += NO_TIME
MENTION = re.compile(
    # The lookahead only lets the scanner skip characters that cannot start a mention fast.
    f"(?=[\\d{''.join({w[0] for w in _WORDS})}自从截当近政元除中端重国五劳])"
    # A festival's day first, so that "今年元宵节当天" is not read as "今年"; then a period of a
    # year, so that "今年一季度" is not read as "今年".
    f"(?:{_FESTIVAL}|{_MONTH_SPAN}"
    f"|(?:(?:19|20)\\d\\d年|今年|去年|明年|前年)?(?:{_PERIODS})"
    f"|(?:自|从)(?:{_MENTION_CORE})(?:以来|起)"
    f"|(?:截至|截止)?(?:{_MENTION_CORE})(?:上午|下午|晚上|晚|底|初|中旬|上旬|下旬)?"
    f"|(?:截至|截止)?(?:{'|'.join(sorted(RELATIVE_YEARS, key=len, reverse=True))})"
    f"(?:年底|年初|年末|(?:1[0-2]|0?[1-9])月(?:底|初|(?:3[01]|[12]\\d|0?[1-9])日)?)?"
    f"|(?:{'|'.join(RELATIVE_DAYS)})(?:{'|'.join(_DAY_PARTS)})?"
    f"|(?:{'|'.join(sorted(RELATIVE_MONTHS, key=len, reverse=True))})"
    f"(?:(?:3[01]|[12]\\d|0?[1-9])[日号]|底|初|上旬|中旬|下旬)?"
    # A day of the month alone ("25日上午", "截至22日"); not a count of days ("15日内", "3日办")
    # nor a monthly rule ("每月10日").
    f"|(?<![\\d.月年号至到每])(?:截至|截止)?(?:3[01]|[12]\\d|0?[1-9])日(?:{'|'.join(_DAY_PARTS)})?"
    f"(?![内办前后起左以之工])"
    f"|{_LUNAR_NEW_YEAR}"
    f"|当天|当日|近年来|政策落实以来|{'|'.join((*FORWARD_WORDS, *NO_TIME))})"
)
# A clause that is an open period to now, whatever it starts from ("党的十八大以来，", "活动开展
# 以来，", "多年来，", "近几年，"): the year it is reported in (T2, `OPEN_PERIOD`, `OPEN_UNKNOWN`).
# Found whole, from the clause's start; a date inside it is found as a date instead.
OPEN_CLAUSE = re.compile(
    r"(?<![^，。；：！？\n])(?:[^，。；：！？\n]{1,16}?(?:以来|年来)|近[几些两三四五十\d]{0,2}年)(?=，)"
)
# A clause-opening adverbial counted forward ("理顺了…各项工作后，"); not "企业内". Found by its
# end, which is rare, then read back to the clause's start.
ADVERBIAL_END = re.compile(f"{_FORWARD_END}，")
ADVERBIAL_MAX = 25
CLAUSE_OPENS_AFTER = "，。；！？\n”"
NOT_IN_ADVERBIAL = "：“"
# Datelines: a web page's "2022-03-01 16:59:26" anywhere, or a line "2022年3月1日 星期二".
# Two patterns, not one alternation: each alone lets the scanner skip ahead to where it can
# start, which makes the search several times faster on a page.
DATELINE_WEB = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s+\d{1,2}:\d\d")
DATELINE_LINE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:星期.|$)", re.MULTILINE
)

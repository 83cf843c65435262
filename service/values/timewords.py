"""The vocabulary of Chinese time expressions, for `service.values.dates` (what a time means)
and `service.values.times` (where running text mentions one): relative words, periods of a year,
the prefixes and suffixes that do not change the time meant, the words counted from an occurrence
told before them, and the patterns of written dates, mentions and datelines. Data tables only, one
comment per group (ANNOTATION.md T2; LABELLING.md S9); tested through tests/values/test_dates.py and
tests/values/test_times.py.
"""

import re

# --- relative words (LABELLING.md S9, D1, D6, N7, N8, 003 N7) ---------------------------------
# Each gives a year offset from the publication year; precision is the year.
RELATIVE_YEARS: dict[str, int] = {
    "今年以来": 0, "今年来": 0, "今年": 0, "本年": 0, "全年": 0, "年内": 0,
    "截至目前": 0, "目前": 0, "日前": 0, "眼下": 0, "当前": 0, "近日": 0, "连日来": 0,
    "近期": 0, "春节期间": 0, "春节前": 0, "春节后": 0, "春节过后": 0, "节后": 0, "节前": 0,
    "年前": 0, "年初": 0, "年底": 0, "年末": 0, "前不久": 0, "不久前": 0,
    "去年": -1, "上年": -1, "过去一年": -1, "前年": -2, "明年": 1, "来年": 1,
}  # fmt: skip
# A period within one year takes its last month (ANNOTATION.md T2): "一季度" -> "2023-03".
LAST_MONTH: dict[str, int] = {
    "一季度": 3, "第一季度": 3, "二季度": 6, "第二季度": 6, "三季度": 9, "第三季度": 9,
    "前三季度": 9, "四季度": 12, "第四季度": 12, "上半年": 6, "下半年": 12,
}  # fmt: skip
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
    "年底", "年末", "年初", "上午", "下午", "中午", "晚上", "傍晚", "凌晨", "晚", "早", "前后",
    "前", "以前", "当天", "底", "末", "初", "上旬", "中旬", "下旬", "期间", "年度",
)  # fmt: skip
# Open periods ("自2020年以来", "从2月7日起") hold from X to the publication date: within the
# publication month they take it, else the year they are reported in (T2), also when X cannot
# be known ("近年来", "近一年来", "政策落实以来").
OPEN_PERIOD = re.compile(r"^(?:自|从)(?P<x>.+?)(?:以来|起|开始)$|^(?P<y>.+?)以来$")
OPEN_UNKNOWN = re.compile(r"^近\S*年来?$")

# --- words counted from an occurrence told before them (S9) -----------------------------------
# Forward: the rules backend resolves these against that occurrence (`resolve_forward`).
FORWARD_WORDS = ("会后", "随后", "随即", "此后", "之后", "过两天", "过几天", "过一天", "过三天")
# A clause ending so is counted forward too ("理顺了…后，", "在…的过程中，", "在赴外的15天内，");
# not "背后", "最后", "然后", "今后".
# The count is matched only from the start of its run of numerals: tried at every digit of a long
# run, each try would read to the run's end, quadratic in the run (30 KB of digits took 6 s).
_COUNT = "[\\d一二两三四五六七八九十几]"
_FORWARD_END = f"(?:(?<![背落前最然今])后|过程中|(?<!{_COUNT}){_COUNT}+(?:天|日|周|个月|年)内)"
FORWARD_TAIL = re.compile(f"{_FORWARD_END}$")
# Backward, counted from an occurrence nothing dates, or an unplaceable future: no time.
NO_TIME = ("此前", "前期", "走访中", "下一步", "接下来", "日后", "届时", "今后")

# --- patterns, built from named parts ---------------------------------------------------------
_YEAR = r"(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|去年|明年|前年))"
_MONTH = r"(?P<month>1[0-2]|0?[1-9])月"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])[日号]"
DATE = re.compile(f"^{_YEAR}?(?:{_MONTH}(?:{_DAY})?)?$")
DAY_ONLY = re.compile(r"^(3[01]|[12]\d|0?[1-9])[日号]$")
RANGE_SEP = re.compile("[至到~～\u2014\u2013-]")  # also em and en dash

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
    r"^(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|去年|明年|前年))?(?P<first>1[0-2]|0?[1-9])(?:月份?)?"
    r"[-\u2014\u2013~～至到](?P<last>1[0-2]|0?[1-9])月份?$"
)
_PERIODS = "|".join(sorted(LAST_MONTH, key=len, reverse=True))
_WORDS = ("正月", "大年", *RELATIVE_YEARS, *LAST_MONTH, *RELATIVE_DAYS, *FORWARD_WORDS)
_WORDS += NO_TIME
MENTION = re.compile(
    # The lookahead only lets the scanner skip characters that cannot start a mention fast.
    f"(?=[\\d{''.join({w[0] for w in _WORDS})}自从截当近政])"
    # A period of a year first, so that "今年一季度" is not read as "今年".
    f"(?:{_MONTH_SPAN}"
    f"|(?:(?:19|20)\\d\\d年|今年|去年|明年|前年)?(?:{_PERIODS})"
    f"|(?:自|从)(?:{_MENTION_CORE})(?:以来|起)"
    f"|(?:截至|截止)?(?:{_MENTION_CORE})(?:上午|下午|晚上|晚|底|初|中旬|上旬|下旬)?"
    f"|(?:截至|截止)?(?:{'|'.join(sorted(RELATIVE_YEARS, key=len, reverse=True))})"
    f"(?:年底|年初|年末|(?:1[0-2]|0?[1-9])月(?:底|初|(?:3[01]|[12]\\d|0?[1-9])日)?)?"
    f"|(?:{'|'.join(RELATIVE_DAYS)})(?:{'|'.join(_DAY_PARTS)})?"
    # A day of the month alone ("25日上午", "截至22日"); not a count of days ("15日内", "3日办")
    # nor a monthly rule ("每月10日").
    f"|(?<![\\d.月年号至到每])(?:截至|截止)?(?:3[01]|[12]\\d|0?[1-9])日(?:{'|'.join(_DAY_PARTS)})?"
    f"(?![内办前后起左以之工])"
    f"|{_LUNAR_NEW_YEAR}"
    f"|当天|当日|近年来|政策落实以来|{'|'.join((*FORWARD_WORDS, *NO_TIME))})"
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

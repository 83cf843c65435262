"""Time expressions in Chinese news -> ISO 8601 as ANNOTATION.md writes times. Pure.

Precision follows LABELLING.md S9: a day "2022-02-18", a month "2021-06", a year "2023", a day
with no knowable year "--02-18". Relative words ("今年", "去年", "目前") resolve against the
publication date passed in; nothing here reads the clock.

The forms the labelling conventions fix precisely (dates written out, the relative words of
S9, D1, D6, N7, N8) are read by the patterns below; jionlp parses the long tail. jionlp is the
only heavy import in the project and costs about 0.8 s, so it is imported on first use and its
import-time advert goes to a throwaway buffer, not to stdout (`laborlens extract | jq`).

>>> resolve_time("2月18日", "2022-02")
'2022-02-18'
>>> resolve_time("截至今年10月底", "2023-12")
'2023-10'
"""

import contextlib
import functools
import io
import re
import time
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from types import ModuleType
from typing import Any

# --- relative words (LABELLING.md S9, D1, D6, N7, N8, 003 N7) ---------------------------------
# Each gives a year offset from the publication year; precision is the year.
_RELATIVE_YEARS: dict[str, int] = {
    "今年以来": 0, "今年来": 0, "今年": 0, "本年": 0, "全年": 0, "年内": 0,
    "截至目前": 0, "目前": 0, "日前": 0, "眼下": 0, "当前": 0, "近日": 0, "连日来": 0,
    "近期": 0, "春节期间": 0, "春节前": 0, "春节后": 0, "春节过后": 0, "节后": 0, "节前": 0,
    "年前": 0, "年初": 0, "年底": 0, "年末": 0, "前不久": 0, "不久前": 0,
    "去年": -1, "上年": -1, "过去一年": -1, "前年": -2, "明年": 1, "来年": 1,
}  # fmt: skip
# A period within one year takes its last month (ANNOTATION.md T2): "一季度" -> "2023-03".
_LAST_MONTH: dict[str, int] = {
    "一季度": 3, "第一季度": 3, "二季度": 6, "第二季度": 6, "三季度": 9, "第三季度": 9,
    "前三季度": 9, "四季度": 12, "第四季度": 12, "上半年": 6, "下半年": 12,
}  # fmt: skip
_PERIOD_OF_YEAR = re.compile(
    r"^(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|去年|明年|前年))?(?P<period>"
    + "|".join(sorted(_LAST_MONTH, key=len, reverse=True))
    + ")$"
)
# --- relative days: a day offset from the publication day ------------------------------------
# Precision is the day when the publication date has one, else the publication's month or year.
_RELATIVE_DAYS: dict[str, int] = {
    "今天": 0, "今日": 0, "今晨": 0, "昨天": -1, "昨日": -1, "昨晚": -1, "前天": -2, "明天": 1,
    "明日": 1,
}  # fmt: skip
_DAY_PARTS = ("上午", "下午", "中午", "晚上", "傍晚", "凌晨", "早上", "晚", "早")
# Prefixes and suffixes that do not change which day, month or year is meant.
_PREFIXES_FIRST = ("截止到", "截至", "截止")  # before a range is split at "至"
_PREFIXES = ("到", "于", "在", "自", "从")
_SUFFIXES = (
    "年底", "年末", "年初", "上午", "下午", "中午", "晚上", "傍晚", "凌晨", "晚", "早", "前后",
    "前", "以前", "当天", "底", "末", "初", "上旬", "中旬", "下旬", "期间", "年度",
)  # fmt: skip
# Open periods ("自2020年以来", "从2月7日起") hold from X to the publication date: within the
# publication month they take it, else the year they are reported in (T2), also when X cannot
# be known ("近年来", "近一年来", "政策落实以来").
_OPEN_PERIOD = re.compile(r"^(?:自|从)(?P<x>.+?)(?:以来|起|开始)$|^(?P<y>.+?)以来$")
_OPEN_UNKNOWN = re.compile(r"^近\S*年来?$")

# --- words counted from an occurrence told before them (S9) -----------------------------------
# Forward: the rules backend resolves these against that occurrence (`resolve_forward`).
FORWARD_WORDS = ("会后", "随后", "随即", "此后", "之后", "过两天", "过几天", "过一天", "过三天")
# A clause ending so is counted forward too ("理顺了…后，", "在…的过程中，", "在赴外的15天内，");
# not "背后", "最后", "然后", "今后".
_FORWARD_END = (
    r"(?:(?<![背落前最然今])后|过程中|[\d一二两三四五六七八九十几]+(?:天|日|周|个月|年)内)"
)
_FORWARD_TAIL = re.compile(f"{_FORWARD_END}$")
# Backward, counted from an occurrence nothing dates, or an unplaceable future: no time.
_NO_TIME = ("此前", "前期", "走访中", "下一步", "接下来", "日后", "届时", "今后")

# --- patterns, built from named parts ---------------------------------------------------------
_YEAR = r"(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|去年|明年|前年))"
_MONTH = r"(?P<month>1[0-2]|0?[1-9])月"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])[日号]"
_DATE = re.compile(f"^{_YEAR}?(?:{_MONTH}(?:{_DAY})?)?$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T][\d:.]+)?$")
_NO_YEAR_ISO = re.compile(r"^--(\d\d)-(\d\d)$")
_DAY_ONLY = re.compile(r"^(3[01]|[12]\d|0?[1-9])[日号]$")
_RANGE_SEP = re.compile("[至到~～\u2014\u2013-]")  # also em and en dash
_SPACES = re.compile(r"\s+")
_LEADING_YEAR = re.compile(r"(\d{4})")
_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})

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
_MONTH_RANGE = re.compile(
    r"^(?:(?P<year>(?:19|20)\d\d)年|(?P<rel>今年|去年|明年|前年))?(?P<first>1[0-2]|0?[1-9])(?:月份?)?"
    r"[-\u2014\u2013~～至到](?P<last>1[0-2]|0?[1-9])月份?$"
)
_PERIODS = "|".join(sorted(_LAST_MONTH, key=len, reverse=True))
_WORDS = ("正月", "大年", *_RELATIVE_YEARS, *_LAST_MONTH, *_RELATIVE_DAYS, *FORWARD_WORDS)
_WORDS += _NO_TIME
_MENTION = re.compile(
    # The lookahead only lets the scanner skip characters that cannot start a mention fast.
    f"(?=[\\d{''.join({w[0] for w in _WORDS})}自从截当近政])"
    # A period of a year first, so that "今年一季度" is not read as "今年".
    f"(?:{_MONTH_SPAN}"
    f"|(?:(?:19|20)\\d\\d年|今年|去年|明年|前年)?(?:{_PERIODS})"
    f"|(?:自|从)(?:{_MENTION_CORE})(?:以来|起)"
    f"|(?:截至|截止)?(?:{_MENTION_CORE})(?:上午|下午|晚上|晚|底|初|中旬|上旬|下旬)?"
    f"|(?:截至|截止)?(?:{'|'.join(sorted(_RELATIVE_YEARS, key=len, reverse=True))})"
    f"(?:年底|年初|年末|(?:1[0-2]|0?[1-9])月(?:底|初|(?:3[01]|[12]\\d|0?[1-9])日)?)?"
    f"|(?:{'|'.join(_RELATIVE_DAYS)})(?:{'|'.join(_DAY_PARTS)})?"
    # A day of the month alone ("25日上午", "截至22日"); not a count of days ("15日内", "3日办")
    # nor a monthly rule ("每月10日").
    f"|(?<![\\d.月年号至到每])(?:截至|截止)?(?:3[01]|[12]\\d|0?[1-9])日(?:{'|'.join(_DAY_PARTS)})?"
    f"(?![内办前后起左以之工])"
    f"|{_LUNAR_NEW_YEAR}"
    f"|当天|当日|近年来|政策落实以来|{'|'.join((*FORWARD_WORDS, *_NO_TIME))})"
)
# A clause-opening adverbial counted forward ("理顺了…各项工作后，"); not "企业内". Found by its
# end, which is rare, then read back to the clause's start.
_ADVERBIAL_END = re.compile(f"{_FORWARD_END}，")
_ADVERBIAL_MAX = 25
_CLAUSE_OPENS_AFTER = "，。；！？\n”"
_NOT_IN_ADVERBIAL = "：“"
# Datelines: a web page's "2022-03-01 16:59:26" anywhere, or a line "2022年3月1日 星期二".
# Two patterns, not one alternation: each alone lets the scanner skip ahead to where it can
# start, which makes the search several times faster on a page.
_DATELINE_WEB = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s+\d{1,2}:\d\d")
_DATELINE_LINE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:星期.|$)", re.MULTILINE
)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression in text; `start`/`end` are offsets, end exclusive."""

    start: int
    end: int
    expr: str


def resolve_time(expr: str | None, published: str | None) -> str | None:
    """A time expression (or ISO date) + the publication date -> ISO 8601, or None.

    >>> resolve_time("从2月7日起", "2022-03-01")  # an open period: the unit holding both ends
    '2022'
    """
    text = _clean(expr)
    if text is None:
        return None
    span = _MONTH_RANGE.match(text)
    if span is not None:  # a period within a year: its last month (T2)
        return _month_of_span(span, published, "last")
    m = _OPEN_PERIOD.match(text)
    if m is not None and text not in _RELATIVE_YEARS:
        return _common_unit(_resolve_since(m, published), published)
    if _OPEN_UNKNOWN.match(text) is not None:
        return _year_text(published)
    return _resolve_plain(text, published)


def resolve_start(expr: str | None, published: str | None) -> str | None:
    """As `resolve_time`, but an open period gives its start, as an event's date does (E3).

    >>> resolve_start("从2月7日起", "2022-03-01")
    '2022-02-07'
    """
    text = _clean(expr)
    span = _MONTH_RANGE.match(text) if text is not None else None
    if span is not None:
        return _month_of_span(span, published, "first")
    m = _OPEN_PERIOD.match(text) if text is not None else None
    if m is None or text in _RELATIVE_YEARS:
        return resolve_time(text, published)
    return _resolve_since(m, published)


def is_forward(expr: str) -> bool:
    """A time counted forward from an occurrence told before it ("会后", "随后", "过两天",
    "理顺了…后"), which `resolve_forward` places."""
    return expr in FORWARD_WORDS or (
        expr not in _RELATIVE_YEARS and _FORWARD_TAIL.search(expr) is not None
    )


def resolve_forward(anchor: str | None, published: str | None) -> str | None:
    """The ISO time of the occurrence a forward word counts from -> its month when the page was
    published in that month, else its year (S9); None when the anchor has no year.

    >>> resolve_forward("2022-02-18", "2022-02")
    '2022-02'
    >>> resolve_forward("2023-11", "2023-12")
    '2023'
    """
    if anchor is None or anchor.startswith("-"):
        return None
    if len(anchor) >= 7 and (published or "")[:7] == anchor[:7]:
        return anchor[:7]
    return anchor[:4]


def _clean(expr: str | None) -> str | None:
    return _SPACES.sub("", expr).translate(_FULLWIDTH) if expr else None


def _resolve_since(m: re.Match[str], published: str | None) -> str | None:
    """The start of an open period, when it is a written date or a relative word: "政策落实以来"
    starts at an occurrence this module cannot date."""
    since: str = m["x"] or m["y"]
    return _resolve_plain(since, published) if _MENTION.fullmatch(since) else None


def _common_unit(since: str | None, published: str | None) -> str | None:
    """The publication month when `since` falls in it, else the publication year (T2)."""
    if since and published and len(since) >= len("YYYY-MM") and since[:7] == published[:7]:
        return since[:7]
    return _year_text(published)


def _year_text(published: str | None) -> str | None:
    year = _year_of(published)
    return None if year is None else str(year)


def _resolve_plain(text: str, published: str | None) -> str | None:
    iso = _iso(text)
    if iso is not None or _NO_YEAR_ISO.match(text):
        return iso or text
    if text in ("当天", "当日") or text in _NO_TIME or is_forward(text):
        return None  # counted from an occurrence: only the rules backend knows which
    year = _year_of(published)
    text = _strip(text, _PREFIXES_FIRST)
    if text not in _RELATIVE_YEARS:
        text = _strip(_RANGE_SEP.split(text, maxsplit=1)[0] or text, ())
    known, word = _calendar_word(text, published)
    if known:
        return word
    written = _iso(text) or _written(text, year)  # "2023年度" is "2023" once stripped
    if written is not None:
        return written or None
    return _by_jionlp(text, published)


def find_published(text: str) -> str | None:
    """A dateline in the text ("2022-03-01 16:59:26", a line "2022年3月1日") -> ISO day."""
    found = [m for m in (_DATELINE_WEB.search(text), _DATELINE_LINE.search(text)) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())  # the first in the text; the web form on a tie
    return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"


def find_times(text: str) -> list[TimeMention]:
    """Every time expression in normalised text, in text order: written dates, relative words,
    and clause-opening adverbials counted forward ("理顺了…后") that hold none of those."""
    found = [TimeMention(m.start(), m.end(), m.group()) for m in _MENTION.finditer(text)]
    starts = [t.start for t in found]
    for m in _ADVERBIAL_END.finditer(text):
        start, end = _clause_start(text, m.start()), m.end() - 1
        if start is None:
            continue
        i = bisect_left(starts, start)
        if i < len(found) and found[i].start < end:
            continue  # a date inside dates it
        found.insert(i, TimeMention(start, end, text[start:end]))
        starts.insert(i, start)
    return found


def _clause_start(text: str, at: int) -> int | None:
    """Start of the clause holding `at` if it opens after clause punctuation (or the text's
    start) within `_ADVERBIAL_MAX` characters and quotes or introduces nothing."""
    for i in range(at - 1, max(-1, at - _ADVERBIAL_MAX), -1):
        c = text[i]
        if c in _CLAUSE_OPENS_AFTER:
            return i + 1 if i + 1 < at else None
        if c in _NOT_IN_ADVERBIAL:
            return None
    return 0 if at < _ADVERBIAL_MAX else None


def _iso(text: str) -> str | None:
    m = _ISO.match(text)
    if m is None:
        return None
    parts = [m[1]] + [f"{int(p):02d}" for p in m.groups()[1:] if p]
    return "-".join(parts)


def _strip(text: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    if text in _RELATIVE_YEARS:
        return text
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    changed = True
    while changed and text not in _RELATIVE_DAYS:  # "昨晚" is a day, not "昨" + "晚"
        changed = False
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    return text


def _month_of_span(span: re.Match[str], published: str | None, end: str) -> str | None:
    year = _year_of(published)
    if span["year"]:
        year = int(span["year"])
    elif span["rel"] and year is not None:
        year += _RELATIVE_YEARS[span["rel"]]
    return None if year is None else f"{year}-{int(span[end]):02d}"


def _calendar_word(text: str, published: str | None) -> tuple[bool, str | None]:
    """(True, ISO or None) for a word counted from the publication date ("去年", "一季度",
    "22日", "昨天"); (False, None) for any other text."""
    year = _year_of(published)
    if text in _RELATIVE_YEARS:
        return True, None if year is None else str(year + _RELATIVE_YEARS[text])
    period = _PERIOD_OF_YEAR.match(text)
    if period is not None:
        return True, _last_month(period, year)
    day = _DAY_ONLY.match(text)
    if day is not None:
        return True, _day_of_month(int(day[1]), published)
    if text in _RELATIVE_DAYS:
        return True, _shift_day(published, _RELATIVE_DAYS[text])
    return False, None


def _last_month(period: re.Match[str], year: int | None) -> str | None:
    if period["year"]:
        year = int(period["year"])
    elif period["rel"]:
        year = None if year is None else year + _RELATIVE_YEARS[period["rel"]]
    return None if year is None else f"{year}-{_LAST_MONTH[period['period']]:02d}"


def _day_of_month(day: int, published: str | None) -> str | None:
    """ "22日" in news: that day of the publication month, or of the month before when the
    publication day is earlier; a publication date without a day gives its month's day."""
    iso = _iso(_clean(published) or "")
    if iso is None or len(iso) < len("2024-02"):
        return None
    first = date.fromisoformat(iso[:7] + "-01")
    if len(iso) == len("2024-02-21") and day > int(iso[8:]):
        first = (first - timedelta(days=1)).replace(day=1)
    try:
        return first.replace(day=day).isoformat()
    except ValueError:  # "31日" in a month of 30 days
        return None


def _shift_day(published: str | None, days: int) -> str | None:
    """The publication day moved by `days` ("2024-02-21", -1 -> "2024-02-20"); a publication
    date without a day gives its month or year: which day is meant cannot be known."""
    iso = _iso(_clean(published) or "")
    if iso is None or len(iso) < len("2024-02-21"):
        return iso
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def _year_of(published: str | None) -> int | None:
    m = _LEADING_YEAR.match(published or "")
    return int(m[1]) if m else None


def _written(text: str, year: int | None) -> str | None:
    """ "2月18日", "2021年6月", "今年10月" -> ISO; "" when the year cannot be known for a month;
    None when the text is not a written date."""
    m = _DATE.match(text)
    if m is None or not (m["year"] or m["rel"] or m["month"]):
        return None
    if m["year"]:
        y: int | None = int(m["year"])
    elif m["rel"]:
        y = None if year is None else year + _RELATIVE_YEARS[m["rel"]]
    else:
        y = year
    if not m["month"]:
        return "" if y is None else str(y)
    month = f"{int(m['month']):02d}"
    if y is None:
        return f"--{month}-{int(m['day']):02d}" if m["day"] else ""
    return f"{y}-{month}" + (f"-{int(m['day']):02d}" if m["day"] else "")


def _by_jionlp(text: str, published: str | None) -> str | None:
    year = _year_of(published)
    if year is None:
        return None  # jionlp would fall back to the clock
    base = time.mktime(time.strptime(_base_day(published or str(year)), "%Y-%m-%d"))
    try:
        parsed: dict[str, Any] = _jionlp().parse_time(text, time_base=base)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    first: str = str(parsed["time"][0])[:10]
    last: str = str(parsed["time"][1])[:10]
    if first == last:
        return first
    if first[:7] == last[:7]:
        return first[:7]
    return first[:4] if first[:4] == last[:4] else None


def _base_day(published: str) -> str:
    """ "2022-02" -> "2022-02-01": the day relative words are counted from."""
    parts = [*published.split("-"), "01", "01"][:3]
    return "-".join(parts)


@functools.cache
def _jionlp() -> ModuleType:
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp  # noqa: PLC0415  heavy (about 0.8 s): loaded on first use only

    module: ModuleType = jionlp
    return module

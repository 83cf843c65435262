"""Time expressions in Chinese news -> ISO 8601 as ANNOTATION.md writes times. Pure.

Precision follows LABELLING.md S9: a day "2022-02-18", a month "2021-06", a year "2023", a day
with no knowable year "--02-18". Relative words ("今年", "去年", "目前") resolve against the
publication date passed in; nothing here reads the clock.

The forms the labelling conventions fix precisely (dates written out, the relative words of
S9, D1, D6, N7, N8) are read by the patterns in `dating.timewords`; jionlp parses the long
tail. jionlp is the only heavy import in the project and costs about 0.8 s, so it is imported on
first use and its import-time advert goes to a throwaway buffer, not to stdout (`laborlens
extract | jq`). Where running text mentions a time is `service.values.dating.times`.

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
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from service.values.dating.relative import calendar_word, iso, written_date, year_of
from service.values.dating.timewords import (
    AGO,
    FORWARD_TAIL,
    FORWARD_WORDS,
    MENTION,
    MONTH_PART,
    MONTH_RANGE,
    NO_TIME,
    OPEN_PERIOD,
    OPEN_UNKNOWN,
    PREFIXES,
    PREFIXES_FIRST,
    RANGE_DASH,
    RANGE_WORD,
    RELATIVE_DAYS,
    RELATIVE_YEARS,
    SUFFIXES,
    YEAR_PART,
)

# The clean-up of an expression before it is read: no spaces, half-width digits and signs.
_NO_YEAR_ISO = re.compile(r"^--(\d\d)-(\d\d)$")
_SPACES = re.compile(r"\s+")
_FULLWIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} | {"－": "-", "～": "~", "：": ":"}
)
# A date written with dashes or dots at the head of an expression, clock time and all, is one
# end of a range, not two ("2020-05-26", "1994.01-19", "2019.05.29 15:20").
_DATE_HEAD = re.compile(
    r"^(?:\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?|\d{1,2}-\d{1,2})(?:[-T]?\d{1,2}:\d\d(?::\d\d)?)?(?!\d)"
)
_SUFFIXES = sorted(SUFFIXES, key=len, reverse=True)  # "之前" before "前"
_NEW_YEARS_EVE = ("除夕", "大年三十", "年三十")
# A range's second end that names no year of its own takes the first end's ("8月11日至8月22日").
_NUM = "[\\d一二三四五六七八九十]+"
_BARE_END = re.compile(f"^(?:{_NUM}月份?)?(?:{_NUM}[日号]?)?$")


def resolve_time(expr: str | None, published: str | None) -> str | None:
    """A time expression (or ISO date) + the publication date -> ISO 8601, or None.

    >>> resolve_time("从2月7日起", "2022-03-01")  # an open period: the unit holding both ends
    '2022'
    >>> resolve_time("2017年8月11日至8月22日", "2021")  # a span of days: its start day
    '2017-08-11'
    """
    text = _clean(expr)
    if text is None:
        return None
    span = MONTH_RANGE.match(text)
    if span is not None:  # a period within a year: its last month (T2)
        return _month_of_span(span, published, "last")
    m = OPEN_PERIOD.match(text)
    if m is not None and text not in RELATIVE_YEARS:
        return _common_unit(_resolve_since(m, published), published)
    if OPEN_UNKNOWN.match(text) is not None:
        return _year_text(published)
    ends = _range_ends(text, published)
    if ends is not None:
        return _period(*ends, published)
    return _resolve_plain(text, published)


def resolve_start(expr: str | None, published: str | None) -> str | None:
    """As `resolve_time`, but an open period or a range gives its start, as an event's date
    does (E3).

    >>> resolve_start("从2月7日起", "2022-03-01")
    '2022-02-07'
    """
    text = _clean(expr)
    if text is None:
        return None
    span = MONTH_RANGE.match(text)
    if span is not None:
        return _month_of_span(span, published, "first")
    m = OPEN_PERIOD.match(text)
    if m is not None and text not in RELATIVE_YEARS:
        return _resolve_since(m, published)
    ends = _range_ends(text, published)
    return ends[0] if ends is not None else resolve_time(text, published)


def is_forward(expr: str) -> bool:
    """A time counted forward from an occurrence told before it ("会后", "随后", "过两天",
    "理顺了…后"), which `resolve_forward` places."""
    return expr in FORWARD_WORDS or (
        expr not in RELATIVE_YEARS and FORWARD_TAIL.search(expr) is not None
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
    """No spaces, half-width digits and signs, and no "截至" (by X is X, S9)."""
    if not expr:
        return None
    text = _SPACES.sub("", expr).translate(_FULLWIDTH)
    for prefix in PREFIXES_FIRST:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


def _resolve_since(m: re.Match[str], published: str | None) -> str | None:
    """The start of an open period, when it is a written date or a relative word: "政策落实以来"
    starts at an occurrence this module cannot date."""
    since: str = m["x"] or m["z"] or m["y"]
    return _resolve_plain(since, published) if MENTION.fullmatch(since) else None


def _common_unit(since: str | None, published: str | None) -> str | None:
    """The publication month when `since` falls in it, else the publication year (T2)."""
    if since and published and len(since) >= len("YYYY-MM") and since[:7] == published[:7]:
        return since[:7]
    return _year_text(published)


def _year_text(published: str | None) -> str | None:
    year = year_of(published)
    return None if year is None else str(year)


def _range_ends(text: str, published: str | None) -> tuple[str | None, str | None] | None:
    """The two ends of a range ("2017年8月11日至8月22日", "1999.08-2002.02"), resolved; the second
    takes the first's year when it names none; None when the text is no range."""
    if text in RELATIVE_YEARS or iso(text, published) is not None:
        return None
    head = _DATE_HEAD.match(text)
    at = head.end() if head else 0
    sep = RANGE_WORD.search(text, at) or RANGE_DASH.search(text, at)
    if sep is None or sep.start() == 0 or sep.end() == len(text):
        return None
    first_text, second_text = text[: sep.start()], text[sep.end() :]
    if first_text[-1].isdigit() and second_text[-1] in "日号月":  # "4月12-19日", "1-5月"
        first_text += second_text[-1]
    first = _resolve_plain(first_text, published)
    inherit = first is not None and not first.startswith("-") and _BARE_END.match(second_text)
    return first, _resolve_plain(second_text, first if inherit else published)


def _period(first: str | None, last: str | None, published: str | None) -> str | None:
    """A span of days gives its start day (E3, as written dates do); a period of months within
    a year its last month (T2); a period across years the year it is reported in (TP7)."""
    if first is None or last is None or len(first) == len("2024-02-18") or first[0] == "-":
        return first
    if first[:4] != last[:4]:
        return _year_text(published)
    return last[:7] if len(last) >= len("2024-02") else first


def _resolve_plain(text: str, published: str | None) -> str | None:
    found = iso(text, published)
    if found is not None or _NO_YEAR_ISO.match(text):
        return found or text
    if text in ("当天", "当日") or text in NO_TIME or is_forward(text):
        return None  # counted from an occurrence: only the rules backend knows which
    text = _strip(text)
    known, word = calendar_word(text, published)
    if known:
        return word
    written = iso(text, published) or written_date(text, year_of(published))
    if written is not None:  # "2023年度" is "2023" once stripped
        return written or None
    if text in _NEW_YEARS_EVE:
        return _eve_of_spring_festival(published)
    return _by_jionlp(text, published)


def _eve_of_spring_festival(published: str | None) -> str | None:
    """ "除夕" in news is the eve of the Spring Festival of the publication year, the last day of
    the lunar year before; jionlp counts it in the lunar year of the publication year, a year on."""
    day = _by_jionlp("春节", published)
    if day is None or len(day) != len("2024-02-10"):
        return None
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def _strip(text: str) -> str:
    """Without the prefixes and suffixes that do not change the time meant ("在2月18日前后"), and
    a part of a year or month named as the whole ("今年初" -> "今年", "10月底" -> "10月")."""
    if text in RELATIVE_YEARS:
        return text
    for prefix in PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    changed = True
    # "昨晚" is a day, not "昨" + "晚"; "年底前" is by 年底; "两年前" counts back.
    while changed and text not in RELATIVE_DAYS and text not in RELATIVE_YEARS:
        changed = False
        if AGO.match(text):
            break
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    part = YEAR_PART.match(text) or MONTH_PART.match(text)
    return part[1] if part is not None and text not in RELATIVE_YEARS else text


def _month_of_span(span: re.Match[str], published: str | None, end: str) -> str | None:
    year = year_of(published)
    if span["year"]:
        year = int(span["year"])
    elif span["rel"] and year is not None:
        year += RELATIVE_YEARS[span["rel"]]
    return None if year is None else f"{year}-{int(span[end]):02d}"


def _by_jionlp(text: str, published: str | None) -> str | None:
    year = year_of(published)
    if year is None:
        return None  # jionlp would fall back to the clock
    base = _base_day(published or str(year))
    try:
        parsed: dict[str, Any] = _jionlp().parse_time(
            text, time_base=time.mktime(time.strptime(base, "%Y-%m-%d"))
        )
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    span = parsed.get("time")
    if parsed.get("type") not in ("time_point", "time_span") or not isinstance(span, list):
        return None  # a duration or a frequency is no time
    first, last = str(span[0]), str(span[1])
    if "inf" in first or "inf" in last:
        return None  # open-ended: no time the annotation can write
    if last == f"{base} 00:00:00":  # a period up to the publication date
        return _common_unit(first[:10], published)
    return _unit_of_span(first[:10], last[:10], published)


def _unit_of_span(first: str, last: str, published: str | None) -> str | None:
    """A day; a period inside one month, that month (TP7); within one year, its last month (T2);
    across years, the year it is reported in (TP7)."""
    if first == last:
        return first
    if first[:4] != last[:4]:
        return _year_text(published)
    if first[5:] == "01-01" and last[5:] == "12-31":
        return first[:4]
    return last[:7]


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

"""Time expressions in Chinese news -> ISO 8601 as ANNOTATION.md writes times. Pure.

Precision follows LABELLING.md S9: a day "2022-02-18", a month "2021-06", a year "2023", a day
with no knowable year "--02-18". Relative words ("今年", "去年", "目前") resolve against the
publication date passed in; nothing here reads the clock.

The forms the labelling conventions fix precisely (dates written out, the relative words of
S9, D1, D6, N7, N8) are read by the patterns in `service.values.timewords`; jionlp parses the long
tail. jionlp is the only heavy import in the project and costs about 0.8 s, so it is imported on
first use and its import-time advert goes to a throwaway buffer, not to stdout (`laborlens
extract | jq`). Where running text mentions a time is `service.values.times`.

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

from service.values.timewords import (
    DATE,
    DAY_ONLY,
    FORWARD_TAIL,
    FORWARD_WORDS,
    LAST_MONTH,
    MENTION,
    MONTH_RANGE,
    NO_TIME,
    OPEN_PERIOD,
    OPEN_UNKNOWN,
    PERIOD_OF_YEAR,
    PREFIXES,
    PREFIXES_FIRST,
    RANGE_SEP,
    RELATIVE_DAYS,
    RELATIVE_YEARS,
    SUFFIXES,
)

# ISO forms, and the clean-up of an expression before it is read.
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T][\d:.]+)?$")
_NO_YEAR_ISO = re.compile(r"^--(\d\d)-(\d\d)$")
_SPACES = re.compile(r"\s+")
_LEADING_YEAR = re.compile(r"(\d{4})")
_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})


def resolve_time(expr: str | None, published: str | None) -> str | None:
    """A time expression (or ISO date) + the publication date -> ISO 8601, or None.

    >>> resolve_time("从2月7日起", "2022-03-01")  # an open period: the unit holding both ends
    '2022'
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
    return _resolve_plain(text, published)


def resolve_start(expr: str | None, published: str | None) -> str | None:
    """As `resolve_time`, but an open period gives its start, as an event's date does (E3).

    >>> resolve_start("从2月7日起", "2022-03-01")
    '2022-02-07'
    """
    text = _clean(expr)
    span = MONTH_RANGE.match(text) if text is not None else None
    if span is not None:
        return _month_of_span(span, published, "first")
    m = OPEN_PERIOD.match(text) if text is not None else None
    if m is None or text in RELATIVE_YEARS:
        return resolve_time(text, published)
    return _resolve_since(m, published)


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
    return _SPACES.sub("", expr).translate(_FULLWIDTH) if expr else None


def _resolve_since(m: re.Match[str], published: str | None) -> str | None:
    """The start of an open period, when it is a written date or a relative word: "政策落实以来"
    starts at an occurrence this module cannot date."""
    since: str = m["x"] or m["y"]
    return _resolve_plain(since, published) if MENTION.fullmatch(since) else None


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
    if text in ("当天", "当日") or text in NO_TIME or is_forward(text):
        return None  # counted from an occurrence: only the rules backend knows which
    year = _year_of(published)
    text = _strip(text, PREFIXES_FIRST)
    if text not in RELATIVE_YEARS:
        text = _strip(RANGE_SEP.split(text, maxsplit=1)[0] or text, ())
    known, word = _calendar_word(text, published)
    if known:
        return word
    written = _iso(text) or _written(text, year)  # "2023年度" is "2023" once stripped
    if written is not None:
        return written or None
    return _by_jionlp(text, published)


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
    if text in RELATIVE_YEARS:
        return text
    for prefix in PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    changed = True
    while changed and text not in RELATIVE_DAYS:  # "昨晚" is a day, not "昨" + "晚"
        changed = False
        for suffix in SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    return text


def _month_of_span(span: re.Match[str], published: str | None, end: str) -> str | None:
    year = _year_of(published)
    if span["year"]:
        year = int(span["year"])
    elif span["rel"] and year is not None:
        year += RELATIVE_YEARS[span["rel"]]
    return None if year is None else f"{year}-{int(span[end]):02d}"


def _calendar_word(text: str, published: str | None) -> tuple[bool, str | None]:
    """(True, ISO or None) for a word counted from the publication date ("去年", "一季度",
    "22日", "昨天"); (False, None) for any other text."""
    year = _year_of(published)
    if text in RELATIVE_YEARS:
        return True, None if year is None else str(year + RELATIVE_YEARS[text])
    period = PERIOD_OF_YEAR.match(text)
    if period is not None:
        return True, _last_month(period, year)
    day = DAY_ONLY.match(text)
    if day is not None:
        return True, _day_of_month(int(day[1]), published)
    if text in RELATIVE_DAYS:
        return True, _shift_day(published, RELATIVE_DAYS[text])
    return False, None


def _last_month(period: re.Match[str], year: int | None) -> str | None:
    if period["year"]:
        year = int(period["year"])
    elif period["rel"]:
        year = None if year is None else year + RELATIVE_YEARS[period["rel"]]
    return None if year is None else f"{year}-{LAST_MONTH[period['period']]:02d}"


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
    m = DATE.match(text)
    if m is None or not (m["year"] or m["rel"] or m["month"]):
        return None
    if m["year"]:
        y: int | None = int(m["year"])
    elif m["rel"]:
        y = None if year is None else year + RELATIVE_YEARS[m["rel"]]
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

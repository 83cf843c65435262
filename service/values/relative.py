"""Written dates and the words counted from the publication date ("去年", "一季度", "上月",
"22日", "昨天") -> ISO 8601, for `service.values.dates`. Pure; nothing here reads the clock.

>>> calendar_word("上月", "2021-06-14")
(True, '2021-05')
>>> written_date("2021年6月", None)
'2021-06'
"""

import re
from datetime import date, timedelta

from service.values.timewords import (
    CN_MONTHS,
    DATE,
    DAY_ONLY,
    LAST_MONTH,
    MONTH_DAY,
    PERIOD_OF_YEAR,
    RELATIVE_DAYS,
    RELATIVE_MONTHS,
    RELATIVE_YEARS,
)

# ISO forms: a date, perhaps with a clock time glued on by the removal of spaces
# ("2018-11-2918:59", "2021-09-12-11:23"), and a month and day of the publication year ("09-01").
_CLOCK = r"(?:[-T]?\d{1,2}[:：]\d\d(?:[:：]\d\d(?:\.\d+)?)?)?"
_ISO = re.compile(rf"^(\d{{4}})(?:-(\d{{1,2}})(?:-(\d{{1,2}}))?)?{_CLOCK}$")
_MONTH_DAY_ISO = re.compile(rf"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]){_CLOCK}$")
_LEADING_YEAR = re.compile(r"(\d{4})")


def iso(text: str, published: str | None = None) -> str | None:
    """ "2022-3-1" -> "2022-03-01"; "09-01" -> that day of the publication year; else None."""
    m = _ISO.match(text)
    if m is not None:
        return "-".join([m[1]] + [f"{int(p):02d}" for p in m.groups()[1:] if p])
    md = _MONTH_DAY_ISO.match(text)
    year = year_of(published)
    return None if md is None or year is None else f"{year}-{md[1]}-{md[2]}"


def year_of(published: str | None) -> int | None:
    m = _LEADING_YEAR.match(published or "")
    return int(m[1]) if m else None


def calendar_word(text: str, published: str | None) -> tuple[bool, str | None]:
    """(True, ISO or None) for a word counted from the publication date ("去年", "一季度", "上月",
    "22日", "昨天"); (False, None) for any other text."""
    year = year_of(published)
    if text in RELATIVE_YEARS:
        return True, None if year is None else str(year + RELATIVE_YEARS[text])
    period = PERIOD_OF_YEAR.match(text)
    if period is not None:
        return True, _last_month(period, year)
    month = MONTH_DAY.match(text)
    if month is not None:
        return True, _month_of(published, RELATIVE_MONTHS[month["rel"]], month["day"])
    day = DAY_ONLY.match(text)
    if day is not None:
        return True, _day_of_month(int(day[1]), published)
    if text in RELATIVE_DAYS:
        return True, _shift_day(published, RELATIVE_DAYS[text])
    return False, None


def written_date(text: str, year: int | None) -> str | None:
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
    month = f"{CN_MONTHS.get(m['month']) or int(m['month']):02d}"
    if y is None:
        return f"--{month}-{int(m['day']):02d}" if m["day"] else ""
    return f"{y}-{month}" + (f"-{int(m['day']):02d}" if m["day"] else "")


def _last_month(period: re.Match[str], year: int | None) -> str | None:
    if period["year"]:
        year = int(period["year"])
    elif period["rel"]:
        year = None if year is None else year + RELATIVE_YEARS[period["rel"]]
    return None if year is None else f"{year}-{LAST_MONTH[period['period']]:02d}"


def _month_of(published: str | None, shift: int, day: str | None) -> str | None:
    """The publication month moved by `shift` ("上月" -> -1), with a day of it if one is given;
    None when the publication date has no month."""
    found = iso(published or "")
    if found is None or len(found) < len("2024-02"):
        return None
    months = int(found[:4]) * 12 + int(found[5:7]) - 1 + shift
    month = f"{months // 12}-{months % 12 + 1:02d}"
    if day is None:
        return month
    try:
        return date.fromisoformat(f"{month}-{int(day):02d}").isoformat()
    except ValueError:  # "31日" in a month of 30 days
        return None


def _day_of_month(day: int, published: str | None) -> str | None:
    """ "22日" in news: that day of the publication month, or of the month before when the
    publication day is earlier; a publication date without a day gives its month's day."""
    found = iso(published or "")
    if found is None or len(found) < len("2024-02"):
        return None
    first = date.fromisoformat(found[:7] + "-01")
    if len(found) == len("2024-02-21") and day > int(found[8:]):
        first = (first - timedelta(days=1)).replace(day=1)
    try:
        return first.replace(day=day).isoformat()
    except ValueError:  # "31日" in a month of 30 days
        return None


def _shift_day(published: str | None, days: int) -> str | None:
    """The publication day moved by `days` ("2024-02-21", -1 -> "2024-02-20"); a publication
    date without a day gives its month or year: which day is meant cannot be known."""
    found = iso(published or "")
    if found is None or len(found) < len("2024-02-21"):
        return found
    return (date.fromisoformat(found) + timedelta(days=days)).isoformat()

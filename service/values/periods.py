"""An item's `time` -> the columns an analyst casts and buckets: first day, last day, grain. Pure.

`time` mixes grains ("2023", "2023-04", "2023-04-29") and, where no year can be known, a day
alone ("--02-18"). The columns make it a range of ISO dates an analyst can cast and filter;
a day with no year has no range, and its grain says why.

>>> time_columns("2023-02")
TimeColumns(start='2023-02-01', end='2023-02-28', grain='month')
>>> time_columns("--02-18")
TimeColumns(start=None, end=None, grain='unknown_year')
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from schemas.vocab import TimeGrain

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")  # written by no extraction today; read if met
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NO_YEAR = re.compile(r"^--\d{2}-\d{2}$")
_MONTHS_IN_A_QUARTER = 3


@dataclass(frozen=True, slots=True)
class TimeColumns:
    """The first and last day `time` covers (ISO dates, both inclusive), and its grain."""

    start: str | None
    end: str | None
    grain: TimeGrain


def time_columns(time: str | None) -> TimeColumns:
    """`time` as ANNOTATION.md writes it -> its columns; ValueError for a date that is no day
    ("2023-02-30") or a form ANNOTATION.md does not write."""
    if time is None:
        return TimeColumns(None, None, "none")
    if _NO_YEAR.match(time):
        return TimeColumns(None, None, "unknown_year")
    if m := _DAY.match(time):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return TimeColumns(day.isoformat(), day.isoformat(), "day")
    if m := _MONTH.match(time):
        return _months(int(m[1]), int(m[2]), int(m[2]), "month")
    if m := _QUARTER.match(time):
        last = int(m[2]) * _MONTHS_IN_A_QUARTER
        return _months(int(m[1]), last - _MONTHS_IN_A_QUARTER + 1, last, "quarter")
    if m := _YEAR.match(time):
        return _months(int(m[1]), 1, 12, "year")
    raise ValueError(f"not a time ANNOTATION.md writes: {time!r}")


def _months(year: int, first: int, last: int, grain: TimeGrain) -> TimeColumns:
    start = date(year, first, 1)
    end = date(year, last, calendar.monthrange(year, last)[1])
    return TimeColumns(start.isoformat(), end.isoformat(), grain)

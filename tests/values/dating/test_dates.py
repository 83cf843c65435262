"""Dates: expressions resolved against a publication date passed in; no clock."""

import io
from contextlib import redirect_stdout

import pytest

from service.values.dating.dates import is_forward, resolve_forward, resolve_start, resolve_time

# --- resolve_time --------------------------------------------------------------------------------
RESOLVED = [
    # written dates take the publication year when they have none
    ("2月18日", "2022-02", "2022-02-18"),
    ("2 月 20 日", "2022-02", "2022-02-20"),  # OCR spaces
    ("２月１８日", "2022-02", "2022-02-18"),  # full-width digits
    ("2月18日前后", "2022-03-01", "2022-02-18"),  # "around" a day is that day
    ("2023年", "2022", "2023"),
    ("2023年度", "2024-03", "2023"),
    ("2021年6月", "2022", "2021-06"),
    ("2月16日上午", "2022-03-01", "2022-02-16"),
    ("2月18日前", "2022-02", "2022-02-18"),
    ("截至2月20日", "2022-02", "2022-02-20"),
    ("截至今年10月底", "2023-12", "2023-10"),
    ("3月14日至3月15日", "2024-03", "2024-03-14"),  # a span: its start day
    # relative words
    ("今年", "2022-02", "2022"),
    ("去年", "2022", "2021"),
    ("去年年底", "2022-03-01", "2021"),
    ("过去一年", "2024-03", "2023"),
    ("今年以来", "2023-12", "2023"),
    ("截至目前", "2022", "2022"),
    ("日前", "2024-03", "2024"),
    ("春节期间", "2022", "2022"),
    ("一季度", "2022", "2022-03"),  # a period within a year: its last month (T2)
    ("2023年上半年", "2024-01-02", "2023-06"),
    ("前三季度", "2017-10-10", "2017-09"),
    ("去年四季度", "2024-01-20", "2023-12"),
    # relative days: the publication day moved; without a day, its month or year
    ("昨天", "2023-06-15", "2023-06-14"),
    ("昨日", "2023-03-01", "2023-02-28"),  # across a month's end
    ("前天", "2022-01-01", "2021-12-30"),  # across a year's end
    ("今天", "2023-06-15", "2023-06-15"),
    ("今日", "2023-06-15", "2023-06-15"),
    ("明天", "2023-06-15", "2023-06-16"),
    ("明日", "2023-06-30", "2023-07-01"),
    ("昨天下午", "2023-06-15", "2023-06-14"),
    ("昨晚", "2023-06-15", "2023-06-14"),
    ("今晨", "2023-06-15", "2023-06-15"),
    ("昨天", "2023-06", "2023-06"),  # which day cannot be known
    ("今天", "2023", "2023"),
    ("昨天", None, None),
    ("5月31日", "2023-06-01", "2023-05-31"),  # a written day the day before publication
    # ISO passes through
    ("2022-03-01", None, "2022-03-01"),
    ("2022-03", None, "2022-03"),
    ("--02-18", None, "--02-18"),
    # no year knowable
    ("2月18日", None, "--02-18"),
    ("今年", None, None),
    ("2月", None, None),
    # open periods: the smallest unit holding the start and the publication date (S9)
    ("从2月7日起", "2022-03-01", "2022"),
    ("从2月7日起", "2022-02-20", "2022-02"),
    ("自2月5日以来", "2022-03-01", "2022"),
    ("自2020年以来", "2022", "2022"),  # an open period: the year it is reported in (T2)
    ("近年来", "2022", "2022"),  # no knowable start: still the year reported in
    ("近一年来", "2022", "2022"),
    ("近年来", None, None),  # no year to report in
    ("政策落实以来", "2022", "2022"),
    # a day of the month alone: of the publication month, or the month before it
    ("截至22日", "2021-02-24", "2021-02-22"),
    ("25日上午", "2022-03-05", "2022-02-25"),
    ("31日", "2022-05-03", None),  # April has no 31st
    ("6日", "2024-03", "2024-03-06"),
    ("6日", None, None),
    ("从2月7日起", None, None),
    # counted from an occurrence: only the text around knows which
    ("当天", "2022-02", None),
    ("会后", "2022-02", None),
    ("过两天", "2022-02", None),
    # backward words and unplaceable futures
    ("此前", "2022-02", None),
    ("前期", "2022-02", None),
    ("下一步", "2022-02", None),
    ("届时", "2022-02", None),
    # junk
    ("垃圾", "2022", None),
    ("", "2022", None),
    (None, "2022", None),
]


@pytest.mark.parametrize(("expr", "published", "iso"), RESOLVED)
def test_resolve_time(expr: str | None, published: str | None, iso: str | None) -> None:
    assert resolve_time(expr, published) == iso


# --- issue 28: the forms that came back with nothing, or wrong ----------------------------------
ISSUE_28 = [
    # a part of a year is the year (S9), also glued to a relative year
    ("今年初", "2024-03-05", "2024"),
    ("去年底", "2024-03-05", "2023"),
    ("明年初", "2024-03-05", "2025"),
    ("明年底前", "2024-03-05", "2025"),  # by X is X
    ("2024年内", "2023-06", "2024"),  # a year, not a count of years counted forward
    ("去年暑假", "2024-03-05", "2023"),  # a season: the year it falls in
    ("十二月月底", "2024-03-05", "2024-12"),  # a part of a month is the month
    ("现在", "2024-03-05", "2024"),  # S9: 现在 is the publication year
    ("两年前", "2024-03-05", "2022"),  # counted back: not the duration 两年
    # open periods closed by 至今, 到现在 (T2)
    ("从2001年起至今", "2021-06-14", "2021"),
    ("2019年5月8日起", "2021-06-14", "2021"),
    ("去年到现在", "2021-06-14", "2021"),
    ("从6月3日起至今", "2021-06-14", "2021-06"),  # inside the publication month
    # ranges: split at the range mark, not inside a date written with dashes
    ("2020-05-26至2020-05-29", "2021-06-14", "2020-05-26"),  # a span of days: its start day
    ("自2020-05-26至2020-05-29止", "2021-06-14", "2020-05-26"),
    ("2019年4月12-19日", "2021-06-14", "2019-04-12"),  # the 日 is shared by both ends
    ("2019年1-五月", "2021-06-14", "2019-05"),  # months within a year: the last month (T2)
    ("2018年1－9月份", "2021-06-14", "2018-09"),  # a full-width dash
    ("2018年2——4月", "2021-06-14", "2018-04"),  # a doubled dash
    ("从2008年——2018年", "2021-06-14", "2021"),  # across years: the year reported in (TP7)
    ("1999.08-2002.02", "2021-06-14", "2021"),
    ("前年11月到去年3月", "2021-06-14", "2021"),
    ("2024年冬至", "2021-06-14", "2024-12-21"),  # 冬至 is a day, not a range mark
    # the long tail (jionlp): periods within a year take their last month, whole years the year
    ("2021年前两个季度", "2021-06-14", "2021-06"),
    ("二零二一年后三月", "2021-06-14", "2021-12"),
    ("上个季度", "2021-06-14", "2021-03"),
    ("上一年", "2021-06-14", "2020"),
    ("20年第52周", "2021-06-14", "2021"),  # a week across years: the year reported in
    ("近30天", "2021-06-14", "2021"),  # a period up to the publication date (T2)
    ("五个工作日", "2021-06-14", None),  # a duration is no time
    ("每年9月", "2021-06-14", None),  # nor a frequency
    # festivals of the lunar calendar: that day of the publication year
    ("元宵节当天", "2024-02-26", "2024-02-24"),
    ("今年元宵节当天", "2024-02-26", "2024-02-24"),
    ("元宵节", "2023-02-10", "2023-02-05"),
    # 除夕 is the eve of the publication year's Spring Festival, not of the next one
    ("除夕", "2024-02-26", "2024-02-09"),
    ("除夕当天", "2023-01-10", "2023-01-21"),
    ("大年三十", "2023-02-01", "2023-01-21"),
]


@pytest.mark.parametrize(("expr", "published", "iso"), ISSUE_28)
def test_resolve_time_issue_28(expr: str, published: str, iso: str | None) -> None:
    assert resolve_time(expr, published) == iso


STARTS = [
    # an event takes the start day of an open period or a span (E3)
    ("从2月7日起", "2022-03-01", "2022-02-07"),
    ("自2020年以来", "2022", "2020"),
    ("3月14日至3月15日", "2024-03", "2024-03-14"),
    ("今年以来", "2023-12", "2023"),
    ("近年来", "2023-12", "2023"),
    ("2月9日", "2022-02", "2022-02-09"),
    ("从2001年起至今", "2021-06-14", "2001"),
    ("2017年五月至2018年四月", "2021-06-14", "2017-05"),  # a range: its first end
]


@pytest.mark.parametrize(("expr", "published", "iso"), STARTS)
def test_resolve_start(expr: str, published: str, iso: str | None) -> None:
    assert resolve_start(expr, published) == iso


FORWARD = [
    # anchor, published, time: the anchor's month when published that month, else its year
    ("2022-02-18", "2022-02", "2022-02"),
    ("2022-02-18", "2022-03-01", "2022"),
    ("2023-11", "2023-12", "2023"),
    ("2023", "2023-12", "2023"),
    ("--02-18", "2022-02", None),  # no year: nothing to give
    (None, "2022-02", None),
]


@pytest.mark.parametrize(("anchor", "published", "iso"), FORWARD)
def test_resolve_forward(anchor: str | None, published: str, iso: str | None) -> None:
    assert resolve_forward(anchor, published) == iso


@pytest.mark.parametrize(
    ("expr", "forward"),
    [
        ("会后", True),
        ("随即", True),
        ("过两天", True),
        ("办妥手续后", True),
        ("在对接的过程中", True),
        ("在赴外的15天内", True),
        ("节后", False),  # a holiday: its year
        ("春节过后", False),
        ("此前", False),  # backward
        ("企业内", False),  # a place
        ("2月18日前后", False),  # "around", not "after"
        ("最后", False),
    ],
)
def test_is_forward(expr: str, forward: bool) -> None:
    assert is_forward(expr) is forward


def test_long_tail_goes_to_jionlp_without_printing() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        iso = resolve_time("国庆节", "2022-02")
    assert iso == "2022-10-01"
    assert out.getvalue() == ""

"""Dates: expressions resolved against a publication date passed in; no clock."""

import io
from contextlib import redirect_stdout

import pytest

from service.dates import find_published, find_times, resolve_time

# --- resolve_time --------------------------------------------------------------------------------
RESOLVED = [
    # written dates take the publication year when they have none
    ("2月18日", "2022-02", "2022-02-18"),
    ("2 月 20 日", "2022-02", "2022-02-20"),  # OCR spaces
    ("２月１８日", "2022-02", "2022-02-18"),  # full-width digits
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
    ("一季度", "2022", "2022"),
    # ISO passes through
    ("2022-03-01", None, "2022-03-01"),
    ("2022-03", None, "2022-03"),
    ("--02-18", None, "--02-18"),
    # no year knowable
    ("2月18日", None, "--02-18"),
    ("今年", None, None),
    ("2月", None, None),
    # open periods and junk
    ("自2020年以来", "2022", None),
    ("从2月7日起", "2022", None),
    ("垃圾", "2022", None),
    ("", "2022", None),
    (None, "2022", None),
]


@pytest.mark.parametrize(("expr", "published", "iso"), RESOLVED)
def test_resolve_time(expr: str | None, published: str | None, iso: str | None) -> None:
    assert resolve_time(expr, published) == iso


def test_long_tail_goes_to_jionlp_without_printing() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        iso = resolve_time("国庆节", "2022-02")
    assert iso == "2022-10-01"
    assert out.getvalue() == ""


# --- find_published -------------------------------------------------------------------------------
PUBLISHED = [
    ("您当前的位置\n2022-03-01 16:59:26金华市人民政府\n正文", "2022-03-01"),
    ("2022年3月1日 星期二\n正文", "2022-03-01"),
    ("2月9日，永康与平昌联合举办了一场招聘会。", None),
    ("2021年6月1日，永康与平昌结对开展帮扶。", None),  # a body date is no dateline
]


@pytest.mark.parametrize(("text", "iso"), PUBLISHED)
def test_find_published(text: str, iso: str | None) -> None:
    assert find_published(text) == iso


# --- find_times -----------------------------------------------------------------------------------
def test_find_times_keeps_spans_and_wholes() -> None:
    text = "3月14日至3月15日，我市召开例会。自2020年以来，开春。截至今年10月底，当天去年年底"
    found = [(t.expr, text[t.start : t.end]) for t in find_times(text)]
    assert [e for e, _ in found] == [
        "3月14日至3月15日",
        "自2020年以来",
        "截至今年10月底",
        "当天",
        "去年年底",
    ]
    assert all(e == s for e, s in found)

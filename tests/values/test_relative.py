"""Words counted from the publication date, and written dates (issue 28): relative months, ISO
dates with a clock time, months in Chinese numerals. Made-up sentences, one phenomenon per row."""

import pytest

from service.values.dates import resolve_time
from service.values.relative import calendar_word, iso, written_date
from service.values.times import find_times

# --- a month counted from the publication month ----------------------------------------------
MONTHS = [
    ("上月", "2024-03-05", "2024-02"),
    ("上个月", "2024-01-10", "2023-12"),  # across a year's end
    ("本月", "2024-03-05", "2024-03"),
    ("当月", "2024-03-05", "2024-03"),
    ("这个月", "2024-03-05", "2024-03"),
    ("下月", "2024-12-05", "2025-01"),
    ("上月15日", "2024-03-05", "2024-02-15"),  # a day of that month
    ("下个月9号", "2024-03-05", "2024-04-09"),
    ("上月31日", "2024-03-05", None),  # February has no 31st
    ("本月", "2024", None),  # which month cannot be known
]


@pytest.mark.parametrize(("word", "published", "time"), MONTHS)
def test_relative_month(word: str, published: str, time: str | None) -> None:
    assert calendar_word(word, published) == (True, time)


# In running text: found as a time, and resolved against the publication date.
SENTENCES = [
    ("上月，全市新增城镇就业1200人。", "2024-03-05", "2024-02"),
    ("本月初，100家企业进场招聘。", "2024-03-05", "2024-03"),
    ("当月共举办招聘会3场。", "2024-03-05", "2024-03"),
    ("上月15日，专场招聘会在市人力资源市场举行。", "2024-03-05", "2024-02-15"),
]


@pytest.mark.parametrize(("sentence", "published", "time"), SENTENCES)
def test_relative_month_in_a_sentence(sentence: str, published: str, time: str) -> None:
    [mention] = find_times(sentence)
    assert resolve_time(mention.expr, published) == time


# --- ISO dates: a clock time glued on, a month and day of the publication year ----------------
@pytest.mark.parametrize(
    ("text", "published", "found"),
    [
        ("2018-11-29", None, "2018-11-29"),
        ("2018-11-2918:59", None, "2018-11-29"),  # "2018-11-29 18:59" without its space
        ("2021-09-12-11:23", None, "2021-09-12"),
        ("09-01", "2021-06-14", "2021-09-01"),
        ("09-01", None, None),  # no year to give it
        ("1-3", "2021-06-14", None),  # not a zero-padded month and day
    ],
)
def test_iso(text: str, published: str | None, found: str | None) -> None:
    assert iso(text, published) == found


@pytest.mark.parametrize(
    ("text", "found"), [("九月", "2021-09"), ("十二月", "2021-12"), ("2019年十一月", "2019-11")]
)
def test_month_in_chinese_numerals(text: str, found: str) -> None:
    assert written_date(text, 2021) == found

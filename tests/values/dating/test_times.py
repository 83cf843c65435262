"""Times in running text: where each mention is, and a page's dateline."""

import time

import pytest

from service.values.dating.times import find_published, find_times

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


def test_find_times_takes_relative_days() -> None:
    text = "昨天下午，专列从火车站出发；今日上午抵达。前天，企业召开会议；明天还将举办"
    assert [t.expr for t in find_times(text)] == ["昨天下午", "今日上午", "前天", "明天"]


# A day word inside another word is no day: "昨" and "明" alone, "今年" is a year.
@pytest.mark.parametrize("text", ["明确了工作任务", "今年", "前期", "昨夜星辰"])
def test_find_times_day_words_need_the_whole_word(text: str) -> None:
    assert all(
        t.expr not in ("今天", "今日", "昨天", "昨日", "前天", "明天", "明日")
        for t in find_times(text)
    )


def test_find_times_takes_forward_adverbials_that_hold_no_date() -> None:
    text = (
        "办妥手续后，我们返回。2月20日到达该县后，我们开会。"
        "在这些数字背后，是汗水。企业内，工人忙碌。"
    )
    assert [t.expr for t in find_times(text)] == ["办妥手续后", "2月20日"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("截至22日，已有260万人返岗", ["截至22日"]),
        ("25日上午，专车抵达", ["25日上午"]),
        ("今年一季度，该省输出劳动力", ["今年一季度"]),
        ("2023年上半年，共举办招聘会", ["2023年上半年"]),
        # counts of days, rules and monthly days are no dates
        ("在15日内办结", []),
        ("一般问题3日办", []),
        ("每月10日发放工资", []),
        # a festival told as a day; not a festival in a name, nor a holiday period (D6)
        ("元宵节当天，该县举办招聘会", ["元宵节当天"]),
        ("今年元宵节当天，该县举办招聘会", ["今年元宵节当天"]),
        ("除夕，专车发车", ["除夕"]),
        ("元宵节招聘会现场人头攒动", []),
        ("国庆期间，该县走访企业", []),
        # a clause that is an open period to now, whatever it starts from
        ("党的十八大以来，该县累计转移就业5万人", ["党的十八大以来"]),
        ("甲文。“十四五”以来，该县累计转移就业5万人", ["“十四五”以来"]),
        ("活动开展以来，累计输送1.2万人", ["活动开展以来"]),
        ("多年来，该县累计转移就业5万人", ["多年来"]),
        ("近几年，该县每年转移就业5万人", ["近几年"]),
        # …not inside a clause, and a date inside it is found as the date
        ("该县是自古以来的劳务大县", []),
        ("自2月1日以来，累计输送1.2万人", ["自2月1日以来"]),
        ("2月1日春风行动开展以来，累计输送1.2万人", ["2月1日"]),
    ],
)
def test_days_and_periods_are_found_in_text(text: str, found: list[str]) -> None:
    assert [t.expr for t in find_times(text)] == found


# --- bounds ---------------------------------------------------------------------------------------
def test_a_count_of_days_ends_a_forward_adverbial_from_the_start_of_its_numerals() -> None:
    text = "甲文。在赴外的15天内，招到工人40名；3至５日内，返岗100人。"
    assert [t.expr for t in find_times(text)] == ["在赴外的15天内", "3至５日内"]


@pytest.mark.parametrize("digits", ["1" * 30_000, "1" * 15_000 + "天内，" + "2" * 15_000])
def test_thirty_kilobytes_of_digits_are_scanned_in_linear_time(digits: str) -> None:
    # The count in "15天内，" was tried from every digit of a run and read to its end each time:
    # quadratic, 6 s for 30 KB before.
    started = time.perf_counter()
    find_times(digits)
    elapsed = time.perf_counter() - started
    assert elapsed < 2, f"{elapsed:.1f}s"  # about 0.02 s

"""Rules backend, time lookup: the paragraph read back from an item equals the paragraph of the
whole-article reading (S9 step 3)."""

from bisect import bisect_left, bisect_right
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schemas.drafts import ChunkDraft
from service.extract.rules.backend import extract_drafts
from service.extract.rules.dating.time import paragraph_start
from service.extract.rules.text import QUESTION, analyse
from service.text.normalise import normalise
from tests.paths import SEED_PAGES

SEEDS = SEED_PAGES


def _paragraph_starts(text: str, answers: list[tuple[int, int]]) -> list[int]:
    """The whole-article reading, line by line: a prose line that ends no sentence runs on into
    the next line; an interview answer is one paragraph, joined to a question before it."""
    starts = [0]
    at = 0
    for raw in text.split("\n"):
        at += len(raw) + 1
        line = raw.rstrip()
        prose = "，" in line or "。" in line or "；" in line
        if not line or line.endswith(tuple("。！？…”」）)")) or not prose:
            starts.append(at)
    for open_at, close_at in answers:
        question = starts[bisect_left(starts, open_at) - 1] if open_at else 0
        asked = QUESTION.match(text, question) is not None
        starts = [s for s in starts if not (open_at < s < close_at or (asked and s == open_at))]
    return starts


def _drafts(text: str, published: str | None) -> ChunkDraft:
    return extract_drafts(text, published=published)


def _assert_same_paragraphs(text: str) -> None:
    article = analyse(text, None)
    starts = _paragraph_starts(text, article.answers)
    for at in range(len(text)):
        assert paragraph_start(article, at) == starts[bisect_right(starts, at) - 1], (text, at)


# --- paragraphs --------------------------------------------------------------------------------
PARAGRAPHS = [
    # text, offset, its paragraph's start
    ("该厂开工。\n工人返岗。", 7, 6),  # an ended line closes its paragraph
    ("据悉，今年以来，该县人\n社局新招工人。", 14, 0),  # a broken prose line runs on
    ("标题\n正文，正文。", 5, 3),  # a heading is no prose
    ("问：去年做了什么？\n答：该局认真履职。\n该局新招工人。", 20, 0),  # joins its question
    ("引言。\n答：该局认真履职。\n该局新招工人。", 16, 4),  # an answer with no question
    ("记者问道，\n答：该局认真履职。\n该局新招工人。", 18, 0),  # its opening line runs on
    ("引言。\n问：去年做了什么？\n答：该局认真履职。\n该局新招工人。", 24, 4),  # asked lower down
]


@pytest.mark.parametrize(("text", "at", "start"), PARAGRAPHS)
def test_paragraph_start(text: str, at: int, start: int) -> None:
    assert paragraph_start(analyse(text, None), at) == start


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_paragraphs_read_back_as_read_whole(path: Path) -> None:
    _assert_same_paragraphs(normalise(path.read_text(encoding="utf-8")).text)


_PIECES = ["问：", "答：", "。", "，", "；", "？", "”", "\n", "\n", " ", "字", "字字字"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_paragraphs_read_back_as_read_whole(text: str) -> None:
    _assert_same_paragraphs(text)


# --- the dated occurrence a figure speaks of (T1, third step) -----------------------------------
OCCURRENCES = [
    # text, quantity, published, time
    # a year word dates no occurrence: the fair's day
    (
        "去年，外出务工人员增多。3月5日，该县举办招聘会。\n本次招聘会吸引求职者800人。",
        "800人",
        "2022-04",
        "2022-03-05",
    ),
    # the fair's day, not the meeting's told before it
    (
        "3月2日，该县召开动员大会。3月5日，该县举办招聘会。\n本次招聘会吸引求职者800人。",
        "800人",
        "2022-04",
        "2022-03-05",
    ),
    # the ride's day, not the fair's
    (
        "3月2日，该县举办招聘会。3月5日，首批专车发车。\n专车共送出务工人员80人。",
        "80人",
        "2022-04",
        "2022-03-05",
    ),
    # "现场" as the scene returns to the story's day
    (
        "3月5日，该县举办招聘会。\n人社局把咨询台搬到现场，为800人答疑。",
        "800人",
        "2022-04",
        "2022-03-05",
    ),
    # "现场" as "on the spot" names no occurrence: the article's frame
    ("3月2日，该市召开大会。\n该市走访企业，现场解决问题35件。", "35件", "2022-04", "2022"),
    # no occurrence of the kind is dated: the story's own day
    ("3月5日，该县成立劳务工作站。\n现场招聘会上，40人达成意向。", "40人", None, "--03-05"),
    # employers and the posts they bring speak of the fair the article dates
    ("3月5日，该县举办招聘会。\n企业又拿出近20个就业岗位。", "近20个", "2022-04", "2022-03-05"),
    ("3月5日，该县举办招聘会。\n报名企业直逼300家。", "直逼300家", "2022-04", "2022-03-05"),
    ("3月5日，该县举办招聘会。\n共有80家企业参加。", "80家", "2022-04", "2022-03-05"),
    # "当天" opening a sentence dates its fair to the day named before it
    (
        "促就业行动昨天启动。当天，在春季招聘会上，3万人参加双选。\n国有企业330家。",
        "330家",
        "2023-03-17",
        "2023-03-16",
    ),
    # a back-reference to the story's meeting: its day, employers named or not
    ("3月5日，该县召开大会。\n会上，10家企业获评示范企业。", "10家", "2022-04", "2022-03-05"),
    # a job seekers' market is no fair held
    ("3月5日，人才市场管理办公室一行赴外。\n为企业招用新员工53人。", "53人", "2022-04", "2022"),
    # a standing rule keeps the publication year (TP3)
    (
        "3月5日，该县举办招聘会。\n对招用员工的企业按每人1000元的标准给予补贴。",
        "1000元",
        "2022-04",
        "2022",
    ),
    # a stock stated as current keeps the publication year (TP3)
    ("3月5日，该县举办招聘会。\n全县岗位总数达4000个。", "4000个", "2022-04", "2022"),
    # …and a dated sentence about posts is no fair: no fair dated, the article's frame
    ("3月5日，该县开发公益岗位50个。\n各地购买公益岗位4000个。", "4000个", "2022-04", "2022"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), OCCURRENCES)
def test_a_figure_about_an_occurrence_takes_its_day(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- periods that run up to the report (T2), and a year the page states (T3) --------------------
PERIODS = [
    # text, quantity, published, time
    # a period from a start to now: the smallest unit holding the start and the report
    ("自2月1日春风行动开展以来，该县累计举办招聘会20场。", "20场", "2022-04-20", "2022"),
    ("2月1日至今，该县累计举办招聘会20场。", "20场", "2022-04-20", "2022"),
    ("今年1月以来，该县已举办招聘会25场。", "25场", "2022-04-20", "2022"),
    ("自4月1日帮扶开展以来，该县累计输出劳动力300人。", "300人", "2022-04-20", "2022-04"),
    # an open period beside a dated event: the year reported in, not the event's day
    ("3月5日，该县举办招聘会。近年来，该县累计输出劳动力2万人。", "2万人", "2022-04-20", "2022"),
    # a start day with no period after it is still a day
    ("2月1日，该县举办招聘会，共有企业80家参会。", "80家", "2022-04-20", "2022-02-01"),
    # no publication date: an edition's year dates the page
    ("2023年春风行动期间，1月14日，该县举办招聘会，120家企业参会。", "120家", None, "2023-01-14"),
    (
        "该县2023年“春风行动”启动。\n1月14日，该县举办招聘会，120家企业参会。",
        "120家",
        None,
        "2023-01-14",
    ),
    # a year told as history dates nothing: the day keeps no year
    (
        "某县举办招聘会\n该县2007年起发展劳务经济。1月14日，该县举办招聘会，120家企业参会。",
        "120家",
        None,
        "--01-14",
    ),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), PERIODS)
def test_a_period_to_now_and_a_stated_year(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- "全年" is the whole of a year named before it (T1) ----------------------------------------
WHOLE_YEARS = [
    # text, quantity, published, time
    ("2016年度，该市全年共举办招聘会170场。", "170场", "2017-02-03", "2016"),
    # a later clause of the sentence: still the year before "全年"
    ("2016年度，该市全年共举办招聘会170场，其中公益性招聘会47场。", "47场", "2017-02-03", "2016"),
    # no year before it: the year reported in
    ("该市全年共举办招聘会170场。", "170场", "2017-02-03", "2017"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), WHOLE_YEARS)
def test_whole_year_takes_the_year_named_before(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- periods within a year and a plan's span of years (T2) -------------------------------------
SPANS = [
    # text, quantity, published, time
    ("今年前5个月，该县新增就业3000人。", "3000人", "2024-07-20", "2024-05"),  # its last month
    ("2023年前两个月，该县新增就业3000人。", "3000人", "2024-07-20", "2023-02"),  # a year named
    ("2024年至2026年，力争新增就业3000人。", "3000人", "2024-07-20", "2026"),  # a plan aims at
    # a fact over a longer period: the year reported in, not the span's end
    ("2024年至2026年，该县已新增就业3000人。", "3000人", "2027-01-20", "2027"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), SPANS)
def test_periods_and_spans(text: str, quantity: str, published: str | None, time: str) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


def test_a_period_of_a_year_is_no_statistic() -> None:
    assert [
        s.quantity for s in _drafts("今年前5个月，该县新增就业3000人。", "2024-07").statistics
    ] == ["3000人"]


# --- a comparison's base dates the base, not the change (TP1) -----------------------------------
COMPARISONS = [
    # text, quantity, published, time
    ("截至目前，该县已输出劳动力5万人，较去年同期增长12%。", "12%", "2024-05-20", "2024"),
    ("今年1至4月，该县新增就业1200人，比上年增加300人。", "300人", "2024-05-20", "2024-04"),
    ("与2022年相比，该县今年新增就业增加300人。", "300人", "2024-05-20", "2024"),
    # the base in the opening frames nothing: the figure is stated as current
    ("该县新增就业5万人，比去年同期增加1200人。", "5万人", "2024-05-20", "2024"),
    # a figure written inside the base is the base's own value
    ("该县新增就业1200人，去年同期为900人。", "900人", "2024-05-20", "2023"),
    ("求职人数为6000人，相比2015年同期（5000人）有所增加。", "5000人", "2017-02-03", "2015"),
    # a year that opens its sentence is no base
    ("去年，该县新增就业5万人，较上年增长3%。", "5万人", "2024-01-20", "2023"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), COMPARISONS)
def test_a_comparison_base_dates_no_change(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- the article's frame is a period it reports on, not a plan's time to come (T1) --------------
FRAMES = [
    # text, quantity, published, time
    (
        "本次招聘会吸引求职者2000余人，下月还将举办专场招聘会。",
        "2000余人",
        "2024-02-26",
        "2024",
    ),
    ("该县计划明年再建基地3个。\n现有劳务基地12个。", "12个", "2024-02-26", "2024"),
    # a plan's own period to come still frames the plan's targets
    ("明年，该县力争新增就业3000人。\n力争培训2万人次。", "2万人次", "2024-10-17", "2025"),
    ("明年，该县力争新增就业3000人。\n现有劳务基地12个。", "12个", "2024-10-17", "2024"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), FRAMES)
def test_a_frame_to_come_frames_only_targets(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- a festival's day (T1, T3) ------------------------------------------------------------------
def test_a_festival_day_dates_its_figures() -> None:
    text = "元宵节当天，该县举办招聘会，共有80家企业参加，计划下月再举办3场。"
    found = {s.quantity: s.time for s in _drafts(text, "2024-02-26").statistics}
    assert found == {"80家": "2024-02-24", "3场": "2024-03"}


# --- a fact is told after it happened (T3) -------------------------------------------------------
HINDSIGHT = [
    # text, quantity, published, time
    ("12月份，全市城镇调查失业率为5.1%。", "5.1%", "2024-01-15", "2023-12"),
    ("11月，全市新增就业1200人。", "1200人", "2024-02-15", "2023-11"),
    # a plan keeps its year; a date a few weeks on is a scheduled occurrence
    ("全市计划全年举办招聘会100场。", "100场", "2024-01-15", "2024"),
    ("2月8日，该县举办招聘会，80家企业参会。", "80家", "2024-02-06", "2024-02-08"),
    # a month written with its year keeps it
    ("今年12月，全市新增就业1200人。", "1200人", "2024-01-15", "2024-12"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), HINDSIGHT)
def test_a_fact_is_told_after_it_happened(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- a year after a place name: an act's time, or an edition's name ---------------------------
EDITIONS = [
    # text, quantity, published, time
    ("我市2023年新增就业2万人。", "2万人", "2024-03-15", "2023"),
    ("全县2023年共举办招聘会100场。", "100场", "2024-03-15", "2023"),
    # an edition's year names which fair, not when its figures hold
    ("滑县2023年春季招聘会吸引求职者2000人。", "2000人", "2024-03-15", "2024"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), EDITIONS)
def test_a_year_before_an_act_dates_it(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- a year's target aims at the year (T2) -------------------------------------------------------
ANNUAL_TARGETS = [
    # text, quantity, published, time
    ("一季度，全省输转劳动力387万人，完成年计划500万人的77%。", "500万人", "2022-04-03", "2022"),
    ("上半年，全省城镇登记失业率为4.1%，低于4.5%的控制目标。", "低于4.5%", "2017-08-11", "2017"),
    # the figure reported by the period keeps the period
    ("一季度，全省输转劳动力387万人，完成年计划500万人的77%。", "387万人", "2022-04-03", "2022-03"),
    # a share of the year's goal aimed at a period keeps the period
    ("一季度，该县力争完成全年任务的30%。", "30%", "2022-01-03", "2022-03"),
    # a time of the target's own clause is the time it aims at
    ("该县力争6月底前完成年度目标任务1万人。", "1万人", "2022-01-03", "2022-06"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), ANNUAL_TARGETS)
def test_a_years_target_aims_at_the_year(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- a past year inside a clause is history, not a frame (TP1, TP3) -----------------------------
HISTORY = [
    # text, quantity, published, time
    # the opening's history frames nothing: a figure stated as current
    ("该公司成立于2015年，主营汽车配件。\n全厂现有员工500人。", "500人", "2024-03-15", "2024"),
    # nor does it date a later clause of its sentence
    ("该公司成立于2015年，现有员工500人。", "500人", "2024-03-15", "2024"),
    # a year that opens its clause sets the frame of a summary told early in the next year
    ("2023年，全县经济平稳。\n全县新增就业2万人。", "2万人", "2024-01-15", "2023"),
    # …later in the year it opens background: the figures are the year's own
    ("2023年，全县经济平稳。\n全县新增就业2万人。", "2万人", "2024-08-15", "2024"),
    # in the figure's own clause a year still dates it
    ("该县于2015年新增就业2万人。", "2万人", "2024-03-15", "2015"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), HISTORY)
def test_a_past_year_inside_a_clause_is_history(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- a headline's figure takes the time of the body fact it restates (S11, N7) ------------------
HEADLINES = [
    # text, quantity, published, time
    (
        "新疆城镇新增就业44.5万人\n原标题：新疆城镇新增就业44.5万人\n截至9月底，全疆城镇新增就业44.5万人。",
        "44.5万人",
        "2017-11-09",
        "2017-09",
    ),
    (
        "近249万农牧民外出务工\n今年，近249万农牧民实现转移就业。截至11月底，转移248.7万人。",
        "近249万农牧民",
        "2011-12-21",
        "2011",
    ),
    # the same number, written otherwise
    (
        "重庆返岗复工农民工达260余万人\n目前，截至22日已有260余万农民工返岗复工。",
        "260余万人",
        "2021-02-24",
        "2021-02-22",
    ),
    # another number holding the same digits is no restatement: the article's frame
    ("该县78名务工人员返岗\n2月8日，178名务工人员乘车出发。", "78名", "2022-02-14", "2022"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), HEADLINES)
def test_a_headline_figure_takes_the_time_it_restates(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s, *_] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- in the sentence, a time leading its clause outranks one inside a clause (S9 step 2) ---------
LEADING = [
    # text, quantity, published, time
    (
        "2月8日，该县2022年春节期间“点对点”返岗欢送仪式在汽车站举行，两辆专车运送78名务工人员。",
        "78名",
        "2022-02-14",
        "2022-02-08",
    ),
    # a span leading its clause, with its prepositions, still leads it
    (
        "3月21日，记者获悉，从2月中旬至3月初，全省共组织招聘会148场。",
        "148场",
        "2016-03-22",
        "2016-03",
    ),
    ("他说：“从现在起至2月底，我们计划输送1.1万余名务工群众。”", "1.1万余名", "2024-02", "2024-02"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), LEADING)
def test_a_time_leading_its_clause_dates_the_sentence(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- a year in the clause, within a month its sentence set before it (T2) -----------------------
WITHIN_YEAR = [
    # text, quantity, published, time
    ("截至11月底，今年全区农村劳动力转移就业248.7万人。", "248.7万人", "2011-12-21", "2011-11"),
    ("1-9月，今年全省城镇新增就业82万人。", "82万人", "2023-10-20", "2023-09"),
    # a day dates an occurrence, not a period: the clause's own year stands
    ("2月8日，今年首趟专列运送1000名务工人员。", "1000名", "2023-02-14", "2023"),
    # a month of another year does not refine the clause's year
    ("截至9月底，2022年全省城镇新增就业82万人。", "82万人", "2023-10-20", "2022"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), WITHIN_YEAR)
def test_a_year_within_a_month_set_before_it(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- an occurrence begun on a day the paragraph names, up to now (T2) --------------------------
SINCE_BEGUN = [
    # text, quantity, published, time
    (
        "2月1日，全县启动春风行动。活动开展以来，全县累计输送务工人员1.2万人。",
        "1.2万人",
        "2023-03-10",
        "2023",
    ),
    (
        "2月1日，全县启动春风行动。行动启动至今，全县累计输送务工人员1.2万人。",
        "1.2万人",
        "2023-02-20",
        "2023-02",
    ),
    # an era or a long while, up to now: the year it is reported in, not the day told before
    (
        "3月5日，县里举办招聘会。党的十八大以来，该县累计转移就业5万人。",
        "5万人",
        "2023-03-10",
        "2023",
    ),
    ("3月5日，县里举办招聘会。多年来，该县累计转移就业5万人。", "5万人", "2023-03-10", "2023"),
    # no period running to now: the paragraph's day stands
    (
        "2月1日，全县启动春风行动。当天，全县输送务工人员1200人。",
        "1200人",
        "2023-03-10",
        "2023-02-01",
    ),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), SINCE_BEGUN)
def test_a_period_from_an_occurrence_begun_runs_to_the_report(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time


# --- a stock stated as current holds at the report, not on the paragraph's day (TP3) -----------
STOCKS = [
    # text, quantity, published, time
    (
        "3月5日，县里举办招聘会，50家企业参会。该县现有劳动力30万人。",
        "30万人",
        "2023-03-10",
        "2023",
    ),
    (
        "3月5日，县里举办招聘会，50家企业参会。该县常年在外务工5万人。",
        "5万人",
        "2023-03-10",
        "2023",
    ),
    # what the day's occurrence counts keeps the day
    (
        "3月5日，县里举办招聘会，50家企业参会。当天共有3000人进场。",
        "3000人",
        "2023-03-10",
        "2023-03-05",
    ),
    # a stock the sentence itself dates keeps that date
    ("3月5日，该县现有劳动力30万人。", "30万人", "2023-03-10", "2023-03-05"),
]


@pytest.mark.parametrize(("text", "quantity", "published", "time"), STOCKS)
def test_a_stock_holds_at_the_report(
    text: str, quantity: str, published: str | None, time: str
) -> None:
    [s] = [s for s in _drafts(text, published).statistics if s.quantity == quantity]
    assert s.time == time

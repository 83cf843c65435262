"""Oracle check: the gold items, fed back through the real LLM path (the fake server answers
each chunk with the gold items whose span lies in it, quantities quoted as the text writes
them; benchmarks/oracle.py), must come out again, in every structured-output mode and on every
eval set. Whatever is lost is pipeline loss: segmentation, chunking, grounding, number reading,
dedupe."""

import pytest

from benchmarks.oracle import MODES, quantity_text, run_oracle
from benchmarks.oracle_blind import _cell_errors, _code_errors
from schemas.results import Event, Statistic
from schemas.vocab import Mode
from service.evals.evaluate import load_cases
from service.evals.sets import EVAL_SETS
from tests.paths import ROOT

# Issue 13: the oracle may lose under 1 % of F1, and under 3 % of strict F1; issue 23: under 1 %
# of cell F1 (codes read in code from the places the oracle writes, indicators as gold gives them).
ORACLE_FLOOR = 0.99
ORACLE_STRICT_FLOOR = 0.97
ORACLE_CELL_FLOOR = 0.99
# The blind validation split has not reached all of those yet (issue 28; measured 2026-12-07, the
# same in every mode): statistics F1 0.9905 (2 units of two characters, 1 empty, 1 as written),
# strict 0.9834. Its cell F1 (division codes read from the places as written) went 0.957 -> 0.974
# for statistics and 0.931 -> 0.941 for events after issue 23's c23-codes, then to 0.9787 and
# 0.9804 after o23-oracle's general rules (well-known seats, outside a division, names back to
# back, renamed counties, one-character province pairs, province-named schools). The one venue
# left (5 statistics, 2 events at one venue) was found by probing the blind split's classes,
# so its seat is not in the table: fitting the split would void it. These floors keep what it
# reaches from falling; raise them as the losses are fixed, never lower them;
# `python -m benchmarks.oracle_blind` counts them by cause, the code stage's as
# `code:<field>:<kind>`, times, dates and indicators as `<kind>:<time error>`.
BLIND_FLOORS = {"matched": 0.99, "strict": 0.97, "cell": 0.978}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(EVAL_SETS))
def test_gold_survives_the_llm_path(
    name: str, mode: Mode, capsys: pytest.CaptureFixture[str]
) -> None:
    found = EVAL_SETS[name].under(ROOT)
    cases = load_cases(found.fixtures, found.texts)
    run = run_oracle(cases, mode)
    scores = run.scores
    with capsys.disabled():
        print(
            f"\noracle {name} {mode}: statistics F1 {scores.statistics.matched.f1:.4f} strict "
            f"{scores.statistics.strict.f1:.4f} cell {scores.statistics.cell.f1:.4f}, events F1 "
            f"{scores.events.matched.f1:.4f} strict {scores.events.strict.f1:.4f} cell "
            f"{scores.events.cell.f1:.4f}; {run.requests} requests"
        )
    # A blind set's text never reaches a log, not even in a failure message: assertion rewriting
    # prints the repr of whatever an assert names, so only plain floats and counts are asserted.
    misses = scores.statistics.misses + scores.events.misses
    lost = f"{len(misses)} misses" if found.blind else [m.evidence for m in misses]
    floors = (
        BLIND_FLOORS
        if found.blind
        else {"matched": ORACLE_FLOOR, "strict": ORACLE_STRICT_FLOOR, "cell": ORACLE_CELL_FLOOR}
    )
    below = [
        f"{kind} {level}"
        for kind in ("statistics", "events")
        for level, floor in floors.items()
        # matched and strict must beat their floor, cell may meet it (as before issue 28)
        if not _clears(float(getattr(getattr(scores, kind), level).f1), floor, level == "cell")
    ]
    grounding = float(scores.grounding_rate)
    ungrounded = sum(
        case.text[i.span[0] : i.span[1]] != i.evidence
        for case in cases
        for a in run.predictions[case.name].articles
        for i in (*a.statistics, *a.events)
    )
    if below or grounding != 1.0 or ungrounded:
        pytest.fail(
            f"below floor: {below}; grounding {grounding:.4f}; {ungrounded} spans off; lost: "
            f"{lost}",
            pytrace=not found.blind,
        )


def _clears(measured: float, floor: float, may_equal: bool) -> bool:
    return measured >= floor if may_equal else measured > floor


# The oracle quotes a quantity as the text writes it, read from the gold item alone.
QUOTES = [
    (1000, None, "人", "累计吸引1000余名求职者", "1000余名"),
    (140000000, None, "元", "追回劳动报酬1.4亿余元", "1.4亿余元"),
    (5000, 8000, "元", "月薪5000-8000元不等", "5000-8000元"),
    (500000, None, "人", "在本地的50多万外来务工人员", "50多万"),
    (30, None, "%", "超三成企业", "超三成"),
    (0.5, None, "小时", "车程半个小时", "半个小时"),
    (27, None, "桩", "调处纠纷27桩", "27桩"),
    (85, None, "%", "签约率达到百分之八十五", "百分之八十五"),
    (50, None, "%", "一半的企业已复工", "一半"),
    (50, None, "%", "过半员工来自外省", "过半"),
    (50, None, "%", "超过一半的岗位面向毕业生", "超过一半"),
    (50, None, "%", "近一半的求职者是女性", "近一半"),
    (50, None, "%", "不到一半的人签了合同", "不到一半"),
    (50, None, "%", "一半以上的工人已返岗", "一半以上"),
    (1, 2, "天", "培训一两天就能上岗", "一两天"),
    (3, 5, "天", "三五天就能到岗", "三五天"),
    (2, 3, "个月", "等了两三个月", "两三个月"),
]


@pytest.mark.parametrize(("value", "value_max", "unit", "evidence", "quoted"), QUOTES)
def test_the_oracle_quotes_as_written(
    value: float, value_max: float | None, unit: str, evidence: str, quoted: str
) -> None:
    assert quantity_text(value, value_max, unit, evidence) == quoted


def test_oracle_blind_counts_cells_the_code_stage_loses() -> None:
    gold = Event.model_validate(_EVENT | {"location_code": "511900", "origin_code": "511923"})
    same = gold.model_copy()
    coarse = gold.model_copy(update={"location_code": "510000", "origin_code": None})
    counts = _code_errors("events", [(gold, same), (gold, coarse)])
    assert counts == {
        "events:code:location_code:too_coarse_city_as_province": 1,
        "events:code:origin_code:predicted_null": 1,
    }


def test_cell_errors_count_times_dates_and_indicators_by_kind() -> None:
    gold = Event.model_validate(_EVENT)
    late = gold.model_copy(update={"date": "2024-02-21"})
    assert _cell_errors("events", [(gold, gold), (gold, late)]) == {"events:same_year_other_day": 1}
    statistic = Statistic(
        evidence="10人", span=(0, 3), metric="人", value=10, unit="人", time="2024",
        indicator="hires",
    )  # fmt: skip
    other = statistic.model_copy(update={"time": "2024-02", "indicator": "jobseekers"})
    assert _cell_errors("statistics", [(statistic, other)]) == {
        "statistics:gold_year_predicted_month": 1,
        "statistics:indicator:differs": 1,
    }


_EVENT = {
    "type": "recruitment_fair", "summary": "招聘会", "date": "2024-02-20", "location": "巴中",
    "evidence": "巴中举办招聘会", "span": (0, 7),
}  # fmt: skip

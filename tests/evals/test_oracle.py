"""Oracle check: the gold items, fed back through the real LLM path (the fake server answers
each chunk with the gold items whose span lies in it, quantities quoted as the text writes
them; benchmarks/oracle.py), must come out again, in every structured-output mode and on every
eval set. Whatever is lost is pipeline loss: segmentation, chunking, grounding, number reading,
dedupe."""

import pytest

from benchmarks.oracle import MODES, quantity_text, run_oracle
from schemas.vocab import Mode
from service.evals.evaluate import load_cases
from service.evals.sets import EVAL_SETS
from tests.paths import ROOT

# Issue 13: the oracle may lose under 1 % of F1, and under 3 % of strict F1; issue 23: under 1 %
# of cell F1 (codes read in code from the places the oracle writes, indicators as gold gives them).
ORACLE_FLOOR = 0.99
ORACLE_STRICT_FLOOR = 0.97
ORACLE_CELL_FLOOR = 0.99


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
    misses = scores.statistics.misses + scores.events.misses
    # A blind set's text never reaches a log, not even in a failure message: counts only.
    lost = f"{len(misses)} misses" if found.blind else [m.evidence for m in misses]
    for kind in (scores.statistics, scores.events):
        assert kind.matched.f1 > ORACLE_FLOOR, lost
        assert kind.strict.f1 > ORACLE_STRICT_FLOOR, lost
        assert kind.cell.f1 >= ORACLE_CELL_FLOOR, lost
    assert scores.grounding_rate == 1.0
    for case in cases:
        result = run.predictions[case.name]
        items = [i for a in result.articles for i in (*a.statistics, *a.events)]
        assert all(case.text[i.span[0] : i.span[1]] == i.evidence for i in items)


# The oracle quotes a quantity as the text writes it, read from the gold item alone.
QUOTES = [
    (1000, None, "人", "累计吸引1000余名求职者", "1000余名"),
    (140000000, None, "元", "追回劳动报酬1.4亿余元", "1.4亿余元"),
    (5000, 8000, "元", "月薪5000-8000元不等", "5000-8000元"),
    (500000, None, "人", "在本地的50多万外来务工人员", "50多万"),
    (30, None, "%", "超三成企业", "超三成"),
    (0.5, None, "小时", "车程半个小时", "半个小时"),
    (27, None, "桩", "调处纠纷27桩", "27桩"),
]


@pytest.mark.parametrize(("value", "value_max", "unit", "evidence", "quoted"), QUOTES)
def test_the_oracle_quotes_as_written(
    value: float, value_max: float | None, unit: str, evidence: str, quoted: str
) -> None:
    assert quantity_text(value, value_max, unit, evidence) == quoted

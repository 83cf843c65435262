"""The rules backend, scored against the gold fixtures, may not fall below the floor recorded
in evals/floor.json. Raise the floor when the backend improves; never lower it to go green."""

import asyncio
import json
from pathlib import Path

import pytest

from service.evals.evaluate import load_cases, predict, score_cases
from service.extract.rules.backend import RulesBackend

_ROOT = Path(__file__).resolve().parent.parent
_FLOOR = json.loads((_ROOT / "evals/floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules_scores():  # type: ignore[no-untyped-def]
    cases = load_cases(_ROOT / "evals/fixtures", _ROOT / "seeds")
    return score_cases(cases, asyncio.run(predict(cases, RulesBackend())))


@pytest.mark.parametrize("kind", ["statistics", "events"])
def test_rules_backend_holds_the_floor(rules_scores, kind: str) -> None:  # type: ignore[no-untyped-def]
    scores = getattr(rules_scores, kind)
    floor = _FLOOR["rules"][kind]
    measured = {"f1": scores.matched.f1, "strict_f1": scores.strict.f1}
    print(f"\nrules {kind}: {measured} floor {floor}")
    assert measured["f1"] >= floor["f1"], measured
    assert measured["strict_f1"] >= floor["strict_f1"], measured


def test_rules_output_is_fully_grounded(rules_scores) -> None:  # type: ignore[no-untyped-def]
    assert rules_scores.grounding_rate == 1.0

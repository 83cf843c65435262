"""The rules backend, scored against each gold set, may not fall below the floor recorded in
evals/floor.json. Raise the floor when the backend improves; never lower it to go green."""

import asyncio
import json

import pytest

from service.evals.evaluate import load_cases, predict, score_cases
from service.evals.score import Scores
from service.evals.sets import EVAL_SETS
from service.extract.rules.backend import RulesBackend
from service.settings import Settings
from tests.paths import ROOT

_FLOOR = json.loads((ROOT / "evals/floor.json").read_text(encoding="utf-8"))
OVERLAP = Settings.model_fields["chunk_overlap"].default
_SCORES: dict[str, Scores] = {}


def _scores(name: str) -> Scores:
    if name not in _SCORES:  # each set is extracted once for all its checks
        found = EVAL_SETS[name].under(ROOT)
        cases = load_cases(found.fixtures, found.texts)
        predicted = asyncio.run(predict(cases, RulesBackend(), overlap=OVERLAP))
        _SCORES[name] = score_cases(cases, predicted)
    return _SCORES[name]


def test_every_set_has_a_floor() -> None:
    assert sorted(_FLOOR["rules"]) == sorted(EVAL_SETS)


@pytest.mark.parametrize("kind", ["statistics", "events"])
@pytest.mark.parametrize("name", sorted(EVAL_SETS))
def test_rules_backend_holds_the_floor(name: str, kind: str) -> None:
    scores = getattr(_scores(name), kind)
    floor = _FLOOR["rules"][name][kind]
    measured = {"f1": scores.matched.f1, "strict_f1": scores.strict.f1}
    print(f"\nrules {name} {kind}: {measured} floor {floor}")
    assert measured["f1"] >= floor["f1"], measured
    assert measured["strict_f1"] >= floor["strict_f1"], measured


@pytest.mark.parametrize("name", sorted(EVAL_SETS))
def test_rules_output_is_fully_grounded(name: str) -> None:
    assert _scores(name).grounding_rate == 1.0

"""The gold fixtures obey ANNOTATION.md: every span holds its evidence, values are numbers,
closed sets are respected, nothing is labelled twice."""

import json
import math
from pathlib import Path

import pytest

from schemas.fixtures import Fixture
from schemas.vocab import INDICATORS, NATIONWIDE, UNITS
from service.evals.sets import EVAL_SETS
from service.values.divisions import division
from tests.paths import ROOT

# gold folder -> folder of the texts its spans index: the seeds, the made-up pages, the real set
_SETS = {s.fixtures.as_posix(): s.texts.as_posix() for s in EVAL_SETS.values()}
_FIXTURES = sorted(p for gold in _SETS for p in (ROOT / gold).glob("*.json"))


def _texts(path: Path) -> Path:
    return ROOT / _SETS[path.parent.relative_to(ROOT).as_posix()]


def _load(path: Path) -> tuple[Fixture, str]:
    fixture = Fixture.model_validate_json(path.read_text(encoding="utf-8"))
    with (_texts(path) / fixture.article).open(encoding="utf-8", newline="") as f:
        return fixture, f.read()


@pytest.mark.parametrize("gold", sorted(_SETS))
def test_every_seed_page_has_a_fixture(gold: str) -> None:
    fixtures = sorted((ROOT / gold).glob("*.json"))
    texts = sorted(p.name for p in (ROOT / _SETS[gold]).glob("*.txt"))
    assert fixtures
    assert sorted(_load(p)[0].article for p in fixtures) == texts


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda p: p.stem[:3])
def test_spans_hold_their_evidence(path: Path) -> None:
    fixture, text = _load(path)
    for item in [*fixture.statistics, *fixture.events]:
        assert text[item.span[0] : item.span[1]] == item.evidence, item


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda p: p.stem[:3])
def test_values_are_finite_numbers_and_units_known(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    for item in raw["statistics"]:
        for key in ("value", "value_max"):
            v = item[key]
            assert v is None or (type(v) in (int, float) and math.isfinite(v)), item
        assert item["unit"] in UNITS, item


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda p: p.stem[:3])
def test_nothing_is_labelled_twice(path: Path) -> None:
    fixture, _ = _load(path)
    stats = [(s.span, s.value, s.value_max, s.unit) for s in fixture.statistics]
    events = [(e.type, e.span) for e in fixture.events]
    assert len(stats) == len(set(stats))
    assert len(events) == len(set(events))


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda p: p.stem[:3])
def test_directions_only_on_transfers_and_cooperation(path: Path) -> None:
    fixture, _ = _load(path)
    for e in fixture.events:
        if e.type not in ("worker_transfer", "labor_cooperation"):
            assert e.origin is None, e
            assert e.destination is None, e


_CODE_KEYS = {
    "statistics": (("location", "location_code"),),
    "events": (
        ("location", "location_code"),
        ("origin", "origin_code"),
        ("destination", "destination_code"),
    ),
}


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda p: p.stem[:3])
def test_every_item_has_its_indicator_and_codes(path: Path) -> None:
    """Issue 23: the labels carry the indicator and every code explicitly (no default fills
    them), each code a division of jionlp's table or the country's, and null with its place."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    for item in raw["statistics"]:
        assert item["indicator"] in INDICATORS, item
    for kind, pairs in _CODE_KEYS.items():
        for item in raw[kind]:
            for place, code in pairs:
                assert code in item, (code, item)
                assert item[code] is None or _known(item[code]), item
                assert item[place] is not None or item[code] is None, item


def _known(code: str) -> bool:
    return code == NATIONWIDE or division(code) is not None

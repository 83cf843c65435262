"""Pathological pages end in time: every stage is linear in its input (STYLE §10).

Each page used to freeze the service: a clause repeated 2,000 times (65 s, cubic grounding), 30 KB
of digits (quadratic time pattern), many short lines with a number on each (quadratic look-ups
in the rules backend: no answer in 300 s). The budgets are generous, for two shared cores; the
measured times, far lower, are in benchmarks/README.md.
"""

import asyncio
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.results import DocumentResult
from service.errors import InputError
from service.extract.rules.backend import RulesBackend
from service.pipeline import run
from tests.paths import OVERLAP

PAGES = {
    "a clause repeated": ("100人，" * 2000, 15.0),
    "30 KB of digits": ("1" * 30_000, 10.0),
    "short lines with numbers": ("100人\n" * 20_000, 20.0),
    "100,000 short lines": ("短行\n" * 100_000, 30.0),
    "a forward word repeated": ("随后100人" * 2000, 15.0),
    "an interview of one-line answers": ("答：100人，\n" * 2000, 15.0),
    "a list of counts": ("100人、" * 2000, 15.0),
    # Each figure looked through every dated occurrence of the page (39 s for these 34 KB).
    "a dateline repeated": ("本报3月1日讯。本次招聘100人。" * 2000, 15.0),
    # Each figure read the whole paragraph back for a frame (a page with no line break).
    "a frame repeated": ("3月1日召开会议。本次招聘100人。" * 4000, 15.0),
}


def _extract(text: str) -> tuple[DocumentResult, float]:
    started = time.perf_counter()
    result = asyncio.run(run(text, backend=RulesBackend(), overlap=OVERLAP))
    return result, time.perf_counter() - started


def _assert_grounded(text: str, result: DocumentResult) -> None:
    for article in result.articles:
        for item in (*article.statistics, *article.events):
            assert text[item.span[0] : item.span[1]] == item.evidence


@pytest.mark.parametrize(("text", "budget"), PAGES.values(), ids=PAGES.keys())
def test_a_pathological_page_is_extracted_within_its_budget(text: str, budget: float) -> None:
    result, elapsed = _extract(text)
    assert elapsed < budget, f"{elapsed:.1f}s"
    _assert_grounded(text, result)


def test_each_repeat_of_a_clause_is_its_own_statistic() -> None:
    result, _ = _extract("100人，" * 2000)
    spans = [s.span for a in result.articles for s in a.statistics]
    assert len(spans) == len(set(spans)) == 2000


_UNIT_ALPHABET = "0123456789１人名万元年月日后随答：问，。、；\n“”（）招聘会企业家"


@settings(max_examples=12)
@given(unit=st.text(alphabet=_UNIT_ALPHABET, min_size=1, max_size=8))
def test_any_short_unit_repeated_to_ten_kilobytes_ends_in_time(unit: str) -> None:
    text = unit * (10_000 // len(unit.encode()))
    try:
        result, elapsed = _extract(text)
    except InputError:  # whitespace only
        assert not text.strip()
        return
    assert elapsed < 10.0, f"{unit!r}: {elapsed:.1f}s"
    _assert_grounded(text, result)

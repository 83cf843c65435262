"""Resolving a grounded draft: the quoted quantity must stand in the evidence; a unit the grammar
lacks is kept as written, with a warning; a quote with no usable number is dropped."""

import pytest

from schemas.drafts import StatisticDraft
from service.items.resolve import resolve_statistic


def _resolve(evidence: str, quantity: str):  # type: ignore[no-untyped-def]
    draft = StatisticDraft(evidence=evidence, quantity=quantity, metric="受理案件")
    span = (0, len(evidence))
    return resolve_statistic(draft, evidence, span, published="2024-03-01", chunk=3)


def test_a_unit_the_grammar_lacks_is_kept_as_written_with_a_warning() -> None:
    resolved = _resolve("全年受理欠薪纠纷27桩", "27桩")
    assert resolved.item is not None
    assert (resolved.item.value, resolved.item.unit, resolved.item.qualifier) == (27, "桩", "exact")
    assert resolved.warning is not None
    assert (resolved.warning.code, resolved.warning.chunk) == ("unit_as_written", 3)


def test_a_ratio_is_kept_with_no_unit() -> None:
    resolved = _resolve("求人倍率约为1.3", "约为1.3")
    assert resolved.item is not None
    assert (resolved.item.value, resolved.item.unit, resolved.item.qualifier) == (1.3, "", "approx")
    assert resolved.warning is not None
    assert resolved.warning.code == "unit_as_written"


def test_a_unit_the_grammar_knows_needs_no_warning() -> None:
    resolved = _resolve("现场共有186家企业参会", "186家")
    assert resolved.item is not None
    assert (resolved.item.value, resolved.item.unit) == (186, "家")
    assert resolved.warning is None


@pytest.mark.parametrize(
    ("evidence", "quantity", "code"),
    [
        ("全年受理欠薪纠纷27桩", "72桩", "number_not_in_evidence"),  # fabricated: not in the quote
        (
            "全年受理欠薪纠纷27桩",
            "27件",
            "number_not_in_evidence",
        ),  # a unit the text does not write
        ("新增1.37万", "1.37万", "unparsable_quantity"),  # a round number with no noun at all
        ("全年受理欠薪纠纷若干桩", "若干桩", "unparsable_quantity"),
    ],
)
def test_what_does_not_stand_in_the_evidence_is_dropped(
    evidence: str, quantity: str, code: str
) -> None:
    resolved = _resolve(evidence, quantity)
    assert resolved.item is None
    assert resolved.warning is not None
    assert resolved.warning.code == code


def test_the_models_indicator_is_kept_and_a_missing_one_is_read_from_the_quote() -> None:
    asked = StatisticDraft(
        evidence="提供岗位800个", quantity="800个", metric="岗位", indicator="other"
    )
    resolved = resolve_statistic(asked, asked.evidence, (0, 9), published=None, chunk=0)
    assert resolved.item is not None
    assert resolved.item.indicator == "other"
    older = asked.model_copy(update={"indicator": None})
    resolved = resolve_statistic(older, older.evidence, (0, 9), published=None, chunk=0)
    assert resolved.item is not None
    assert resolved.item.indicator == "jobs_offered"

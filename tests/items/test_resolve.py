"""Resolving a grounded draft: the quoted quantity must stand in the evidence; a unit the grammar
lacks is kept as written, with a warning; a quote with no usable number is dropped."""

import pytest

from schemas.drafts import EventDraft, StatisticDraft
from schemas.results import Statistic
from service.items.resolve import Resolved, resolve_event, resolve_statistic


def _resolve(evidence: str, quantity: str) -> Resolved[Statistic]:
    draft = StatisticDraft(evidence=evidence, quantity=quantity, metric="受理案件")
    span = (0, len(evidence))
    return resolve_statistic(draft, evidence, span, published="2024-03-01", chunk=3)


def test_a_unit_the_grammar_lacks_is_kept_as_written_with_a_warning() -> None:
    resolved = _resolve("全年受理欠薪纠纷27桩", "27桩")
    assert resolved.item is not None
    assert (resolved.item.value, resolved.item.unit, resolved.item.qualifier) == (27, "桩", "exact")
    assert [(w.code, w.chunk, w.detail) for w in resolved.warnings] == [
        ("unit_as_written", 3, "27桩 -> 桩")
    ]


def test_a_ratio_is_kept_with_no_unit() -> None:
    resolved = _resolve("求人倍率约为1.3", "约为1.3")
    assert resolved.item is not None
    assert (resolved.item.value, resolved.item.unit, resolved.item.qualifier) == (1.3, "", "approx")
    assert [w.code for w in resolved.warnings] == ["unit_as_written"]


def test_a_unit_the_grammar_knows_needs_no_warning() -> None:
    resolved = _resolve("现场共有186家企业参会", "186家")
    assert resolved.item is not None
    assert (resolved.item.value, resolved.item.unit) == (186, "家")
    assert resolved.warnings == ()


@pytest.mark.parametrize(
    ("evidence", "quantity", "code"),
    [
        ("全年受理欠薪纠纷27桩", "72桩", "number_not_in_evidence"),  # fabricated: not in the quote
        (
            "全年受理欠薪纠纷27桩",
            "27件",
            "number_not_in_evidence",
        ),  # a unit the text does not write
        ("全年受理欠薪纠纷若干桩", "若干桩", "unparsable_quantity"),
        # a vague amount has no value (S4), not the round number after 数 or 几
        ("项目总投资数十亿元", "数十亿元", "unparsable_quantity"),
        ("带动几十万人就业", "几十万人", "unparsable_quantity"),
    ],
)
def test_what_does_not_stand_in_the_evidence_is_dropped(
    evidence: str, quantity: str, code: str
) -> None:
    resolved = _resolve(evidence, quantity)
    assert resolved.item is None
    assert [(w.code, w.detail) for w in resolved.warnings] == [(code, quantity)]


def test_an_item_that_contradicts_itself_is_dropped_with_pydantics_first_objection() -> None:
    draft = EventDraft(evidence="举办招聘会", type="recruitment_fair", summary="举办招聘会")
    resolved = resolve_event(draft, "举办招聘会", (5, 0), published=None, chunk=2)
    assert resolved.item is None
    assert [(w.code, w.chunk, w.detail) for w in resolved.warnings] == [
        ("invalid_item", 2, "Value error, span [5, 0] is empty or reversed")
    ]


# --- quantity forms the LLM path reads (issue 28): kept, with the unit the text implies or writes
FORMS = [
    ("两类人员总量分别达到35.2万、12.6万", "35.2万", 352000, "", "exact"),  # a magnitude, no unit
    ("两类人员总量分别达到35.2万、12.6万", "12.6万", 126000, "", "exact"),
    ("今年计划提供5万岗位", "5万", 50000, "个", "exact"),  # the counted noun implies 个
    ("技工缺口超过2万", "2万", 20000, "", "over"),  # the hedge before the quote counts
    ("项目总投资2个亿", "2个亿", 200000000, "元", "exact"),  # 个 before 亿 is a filler
    ("吸引上万名求职者到场", "上万名", 10000, "人", "over"),
    ("近7成员工已返岗", "近7成", 70, "%", "under"),
    ("人均收入增长了1.5倍", "1.5倍", 1.5, "倍", "exact"),  # 倍 as written
    ("人均收入增长了1.5倍", "1.5", 1.5, "倍", "exact"),  # 倍 past the quote
    ("培训分两阶段推进", "两阶段", 2, "阶段", "exact"),  # a bare counted noun as written
]


@pytest.mark.parametrize(("evidence", "quantity", "value", "unit", "qualifier"), FORMS)
def test_quantity_forms_are_kept(
    evidence: str, quantity: str, value: float, unit: str, qualifier: str
) -> None:
    resolved = _resolve(evidence, quantity)
    assert resolved.item is not None
    item = resolved.item
    assert (item.value, item.unit, item.qualifier) == (value, unit, qualifier)


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

"""The scorer follows ANNOTATION.md's matching rules exactly."""

import pytest

from schemas.fixtures import Fixture
from schemas.results import Event, Statistic
from service.evals.score import combine, score_article, similarity
from tests.paths import ROOT

_FIXTURE = Fixture.model_validate_json(
    (ROOT / "evals/fixtures/000_0c4ce29092f07e54.json").read_text(encoding="utf-8")
)
_TEXT = (ROOT / "seeds" / _FIXTURE.article).read_text(encoding="utf-8")
_GOLD = (_FIXTURE.statistics, _FIXTURE.events)


def _stat(value: float, span: tuple[int, int], **kw: object) -> Statistic:
    fields = {"metric": "求职者", "unit": "人", "evidence": "x"} | kw
    return Statistic(value=value, span=span, **fields)  # type: ignore[arg-type]


def test_gold_against_itself_is_perfect() -> None:
    s = combine([score_article("000", _TEXT, _GOLD, _GOLD)])
    for kind in (s.statistics, s.events):
        assert (kind.matched.precision, kind.matched.recall, kind.strict.f1) == (1.0, 1.0, 1.0)
        assert kind.cell.f1 == 1.0
    assert s.grounding_rate == 1.0


def test_a_dropped_item_lowers_recall_by_exactly_one() -> None:
    n = len(_FIXTURE.statistics)
    s = score_article("000", _TEXT, _GOLD, (_FIXTURE.statistics[1:], _FIXTURE.events))
    assert s.statistics.matched.tp == n - 1
    assert s.statistics.matched.recall == pytest.approx((n - 1) / n)
    assert s.statistics.matched.precision == 1.0
    assert s.statistics.misses == [_FIXTURE.statistics[0]]


def test_a_value_off_by_ten_does_not_match() -> None:
    g = _FIXTURE.statistics[0]
    wrong = g.model_copy(update={"value": g.value * 10})
    s = score_article("000", _TEXT, ([g], []), ([wrong], []))
    assert s.statistics.matched.tp == 0


def test_a_non_overlapping_span_does_not_match() -> None:
    g = _stat(10, (100, 110))
    s = score_article("t", "", ([g], []), ([_stat(10, (110, 120))], []))
    assert s.statistics.matched.tp == 0
    s = score_article("t", "", ([g], []), ([_stat(10, (109, 120))], []))
    assert s.statistics.matched.tp == 1


def test_a_prediction_matched_twice_counts_once() -> None:
    gold = [_stat(10, (0, 10)), _stat(10, (5, 15))]
    s = score_article("t", "", (gold, []), ([_stat(10, (4, 12))], []))
    assert (s.statistics.matched.tp, s.statistics.matched.gold, len(s.statistics.misses)) == (
        1,
        2,
        1,
    )


def test_matching_is_maximal_not_greedy() -> None:
    # p0 overlaps both gold items (more with g0); p1 only g0. Greedy on overlap pairs g0-p0 and
    # leaves g1 unmatched; a maximum matching pairs g0-p1 and g1-p0.
    gold = [_stat(1, (0, 10)), _stat(1, (8, 20))]
    predicted = [_stat(1, (0, 9)), _stat(1, (2, 4))]
    assert score_article("t", "", (gold, []), (predicted, [])).statistics.matched.tp == 2


def test_range_and_unit_must_agree() -> None:
    g = _stat(5000, (0, 5), value_max=8000, unit="元")
    assert (
        score_article(
            "t", "", ([g], []), ([_stat(5000, (0, 5), unit="元")], [])
        ).statistics.matched.tp
        == 0
    )
    assert (
        score_article(
            "t", "", ([g], []), ([_stat(5000, (0, 5), value_max=8000, unit="人")], [])
        ).statistics.matched.tp
        == 0
    )
    near = _stat(5000 * (1 + 1e-7), (0, 5), value_max=8000, unit="元")
    assert score_article("t", "", ([g], []), ([near], [])).statistics.matched.tp == 1


def test_strict_needs_exact_attributes_and_a_close_metric() -> None:
    g = _stat(10, (0, 5), metric="平昌籍务工人员", time="2022-02-18", qualifier="exact")
    loose = _stat(10, (0, 5), metric="平昌籍务工人员", time="2022-02", qualifier="exact")
    far = _stat(10, (0, 5), metric="企业", time="2022-02-18", qualifier="exact")
    assert score_article("t", "", ([g], []), ([g], [])).statistics.strict.tp == 1
    assert score_article("t", "", ([g], []), ([loose], [])).statistics.strict.tp == 0
    assert score_article("t", "", ([g], []), ([far], [])).statistics.strict.tp == 0


def test_cell_needs_time_indicator_and_location_code_exact() -> None:
    g = _stat(10, (0, 5), time="2022-02", indicator="jobseekers", location_code="330784")
    near_misses = [
        g.model_copy(update={"time": "2022"}),
        g.model_copy(update={"indicator": "hires"}),
        g.model_copy(update={"location_code": "330700"}),
        g.model_copy(update={"location_code": None}),
    ]
    # the metric and the place as written do not decide the cell
    same_cell = g.model_copy(update={"metric": "企业", "location": "永康市"})
    assert score_article("t", "", ([g], []), ([same_cell], [])).statistics.cell.tp == 1
    for wrong in near_misses:
        s = score_article("t", "", ([g], []), ([wrong], []))
        assert (s.statistics.matched.tp, s.statistics.cell.tp) == (1, 0), wrong
    s = score_article("t", "", ([g], []), ([near_misses[1]], []))
    assert (s.statistics.accuracy("indicator"), s.statistics.accuracy("location_code")) == (0, 1)


def test_an_event_cell_needs_date_and_location_code_exact() -> None:
    g = Event(
        type="worker_transfer", summary="专列送工", evidence="x", span=(0, 10), date="2024-02-18",
        location_code="522632", origin_code="522632", destination_code="440000",
    )  # fmt: skip
    other_place = g.model_copy(update={"location_code": "520000"})
    other_end = g.model_copy(update={"destination_code": "440100"})
    assert score_article("t", "", ([], [g]), ([], [other_end])).events.cell.tp == 1
    s = score_article("t", "", ([], [g]), ([], [other_place]))
    assert (s.events.matched.tp, s.events.strict.tp, s.events.cell.tp) == (1, 1, 0)
    s = score_article("t", "", ([], [g]), ([], [other_end]))
    assert (s.events.accuracy("destination_code"), s.events.accuracy("origin_code")) == (0, 1)


def test_events_match_on_type_and_overlap() -> None:
    g = Event(type="meeting", summary="召开会议", evidence="x", span=(0, 10), date="2024-03-15")
    other_type = g.model_copy(update={"type": "training"})
    other_date = g.model_copy(update={"date": "2024-03-14"})
    assert score_article("t", "", ([], [g]), ([], [other_type])).events.matched.tp == 0
    s = score_article("t", "", ([], [g]), ([], [other_date]))
    assert (s.events.matched.tp, s.events.strict.tp) == (1, 0)


def test_grounding_rate_counts_spans_that_hold_their_evidence() -> None:
    text = "首批还有10名平昌籍务工人员"
    good = _stat(10, (4, 7), evidence="10名")
    bad = _stat(10, (0, 3), evidence="10名")
    assert combine([score_article("t", text, ([], []), ([good, bad], []))]).grounding_rate == 0.5


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("月薪", "月薪", 1.0),
        ("员工返岗率", "返岗率", 2 * 3 / 8),
        ("", None, 1.0),
        ("求职者", None, 0.0),
    ],
)
def test_similarity(a: str, b: str | None, expected: float) -> None:
    assert similarity(a, b) == pytest.approx(expected)

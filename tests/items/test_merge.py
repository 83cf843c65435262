"""Merging: only a later chunk repeating an earlier one's item is a duplicate."""

from schemas.results import Event, Statistic
from service.items.merge import merge_events, merge_statistics


def _stat(span: tuple[int, int], value: int, unit: str = "人", metric: str = "男职工") -> Statistic:
    return Statistic(
        evidence="x" * (span[1] - span[0]), span=span, metric=metric, value=value, unit=unit
    )


def _event(span: tuple[int, int], type_: str = "recruitment_fair") -> Event:
    return Event(evidence="x" * (span[1] - span[0]), span=span, type=type_, summary="招聘会")  # type: ignore[arg-type]


def test_two_statistics_of_one_clause_both_stay() -> None:
    chunk = [_stat((5, 15), 50, metric="男职工"), _stat((5, 15), 50, metric="女职工")]
    assert [s.metric for s in merge_statistics([chunk])] == ["男职工", "女职工"]


def test_different_values_sharing_a_clause_both_stay() -> None:
    chunk = [_stat((5, 15), 186, "家"), _stat((5, 15), 6000, "人")]
    assert len(merge_statistics([chunk])) == 2


def test_a_later_chunk_repeating_a_statistic_is_one() -> None:
    first = [_stat((5, 15), 50, metric="男职工"), _stat((5, 15), 50, metric="女职工")]
    second = [_stat((5, 15), 50, metric="男性职工"), _stat((30, 40), 7)]
    merged = merge_statistics([first, second])
    assert [(s.span, s.metric) for s in merged] == [
        ((5, 15), "男职工"), ((5, 15), "女职工"), ((30, 40), "男职工")
    ]  # fmt: skip


def test_an_item_given_twice_in_one_chunk_is_one() -> None:
    assert len(merge_statistics([[_stat((5, 15), 50), _stat((5, 15), 50)]])) == 1


def test_statistics_come_out_in_span_order() -> None:
    merged = merge_statistics([[_stat((30, 40), 7)], [_stat((5, 15), 50)]])
    assert [s.span for s in merged] == [(5, 15), (30, 40)]


def test_two_events_of_one_type_in_one_chunk_both_stay() -> None:
    chunk = [_event((0, 30)), _event((10, 20))]
    assert [e.span for e in merge_events([chunk])] == [(0, 30), (10, 20)]


def test_a_later_chunk_repeating_events_keeps_the_longest_once_each() -> None:
    first = [_event((0, 30)), _event((10, 20))]
    second = [_event((0, 34)), _event((10, 20)), _event((40, 50), "training")]
    merged = merge_events([first, second])
    assert [(e.span, e.type) for e in merged] == [
        ((0, 34), "recruitment_fair"), ((10, 20), "recruitment_fair"), ((40, 50), "training")
    ]  # fmt: skip

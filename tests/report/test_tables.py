"""The report's totals: each fact once, actual figures only, one unit per indicator, rates
averaged, events once per story."""

from typing import Any

from service.report.tables import Fact, events_by_month, measures, month_of, regions, series


def _fact(value: float, **changed: Any) -> Fact:
    fields = {"indicator": "workers_transferred", "value": value, "unit": "人", "kind": "actual",
              "time": "2023-02-18", "location_code": "511923"} | changed  # fmt: skip
    return Fact(**fields)


def test_a_series_sums_actual_facts_of_the_main_unit_by_month_and_province() -> None:
    facts = [
        _fact(100), _fact(50, time="2023-02"), _fact(7, location_code="520000"),
        _fact(1000, kind="target"), _fact(9, unit="人次"), _fact(3, time="2023"),
        _fact(4, time="--02-18"), _fact(5, indicator="other"),
    ]  # fmt: skip
    cells = {t.group: (t.value, t.facts) for t in series(facts)}
    assert cells == {("2023-02", "四川省"): (150, 2), ("2023-02", "贵州省"): (7, 1)}
    # the regional table takes every time: a year, a day without a year
    assert {t.group: t.value for t in regions(facts)} == {("四川省",): 157, ("贵州省",): 7}


def test_a_rate_is_averaged_and_the_unit_is_the_one_most_facts_are_in() -> None:
    rate = {"indicator": "return_rate", "unit": "%"}
    facts = [
        _fact(96, **rate),
        _fact(90, **rate, time="2023-02-01"),
        _fact(3, **rate | {"unit": "人"}),
    ]
    assert measures(facts)["return_rate"].unit == "%"
    (total,) = series(facts)
    assert (total.value, total.facts, total.measure.how) == (93, 2, "mean")


def test_an_event_is_counted_once_per_story() -> None:
    event = {"type": "worker_transfer", "date": "2023-02-18", "location_code": "511923"}
    events = [
        event | {"document_id": "a"}, event | {"document_id": "a-repost"},
        event | {"document_id": "b"}, event | {"document_id": "c", "date": "2023"},
    ]  # fmt: skip
    stories = {"a": "a", "a-repost": "a", "b": "b", "c": "c"}
    assert [(t.group, t.facts) for t in events_by_month(events, stories)] == [
        (("2023-02", "worker_transfer"), 2)
    ]


def test_months_are_read_only_from_a_day_or_a_month() -> None:
    assert [month_of(t) for t in ("2023-02-18", "2023-02", "2023", "--02-18", None)] == [
        "2023-02", "2023-02", None, None, None,
    ]  # fmt: skip

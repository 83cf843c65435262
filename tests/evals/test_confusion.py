"""Indicator confusions and code errors are counted by class, never by item."""

import pytest

from service.evals.confusion import (
    code_error,
    code_errors,
    indicator_confusions,
    level,
    time_error,
    time_errors,
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("100000", "country"), ("510000", "province"), ("511900", "city"), ("511923", "county")],
)
def test_level_of_a_code(code: str, expected: str) -> None:
    assert level(code) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("511923", "511923", None),
        (None, "511900", "gold_null"),
        ("511900", None, "predicted_null"),
        ("511923", "430100", "other_province"),
        ("511923", "511900", "too_coarse_county_as_city"),
        ("510000", "511900", "too_fine_province_as_city"),
        ("511923", "511922", "same_province_other_county"),
        ("100000", "510000", "country_vs_province"),
    ],
)
def test_code_error_kinds(gold: str | None, predicted: str | None, expected: str | None) -> None:
    assert code_error(gold, predicted) == expected


def test_counts_carry_classes_only() -> None:
    codes = code_errors([("511923", "511900"), ("511923", "511923")], "location_code")
    assert codes == {"location_code:too_coarse_county_as_city": 1}
    pairs = [("hires", "jobseekers"), ("hires", "hires"), ("hires", "jobseekers")]
    assert indicator_confusions(pairs) == {"indicator:hires->jobseekers": 2}


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("2023-03", "2023-03", None),
        (None, "2023", "gold_null"),
        ("2023", None, "predicted_null"),
        ("2022", "2023", "other_year_year_vs_year"),
        ("2023-03-05", "2023", "gold_day_predicted_year"),
        ("2023", "2023-03", "gold_year_predicted_month"),
        ("2023-03-05", "2023-03-06", "same_year_other_day"),
        ("--03-05", "2023-03-05", "undated_day_vs_day"),
    ],
)
def test_time_error_kinds(gold: str | None, predicted: str | None, expected: str | None) -> None:
    assert time_error(gold, predicted) == expected


def test_time_counts_carry_classes_only() -> None:
    assert time_errors([("2022", "2023"), ("2023", "2023")], "time") == {
        "time:other_year_year_vs_year": 1
    }

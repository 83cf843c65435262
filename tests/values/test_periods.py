"""Time as columns (service/values/periods.py): every form ANNOTATION.md writes, one per row."""

import pytest

from service.values.periods import TimeColumns, time_columns

COLUMNS = [
    # time, first day, last day, grain
    ("2023-04-29", "2023-04-29", "2023-04-29", "day"),
    ("2023-02", "2023-02-01", "2023-02-28", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),  # a leap year
    ("2023-12", "2023-12-01", "2023-12-31", "month"),
    ("2023", "2023-01-01", "2023-12-31", "year"),
    ("2023-Q1", "2023-01-01", "2023-03-31", "quarter"),
    ("2023-Q4", "2023-10-01", "2023-12-31", "quarter"),
    # a day whose year the article does not give has no range, and says why
    ("--02-18", None, None, "unknown_year"),
    (None, None, None, "none"),
]


@pytest.mark.parametrize(("time", "start", "end", "grain"), COLUMNS)
def test_time_columns(time: str | None, start: str | None, end: str | None, grain: str) -> None:
    assert time_columns(time) == TimeColumns(start, end, grain)  # type: ignore[arg-type]


@pytest.mark.parametrize("time", ["2023-02-30", "2023-13", "2023-Q5", "今年", "23-02"])
def test_what_is_no_time_is_refused(time: str) -> None:
    with pytest.raises(ValueError, match=r"month|day|time"):
        time_columns(time)

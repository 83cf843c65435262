"""Well-known seats of schools, national bodies and venues (ANNOTATION.md C7)."""

import pytest

from service.values.divisions import named
from service.values.seats import SEATS, seat_code


def test_every_seat_names_one_division() -> None:
    assert {seat: len(named(city)) for seat, city in SEATS.items()} == dict.fromkeys(SEATS, 1)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("华东师范大学", "310000"),  # a municipality: its province-level code
        ("华中科技大学", "420100"),  # a prefecture, at C7's level (武汉大学 -> 420100)
        ("华中科技大学附属协和医院", "420100"),  # a part of it sits with it
        ("武汉大学", None),  # its name places it: left to the name
        ("黄龙体育中心", "330100"),  # a venue opening with a county it does not lie in
        ("体育馆", None),
    ],
)
def test_seat_code(name: str, code: str | None) -> None:
    assert seat_code(name) == code

"""Division codes (service/values/divisions.py): the table is jionlp's, names and codes look each
other up, and several codes meet in the smallest division holding them all."""

import csv

import pytest

from service.values.divisions import (
    DIVISIONS,
    TABLE,
    TOWNS,
    division,
    named,
    parents,
    rows_from_jionlp,
    smallest_holding,
    town_counties,
    town_rows_from_jionlp,
)


def test_the_table_is_jionlps() -> None:
    """places.tsv is jionlp's table as `python -m service.values.divisions` writes it."""
    with TABLE.open(encoding="utf-8", newline="") as f:
        assert [tuple(row) for row in csv.reader(f, delimiter="\t")] == rows_from_jionlp()


def test_the_towns_are_jionlps() -> None:
    """towns.tsv is jionlp's townships as `python -m service.values.divisions` writes it."""
    with TOWNS.open(encoding="utf-8", newline="") as f:
        assert [tuple(row) for row in csv.reader(f, delimiter="\t")] == town_rows_from_jionlp()


def test_towns_name_their_counties() -> None:
    assert "510823" in town_counties("普安镇")
    assert "330783" in town_counties("横店镇")
    assert town_counties("巴黎镇") == ()


def test_every_code_has_six_digits() -> None:
    assert all(len(d.code) == 6 and d.code.isdigit() for d in DIVISIONS)


NAMED = [
    # name, codes of the divisions it names
    ("巴中市", ["511900"]),
    ("平昌", ["511923"]),
    ("四川", ["510000"]),
    ("北京", ["110000"]),  # a municipality is one division, its province row
    ("朝阳区", ["110105", "220104"]),  # Beijing's and Changchun's
    ("长沙", ["430100", "430121"]),  # the city and its county
    ("仙桃", ["429004"]),  # a county-level city its province runs itself
    ("市直辖", []),  # a placeholder row names nothing
    ("巴黎", []),
]


@pytest.mark.parametrize(("name", "codes"), NAMED)
def test_named(name: str, codes: list[str]) -> None:
    assert [d.code for d in named(name)] == codes


DIVISION = [
    # code, full name, level, province, prefecture
    ("511923", "平昌县", "county", "四川省", "巴中市"),
    ("511900", "巴中市", "city", "四川省", "巴中市"),
    ("510000", "四川省", "province", "四川省", ""),
    ("429004", "仙桃市", "county", "湖北省", ""),
    ("310000", "上海市", "province", "上海市", ""),
]


@pytest.mark.parametrize(("code", "full", "level", "province", "city"), DIVISION)
def test_division(code: str, full: str, level: str, province: str, city: str) -> None:
    d = division(code)
    assert d is not None
    assert (d.full, d.level, d.province, d.city) == (full, level, province, city)


def test_unknown_codes_and_the_country_are_no_division() -> None:
    assert division("999999") is None
    assert division("100000") is None


PARENTS = [
    ("511923", ["511923", "511900", "510000", "100000"]),
    ("110105", ["110105", "110000", "100000"]),  # no city row of its own in a municipality
    ("429004", ["429004", "420000", "100000"]),  # 429000 is a placeholder
    ("441900", ["441900", "440000", "100000"]),
    ("100000", ["100000"]),
]


@pytest.mark.parametrize(("code", "chain"), PARENTS)
def test_parents(code: str, chain: list[str]) -> None:
    assert parents(code) == chain


HOLDING = [
    # codes, the smallest division holding them all
    (["350100", "350500"], "350000"),  # 福州、泉州
    (["440000", "310000"], "100000"),  # 广东、上海
    (["511923", "511900"], "511900"),  # 平昌 in 巴中
    (["511923"], "511923"),
    (["429004", "429006"], "420000"),  # 仙桃、天门: no placeholder in between
    ([], "100000"),
]


@pytest.mark.parametrize(("codes", "code"), HOLDING)
def test_smallest_holding(codes: list[str], code: str) -> None:
    assert smallest_holding(codes) == code

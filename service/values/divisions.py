"""China's administrative divisions with their six-digit GB/T 2260 codes. Pure.

The table is jionlp's (provinces, prefectures, counties and their codes), frozen in `places.tsv`
(code, full name, short names, level, province, prefecture) so that reading it costs neither
jionlp's 1.3 s import nor a network: `python -m service.values.divisions` writes it again from
jionlp, and a test checks the file against jionlp. `service.values.places` finds these names in
text; this module answers what a name or a code stands for.

>>> [d.code for d in named("平昌")], division("511923").city
(['511923'], '巴中市')
>>> smallest_holding(["350100", "350500"]), smallest_holding(["440000", "310000"])
('350000', '100000')
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from schemas.vocab import NATIONWIDE

Level = Literal["province", "city", "county"]

TABLE = Path(__file__).with_name("places.tsv")
# Townships and 街道 under each county (no codes of their own): county code, names ("|").
TOWNS = Path(__file__).with_name("towns.tsv")
# jionlp's rows for "the counties a province or a city runs itself" (东莞市's 市直辖行政区划,
# Hubei's 省直辖行政区划): a code, but no division a place can be said to lie in.
_PLACEHOLDER = "直辖行政区划"


# Provinces by their one-character names ("赴粤返岗"): the character -> the province's short name.
ONE_CHARACTER = {
    "京": "北京", "津": "天津", "沪": "上海", "渝": "重庆", "冀": "河北", "豫": "河南",
    "云": "云南", "辽": "辽宁", "黑": "黑龙江", "湘": "湖南", "皖": "安徽", "鲁": "山东",
    "新": "新疆", "苏": "江苏", "浙": "浙江", "赣": "江西", "鄂": "湖北", "桂": "广西",
    "甘": "甘肃", "晋": "山西", "蒙": "内蒙古", "陕": "陕西", "吉": "吉林", "闽": "福建",
    "贵": "贵州", "粤": "广东", "青": "青海", "藏": "西藏", "川": "四川", "宁": "宁夏",
    "琼": "海南", "港": "香港", "澳": "澳门", "台": "台湾",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Division:
    """One division: `city` is the prefecture it lies in (itself for a prefecture; "" for a
    province, and for a county its province runs itself, such as 仙桃市)."""

    code: str
    full: str
    aliases: tuple[str, ...]
    level: Level
    province: str
    city: str

    @property
    def is_placeholder(self) -> bool:
        return self.full.endswith(_PLACEHOLDER)


def _load(path: Path) -> tuple[Division, ...]:
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(
            Division(code, full, tuple(filter(None, aliases.split("|"))), level, province, city)  # type: ignore[arg-type]
            for code, full, aliases, level, province, city in csv.reader(f, delimiter="\t")
        )


DIVISIONS = _load(TABLE)
_BY_CODE: dict[str, Division] = {}
_BY_NAME: dict[str, list[Division]] = {}
for _d in DIVISIONS:
    _BY_CODE.setdefault(_d.code, _d)  # a municipality's city row repeats its province's code
    if _d.is_placeholder or _BY_CODE[_d.code] is not _d:
        continue
    for _name in dict.fromkeys((_d.full, *_d.aliases)):
        _BY_NAME.setdefault(_name, []).append(_d)


def _load_towns(path: Path) -> dict[str, tuple[str, ...]]:
    by_name: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for code, names in csv.reader(f, delimiter="\t"):
            for name in names.split("|"):
                by_name.setdefault(name, []).append(code)
    return {name: tuple(codes) for name, codes in by_name.items()}


_TOWNS = _load_towns(TOWNS)


def division(code: str) -> Division | None:
    """The division a code stands for; None for an unknown code and for "100000"."""
    return _BY_CODE.get(code)


def named(name: str) -> list[Division]:
    """Every division whose full or short name is `name`, in table order."""
    return list(_BY_NAME.get(name, ()))


def town_counties(name: str) -> tuple[str, ...]:
    """The codes of the counties that have a township or 街道 named `name` ("华亭镇")."""
    return _TOWNS.get(name, ())


def parents(code: str) -> list[str]:
    """`code` and the codes of the divisions holding it, finest first, ending at "100000";
    placeholders and codes the table lacks are skipped ("110101" -> 110101, 110000, 100000)."""
    chain = _CHAINS.get(code)
    if chain is None:
        chain = _chain(code)
        if code in _BY_CODE:  # kept for the table's codes only: bounded by its size
            _CHAINS[code] = chain
    return list(chain)


# A code's chain, worked out the first time it is asked (thousands of times a page).
_CHAINS: dict[str, tuple[str, ...]] = {}


def _chain(code: str) -> tuple[str, ...]:
    chain = [code, code[:4] + "00", code[:2] + "0000"]
    found = [c for c in dict.fromkeys(chain) if c in _BY_CODE and not _BY_CODE[c].is_placeholder]
    return (*found, NATIONWIDE)


def smallest_holding(codes: Iterable[str]) -> str:
    """The code of the smallest division holding every code ("100000" when only the country
    does, or when `codes` is empty)."""
    chains = [parents(c) for c in dict.fromkeys(codes)]
    if not chains:
        return NATIONWIDE
    shared = set(chains[0]).intersection(*chains[1:])
    return next(c for c in chains[0] if c in shared)


def rows_from_jionlp() -> list[tuple[str, str, str, str, str, str]]:
    """The table as jionlp has it: code, full name, short names ("|"), level, province, city."""
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp  # noqa: PLC0415  heavy; only to rebuild the table

    def aliases(entry: dict[str, object]) -> str:
        alias = entry.get("_alias")
        names = alias if isinstance(alias, list) else [alias] if alias else []
        return "|".join(str(name) for name in names)

    rows = []
    for province, cities in jionlp.china_location_loader(detail=False).items():
        rows.append((cities["_admin_code"], province, aliases(cities), "province", province, ""))
        for city, counties in ((k, v) for k, v in cities.items() if not k.startswith("_")):
            rows.append((counties["_admin_code"], city, aliases(counties), "city", province, city))
            parent = "" if city.endswith(_PLACEHOLDER) else city
            for county, entry in ((k, v) for k, v in counties.items() if not k.startswith("_")):
                rows.append(
                    (entry["_admin_code"], county, aliases(entry), "county", province, parent)
                )
    return rows


def town_rows_from_jionlp() -> list[tuple[str, str]]:
    """Townships and 街道 as jionlp has them: county code, names ("|"), counties in table order."""
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp  # noqa: PLC0415  heavy; only to rebuild the table

    towns: dict[str, list[str]] = {}
    for cities in jionlp.china_location_loader(detail=True).values():
        for counties in (v for k, v in cities.items() if not k.startswith("_")):
            for entry in (v for k, v in counties.items() if not k.startswith("_")):
                names = [name for name in entry if not name.startswith("_")]
                towns.setdefault(entry["_admin_code"], []).extend(names)
    return [(code, "|".join(names)) for code, names in towns.items() if names]


if __name__ == "__main__":  # pragma: no cover - dev tool
    for path, rows in ((TABLE, rows_from_jionlp()), (TOWNS, town_rows_from_jionlp())):
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, delimiter="\t", lineterminator="\n").writerows(rows)

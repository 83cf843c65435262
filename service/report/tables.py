"""The facts and events of a batch output -> what the report draws. Pure.

Every sum is over facts (service/export/facts.py), so a figure reposted by three sites or
repeated by its article counts once. Only actual figures are summed (targets are plans), each
indicator in the unit most of its facts are in, a range or an "over" by its stated figure; a
rate (%) is averaged, never summed. A fact's province is its location_code's first two digits;
"100000" is the whole country. Events are counted once per story: a reposted event is one.

>>> province_of("511923"), province_of("100000"), province_of(None)
('四川省', '全国', '未定位')
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from schemas.vocab import NATIONWIDE
from service.values.divisions import division

NATIONWIDE_NAME = "全国"
UNPLACED = "未定位"
RATE = "%"


@dataclass(frozen=True, slots=True)
class Fact:
    """What the charts read of a row of the facts table."""

    indicator: str
    value: float
    unit: str
    kind: str
    time: str | None
    location_code: str | None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> "Fact":
        fields = ("indicator", "unit", "kind", "time", "location_code")
        return cls(value=float(row["value"]), **{f: row[f] for f in fields})


@dataclass(frozen=True, slots=True)
class Measure:
    """An indicator as the report totals it: in one unit, by sum or, for a rate, by mean."""

    indicator: str
    unit: str

    @property
    def how(self) -> str:
        return "mean" if self.unit == RATE else "sum"


@dataclass(frozen=True, slots=True)
class Total:
    """One cell of a chart or table: a measure's total over `facts` facts."""

    measure: Measure
    group: tuple[str, ...]  # (month, province) for a series, (province,) for the regions
    value: float
    facts: int


def province_of(code: str | None) -> str:
    """A division code -> the name of its province; the country and no code have their own."""
    if code is None:
        return UNPLACED
    if code == NATIONWIDE:
        return NATIONWIDE_NAME
    found = division(code[:2] + "0000")
    return found.full if found is not None else UNPLACED


def month_of(time: str | None) -> str | None:
    """ "2023-02-18" or "2023-02" -> "2023-02"; a year alone or a day without a year -> None."""
    if time is None or len(time) < 7 or not time[:4].isdigit():
        return None
    return time[:7]


def measures(facts: Iterable[Fact]) -> dict[str, Measure]:
    """Each indicator but `other` -> its measure: the unit most of its actual facts are in."""
    units: dict[str, Counter[str]] = defaultdict(Counter)
    for fact in facts:
        if fact.kind == "actual" and fact.indicator != "other":
            units[fact.indicator][fact.unit] += 1
    return {
        indicator: Measure(indicator, min(c, key=lambda u: (-c[u], u)))
        for indicator, c in sorted(units.items())
    }


def series(facts: Sequence[Fact]) -> list[Total]:
    """One total per indicator, month and province, from facts dated to a day or a month."""
    return _totals(facts, _month_and_province)


def regions(facts: Sequence[Fact]) -> list[Total]:
    """One total per indicator and province, whatever the time."""
    return _totals(facts, lambda fact: (province_of(fact.location_code),))


def _month_and_province(fact: Fact) -> tuple[str, ...] | None:
    month = month_of(fact.time)
    return None if month is None else (month, province_of(fact.location_code))


def _totals(facts: Sequence[Fact], group: Callable[[Fact], tuple[str, ...] | None]) -> list[Total]:
    chosen = measures(facts)
    values: dict[tuple[Measure, tuple[str, ...]], list[float]] = defaultdict(list)
    for fact in facts:
        measure = chosen.get(fact.indicator)
        key = group(fact)
        if measure is None or fact.kind != "actual" or fact.unit != measure.unit or key is None:
            continue
        values[(measure, key)].append(fact.value)
    ordered = sorted(values.items(), key=lambda kv: (kv[0][0].indicator, kv[0][1]))
    return [
        Total(measure, key, sum(v) / len(v) if measure.how == "mean" else sum(v), len(v))
        for (measure, key), v in ordered
    ]


def events_by_month(events: Iterable[Mapping[str, Any]], stories: Mapping[str, str]) -> list[Total]:
    """(month, event type) -> how many events, each counted once per story however many
    documents carry it; events without a dated month are left out."""
    seen: set[tuple[str, str, str, str | None]] = set()
    counts: Counter[tuple[str, str]] = Counter()
    for event in events:
        month = month_of(event["date"])
        story = stories.get(event["document_id"], event["document_id"])
        key = (story, event["type"], event["date"], event.get("location_code"))
        if month is None or key in seen:
            continue
        seen.add(key)
        counts[(month, event["type"])] += 1
    return [Total(Measure("events", ""), key, float(n), n) for key, n in sorted(counts.items())]

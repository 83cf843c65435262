"""The statistics of a batch output -> one row per distinct fact, with its sources. Pure.

A fact is what a statistic states, told apart as `service.items.repeats.claim` tells two
statements apart, and by qualifier: indicator, value, value_max, unit, qualifier, kind, time and
location_code, not the metric (the article's words). Every document that states it is a source: a
repost on another site adds a source and no row, and its story is counted once however many
sites carry it. A statistic that repeats an earlier one of its article (`repeat_of`) adds
nothing. The row's metric and place as written are those of its smallest document id, so the
rows do not depend on the order of OUT's lines.
"""

import hashlib
import json
from dataclasses import dataclass, field

from schemas.results import Number, Statistic
from service.export.rows import Row
from service.items.repeats import Claim, claim
from service.values.periods import time_columns

FactKey = tuple[Claim, str]


@dataclass(frozen=True, slots=True)
class Source:
    """A document as a fact cites it."""

    document_id: str
    story_id: str
    published: str | None
    url: str | None


@dataclass(slots=True)
class _Fact:
    first: tuple[str, Statistic]  # the statement of the smallest document id
    sources: dict[str, Source] = field(default_factory=dict)
    statements: int = 0


class Facts:
    """Collects statements document by document; `rows()` gives the table."""

    def __init__(self) -> None:
        self._facts: dict[FactKey, _Fact] = {}

    def add(self, source: Source, statistics: list[Statistic]) -> None:
        """One document's statistics (all its articles'), repeats included: they are skipped."""
        for statistic in statistics:
            if statistic.repeat_of is not None:
                continue
            key = (claim(statistic), statistic.qualifier)
            fact = self._facts.get(key)
            if fact is None:
                fact = self._facts[key] = _Fact(first=(source.document_id, statistic))
            elif source.document_id < fact.first[0]:
                fact.first = (source.document_id, statistic)
            fact.sources[source.document_id] = source
            fact.statements += 1

    def rows(self) -> list[Row]:
        """One row per fact, by indicator, place, time and value."""
        rows = [_row(key, fact) for key, fact in self._facts.items()]
        return sorted(rows, key=_order)


def _row(key: FactKey, fact: _Fact) -> Row:
    statistic = fact.first[1]
    sources = [fact.sources[i] for i in sorted(fact.sources)]
    published = [s.published for s in sources if s.published]
    times = time_columns(statistic.time)
    return {
        "fact_id": _fact_id(key),
        "indicator": statistic.indicator, "metric": statistic.metric,
        "value": statistic.value, "value_max": statistic.value_max, "unit": statistic.unit,
        "qualifier": statistic.qualifier, "kind": statistic.kind, "time": statistic.time,
        "time_start": times.start, "time_end": times.end, "time_grain": times.grain,
        "location": statistic.location, "location_code": statistic.location_code,
        "documents": len(sources), "stories": len({s.story_id for s in sources}),
        "statements": fact.statements, "first_published": min(published, default=None),
        "document_ids": _json([s.document_id for s in sources]),
        "urls": _json([s.url for s in sources]),
        "story_ids": _json(sorted({s.story_id for s in sources})),
    }  # fmt: skip


def _fact_id(key: FactKey) -> str:
    """A stable id: the same fact has it in every export (49300 and 49300.0 alike)."""
    (indicator, value, value_max, *rest), qualifier = key
    canonical = [indicator, _plain(value), None if value_max is None else _plain(value_max)]
    text = json.dumps([*canonical, *rest, qualifier], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _plain(number: Number) -> Number:
    return int(number) if isinstance(number, float) and number.is_integer() else number


def _json(values: list[str] | list[str | None]) -> str:
    return json.dumps(values, ensure_ascii=False)


def _order(row: Row) -> tuple[str, str, str, str, float, str]:
    return (
        row["indicator"], row["location_code"] or "", row["time"] or "", row["unit"],
        float(row["value"]), row["fact_id"],
    )  # fmt: skip

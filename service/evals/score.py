"""Gold vs predicted -> Scores, matching exactly as ANNOTATION.md says. Pure.

- statistics match when values are equal (relative tolerance 1e-6, `value_max` too when
  either has one), units are equal after normalisation and spans overlap;
- events match when types are equal and spans overlap;
- matching is one-to-one and maximal (augmenting paths), preferring the larger overlap.

On matched pairs: exact accuracy for time/date, qualifier, kind, indicator and division codes;
character-overlap similarity (2·common / (len a + len b)) for metric, summary, names and places.
A "strict" match is a usable record: for statistics qualifier, kind and time exact and metric
similarity >= 0.4; for events the date exact. A "cell" match lands in the right cell of an
analyst's table: for statistics time, indicator and location_code exact; for events date and
location_code exact.
"""

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from schemas.results import Event, Statistic

STRICT_METRIC_SIMILARITY = 0.4
_REL_TOL = 1e-6
# Units as ANNOTATION.md folds them; outputs are normalised already, gold may be written loosely.
_UNIT_ALIASES = {"名": "人", "位": "人", "个人": "人", "万元": "元", "亿元": "元", "％": "%"}

_Item = Statistic | Event


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives against the sizes of the two sides."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)


@dataclass(frozen=True, slots=True)
class ItemScores:
    """Scores of one item kind (statistics or events) over one article or the whole set."""

    matched: Counts
    strict: Counts
    cell: Counts
    # attribute -> (sum of per-pair scores, number of pairs), so articles add up exactly
    attributes: dict[str, tuple[float, int]] = field(default_factory=dict)
    misses: list[_Item] = field(default_factory=list)
    false_positives: list[_Item] = field(default_factory=list)
    pairs: list[tuple[_Item, _Item]] = field(default_factory=list)  # (gold, predicted)

    def accuracy(self, attribute: str) -> float | None:
        total, n = self.attributes.get(attribute, (0.0, 0))
        return total / n if n else None

    def __add__(self, other: "ItemScores") -> "ItemScores":
        keys = self.attributes.keys() | other.attributes.keys()
        attributes = {
            k: tuple(
                map(
                    sum,
                    zip(
                        self.attributes.get(k, (0.0, 0)),
                        other.attributes.get(k, (0.0, 0)),
                        strict=True,
                    ),
                )
            )
            for k in keys
        }
        return ItemScores(
            self.matched + other.matched,
            self.strict + other.strict,
            self.cell + other.cell,
            attributes,  # type: ignore[arg-type]
            self.misses + other.misses,
            self.false_positives + other.false_positives,
            self.pairs + other.pairs,
        )


@dataclass(frozen=True, slots=True)
class ArticleScores:
    name: str
    statistics: ItemScores
    events: ItemScores
    grounded: Counts  # tp = predicted spans whose text equals their evidence


@dataclass(frozen=True, slots=True)
class Scores:
    articles: list[ArticleScores]
    statistics: ItemScores
    events: ItemScores
    grounded: Counts

    @property
    def grounding_rate(self) -> float:
        return self.grounded.tp / self.grounded.predicted if self.grounded.predicted else 1.0


def score_article(
    name: str,
    text: str,
    gold: tuple[Sequence[Statistic], Sequence[Event]],
    predicted: tuple[Sequence[Statistic], Sequence[Event]],
) -> ArticleScores:
    """One page: gold (statistics, events) vs predicted (statistics, events)."""
    stats = _score_items(gold[0], predicted[0], _statistics_match, _statistic_attributes)
    events = _score_items(gold[1], predicted[1], _events_match, _event_attributes)
    items: list[_Item] = [*predicted[0], *predicted[1]]
    grounded = sum(text[i.span[0] : i.span[1]] == i.evidence for i in items)
    return ArticleScores(name, stats, events, Counts(grounded, len(items), len(items)))


def combine(articles: list[ArticleScores]) -> Scores:
    """Micro-averaged totals over articles."""
    stats = sum((a.statistics for a in articles), _empty())
    events = sum((a.events for a in articles), _empty())
    grounded = sum((a.grounded for a in articles), Counts())
    return Scores(articles, stats, events, grounded)


def similarity(a: str | None, b: str | None) -> float:
    """Character-overlap similarity: 2·common / (len a + len b); 1.0 when both are empty."""
    a, b = a or "", b or ""
    if not a and not b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def _empty() -> ItemScores:
    return ItemScores(Counts(), Counts(), Counts())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=0.0)


def _unit(u: str) -> str:
    return _UNIT_ALIASES.get(u.strip(), u.strip())


def _statistics_match(g: _Item, p: _Item) -> bool:
    assert isinstance(g, Statistic)
    assert isinstance(p, Statistic)
    return (
        _same_number(g.value, p.value)
        and _same_number(g.value_max, p.value_max)
        and _unit(g.unit) == _unit(p.unit)
        and _overlap(g.span, p.span) > 0
    )


def _events_match(g: _Item, p: _Item) -> bool:
    assert isinstance(g, Event)
    assert isinstance(p, Event)
    return g.type == p.type and _overlap(g.span, p.span) > 0


# Per matched pair: attribute scores, and whether the pair is strict and whether it is a cell match.
_Judged = tuple[dict[str, float], bool, bool]


def _statistic_attributes(g: _Item, p: _Item) -> _Judged:
    assert isinstance(g, Statistic)
    assert isinstance(p, Statistic)
    scores = {
        "time": float(g.time == p.time),
        "qualifier": float(g.qualifier == p.qualifier),
        "kind": float(g.kind == p.kind),
        "indicator": float(g.indicator == p.indicator),
        "metric": similarity(g.metric, p.metric),
        "location": similarity(g.location, p.location),
        "location_code": float(g.location_code == p.location_code),
        "subject": similarity(g.subject, p.subject),
    }
    strict = (
        scores["time"] * scores["qualifier"] * scores["kind"] == 1.0
        and scores["metric"] >= STRICT_METRIC_SIMILARITY
    )
    cell = scores["time"] * scores["indicator"] * scores["location_code"] == 1.0
    return scores, strict, cell


def _event_attributes(g: _Item, p: _Item) -> _Judged:
    assert isinstance(g, Event)
    assert isinstance(p, Event)
    scores = {
        "date": float(g.date == p.date),
        "summary": similarity(g.summary, p.summary),
        "location": similarity(g.location, p.location),
        "location_code": float(g.location_code == p.location_code),
        "origin": similarity(g.origin, p.origin),
        "origin_code": float(g.origin_code == p.origin_code),
        "destination": similarity(g.destination, p.destination),
        "destination_code": float(g.destination_code == p.destination_code),
        "actors": similarity(
            "".join(sorted(a.name for a in g.actors)), "".join(sorted(a.name for a in p.actors))
        ),
    }
    return scores, scores["date"] == 1.0, scores["date"] * scores["location_code"] == 1.0


def _score_items(
    gold: Sequence[_Item],
    predicted: Sequence[_Item],
    matches: Callable[[_Item, _Item], bool],
    attributes: Callable[[_Item, _Item], _Judged],
) -> ItemScores:
    pairs = _match(gold, predicted, matches)
    sums: dict[str, tuple[float, int]] = {}
    strict = cell = 0
    for g, p in pairs:
        scores, is_strict, is_cell = attributes(gold[g], predicted[p])
        strict += is_strict
        cell += is_cell
        for k, v in scores.items():
            total, n = sums.get(k, (0.0, 0))
            sums[k] = (total + v, n + 1)
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    return ItemScores(
        Counts(len(pairs), len(predicted), len(gold)),
        Counts(strict, len(predicted), len(gold)),
        Counts(cell, len(predicted), len(gold)),
        sums,
        [g for i, g in enumerate(gold) if i not in matched_g],
        [p for i, p in enumerate(predicted) if i not in matched_p],
        [(gold[g], predicted[p]) for g, p in pairs],
    )


def _match(
    gold: Sequence[_Item], predicted: Sequence[_Item], matches: Callable[[_Item, _Item], bool]
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (Kuhn's augmenting paths), larger overlaps tried first."""
    options = []
    for item in gold:
        candidates = [p for p in range(len(predicted)) if matches(item, predicted[p])]
        overlaps = {p: _overlap(item.span, predicted[p].span) for p in candidates}
        options.append(sorted(candidates, key=overlaps.__getitem__, reverse=True))
    owner: dict[int, int] = {}  # predicted index -> gold index

    def claim(g: int, seen: set[int]) -> bool:
        for p in options[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or claim(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        claim(g, set())
    return sorted((g, p) for p, g in owner.items())

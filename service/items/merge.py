"""An article's items from every request: drop the duplicates that overlapping chunks produce,
and order items by span. Pure.

Items come in groups, one per chunk, in chunk order. Only a later chunk repeating what an
earlier one found is a duplicate: within one chunk the model listed every item on purpose, so
two different statistics sharing one clause ("男女职工各50人", metric 男职工 and 女职工) both
stay, and only an item given twice over (same span, value, unit and metric) is one.
"""

from collections.abc import Sequence

from schemas.results import ArticleResult, Event, Statistic
from service.items.collect import Grounded
from service.text.normalise import Normalised
from service.text.segment import Article

_StatKey = tuple[tuple[int, int], float, float | None, str]


def merge_article(
    doc: Normalised, found: Article, article: int, grounded: Sequence[Grounded]
) -> ArticleResult:
    """Article number `article` of `doc` (`found`), with its items from every request."""
    return ArticleResult(
        title=found.title,
        span=doc.offsets.to_original(found.start, found.end),
        statistics=merge_statistics([g.statistics.get(article, []) for g in grounded]),
        events=merge_events([g.events.get(article, []) for g in grounded]),
    )


def merge_statistics(groups: Sequence[Sequence[Statistic]]) -> list[Statistic]:
    """One statistic per span, value and unit across chunks; the first chunk's is kept."""
    earlier: set[_StatKey] = set()
    kept: list[Statistic] = []
    for group in groups:
        here: set[tuple[_StatKey, str]] = set()
        for item in group:
            key = _stat_key(item)
            if key in earlier or (key, item.metric) in here:
                continue
            here.add((key, item.metric))
            kept.append(item)
        earlier |= {key for key, _ in here}
    return sorted(kept, key=lambda s: s.span)


def merge_events(groups: Sequence[Sequence[Event]]) -> list[Event]:
    """Events of one type from different chunks whose spans overlap are one, the longest
    evidence kept; each event of an earlier chunk absorbs at most one of a later chunk."""
    kept: list[Event] = []
    for group in groups:
        before = list(kept)  # what earlier chunks found; a chunk never merges with itself
        here: set[tuple[str, tuple[int, int]]] = set()
        for item in sorted(group, key=lambda e: (e.span[0], -e.span[1])):
            if (item.type, item.span) in here:  # the same event given twice over
                continue
            here.add((item.type, item.span))
            twin = _twin(item, before)
            if twin is None:
                kept.append(item)
                continue
            before.remove(twin)
            if _length(item) > _length(twin):
                kept[kept.index(twin)] = item
    return sorted(kept, key=lambda e: (e.span[0], -e.span[1]))


def _twin(item: Event, candidates: list[Event]) -> Event | None:
    """The earlier event of `item`'s type overlapping it most, preferring the same span."""
    same = [k for k in candidates if k.type == item.type and _overlap(k.span, item.span) > 0]
    return max(same, key=lambda k: (k.span == item.span, _overlap(k.span, item.span)), default=None)


def _stat_key(item: Statistic) -> _StatKey:
    value_max = None if item.value_max is None else float(item.value_max)
    return (item.span, float(item.value), value_max, item.unit)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _length(item: Event) -> int:
    return item.span[1] - item.span[0]

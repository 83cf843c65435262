"""Drop the duplicates that overlapping chunks produce, and order items by span. Pure."""

from schemas.results import Event, Statistic


def merge_statistics(items: list[Statistic]) -> list[Statistic]:
    """Statistics with the same span, value and unit are one; the first seen is kept."""
    seen: set[tuple[tuple[int, int], float, float | None, str]] = set()
    kept = []
    for item in sorted(items, key=lambda s: s.span):
        key = (item.span, float(item.value), _maybe_float(item.value_max), item.unit)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def merge_events(items: list[Event]) -> list[Event]:
    """Events of one type whose spans overlap are one; the longest evidence is kept."""
    kept: list[Event] = []
    for item in sorted(items, key=lambda e: (e.span[0], -e.span[1])):
        twin = next((k for k in kept if k.type == item.type and _overlap(k.span, item.span)), None)
        if twin is None:
            kept.append(item)
        elif item.span[1] - item.span[0] > twin.span[1] - twin.span[0]:
            kept[kept.index(twin)] = item
    return kept


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _maybe_float(value: float | None) -> float | None:
    return None if value is None else float(value)

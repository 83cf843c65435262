"""Counts of indicator confusions and of division-code errors by kind, over matched pairs. Pure.

A blind set may report these (issue 23): they name classes, never a page, a text or a value. An
indicator confusion is a (gold, predicted) pair of codes; a code error is one of a few kinds,
read from the two codes' levels and provinces.
"""

from collections import Counter
from collections.abc import Callable, Iterable

from schemas.vocab import NATIONWIDE


def level(code: str) -> str:
    """The level of a six-digit division code: "country", "province", "city" or "county"."""
    if code == NATIONWIDE:
        return "country"
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def code_error(gold: str | None, predicted: str | None) -> str | None:
    """The kind of a wrong code, None when right: a null on either side, another province,
    or, in the right province, a level finer, coarser or the same as gold's."""
    if gold == predicted:
        return None
    if gold is None or predicted is None:
        return "gold_null" if gold is None else "predicted_null"
    gold_level, predicted_level = level(gold), level(predicted)
    if "country" in (gold_level, predicted_level):
        return f"{gold_level}_vs_{predicted_level}"
    if gold[:2] != predicted[:2]:
        return "other_province"
    ranks = ("province", "city", "county")
    diff = ranks.index(predicted_level) - ranks.index(gold_level)
    if diff == 0:
        return f"same_province_other_{gold_level}"
    return f"too_{'fine' if diff > 0 else 'coarse'}_{gold_level}_as_{predicted_level}"


def code_errors(pairs: Iterable[tuple[str | None, str | None]], prefix: str) -> Counter[str]:
    return _count_kinds(pairs, prefix, code_error)


def indicator_confusions(pairs: Iterable[tuple[str, str]]) -> Counter[str]:
    """A count per "indicator:gold->predicted" of the matched pairs whose indicators differ."""
    return Counter(f"indicator:{g}->{p}" for g, p in pairs if g != p)


def _precision(time: str) -> str:
    """ "year", "month", "day" or "undated_day" ("--MM-DD") of an ISO time."""
    if time.startswith("--"):
        return "undated_day"
    return ("year", "month", "day")[min(time.count("-"), 2)]


def time_error(gold: str | None, predicted: str | None) -> str | None:
    """The kind of a wrong time, None when right: a null on either side, another year, or in the
    right year a coarser or finer precision, or the same precision but another month or day."""
    if gold == predicted:
        return None
    if gold is None or predicted is None:
        return "gold_null" if gold is None else "predicted_null"
    gold_p, predicted_p = _precision(gold), _precision(predicted)
    if "undated_day" in (gold_p, predicted_p):
        return f"{gold_p}_vs_{predicted_p}"
    if gold[:4] != predicted[:4]:
        return f"other_year_{gold_p}_vs_{predicted_p}"
    if gold_p != predicted_p:
        return f"gold_{gold_p}_predicted_{predicted_p}"
    return f"same_year_other_{gold_p}"


def time_errors(pairs: Iterable[tuple[str | None, str | None]], prefix: str) -> Counter[str]:
    return _count_kinds(pairs, prefix, time_error)


def _count_kinds(
    pairs: Iterable[tuple[str | None, str | None]],
    prefix: str,
    kind_of: Callable[[str | None, str | None], str | None],
) -> Counter[str]:
    """How many (gold, predicted) pairs fall in each kind of error, as "prefix:kind"."""
    return Counter(
        f"{prefix}:{kind}" for gold, predicted in pairs if (kind := kind_of(gold, predicted))
    )

"""A quoted quantity whose unit the grammar does not know -> Quantity with the unit as the quote
writes it. Pure.

The LLM path keeps what the model grounded: when the quoted number stands in the evidence but
its unit is not in the grammar's vocabulary ("12桩", "六区", "19省市"), the value, range and
hedges are read from the number and the unit is the run of characters after it, cut before a
hedge, a particle or punctuation. A plain number with nothing after it (a ratio, "约为0.497")
has the empty unit; a round number that drops its noun ("1.37万") is still no statistic, since
the noun it counts is not in the quote.

>>> q = read_as_written("19省市以上")
>>> (q.value, q.unit, q.qualifier)
(Decimal('19'), '省市', 'over')
"""

import dataclasses
import re

from service.values.quantities import Quantity, parse_quantity
from service.values.words import HEDGES_AFTER, UNIT_ALIASES, alternation, is_ideograph

# Where a unit written in the quote ends: a hedge after it, a particle, or anything not CJK.
_STOP = f"(?:{alternation(HEDGES_AFTER)}|[的和及与、]|[^\u4e00-\u9fff/]|$)"
# Classifiers run to one or two characters, counted nouns to a few more ("个百分点" has four);
# a longer run is a classifier and its noun, and only the first character is the unit.
_RUN_MAX = 4
_RUN = re.compile(f"[\u4e00-\u9fff/]{{1,{_RUN_MAX}}}?(?={_STOP})")
_HEDGE_AFTER = re.compile(alternation(HEDGES_AFTER))
_ROUND = re.compile("[万亿]")


def read_as_written(quoted: str) -> Quantity | None:
    """The quote's first number with the unit written after it; None when there is no number,
    or when a round number (万, 亿) has no unit in the quote."""
    quoted = quoted.strip()
    q = parse_quantity(quoted)
    if q is None:
        return None
    if q.unit:
        return q
    tail = quoted[q.end :]
    run = _RUN.match(tail)
    unit = run.group() if run else tail[:1] if is_ideograph(tail[:1]) else ""
    if not unit and _ROUND.search(quoted[q.start : q.end]):
        return None
    hedge = _HEDGE_AFTER.match(tail, len(unit))
    qualifier = q.qualifier
    if hedge and qualifier == "exact":
        qualifier = HEDGES_AFTER[hedge.group()]
    end = q.end + (hedge.end() if hedge else len(unit))
    unit = UNIT_ALIASES.get(unit, unit)
    return dataclasses.replace(q, unit=unit, qualifier=qualifier, end=end)

"""A quoted quantity whose unit the grammar does not know -> Quantity with the unit as the text
writes it. Pure.

The LLM path keeps what the model grounded: when the quoted number stands in the evidence but
its unit is not in the grammar's vocabulary ("12桩", "六区", "19省市", "1.5倍"), the value,
range and hedges are read from the number where it stands and the unit is the run of characters
after it, cut before a hedge, a particle or punctuation: in the quote, or, when the quote stops
at the number ("两" of "分两阶段，"), in the text after it, where a run of more than two
characters before a stop is taken to be a classifier and its noun, and only its first
character is kept ("27" of "27桩欠薪纠纷" -> 桩; so "两" of "分两阶段推进" gets 阶). A noun
there that implies a unit gives that unit (S3: "5万岗位" -> 个, "3万务工人员" -> 人). A number
with nothing after it (a ratio, "约为0.497"; a round number whose noun is told elsewhere,
"分别达到35.2万、12.6万") has the empty unit: it is kept, not dropped.

>>> q = read_as_written("19省市以上")
>>> (q.value, q.unit, q.qualifier)
(Decimal('19'), '省市', 'over')
>>> q = read_as_written("分两阶段，", at=1, end=2)
>>> (q.value, q.unit)
(Decimal('2'), '阶段')
"""

import dataclasses
import re

from schemas.vocab import Qualifier
from service.values.quantities import Quantity, read_quantities, unit_implied_after
from service.values.words import (
    HEDGES_AFTER,
    HEDGES_INSIDE,
    UNIT_ALIASES,
    alternation,
    is_ideograph,
)

# Where a written unit ends: a hedge after it, a particle, or anything not CJK.
_HEDGES = alternation((*HEDGES_AFTER, *HEDGES_INSIDE))
_STOP = f"(?:{_HEDGES}|[的和及与、]|[^\u4e00-\u9fff/]|$)"
# Classifiers run to one or two characters, counted nouns to a few more ("个百分点" has four);
# a longer run is a classifier and its noun, and only the first character is the unit. Past the
# quote, in running text, a run of more than two characters is cut the same way.
_RUN_MAX, _RUN_MAX_PAST = 4, 2
_RUN = re.compile(f"[\u4e00-\u9fff/]{{1,{_RUN_MAX}}}?(?={_STOP})")
_RUN_PAST = re.compile(f"[\u4e00-\u9fff/]{{1,{_RUN_MAX_PAST}}}?(?={_STOP})")
# A hedge after the unit, in the quote or just past it ("1倍多", "19省市以上").
_HEDGES_PAST: dict[str, Qualifier] = {**HEDGES_INSIDE, **HEDGES_AFTER}
_HEDGE_PAST = re.compile(alternation(_HEDGES_PAST))


def read_as_written(text: str, at: int = 0, end: int | None = None) -> Quantity | None:
    """The quantity of `text` that the quote `text[at:end]` (all of it by default) points at,
    with the unit written after its number; None when the quote holds no number with a value."""
    end = len(text) if end is None else end
    found = [q for q in read_quantities(text) if q.start < end and q.end > at]
    if not found:
        return None
    q = max(found, key=lambda q: (bool(q.unit), min(q.end, end) - max(q.start, at)))
    if q.unit:
        return q
    in_quote = q.end < end
    tail = text[q.end : end] if in_quote else text[q.end :]
    implied = unit_implied_after(tail)[1]
    unit = implied or _run(tail, _RUN if in_quote else _RUN_PAST)
    hedge = None if implied else _HEDGE_PAST.match(text, q.end + len(unit))
    qualifier = q.qualifier
    if hedge and qualifier == "exact":
        qualifier = _HEDGES_PAST[hedge.group()]
    stop = min(end, hedge.end()) if hedge else q.end + len(unit)
    unit = implied or UNIT_ALIASES.get(unit, unit)
    return dataclasses.replace(q, unit=unit, qualifier=qualifier, end=stop)


def _run(text: str, run: re.Pattern[str]) -> str:
    """The unit written at the start of `text`: a run up to a stop, else its first character."""
    m = run.match(text)
    return m.group() if m else text[:1] if is_ideograph(text[:1]) else ""

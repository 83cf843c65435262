"""Half of a whole as a share: "一半", "半数", "过半", "近一半", "超过半数" -> 50 % with the
hedge's qualifier (LABELLING.md S7, N19). Pure; the number grammar reads no bare 半 as a
value, so these are read apart and merged in text order by `quantities`.

>>> [(s.value, s.qualifier, s.start, s.end) for s in find_half_shares("过半企业已复工")]
[(Decimal('50'), 'over', 0, 2)]
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from schemas.vocab import Qualifier
from service.values.words import (
    HALF_SHARE,
    HALF_SHARE_HEDGES,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    NOT_HALF_SHARE_AFTER,
    NOT_HALF_SHARE_BEFORE,
    NOT_HEDGE_YUE,
    alternation,
)

_HEDGES = {**HEDGES_BEFORE, **HALF_SHARE_HEDGES}
_HALF_SHARE = re.compile(
    f"(?<![{NOT_HALF_SHARE_BEFORE}{NOT_HEDGE_YUE}])(?P<pre>{alternation(_HEDGES)})?"
    f"(?<![{NOT_HALF_SHARE_BEFORE}])(?P<half>一半|半数|半)(?![{NOT_HALF_SHARE_AFTER}])"
    f"(?P<post>{alternation(HEDGES_AFTER)})?"
)


@dataclass(frozen=True, slots=True)
class HalfShare:
    """A half as a percentage; `start`/`end` (end exclusive) cover its hedges."""

    value: Decimal
    qualifier: Qualifier
    start: int
    end: int


def find_half_shares(text: str) -> list[HalfShare]:
    """Every half of a whole in `text`, in text order."""
    if "半" not in text:  # every half names 半; the pattern, opening with a look-behind, has
        return []  # no character to skip to and is tried at every offset
    out = []
    for m in _HALF_SHARE.finditer(text):
        if m["half"] == "半" and not m["pre"]:
            continue  # a bare 半 is half of a unit ("半个小时"), read by the number grammar
        pre, post = m["pre"] or "", m["post"] or ""
        qualifier = _HEDGES.get(pre) or HEDGES_AFTER.get(post) or "exact"
        out.append(HalfShare(HALF_SHARE, qualifier, m.start(), m.end()))
    return out

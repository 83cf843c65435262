"""What opens a phrase before a number but names no part of what is counted: the place and the
doer (LABELLING.md S12; they are the statistic's `location` and `subject`). Pure.

"甘肃省共输转城乡富余劳动力" counts 输转城乡富余劳动力; "昆山人社部门发放稳岗返还资金" counts
发放稳岗返还资金. A place inside the phrase stays ("转移南疆三地州贫困劳动力").
"""

import re

from service.values.places import opening_place

# A government doer: "人社部门", "市人力资源和社会保障局", "县就业局", "区政府" (not "政府投资",
# "检查政府投资项目").
_DOER = re.compile(
    r"^[\u4e00-\u9fff]{0,6}?(?:(?:人社|人力资源和社会保障|人力资源社会保障|就业|劳动保障|劳动监察|"
    r"商务|教育|农业农村|住建|交通运输|财政|民政|公安|司法)(?:部门|局|厅|委)|"
    r"[省市县区镇乡]政府|人民政府)"
)
# "共" joins a doer to its verb ("甘肃省共输转…"); 已, 累计 say which are counted, they stay.
_ADVERBS = re.compile(r"^(?:共计|共)")
_REST = 2
_ROUNDS = 4


def without_doer(phrase: str) -> str:
    """`phrase` without the places, doers and adverbs that open it, keeping at least two
    characters of it."""
    for _ in range(_ROUNDS):
        before = phrase
        phrase = _cut(phrase, _opening_place(phrase))
        for pattern in (_DOER, _ADVERBS):
            m = pattern.match(phrase)
            phrase = _cut(phrase, m.end() if m else 0)
        if phrase == before:
            break
    return phrase


def _opening_place(phrase: str) -> int:
    """The end of a place opening `phrase`, 0 for none or an origin ("湖北籍员工")."""
    place = opening_place(phrase)
    if place is None or phrase.startswith("籍", place.end):
        return 0
    return place.end


def _cut(phrase: str, at: int) -> str:
    return phrase[at:] if at and len(phrase) - at >= _REST else phrase

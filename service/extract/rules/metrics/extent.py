"""The metric of a duration or a distance (LABELLING.md S12): what lasts or travels, and the
measure. Pure.

"在赴外的15天内" names no noun: the number measures how long something lasts, so the metric is
the act with 时长 ("赴外时长"); "跨越700公里" measures how far, "…距离". The act is the words
before the number, else the verb phrase after it ("提前一个多月开展摸底排查" -> 开展摸底排查时长).
"""

import re

from service.values.metric import clean_metric

DURATION_UNITS = frozenset({"年", "个月", "月", "天", "日", "周", "小时", "分钟"})
DISTANCE_UNITS = frozenset({"公里", "千米", "米"})
# Words that only say "it lasted" or "it went": they name no act.
_MEASURING = re.compile(
    r"(?:满|通过|历经|经过|提前|为期|用了|用时|长达|连续|跨越|驶向|行程|奔波|耗时|在|的)+$"
)
_MEASURING_LEAD = re.compile(r"^(?:在|于|对|经过|通过|我们|他们|她们|咱们|大家|我|他|她)+")
# What follows a duration before the act: "3个月时间里", "15天内", "一个多月的".
_AFTER_MEASURE = re.compile(r"^(?:的)?(?:时间里|时间|之内|以内|以上|左右|内|后|外|来|了|的|就|才)*")
_NAMED = re.compile(r"用时|用了|时间|时长|期限|年限|天数|距离|里程|周期")
_ACT_STOP = re.compile(r"[\d，。；：、的]")
_ACT_MAX = 10


def extent_metric(head: str, before: str, tail: str, unit: str) -> str:
    """The metric of a duration or distance whose clause reads `head` before the number (`before`
    its noun phrase) and `tail` after it; "" when `unit` measures neither, or the clause names the
    measure itself ("用时", "休息时间") or holds more than an act."""
    if unit in DURATION_UNITS:
        measure = "时长"
    elif unit in DISTANCE_UNITS:
        measure = "距离"
    else:
        return ""
    if _NAMED.search(head):
        return ""  # "项目落地用时", "休息时间": the measure is named
    act = clean_metric(_MEASURING_LEAD.sub("", _MEASURING.sub("", before)))
    if len(act) > _ACT_MAX // 2:
        return ""  # a subject or a whole clause before it: the general reading
    if len(act) < 2:
        rest = tail[_AFTER_MEASURE.match(tail).end() :]  # type: ignore[union-attr]
        stop = _ACT_STOP.search(rest)
        act = clean_metric(rest[: stop.start()] if stop else rest)
    return act[-_ACT_MAX:] + measure if len(act) >= 2 else measure

"""Periods that run up to the report (ANNOTATION.md T2). Pure.

"自2月1日春风行动开展以来，累计…", "2月1日至今…", "今年1月以来…": the time written is the period's
start, but a figure over the period holds at the report, so it takes the smallest unit holding
both the start and the publication date ("2022" for a period from February reported in April),
as "X以来" does. The start still dates an event begun then (E3: an event takes its start day).
"""

import re

from service.values.times import TimeMention

# The period's end words, after its start within the same clause: "以来", "至今", "迄今".
_RUNS_TO_NOW = re.compile(r"[^，。；！？：\n]{0,24}?(?:以来|至今|迄今)")
# What the start is written with: "自2月1日", "从2021年起".
_START_WORDS = re.compile(r"^(?:自从|自|从|打)|起$")


def open_period(text: str, mention: TimeMention) -> str | None:
    """The open period a start time opens, written as "X以来" for the value layer to resolve;
    None when the mention opens no period running to now."""
    if mention.expr.endswith(("以来", "至今", "迄今")):
        return None  # the value layer reads it whole
    if _RUNS_TO_NOW.match(text, mention.end) is None:
        return None
    return _START_WORDS.sub("", mention.expr) + "以来"

"""The time of a year's target (ANNOTATION.md T2). Pure.

A target takes the time it aims at. A goal set for a whole year ("年计划500万人", "全年目标",
"4.5%的控制目标", "预计全年…") aims at the year, even when the sentence reports progress by a
month ("一季度，…完成年计划500万人的77.5%" -> the 500万 target is "2022"). A share of the
year's goal aimed at a period keeps the period ("一季度力争完成全年任务的30%" -> "2022-03").
"""

import re

# Words naming a goal for the whole year, around the figure in its clause.
_ANNUAL = re.compile(r"年计划|年度计划|年度目标|全年目标|年目标|全年任务|年度任务|控制目标|全年")
# "一季度完成全年任务的30%": a share of the year's goal, aimed at the period, not the goal.
_SHARE_OF = re.compile(r"[^，。；\d]{0,6}的$")


def annual_target(text: str, clause: tuple[int, int], at: int, found: str) -> str:
    """`found` cut to its year when the target at `at` is a whole year's goal its clause names,
    not a share of one."""
    if len(found) <= len("YYYY") or not found[:4].isdigit():
        return found
    for annual in _ANNUAL.finditer(text, *clause):
        if annual.end() <= at and _SHARE_OF.fullmatch(text, annual.end(), at):
            return found
    return found[:4] if _ANNUAL.search(text, *clause) else found

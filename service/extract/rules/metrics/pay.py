"""The metric of pay told per month (LABELLING.md S12). Pure.

"每个月能拿到7000元", "一个月也就5000元", "达到3600~4000元/月": an amount a month is monthly pay,
though no pay noun is written. Where the clause names the pay ("月薪普遍达到5000元", "每月平均
薪资"), its own words stay.
"""

import re

# An amount a month: "每月", "每个月", "一个月", "月均" before it; "/月", "每月" after it.
_MONTHLY_BEFORE = re.compile(r"每个?月|一个月|月均|月入")
_MONTHLY_AFTER = re.compile(r"^(?:[/／]月|每月|一个月)")
_PAY_NOUN = re.compile(r"薪|工资|收入|报酬|待遇|补|奖|费|投资|资金|产值")
MONTHLY_INCOME = "月收入"
MONTHLY_WAGE = "月薪"


def monthly_pay(metric: str, head: str, tail: str, unit: str) -> str:
    """The metric of an amount of `unit` told per month in its clause (`head` before the number,
    `tail` after it), when `metric` names no pay; else ""."""
    if unit != "元" or _PAY_NOUN.search(metric):
        return ""
    if _MONTHLY_AFTER.match(tail):
        return MONTHLY_WAGE  # "3600~4000元/月": the rate of a job's pay
    if _MONTHLY_BEFORE.search(head):
        return MONTHLY_INCOME  # "每个月能拿到7000元": what someone earns
    return ""

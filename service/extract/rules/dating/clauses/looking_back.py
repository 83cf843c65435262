"""A fact is told after it happened (ANNOTATION.md T3): times written without a year that would
fall well after the publication date belong to the year before. Pure.

"12月份，全市城镇调查失业率为5.1%" on a January page is last December. A plan keeps the year it
is set in: this is for facts only. ("全年" with no year named is left to the year reported in:
tests/extract/rules/dating/test_time.py, WHOLE_YEARS.)
"""

import re

# A written year ("2023年", "去年") fixes the year: nothing to move.
_NAMES_A_YEAR = re.compile(r"(?:19|20)\d\d|年")
# How far ahead of the publication month a fact's month may fall before it is read as last
# year's: a date a few weeks on is a scheduled occurrence ("2月8日将举办"), half a year on is not.
_MONTHS_AHEAD = 6


def fact_in_hindsight(expr: str, found: str, published: str | None) -> str:
    """`found`, resolved from `expr`, moved back a year when a fact cannot hold then."""
    if not published or len(published) < len("YYYY-MM") or found.startswith("-"):
        return found
    year, month = int(published[:4]), int(published[5:7])
    if len(found) < len("YYYY-MM") or found[:4] != str(year) or _NAMES_A_YEAR.search(expr):
        return found
    if int(found[5:7]) - month >= _MONTHS_AHEAD:
        return f"{year - 1}{found[4:]}"
    return found

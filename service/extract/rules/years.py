"""The year a page without a publication date states (ANNOTATION.md T3). Pure.

"2023年春风行动", "2024年度…", a year in the headline: the page tells when it was written even
when nobody sent its date, so "1月14日" on it is "2023-01-14", not "--01-14". A year told
anywhere else may be history ("2007年出炉的…"), so only an edition's year or the headline's
dates the page.
"""

import re

# A year naming an edition of a campaign, fair or plan ("2023年春风行动", "2023年“春风行动”",
# "2014年春季招聘会", "2024年度").
_EDITION_YEAR = re.compile(
    r"((?:19|20)\d\d)年(?:度|[“\"]|[春夏秋冬]季?|[\u4e00-\u9fff]{0,8}?(?:行动|活动|招聘会|计划|工程))"
)
_YEAR = re.compile(r"((?:19|20)\d\d)年")


def stated_year(text: str) -> str | None:
    """The year an edition's name gives, else the year in the page's first line, else None."""
    edition = _EDITION_YEAR.search(text)
    if edition is not None:
        return edition[1]
    first_line = text.lstrip("\n").split("\n", 1)[0]
    year = _YEAR.search(first_line)
    return year[1] if year else None

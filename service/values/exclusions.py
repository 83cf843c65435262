"""The numbers ANNOTATION.md does not count as statistics: dates, ordinals (also in a list,
"第一、二批"), codes and names ("K6608次"), numbers inside quoted names, ages, the article 一,
relative time frames and figures of speech. Pure.
"""

import re
from bisect import bisect_right

from service.values.numerals import unit_of
from service.values.words import (
    ARTICLE_ONE_COUNTS,
    COORDINATION,
    LATIN_CODE,
    MEASURED_BEFORE,
    NAME_PREFIX,
    NAME_TAIL,
    NOT_AFTER,
    NOT_BEFORE,
    NOT_RELATIVE_GUO,
    ORDINAL_LIST,
    RELATIVE_AFTER,
    RELATIVE_BEFORE,
    ROUND_LITERAL_UNITS,
    SHARES,
    TIME_REF_AFTER,
    TIME_REF_BEFORE,
    TIME_REF_WORDS,
    TIME_UNITS,
    VAGUE_BEFORE,
    is_quoted_name,
)

_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_HEAD = 16  # how far back an ordinal list or a code is looked for
_QUOTE = re.compile(r"“[^“”\n]*”")


def quoted_names(text: str) -> list[tuple[int, int]]:
    """The spans of short quotes that name something ("“4+1”项目"), in text order."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text) if is_quoted_name(m.group()[1:-1])]


def is_excluded(m: re.Match[str], unit_read: str, text: str, names: list[tuple[int, int]]) -> bool:
    """Numbers that are dates, ordinals, names, ages, articles or figures of speech."""
    num, unit = m["num"], m["unit"] or ""
    before = text[m.start("num") - 1] if m.start("num") > 0 else ""
    after = text[m.end() : m.end() + 2]
    head = text[max(0, m.start("num") - _HEAD) : m.start("num")]
    return (
        before in NOT_BEFORE
        or ORDINAL_LIST.search(head) is not None
        or LATIN_CODE.search(head) is not None
        or is_vague(m, text)
        or after.startswith(NOT_AFTER)
        or _inside(names, m.start())
        or (unit == "年" and _YEAR.match(num) is not None)
        or _is_relative_time(m, unit_read, text)
        or _is_named(m, text)
        or _is_article_one(m, text)
        or _is_figure_of_speech(m, unit_read)
    )


def is_vague(m: re.Match[str], text: str) -> bool:
    """A vague amount ("数十亿元", "几十万", "数百名"): no value (LABELLING.md S4)."""
    at = m.start("num")
    before = text[at - 1] if at > 0 else ""
    return before in VAGUE_BEFORE and not m["pre"] and not m["num"][0].isdigit()


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether `at` falls in one of the sorted, disjoint `spans`."""
    i = bisect_right(spans, (at, len(spans) and spans[-1][1] + 1))
    return i > 0 and spans[i - 1][0] <= at < spans[i - 1][1]


def _is_relative_time(m: re.Match[str], unit: str, text: str) -> bool:
    if unit not in TIME_UNITS:
        return False
    at = m.start("num")
    before = text[at - 1] if at > 0 else ""
    relative = before in RELATIVE_BEFORE and text[at - 2 : at - 1] not in NOT_RELATIVE_GUO
    return relative or text.startswith(RELATIVE_AFTER, m.end())


def _is_named(m: re.Match[str], text: str) -> bool:
    head = text[max(0, m.start() - 16) : m.start()]
    named = any(p.end() == len(head) for p in NAME_PREFIX.finditer(head))
    return named or NAME_TAIL.match(text, m.end()) is not None


def _is_article_one(m: re.Match[str], text: str) -> bool:
    if m["num"] != "一" or m["pre"] or m["num2"] or m["unit"] in (*ARTICLE_ONE_COUNTS, *SHARES):
        return False
    if unit_of(m["unit"])[0] in TIME_UNITS:
        return _is_time_reference(m, text)
    other = COORDINATION.match(text, m.end())
    return other is None or not text.startswith(m["unit"] or "", other.end())


def _is_time_reference(m: re.Match[str], text: str) -> bool:
    """一 with a duration names a time ("有一天", "新的一年", "前一天") or a rhythm ("一年一度",
    "一天比一天") rather than measuring one ("用一个月时间", "一个多月")."""
    at, end = m.start("num"), m.end()
    before = text[max(0, at - 2) : at]
    named = before in TIME_REF_WORDS
    named |= before[-1:] in TIME_REF_BEFORE and before not in MEASURED_BEFORE
    doubled = text[end : end + 1] == text[end - 1 : end]
    return named or doubled or text.startswith(TIME_REF_AFTER, end)


def _is_figure_of_speech(m: re.Match[str], unit: str) -> bool:
    bare_round = m["num"] in ("百", "千", "万", "亿", "千亿", "万亿", "百万", "千万")
    hedged = bool(m["pre"] or m["odd"] or m["mid"] or m["mid2"] or m["post"])
    return bare_round and not hedged and unit not in ROUND_LITERAL_UNITS

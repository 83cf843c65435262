"""Which heading of a web page is its headline, and which lines are page furniture. Pure.

A web page prints many short lines above its body: the site's name, menus, a breadcrumb trail
("当前位置：首页>新闻"), the dateline and source ("2024-03-01 来源：…"), bylines and editor lines
("本报记者…", "责编：…"), image file names and the paper's edition line. The headline is the
heading that is none of these and says what the body says: of the headings left, the one
sharing the most two-character words with the body, the first on a tie.
"""

import re

# Lines that are never a headline: who wrote, edited, shot or sent it, where the page sits,
# when and where it was printed.
_FURNITURE = re.compile(
    "|".join(
        [
            r"(?:本报|融媒|特约|见习)?记者[\u4e00-\u9fff\s·、]{2,}",  # bylines
            r"通讯员|责编|责任编辑|编辑[：:/丨|]|编导|审核|校对|监制|供稿|作者[：:]|摄影|摄像",
            r"融媒[：:]|漫画|配诗|配文|主办$|承办$",  # credits
            r"\d{4}年\d{1,2}月\d{1,2}日\s*星期",  # a paper's date line
            r"来源[：:丨|]|稿源|出处[：:]",  # sources
            # breadcrumbs
            r"当前位置|您的位置|您现在的位置|首页\s*[>\uff1e»\u203a/|]|[>\uff1e»\u203a]\s*正文",
            r"^(?:19|20)\d\d[-年./]\d{1,2}[-月./]\d{1,2}日?(?:\s*\d{1,2}[:：]\d\d)?",  # datelines
            r"^[（(][^）)]{2,40}[）)]$",  # a parenthesised credit line
            r"版权所有|Copyright|ICP|刊号|第\s*\d+\s*版|[\d]+版[：:]",  # footers, edition lines
        ]
    ),
    re.IGNORECASE,
)
# An image file name ("W020240115593.jpg", "![](images/a.png)") names a picture, not the news.
# Found by its extension, then read back over the name's characters (at most _NAME_MAX): a
# pattern that scans forward for the name is quadratic on a long line of letters and digits.
_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|bmp|webp|tiff?)\b", re.IGNORECASE)
_NAME_CHAR = re.compile(r"[\w\-.~%/()（）：:]")
_NAME_MAX = 200
# "原标题：…" gives the headline itself.
_ORIGINAL_TITLE = re.compile(r"^原标题[：:]")
# Runs of two or more CJK characters, whose adjacent pairs stand in for words.
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# A headline says something: at least this many Chinese characters.
_MIN_HAN = 5
_HAN = re.compile(r"[\u4e00-\u9fff]")


def is_furniture(line: str) -> bool:
    """A byline, editor, source, breadcrumb, dateline, footer or image line: no headline."""
    return bool(_FURNITURE.search(line) or _EXTENSION.search(line))


def headline_text(line: str) -> str:
    """The headline a title line gives: "原标题：X" gives X."""
    return _ORIGINAL_TITLE.sub("", line).strip()


def pick_headline(headings: list[str], words: set[str]) -> int | None:
    """Index of the headline among `headings` (in page order), given the body's two-character
    words (`cjk_pairs`, read once for every pool of headings tried); None when every heading
    is furniture or too short to say anything."""
    best: tuple[int, int] | None = None  # (shared words, -index)
    for i, line in enumerate(headings):
        if _ORIGINAL_TITLE.match(line):
            return i
        if is_furniture(line) or len(_HAN.findall(line)) < _MIN_HAN:
            continue
        score = (len(cjk_pairs(line) & words), -i)
        if best is None or score > best:
            best = score
    return None if best is None else -best[1]


def cjk_pairs(text: str) -> set[str]:
    """Two-character words, any two adjacent CJK characters: "市总工会" -> 市总, 总工, 工会
    (sliced from runs of CJK, twice as fast as a regex match per pair)."""
    return {run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)}


def strip_image_files(text: str) -> str:
    """`text` without the image file names in it: "W0202403.jpg 图" -> " 图"."""
    pieces, kept = [], 0
    for m in _EXTENSION.finditer(text):
        start, floor = m.start(), max(kept, m.start() - _NAME_MAX)
        while start > floor and _NAME_CHAR.match(text, start - 1):
            start -= 1
        pieces.append(text[kept:start])
        kept = m.end()
    pieces.append(text[kept:])
    return "".join(pieces)

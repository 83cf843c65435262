"""Normalised page -> [Article(title, start, end)]: articles, their titles, no boilerplate. Pure.

A page is a run of paragraphs (one per line of the normalised text), each classed as body,
heading or junk (navigation, footers, bylines, photo credits, banners). Three layouts occur:

- markdown: every "# " heading starts an article;
- newspaper: "本报讯" starts an article body, and the headings between two bodies are split
  between them: a kicker ending in "：" ("市医保局：") starts the next article's title;
  otherwise the block is cut where the title lines on each side share the most words with the
  body on their side, since a page may print a title before its body, after it, or both;
- anything else is one article titled by the heading beside its byline or dateline.

Article bounds are normalised offsets and include the title paragraphs, whose numbers count.
"""

import itertools
import re
from dataclasses import dataclass
from typing import Literal

from service.text import titles

_Role = Literal["body", "heading", "junk"]

# --- paragraph classes ------------------------------------------------------------------------
_MARKDOWN_ARTICLE = re.compile(r"^#(?!#)")
_MARKDOWN_HEADING = re.compile(r"^#+")
_DISPATCH = re.compile(r"^本报讯")
# A heading holds no full stop and does not end as a sentence or question does; a headline
# may still exclaim inside ("赢取“开门红”，冲刺“全年红”！金华全力保障用工先行").
_FULL_STOP = re.compile(r"。|[！？][”’」）]*$")
_KICKER = re.compile(r"^[^，。！？]{2,12}：$")
_SUBTITLE = re.compile(r"^——")
# Junk that is the whole paragraph or opens it (tried at its start only) ...
_JUNK_START = re.compile(
    "|".join(
        [
            r"您当前的位置",  # navigation trail
            r"[□■]?(?:融媒)?记者\S{2,4}$",  # byline on a line of its own
            r"图/",  # photo credit
            r"\d{4}-\d{2}-\d{2}[ \d:]*",  # web dateline
            # A short slogan printed twice ("奋进新征程奋进新征程"); bounded, so a long line
            # cannot backtrack, and a repeated sentence is not a banner.
            r"(?P<banner>[^，。！？；]{3,12})(?P=banner)",
            r"\S{1,2}$",  # menu words and stray characters ("语言")
            # a web page's links and counters: "上一篇：…", "分享到：微信", "【打印】【关闭】"
            r"上一篇|下一篇|分享到|【?(?:打印|关闭)|浏览次数|点击数|【?字[体号]",
            r"(?:[^|，。]{1,10}\|){2,}[^|，。]{1,10}$",  # a menu: "首页|新闻中心|政策法规"
            r"\S{2,8}(?:网|网站|在线|新闻网)$",  # the site's name on a line of its own
        ]
    )
)
# A related-articles heading: it and the list of other stories' headlines under it, down to the
# next paragraph of prose, are links out of the page, whose figures are no part of the story.
_RELATED = re.compile(r"(?:相关|延伸|推荐)(?:阅读|新闻|链接|文章|报道)[：:]?$")
# ... and junk wherever it stands; kept apart so the scanner can skip to these words.
_JUNK_ANYWHERE = re.compile(
    "|".join(
        [
            r"如果发现本网站|版权所有|欢迎来本站投稿|责任编辑|ICP备|公网安备|禁止转载",  # footers
            r"记者\S{2,6}摄$|摄影[:：]",  # photo credits
        ]
    )
)
_PHOTO_CREDIT = re.compile(r"摄$")
_HEADING_MAX_CHARS = 50
# Every pair of adjacent CJK characters, overlapping (the lookahead holds the second one).
# A web page's title stands above its dateline; a newspaper story's below its byline.
_DATELINE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BYLINE = re.compile(r"^[□■]?(?:融媒)?记者")
_LINE = re.compile(r"[^\n]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_PROSE_MIN_HAN = 40


@dataclass(frozen=True, slots=True)
class Article:
    """`start`/`end` are normalised offsets, end exclusive."""

    title: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Paragraph:
    start: int
    end: int
    text: str
    role: _Role


def split_articles(text: str) -> list[Article]:
    """Normalised page text -> its articles in page order."""
    paragraphs = _paragraphs(text)
    if any(_is_markdown_article(p) for p in paragraphs):
        groups = _markdown_articles(paragraphs)
    elif any(_DISPATCH.match(p.text) for p in paragraphs):
        groups = _newspaper_articles(paragraphs)
    else:
        groups = [_single_article(paragraphs)]
    articles = [a for a in (_to_article(title, members) for title, members in groups) if a]
    if not articles and text.strip():
        # Nothing looks like an article body (a caption, a list, a bare headline): the text is
        # still extracted, as one untitled article, never silently dropped.
        return [Article(None, 0, len(text))]
    return articles


def lost_prose(text: str, articles: list[Article]) -> list[tuple[int, int]]:
    """[start, end) of each paragraph of story text that no article holds: the caller warns
    of it, since text may only be left out as page furniture."""
    held = tuple((a.start, a.end) for a in articles)
    return [(p.start, p.end) for p in _paragraphs(text, held) if p.role == "body"]


def _paragraphs(text: str, held: tuple[tuple[int, int], ...] = ()) -> list[_Paragraph]:
    """The paragraphs that no bounds in `held` hold; the roles of those held are read only
    inside a related-articles list, which just a body paragraph ends."""
    out = []
    related = False  # inside a related-articles list
    for m in _LINE.finditer(text):
        line = m.group().strip()
        inside = bool(held) and any(a <= m.start() and m.end() <= b for a, b in held)
        if line and (related or not inside):
            role = _role(line)
            related = _RELATED.match(line) is not None or (related and role != "body")
            if not inside:
                out.append(_Paragraph(m.start(), m.end(), line, "junk" if related else role))
        elif line:
            related = _RELATED.match(line) is not None
    return out


def _role(line: str) -> _Role:
    if _is_image_line(line):
        return "junk"
    if _MARKDOWN_HEADING.match(line):
        return "heading"
    if (_JUNK_START.match(line) or _JUNK_ANYWHERE.search(line)) and not _holds_prose(line):
        return "junk"
    if len(line) <= _HEADING_MAX_CHARS and not _FULL_STOP.search(line):
        return "heading"
    return "body"


def _holds_prose(line: str) -> bool:
    """Sentences run on past a dateline or byline the page put on the same line ("2024-03-01
    来源：…3月1日，某县举办…。"): the line is the story, not furniture around it."""
    return "。" in line and len(_HAN.findall(line)) >= _PROSE_MIN_HAN


def _is_image_line(line: str) -> bool:
    """A line that only names a picture ("W0202403.jpg", "# ！[]（a.png）"): page furniture,
    which neither starts an article nor titles one."""
    return not _HAN.search(titles.strip_image_files(line))


_Group = tuple[list[_Paragraph], list[_Paragraph]]  # (title paragraphs, member paragraphs)


def _markdown_articles(paragraphs: list[_Paragraph]) -> list[_Group]:
    """Every "# " heading starts an article; a story told above the first one is an article
    of its own, not the page's masthead."""
    first = next(i for i, p in enumerate(paragraphs) if _is_markdown_article(p))
    above = paragraphs[:first]
    groups = [_single_article(above)] if any(p.role == "body" for p in above) else []
    for p in paragraphs[first:]:
        if _is_markdown_article(p):
            groups.append(([p], [p]))
        elif groups:
            groups[-1][1].append(p)
    return groups


def _is_markdown_article(p: _Paragraph) -> bool:
    return _MARKDOWN_ARTICLE.match(p.text) is not None and p.role != "junk"


def _newspaper_articles(paragraphs: list[_Paragraph]) -> list[_Group]:
    """Bodies start at "本报讯" (or at the top of the page, or after a photo credit);
    the headings between two bodies are shared out by `_share_headings`."""
    bodies, blocks, trailing = _bodies(paragraphs)
    groups: list[_Group] = []
    for block, body in [*zip(blocks, bodies, strict=True), (trailing, [])]:
        before, after = _share_headings(groups, block, body)
        if groups:
            groups[-1][0].extend(before)
            groups[-1][1].extend(before)
        if body:
            groups.append((after, [*after, *body]))
    return groups


def _bodies(
    paragraphs: list[_Paragraph],
) -> tuple[list[list[_Paragraph]], list[list[_Paragraph]], list[_Paragraph]]:
    """Paragraphs -> (each article's body, the headings before each body, headings after the
    last). Headings between two paragraphs of one body are in that body."""
    bodies: list[list[_Paragraph]] = []
    blocks: list[list[_Paragraph]] = []
    pending: list[_Paragraph] = []  # headings seen since the last body paragraph
    for p in paragraphs:
        if p.role == "heading":
            pending.append(p)
        elif p.role == "junk":
            if _PHOTO_CREDIT.search(p.text) and bodies and len(bodies[-1]) > 1:
                # A photo credit closes a caption item: the paragraph before it stands alone.
                blocks.append([])
                bodies.append([bodies[-1].pop()])
        elif _DISPATCH.match(p.text) or not bodies:
            blocks.append(pending)
            bodies.append([p])
            pending = []
        else:
            bodies[-1].extend([*pending, p])
            pending = []
    return bodies, blocks, pending


def _share_headings(
    groups: list[_Group], pending: list[_Paragraph], body: list[_Paragraph]
) -> tuple[list[_Paragraph], list[_Paragraph]]:
    """Headings between the last article in `groups` and the next `body` -> (those closing
    the previous article, those opening the next).

    A kicker ending in "：" opens the next article's title. Otherwise the block is cut between
    title units where the units before the cut share the most words with the previous body
    and those after it with the next; on a tie the cut stays where layout alone puts it: all
    to the next article, or, if the previous one has no title yet, half to each. After the
    last body there is nothing to weigh against, so layout alone decides.
    """
    kicker = next((i for i, p in enumerate(pending) if _KICKER.match(p.text)), None)
    if not groups:
        return [], pending[kicker or 0 :]  # above the first kicker is the page's masthead
    previous_untitled = not groups[-1][0]
    if kicker is not None:
        return (pending[:kicker] if previous_untitled else []), pending[kicker:]
    units = _title_units(pending)
    cut = (len(units) + 1) // 2 if previous_untitled else 0
    if body:
        previous = _words([p for p in groups[-1][1] if p.role == "body"])
        cut = _best_cut(units, previous=previous, following=_words(body), default=cut)
    return [p for u in units[:cut] for p in u], [p for u in units[cut:] for p in u]


def _best_cut(
    units: list[list[_Paragraph]], *, previous: set[str], following: set[str], default: int
) -> int:
    """The cut in `units` whose units before it share the most words with `previous`, less
    those shared with `following`, and after it the reverse; the cut nearest `default` on a
    tie."""
    gains = [0]
    for unit in units:
        words = _words(unit)
        gains.append(gains[-1] + len(words & previous) - len(words & following))
    best = max(gains)
    return min((c for c, g in enumerate(gains) if g == best), key=lambda c: abs(c - default))


def _words(paragraphs: list[_Paragraph]) -> set[str]:
    """Two-character words of the paragraphs (`titles.cjk_pairs`)."""
    return set().union(*(titles.cjk_pairs(p.text) for p in paragraphs))


def _title_units(pending: list[_Paragraph]) -> list[list[_Paragraph]]:
    """Headings grouped so that a "——" subtitle stays with the heading above it."""
    units: list[list[_Paragraph]] = []
    for p in pending:
        if units and _SUBTITLE.match(p.text):
            units[-1].append(p)
        else:
            units.append([p])
    return units


def _single_article(paragraphs: list[_Paragraph]) -> _Group:
    """One article titled by its headline (`titles.pick_headline`): of the headings beside its
    byline or dateline, else above the body, else anywhere, the one that is no furniture and
    best says what the body says."""
    members = [p for p in paragraphs if p.role != "junk"]
    pairs = list(itertools.pairwise(paragraphs))
    beside = [b for a, b in pairs if _BYLINE.match(a.text)]
    beside += [a for a, b in pairs if _DATELINE.match(b.text)]
    first_body = next((i for i, p in enumerate(paragraphs) if p.role == "body"), len(paragraphs))
    words = titles.cjk_pairs("".join(p.text for p in paragraphs if p.role == "body"))
    for pool in (beside, paragraphs[:first_body], paragraphs):
        headings = [p for p in pool if p.role == "heading"]
        chosen = titles.pick_headline([p.text for p in headings], words)
        if chosen is not None:
            return [headings[chosen]], members
    return [], members


def _to_article(title: list[_Paragraph], members: list[_Paragraph]) -> Article | None:
    if not any(p.role == "body" for p in members):
        return None
    lines = [_MARKDOWN_HEADING.sub("", p.text).strip() for p in title]
    name = " ".join(titles.headline_text(t) for t in lines if not titles.is_furniture(t)) or None
    return Article(name, min(p.start for p in members), max(p.end for p in members))

"""One article's text as the rules backend reads it: clauses, sentences, quotations and interview
answers, found once per article, and the places and organisations named in it. Pure.

`analyse` computes the structure; the statistics (`backend.py`), the time lookup (`time.py`)
and the events (`events.py`) read it through the functions below.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from service.values.dating.times import TimeMention, find_times
from service.values.dating.timewords import PERIOD_OF_YEAR
from service.values.places import Place, find_places
from service.values.quantities import Quantity, find_quantities
from service.values.words import is_quoted_name

# --- text structure ---------------------------------------------------------------------------
_SENTENCE_END = "。！？…\n"
_CLAUSE_END = "，；：！？。…\n"
_LIST_MARK = "、"
_CLAUSE_CUT = re.compile(f"[{_CLAUSE_END}“”]")
_LIST_CUT = re.compile(_LIST_MARK)
_SENTENCE_CUT = re.compile(f"[{_SENTENCE_END}]")
_LINE = re.compile(r"[^\n]+")
# A short quote with no clause punctuation is a name (`is_quoted_name`): it cuts no clause.
QUOTE = re.compile(r"“[^“”\n]*”?")
# Leading connectives that carry nothing (LABELLING.md S1).
_CONNECTIVE = re.compile(r"(?:其中|此外|另外|同时|另有|最终|而且|并且|但是|记者获悉|据统计|据了解)")
SPACE = re.compile(r"\s+")
# An interview answer opens a section that its opening time and tense govern (S9).
_ANSWER = re.compile(r"^答[：:]")
# No "^": matched at a line start given as `pos`, where "^" would never match past offset 0.
QUESTION = re.compile(r"问[：:]")
# Sentences end here; a line break ends one only where it ends a paragraph (S9).
_FULL_STOP = re.compile("[。！？…]")

# A reading looks at most this far either side of an item. Real sentences are far shorter; a page
# with no full stop or comma would otherwise be one "sentence" that every item on it reads
# whole, which is quadratic in the page's length.
READ_MAX = 500
# A statistic's evidence is its clause, read again when the quote is resolved (the longest in the
# eval sets has 153 characters).
CLAUSE_MAX = 200

# --- occurrences held at a place ("招聘会在紫阳县礼乐广场启动"), for items naming none (P1) ---
_HELD = re.compile(r"在(?=[^，。；]{2,24}?(?:举办|举行|启动|召开|开幕|拉开|开展|进行))")

# --- plans (LABELLING.md S8, E2) ------------------------------------------------------------------
TARGET = re.compile(r"计划|预计|力争|争取|有望|目标|拟|下一步|将(?!近)|要(?=[在把以实确])")

# --- organisations (places: service/values/places.py) ------------------------------------------
ORG = re.compile(
    r"[\u4e00-\u9fff“”]{2,16}?(?:有限公司|股份公司|集团|公司|局|学院|大学|协会|总工会|委员会|办公室|"
    r"服务中心|中心|专班|政府|人社部门|部门|工作站|救援队)"
)
ORG_NOISE = re.compile(r"^(?:由|与|和|对|在|为|向|及|是|从|经|据|据了解|记者|其中|该|此外)+")


@dataclass(slots=True)
class Memo:
    """What the rules work out on first use and keep for the article's later items: the one
    part of an ArticleText that changes, and only by growing."""

    paragraphs: dict[int, int] = field(default_factory=dict)  # line start -> paragraph start
    resolved: dict[tuple[str, bool], str | None] = field(default_factory=dict)  # ISO per expr
    homes: dict[str, str | None] = field(default_factory=dict)  # a stand-in's level -> place
    provinces: dict[str, str | None] = field(default_factory=dict)  # a sentence's place, kept?
    # Answers every item of the article shares (time.py): its first year, the frame its opening
    # sets, its first named day, the anchor before each time; asked per item, they were quadratic.
    lookups: dict[tuple[str, int], str | None] = field(default_factory=dict)
    days: dict[str, str] | None = None  # the first dated occurrence of each kind (occurrences.py)
    own: tuple[Place, ...] | None = None  # the places that are the article's own (homes.py)


@dataclass(frozen=True, slots=True)
class ArticleText:
    """One article's text with its structure computed once, and a memo filled on use."""

    text: str
    published: str | None
    quantities: list[Quantity]
    quantity_starts: list[int]
    times: list[TimeMention]
    time_starts: list[int]
    clause_cuts: list[int]  # sorted offsets of characters that end a clause
    list_cuts: list[int]  # sorted offsets of "、"
    sentence_cuts: list[int]  # sorted offsets of characters that end a sentence
    answers: list[tuple[int, int]]  # interview answers, [start, end)
    quotes: list[tuple[int, int]]  # quoted names and quoted speech, [start, end)
    full_stops: list[int]  # sorted offsets of "。！？…"
    places: list[Place]  # places the gazetteer knows, in text order
    place_starts: list[int]
    held: list[tuple[int, Place]]  # (offset, place) of each occurrence held at a place
    page_place: str | None  # the place the page the article is on is about (P1's last resort)
    memo: Memo  # paragraph starts (S9), resolved times and stand-ins' places, filled on use


def analyse(
    text: str,
    published: str | None,
    *,
    page_place: str | None = None,
    places: list[Place] | None = None,
) -> ArticleText:
    """Normalised article text -> its structure, for every reading of the rules backend;
    `places` are its places when the caller has found them already."""
    quoted_names: set[int] = set()
    quotes: list[tuple[int, int]] = []
    for m in QUOTE.finditer(text):
        if is_quoted_name(m.group()[1:-1]):
            quoted_names.update((m.start(), m.end() - 1))
        quotes.append((m.start(), m.end()))
    clause_cuts = [m.start() for m in _CLAUSE_CUT.finditer(text) if m.start() not in quoted_names]
    times = find_times(text)
    quantities = _outside_times(find_quantities(text), times)
    answers = _answer_sections(text)
    places = find_places(text) if places is None else places
    return ArticleText(
        text=text,
        published=published,
        quantities=quantities,
        quantity_starts=[q.start for q in quantities],
        times=times,
        time_starts=[t.start for t in times],
        clause_cuts=clause_cuts,
        list_cuts=[m.start() for m in _LIST_CUT.finditer(text)],
        sentence_cuts=[m.start() for m in _SENTENCE_CUT.finditer(text)],
        answers=answers,
        quotes=quotes,
        full_stops=[m.start() for m in _FULL_STOP.finditer(text)],
        places=places,
        place_starts=[p.start for p in places],
        held=_held(text, places),
        page_place=page_place,
        memo=Memo(),
    )


def located(text: str, places: list[Place]) -> ArticleText:
    """A text with only its places (`find_places(text)`): all a page's place reads, without
    the quantities, times and cuts an article's items need."""
    return ArticleText(
        text, None, [], [], [], [], [], [], [], [], [], [], places, [p.start for p in places],
        [], None, Memo(),
    )  # fmt: skip


def _held(text: str, places: list[Place]) -> list[tuple[int, Place]]:
    starts = {p.start: p for p in places}
    return [(m.start(), starts[m.end()]) for m in _HELD.finditer(text) if m.end() in starts]


def cut_bounds(cuts: list[int], start: int, end: int, size: int) -> tuple[int, int]:
    """The run between the last cut before `start` and the first cut at or after `end`, at
    most `READ_MAX` characters either side of [start, end)."""
    i = bisect_left(cuts, start)
    left = cuts[i - 1] + 1 if i > 0 else 0
    j = bisect_left(cuts, end - 1, i) if end - 1 > start else i  # asked per item: no max, min
    right = cuts[j] if j < len(cuts) else size
    lo, hi = start - READ_MAX, end + READ_MAX
    return (left if left > lo else lo), (right if right < hi else hi)


def clause_bounds(article: ArticleText, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): "、" cuts it only between items that carry their own
    numbers (LABELLING.md D12)."""
    left, right = cut_bounds(article.clause_cuts, start, end, len(article.text))
    left, right = max(left, start - CLAUSE_MAX), min(right, end + CLAUSE_MAX)
    cuts = article.list_cuts
    marks = cuts[bisect_left(cuts, left) : bisect_left(cuts, right)]
    for mark in reversed(marks):
        if mark < start and has_quantity(article, left, mark) and mark + 1 <= start:
            left = mark + 1
            break
    for mark in marks:
        if mark >= end and has_quantity(article, mark, right):
            right = mark
            break
    return trim(article.text, left, right)


def has_quantity(article: ArticleText, start: int, end: int) -> bool:
    return first_quantity(article, start, end) is not None


def first_quantity(article: ArticleText, start: int, end: int) -> Quantity | None:
    """The first quantity starting in [start, end)."""
    i = bisect_left(article.quantity_starts, start)
    if i < len(article.quantities) and article.quantities[i].start < end:
        return article.quantities[i]
    return None


def trim(text: str, left: int, right: int) -> tuple[int, int]:
    """[left, right) without leading quotes, dashes and connectives or trailing spaces."""
    while left < right and text[left] in " “”——":
        left += 1
    m = _CONNECTIVE.match(text, left, right)
    if m and m.end() < right:
        left = m.end()
    while right > left and text[right - 1] in " ":
        right -= 1
    return left, right


def sentence_bounds(article: ArticleText, start: int, end: int) -> tuple[int, int]:
    left, right = cut_bounds(article.sentence_cuts, start, end, len(article.text))
    return left, min(len(article.text), right + 1)


def quote_around(article: ArticleText, at: int) -> tuple[int, int] | None:
    i = bisect_right(article.quotes, (at, len(article.text)))
    if i and article.quotes[i - 1][0] < at < article.quotes[i - 1][1]:
        return article.quotes[i - 1]
    return None


def _outside_times(quantities: list[Quantity], times: list[TimeMention]) -> list[Quantity]:
    """A number inside a period of a year ("今年前5个月") is part of it, no statistic; a span
    counted from an occurrence ("满6个月后", "15天内") is one (D10)."""
    starts = [t.start for t in times]

    def inside(q: Quantity) -> bool:
        i = bisect_right(starts, q.start)
        return i > 0 and q.end <= times[i - 1].end and bool(PERIOD_OF_YEAR.match(times[i - 1].expr))

    return [q for q in quantities if not inside(q)]


def section_is_plan(article: ArticleText, at: int) -> bool:
    """Inside an interview answer that opens with a plan ("答：2024年，…将…")."""
    answer = answer_around(article, at)
    if answer is None:
        return False
    stop = article.text.find("。", answer[0], answer[0] + READ_MAX)
    first = article.text[answer[0] : stop if stop >= 0 else answer[0] + READ_MAX]
    return bool(TARGET.search(first))


def answer_around(article: ArticleText, at: int) -> tuple[int, int] | None:
    """[start, end) of the interview answer holding `at`, if any."""
    i = bisect_right(article.answers, (at, len(article.text)))
    if i and article.answers[i - 1][1] > at:
        return article.answers[i - 1]
    return None


def _answer_sections(text: str) -> list[tuple[int, int]]:
    """[start, end) of each interview answer: from "答：" to the next question or to a line
    that is no prose (a heading or byline)."""
    sections: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _LINE.finditer(text):
        line = m.group()
        ends = QUESTION.match(line) or "。" not in line
        if open_at is not None and (ends or _ANSWER.match(line)):
            sections.append((open_at, m.start()))
            open_at = None
        if _ANSWER.match(line):
            open_at = m.start()
    if open_at is not None:
        sections.append((open_at, len(text)))
    return sections

"""OCR page -> Normalised(text, OffsetMap): wrapped lines joined, spaces inside CJK dropped,
full-width digits, ASCII punctuation in Chinese text and traditional characters made canonical
(`service.text.chars`). Pure.

Every normalised character is either an original character (possibly mapped one-to-one,
"１" -> "1", "," -> "，", "萬" -> "万") or a kept line break, so each has exactly one original
index, and deleted characters are only whitespace. That is what lets a span found in the
normalised text be mapped back to the original and still hold the same non-whitespace
characters.

>>> n = normalise("今年以来，累计吸引 1000 余名\\n\\n求职者参加。")
>>> n.text
'今年以来，累计吸引1000余名求职者参加。'
>>> n.offsets.to_original(9, 18)  # "1000余名求职者" runs across the break
(10, 22)
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from service.text.chars import display_widths, map_chars, maps_none

# --- whitespace inside a line -----------------------------------------------------------------
_SPACE_CHARS = " \t\r\f\v\u3000\u00a0" + "".join(map(chr, range(0x2002, 0x200C)))
_SPACE_CLASS = re.escape(_SPACE_CHARS)
_SPACES = re.compile(f"[{_SPACE_CLASS}]+")
_LINE = re.compile(r"[^\n]+")
# Besides a character the table maps (`maps_none`), one that normalise() may change or drop
# (any whitespace, line breaks included); text with neither normalises to itself.
_ALTERED = re.compile(f"[{_SPACE_CLASS},:\\s]")

# --- line joining -----------------------------------------------------------------------------
# A paragraph ends at one of these (closing quotes and brackets may follow them); a sentence
# ends only at the first four.
_TERMINAL = frozenset("。！？…：")
_SENTENCE_END = frozenset("。！？…")
_CLOSERS = "”’」』）)》】"
_SPACES_AND_CLOSERS = _SPACE_CHARS + _CLOSERS
# A line starting like this begins a new block whatever the line before it looks like.
_BLOCK_START = re.compile(r"^(#|本报讯|本 报 讯|问：|答：|——|□|！\[)")
# A web page's dateline or source line ("2023-02-13 10:32:15 来源：某某日报 浏览次数：1024",
# "发布日期：2020-02-18") is a block of its own however wide: its page furniture is no
# paragraph's first line.
_META_LINE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s*\d{1,2}[:：]\d\d|(?:来源|发布时间|发布日期)[：:]")
# Newspaper OCR wraps every ~15 CJK characters (about 30 display columns). A page whose middle
# character (`_middle_width`) stands in a line narrower than this is treated as wrapped.
_WRAPPED_MEDIAN_MAX = 44
# On a wrapped page a line at least this wide (display columns) was wrapped by layout.
_FULL_LINE_SLACK = 6
# On any page a paragraph this wide with no closing punctuation was broken by layout.
_LONG_LINE = 60
# A run of lines the width rules would join, that holds no clause punctuation and does not end
# as a paragraph does, is a stack of headings ("跨越千里送岗位劳务协作促就业" over
# "首批11名劳务协作务工人员抵达我市"), not a wrapped paragraph: body text has a comma within a
# line or two. Only characters that normalisation keeps decide this, so a second pass over
# normalised text, where the spaces between a headline's phrases are gone, decides the same.
_CLAUSE_PUNCT = re.compile(r"[，。；！？,;]")
# A line no wider than this share of a full line, ending no sentence, is a heading line.
_FRAGMENT_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """`starts[i]` is the original index of normalised character i; one extra final entry
    holds `len(original)`, so a map has `len(normalised) + 1` entries."""

    starts: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Normalised [start, end) -> original [start, end), end exclusive."""
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.starts[end - 1] + 1

    def to_normalised(self, original: int) -> int:
        """The first normalised index whose original index is at or after `original`."""
        return bisect_left(self.starts, original, 0, len(self.starts) - 1)


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str
    offsets: OffsetMap
    original: str  # the text as submitted, which spans index


class _Line(NamedTuple):  # a tuple: a page makes hundreds, twice
    start: int  # original index of the line's first character
    text: str  # the line without its line break
    mapped: str  # `text` through the character mapping (same length, same spaces)


def normalise(text: str) -> Normalised:
    """Original page -> normalised text with an offset map back to the original."""
    if _ALTERED.search(text) is None and maps_none(text):
        # One line with nothing to map or drop (most quotes): the text is its own normal form.
        return Normalised(text, OffsetMap(tuple(range(len(text) + 1))), text)
    # Lines are judged "full" against their neighbours, and a joined paragraph is wider than
    # the lines it was made of, so a second look may join what the first kept apart. Passing
    # until nothing changes makes normalise(normalise(x).text) == normalise(x); after the
    # first pass only line breaks can go, so this ends, and a page takes one pass more (none
    # once no break is left: a single long line is read once).
    first = _normalise_once(text)
    text_now, starts = first.text, first.starts
    while "\n" in text_now and (again := _normalise_once(text_now, passed=True)).text != text_now:
        text_now, starts = again.text, [starts[i] for i in again.starts]
    return Normalised(text_now, OffsetMap(tuple(starts)), text)


@dataclass(frozen=True, slots=True)
class _Pass:
    text: str
    starts: list[int]  # as OffsetMap.starts, into the pass's input


def _normalise_once(text: str, *, passed: bool = False) -> _Pass:
    """One pass; `passed`: `text` is a pass's output, whose characters are all mapped already
    (no character the table writes is one it maps, and a "," or ":" it keeps stands between
    digits), so its lines are not mapped again, and the offsets are only worked out when this
    pass changes it."""
    lines = _split_lines(text, mapped=passed)
    joins = _decide_joins(lines)
    if passed and (same := _emit(lines, joins, None)) == text:
        return _Pass(same, [])
    starts: list[int] = []
    out = _emit(lines, joins, starts)
    starts.append(len(text))
    return _Pass(out, starts)


def _emit(lines: list[_Line], joins: list[bool], starts: list[int] | None) -> str:
    out: list[str] = []
    for i, line in enumerate(lines):
        _emit_line(line, out, starts)
        if i + 1 < len(lines) and not joins[i]:
            out.append("\n")
            if starts is not None:
                starts.append(line.start + len(line.text))  # the original line break itself
    return "".join(out)


def normalise_flat(text: str) -> str:
    """`normalise(text).text` without its line breaks: how a quote reads on one line.

    >>> normalise_flat("累计吸引 1000 余名\\n\\n求职者")
    '累计吸引1000余名求职者'
    """
    if _ALTERED.search(text) is None and maps_none(text):
        return text
    lines = _split_lines(text)
    if any(_SPACES.match(line.text) for line in lines[1:]):
        # Whether a line's leading space is kept depends on the line before it only when the
        # two are joined, so here the joins must be decided.
        return normalise(text).text.replace("\n", "")
    out: list[str] = []
    for line in lines:
        _emit_line(line, out, None)
    return "".join(out)


def _split_lines(text: str, *, mapped: bool = False) -> list[_Line]:
    lines = []
    for m in _LINE.finditer(text):
        line = m.group()
        if not _SPACES.fullmatch(line):
            lines.append(_Line(m.start(), line, line if mapped else map_chars(line)))
    return lines


def _widths(lines: list[_Line]) -> list[int]:
    # Width is measured on the line as normalised ("１" is as wide as "1", "3, 5" becomes
    # "3，5"), so a second pass over normalised text measures the same.
    # One substitution over the lines joined: no space is a line break.
    return display_widths(_SPACES.sub("", "\n".join(line.mapped for line in lines)))


def _decide_joins(lines: list[_Line]) -> list[bool]:
    """For each line, whether the break after it was made by layout (join) or by the author."""
    if len(lines) < 2:
        return [False] * len(lines)  # nothing to join to (quotes and single lines)
    widths = _widths(lines)
    wrapped = _middle_width(widths) <= _WRAPPED_MEDIAN_MAX
    page_full = _median(widths) - _FULL_LINE_SLACK if wrapped else _LONG_LINE
    joins = []
    paragraph = 0
    for i, line in enumerate(lines[:-1]):
        paragraph += widths[i]
        nxt = lines[i + 1]
        join = (
            not _ends_paragraph(line.mapped)
            and not _META_LINE.match(line.mapped.lstrip())
            and not _BLOCK_START.match(nxt.mapped.lstrip())
            and not _is_fragment(nxt.mapped, widths[i + 1], page_full)
            and (widths[i] >= _full(widths, i, wrapped=wrapped) or paragraph >= _LONG_LINE)
        )
        joins.append(join)
        paragraph = paragraph if join else 0
    return _keep_heading_breaks(lines, [*joins, False])  # the last line has nothing after it


def _full(widths: list[int], i: int, *, wrapped: bool) -> int:
    """How wide line i must be to be full: columns differ between articles on one page, so
    "full" is judged against its neighbours (asked only of a line that might join)."""
    return _median(widths[max(0, i - 3) : i + 4]) - _FULL_LINE_SLACK if wrapped else _LONG_LINE


def _median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2]


def _middle_width(widths: list[int]) -> int:
    """The width of the line the page's middle character stands in: the median line weighted
    by its width. A web page's furniture (a menu of "分享", "打印", "关闭", an editor line, a
    breadcrumb) is many short lines holding few characters; counted line by line it would make a
    page of long paragraphs look wrapped, and its headings be joined to its body."""
    half, seen = sum(widths) / 2, 0
    for width in sorted(widths):
        seen += width
        if seen >= half:
            return width
    return 0


def _keep_heading_breaks(lines: list[_Line], joins: list[bool]) -> list[bool]:
    """Joins with every run of heading lines (see `_CLAUSE_PUNCT`) taken apart again."""
    out = list(joins)
    start = 0
    for end, join in enumerate(joins):
        if join:
            continue
        run = lines[start : end + 1]
        if len(run) > 1 and _is_heading_run(run):
            out[start:end] = [False] * (end - start)
        start = end + 1
    return out


def _is_heading_run(run: list[_Line]) -> bool:
    return not _ends_paragraph(run[-1].mapped) and not any(
        _CLAUSE_PUNCT.search(line.mapped) for line in run
    )


def _is_fragment(text: str, width: int, full: int) -> bool:
    """A short line that ends no sentence is a heading or kicker, not a paragraph's tail."""
    last = _last_visible(text)
    return width <= _FRAGMENT_SHARE * full and not (last and last in _SENTENCE_END)


def _ends_paragraph(line: str) -> bool:
    last = _last_visible(line)
    return not last or last in _TERMINAL


def _last_visible(line: str) -> str:
    """The last character that is neither a space nor a closing quote or bracket, or ""."""
    return line.rstrip(_SPACES_AND_CLOSERS)[-1:]


def _emit_line(line: _Line, out: list[str], starts: list[int] | None) -> None:
    """`line` as normalised onto `out`, and the original index of each character it writes
    onto `starts` (unless None: only the text is asked for)."""
    mapped = line.mapped
    if _SPACES.search(mapped) is None:
        out.append(mapped)  # most lines of Chinese text: nothing to drop
        if starts is not None:
            starts.extend(range(line.start, line.start + len(mapped)))
        return
    kept = []  # [start, end) runs of `mapped` to keep; whitespace runs fall between them
    pos = 0
    for m in _SPACES.finditer(mapped):
        kept.append((pos, m.start()))
        before = mapped[m.start() - 1 : m.start()] if m.start() else (out[-1][-1:] if out else "")
        after = mapped[m.end() : m.end() + 1]
        # A space survives only between two ASCII words ("PERC cell"), never inside CJK
        # ("劳 动 者") or between a number and a CJK unit ("1000 余名").
        if _is_ascii_word(before) and _is_ascii_word(after):
            kept.append((m.start(), m.start() + 1))
        pos = m.end()
    kept.append((pos, len(mapped)))
    for a, b in kept:
        if a < b:
            # A kept space becomes " " (a zero-width one stays as it is); a visible run never
            # starts with a space character, though it may with other whitespace ("\u2028").
            kept_space = mapped[a] in _SPACE_CHARS and mapped[a].isspace()
            out.append(" " if kept_space else mapped[a:b])
            if starts is not None:
                starts.extend(range(line.start + a, line.start + b))


def _is_ascii_word(c: str) -> bool:
    return bool(c) and c.isascii() and c.isalnum()

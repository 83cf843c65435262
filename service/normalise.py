"""OCR page -> Normalised(text, OffsetMap): wrapped lines joined, spaces inside CJK dropped,
full-width digits and ASCII punctuation in Chinese text made canonical. Pure.

Every normalised character is either an original character (possibly mapped one-to-one,
"１" -> "1", "," -> "，") or a kept line break, so each has exactly one original index, and
deleted characters are only whitespace. That is what lets a span found in the normalised text
be mapped back to the original and still hold the same non-whitespace characters.

>>> n = normalise("累计吸引 1000 余名\\n\\n求职者参加")
>>> n.text
'累计吸引1000余名求职者参加'
>>> n.offsets.to_original(4, 13)  # "1000余名求职者" runs across the break
(5, 17)
"""

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

# --- one-to-one character mapping -----------------------------------------------------------
# Full-width digits, letters and number signs become ASCII, so numbers read one way.
_FULLWIDTH_ASCII = {
    chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5F) if chr(c - 0xFEE0).isalnum()
}
_FULLWIDTH_SIGNS = {"％": "%", "．": ".", "＋": "+", "－": "-", "～": "~", "／": "/"}
# ASCII sentence punctuation in Chinese text becomes the Chinese form (web pages mix them);
# "," and ":" between digits stay ASCII (3,351,790 and 16:59).
_ASCII_CJK_PUNCT = {";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_CHAR_TABLE = str.maketrans({**_FULLWIDTH_ASCII, **_FULLWIDTH_SIGNS, **_ASCII_CJK_PUNCT})
_COMMA_COLON = re.compile(r"(?<!\d)[,:]|[,:](?!\d)")
_TO_CJK = {",": "，", ":": "："}

# --- whitespace inside a line -----------------------------------------------------------------
_SPACES = re.compile(r"[ \t\r\f\v\u3000\u00a0\u2002-\u200b]+")

# --- line joining -----------------------------------------------------------------------------
# A paragraph ends at one of these (closing quotes and brackets may follow them); a sentence
# ends only at the first four.
_TERMINAL = frozenset("。！？…：")
_SENTENCE_END = frozenset("。！？…")
_CLOSERS = frozenset("”’」』）)》】")
# A line starting like this begins a new block whatever the line before it looks like.
_BLOCK_START = re.compile(r"^(#|本报讯|本 报 讯|问[：:]|答[：:]|——|□|!\[)")
# Newspaper OCR wraps every ~15 CJK characters (about 30 display columns). A page whose median
# line is narrower than this is treated as wrapped.
_WRAPPED_MEDIAN_MAX = 44
# On a wrapped page a line at least this wide (display columns) was wrapped by layout.
_FULL_LINE_SLACK = 6
# On any page a paragraph this wide with no closing punctuation was broken by layout.
_LONG_LINE = 60
# Headlines are set with spaces between phrases ("跨越千里送岗位 劳务协作促就业") and carry no
# sentence punctuation; body lines of a scan have spaces too, but always some punctuation.
_HEADLINE_SPACE = re.compile(r"[\u4e00-\u9fff”’][ \u3000]+[\u4e00-\u9fff“‘]")
_BODY_PUNCT = re.compile(r"[，。、；！？,;（）()]")
# Quoted text, including a quote opened or closed on a neighbouring line.
_QUOTED = re.compile(r"“[^”]*(?:”|$)|^[^“”]*”")
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


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # original index of the line's first character
    text: str  # the line without its line break
    width: int  # display columns of its non-space content


def normalise(text: str) -> Normalised:
    """Original page -> normalised text with an offset map back to the original."""
    lines = _split_lines(text)
    joins = _decide_joins(lines)
    out: list[str] = []
    starts: list[int] = []
    for i, line in enumerate(lines):
        _emit_line(line, out, starts)
        if i + 1 < len(lines) and not joins[i]:
            out.append("\n")
            starts.append(line.start + len(line.text))  # the original line break itself
    starts.append(len(text))
    return Normalised("".join(out), OffsetMap(tuple(starts)), text)


def _split_lines(text: str) -> list[_Line]:
    lines = []
    for m in re.finditer(r"[^\n]+", text):
        # Width is measured after mapping ("１" is as wide as "1" once normalised), so a second
        # pass over normalised text takes the same decisions.
        content = _map_chars(_SPACES.sub("", m.group()))
        if content:
            lines.append(_Line(m.start(), m.group(), _display_width(content)))
    return lines


def _map_chars(s: str) -> str:
    return _COMMA_COLON.sub(lambda m: _TO_CJK[m.group()], s.translate(_CHAR_TABLE))


def _display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _decide_joins(lines: list[_Line]) -> list[bool]:
    """For each line, whether the break after it was made by layout (join) or by the author."""
    widths = [line.width for line in lines]
    wrapped = bool(widths) and _median(widths) <= _WRAPPED_MEDIAN_MAX
    page_full = _median(widths) - _FULL_LINE_SLACK if wrapped else _LONG_LINE
    joins = []
    paragraph = 0
    for i, line in enumerate(lines):
        # Columns differ between articles on one page, so "full" is judged against neighbours.
        full = _median(widths[max(0, i - 3) : i + 4]) - _FULL_LINE_SLACK if wrapped else _LONG_LINE
        paragraph += line.width
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        join = (
            nxt is not None
            and not _ends_paragraph(line.text)
            and not _BLOCK_START.match(nxt.text.lstrip())
            and not _is_headline(line, full)
            and not _is_headline(nxt, full)
            and not _is_fragment(nxt, page_full)
            and (line.width >= full or paragraph >= _LONG_LINE)
        )
        joins.append(join)
        paragraph = paragraph if join else 0
    return joins


def _median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2]


def _is_headline(line: _Line, full: int) -> bool:
    unquoted = _QUOTED.sub("", line.text)
    return (
        line.width <= 2 * full
        and _HEADLINE_SPACE.search(unquoted) is not None
        and _BODY_PUNCT.search(line.text) is None
    )


def _is_fragment(line: _Line, full: int) -> bool:
    """A short line that ends no sentence is a heading or kicker, not a paragraph's tail."""
    stripped = _SPACES.sub("", line.text).rstrip("".join(_CLOSERS))
    return line.width <= _FRAGMENT_SHARE * full and not (stripped and stripped[-1] in _SENTENCE_END)


def _ends_paragraph(line: str) -> bool:
    stripped = _SPACES.sub("", line).rstrip("".join(_CLOSERS))
    return not stripped or stripped[-1] in _TERMINAL


def _emit_line(line: _Line, out: list[str], starts: list[int]) -> None:
    mapped = _map_chars(line.text)
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
            out.append(" " if mapped[a].isspace() else mapped[a:b])
            starts.extend(range(line.start + a, line.start + b))


def _is_ascii_word(c: str) -> bool:
    return bool(c) and c.isascii() and c.isalnum()

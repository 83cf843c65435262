"""Character tables of the normaliser: what each character reads as (one character for one, so
offsets hold) and how wide it is on a page.

>>> map_chars("２０２２年招聘會提供崗位3萬個(含實習)")
'2022年招聘会提供岗位3万个（含实习）'
"""

import re
from importlib.resources import files
from unicodedata import east_asian_width

# --- one-to-one character mapping -----------------------------------------------------------
# Full-width digits, letters and number signs become ASCII, so numbers read one way.
_FULLWIDTH_ASCII = {
    chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5F) if chr(c - 0xFEE0).isalnum()
}
_FULLWIDTH_SIGNS = {"％": "%", "．": ".", "＋": "+", "－": "-", "～": "~", "／": "/"}
# ASCII sentence punctuation in Chinese text becomes the Chinese form (web pages mix them);
# "," and ":" between digits stay ASCII (3,351,790 and 16:59).
_ASCII_CJK_PUNCT = {";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def _traditional_to_simplified() -> dict[str, str]:
    """OpenCC's character table (TSCharacters), one character for one: 萬 -> 万, 輛 -> 辆.

    Only characters that simplified text never writes are mapped: a character that is itself a
    key of the simplified-to-traditional table (a simplified character, e.g. 制) and one whose
    first reading is itself (瞭, 藉) stay, so a simplified page reads exactly as before. Where
    OpenCC lists several readings, the first, its default, is taken (於 -> 于)."""
    folder = files("opencc") / "dictionary"
    simplified = {
        line.partition("\t")[0]
        for line in (folder / "STCharacters.txt").read_text("utf-8").splitlines()
    }
    table = {}
    for line in (folder / "TSCharacters.txt").read_text("utf-8").splitlines():
        key, _, readings = line.partition("\t")
        first = readings.split(" ")[0]
        if len(key) == len(first) == 1 and first != key and key not in simplified:
            table[key] = first
    return table


TRADITIONAL = _traditional_to_simplified()
_ONE_TO_ONE = {**TRADITIONAL, **_FULLWIDTH_ASCII, **_FULLWIDTH_SIGNS, **_ASCII_CJK_PUNCT}
# str.translate looks every character of a line up in a dict (a line of Chinese with one ASCII
# bracket took 10 us); a set finds the few characters a line holds at C speed (a regex class of
# the table's ~2,700 characters took 4x as long as that), and str.replace maps each. No
# character the table writes is one it maps (a test holds this), so the order of the
# replacements does not matter: the same as one translate.
_TABLE_KEYS = frozenset(_ONE_TO_ONE)
# "," and ":" with no digit on one side; replacing one never changes whether the other has.
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_COLON = re.compile(r"(?<!\d):|:(?!\d)")


def maps_none(text: str) -> bool:
    """No character of `text` is one the table maps (commas and colons aside)."""
    return _TABLE_KEYS.isdisjoint(text)


def map_chars(line: str) -> str:
    """A line with every character mapped one-to-one: same length, same spaces."""
    translated = line
    for char in _TABLE_KEYS.intersection(line):
        translated = translated.replace(char, _ONE_TO_ONE[char])
    if "," in translated:
        translated = _COMMA.sub("，", translated)
    if ":" in translated:
        translated = _COLON.sub("：", translated)
    return translated


# --- display width ----------------------------------------------------------------------------
# East Asian Wide and Fullwidth characters of the BMP take two columns; a run of them is
# counted by one regex substitution instead of a unicodedata lookup per character. The few
# characters beyond the BMP are looked up one by one.
_WIDE_CLASSES = frozenset("WF")


def _char_class(codes: list[int]) -> str:
    """Sorted code points -> a regex character class of their consecutive ranges."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


_WIDE_RUN = re.compile(
    _char_class([c for c in range(0x10000) if east_asian_width(chr(c)) in _WIDE_CLASSES]) + "+"
)
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def display_width(s: str) -> int:
    """Columns `s` takes on a page: two for a wide character, one for the rest."""
    width = 2 * len(s) - len(_WIDE_RUN.sub("", s))
    if _BEYOND_BMP.search(s):
        width += sum(1 for c in _BEYOND_BMP.findall(s) if east_asian_width(c) in _WIDE_CLASSES)
    return width


def display_widths(text: str) -> list[int]:
    """`display_width` of each line of `text` (split at "\\n"), with one regex pass over them
    all instead of two a line: a line break is narrow, so no run crosses it."""
    lines = text.split("\n")
    if _BEYOND_BMP.search(text):
        return [display_width(line) for line in lines]
    narrow = _WIDE_RUN.sub("", text).split("\n")
    return [2 * len(line) - len(rest) for line, rest in zip(lines, narrow, strict=True)]

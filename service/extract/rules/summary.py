"""An event's summary from its evidence clause: one short sentence, no dateline, never cut
inside a word, a number or a quoted name. Pure."""

import re

SUMMARY_MAX = 40
_SPACE = re.compile(r"\s+")
# The report's dateline before the story: "新华社昆明1月30日电（记者…）", "本报讯（记者…）",
# "中国报道讯（…报道）".
_DATELINE = re.compile(
    r"^[^，。；（(]{0,24}?(?:\d{1,2}日电|报讯|网讯|台讯|社讯|讯(?=[（(]))"
    r"(?:[（(][^）)]{0,40}[）)])?[\s，]*"
)
# Where a long clause may be cut: after a clause or list mark.
_CUTS = "，；、："
_MIN_CUT = 28
# Characters a cut may not fall between: digits, Latin letters, a decimal point.
_WORDISH = re.compile(r"[0-9A-Za-z.%]")


def summarise(evidence: str) -> str:
    """The clause without spaces and dateline, cut at a clause or list mark before the limit,
    else before the limit outside any number or quoted name."""
    text = _DATELINE.sub("", _SPACE.sub("", evidence)) or _SPACE.sub("", evidence)
    if len(text) <= SUMMARY_MAX:
        return text
    marks = [i for i, c in enumerate(text[: SUMMARY_MAX + 1]) if c in _CUTS and i >= _MIN_CUT]
    if marks:
        return text[: marks[-1]]
    cut = SUMMARY_MAX
    while cut > _MIN_CUT and (_inside_quote(text, cut) or _splits_word(text, cut)):
        cut -= 1
    return text[:cut]


def _inside_quote(text: str, cut: int) -> bool:
    return text.count("“", 0, cut) > text.count("”", 0, cut)


def _splits_word(text: str, cut: int) -> bool:
    return bool(_WORDISH.match(text, cut - 1) and _WORDISH.match(text, cut))

"""A measured noun phrase, kept clean (ANNOTATION.md "`metric`, kept clean"). Pure.

A metric names what is counted: no hedge words around it (约, 超过, 近, 余), no unmatched quotes or
brackets, no leading or trailing punctuation, no list fragments ("、长沙等方向"), no number
fragments ("万多名农民工"). Hedge characters inside nouns stay (富余劳动力, 就近就业,
规模以上企业, 硕士及以上).

>>> clean_metric("进场求职人数超过"), clean_metric("、长沙等方向返岗复工人员约")
('进场求职人数', '返岗复工人员')
>>> clean_metric("务工专车、专列、包机”等"), clean_metric("“点对点”输转务工人员")
('务工专车、专列、包机', '点对点输转务工人员')
"""

import re

# --- what a metric may not open or end with ---------------------------------------------------
# Hedges, as they stand next to a number ("超过", "约"); longest first.
_HEDGES = (
    "不超过", "不少于", "不低于", "不高于", "至少", "超过了", "超过", "将近", "不到", "不足",
    "大约", "约为", "约有", "突破", "左右",
    "上下", "以下", "以内", "以上", "逾", "超", "近", "约", "余", "多",
)  # fmt: skip
# Link words a cut leaves at the end ("人数达", "收入为"); a noun may open with them ("和平区").
_LINKS = ("达到", "达", "共", "计", "有", "为", "是", "了", "的", "等", "和", "及", "与", "在")
# Words a hedge or link character is part of, which stay ("违法行为", "约谈", "富余").
_WORDS = frozenset(
    {
        "行为", "作为", "成为", "认为", "惠及", "涉及", "以及", "普及", "波及", "约谈", "约定",
        "签约", "合约", "履约", "超额", "超市", "超标", "超龄", "许多", "诸多", "最多", "较多",
        "富余", "剩余", "业余", "其余", "附近", "就近", "最近", "临近", "将近", "平等", "中等",
        "高等", "初等", "总和", "参与", "到达", "发达", "抵达", "送达", "下达", "公共", "统计",
        "会计", "设计", "总计", "累计", "共计", "合计", "估计", "所在", "存在", "现在", "所有",
        "拥有", "具有", "共有", "目的", "为了", "除了", "规模以上", "及以上", "及以下",
    }
)  # fmt: skip
_HEDGES_AND_LINKS = (*_HEDGES, *_LINKS)
# The words longer than each hedge or link word, which it may be part of: one str.endswith each.
_LONGER = {h: tuple(w for w in _WORDS if len(w) > len(h)) for h in _HEDGES_AND_LINKS}
# A number and its classifier, at an end or opening what follows: "万多名农民工", "增长6.4%".
_CLASSIFIER = "名个家人位户次期场批辆趟所项件篇"
_NUMBER_OPENING = re.compile(
    rf"^(?:[\d.,，]+[万亿千百]?|[万亿千百])[余多]?[{_CLASSIFIER}]?|^[余多][{_CLASSIFIER}]"
)
_NUMBER_CLOSING = re.compile(rf"[\d.,，]+[万亿千百]?[余多]?[{_CLASSIFIER}%％]?$")
# A count inside: what follows it names the thing ("力380余万人创劳务收入" -> 创劳务收入);
# a number with no classifier is part of a name ("500强企业").
_NUMBER_INSIDE = re.compile(rf"[\d.,，]+[万亿千百]?[余多]?[{_CLASSIFIER}]")
# A list cut in its middle: "、长沙等方向…", "江、贵州等地…".
_LIST_FRAGMENT = re.compile(r"^[^、]*、[^、]*?等(?:方向|地区|地|城市|省份|省市|单位|企业)?")
_PAIRS = {"“": "”", "‘": "’", "(": ")", "（": "）", "《": "》", "【": "】", "「": "」"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_QUOTES_AND_BRACKETS = frozenset((*_PAIRS, *_CLOSERS))
_ROUNDS = 6
_SPACES = re.compile(r"\s+")
_SHORTEST = 2


def clean_metric(metric: str) -> str:
    """`metric` without hedges, number and list fragments, unmatched quotes or brackets, or
    punctuation at either end; "" when nothing of a noun is left."""
    text = _SPACES.sub("", metric)
    if text.startswith("、") or _cut_list(text):
        text = _LIST_FRAGMENT.sub("", text, count=1).lstrip("、")
    text = _after_last_number(text)
    for _ in range(_ROUNDS):  # each round strips one layer: "约…超过" -> "…"
        before = text
        text = _matched(_strip_punctuation(text))
        text = _NUMBER_OPENING.sub("", text, count=1)
        text = _NUMBER_CLOSING.sub("", text, count=1)
        text = _strip_words(text)
        if text == before:
            break
    return "" if text in _HEDGES or text in _LINKS else text


def metric_problems(metric: str) -> list[str]:
    """What keeps `metric` from being clean: a hedge at an end, a link word or punctuation
    closing it, an unmatched quote or bracket, a list fragment; empty when it is clean."""
    problems = []
    if metric != _matched(metric):
        problems.append("unmatched quote or bracket")
    if metric and (_is_punctuation(metric[0]) or _is_punctuation(metric[-1])):
        problems.append("punctuation at an end")
    hedged = [h for h in _HEDGES if _starts_with(metric, h) or _ends_with(metric, h)]
    hedged += [w for w in _LINKS if _ends_with(metric, w)]
    if hedged:
        problems.append(f"hedge or link word at an end: {hedged[0]}")
    if metric.startswith("、"):
        problems.append("list fragment")
    return problems


def _after_last_number(text: str) -> str:
    """What follows the last number inside `text`, when a noun of its own follows it."""
    inside = [m for m in _NUMBER_INSIDE.finditer(text) if m.start() > 0 and m.end() < len(text)]
    if inside and len(text) - inside[-1].end() >= _SHORTEST:
        return text[inside[-1].end() :]
    return text


def _cut_list(text: str) -> bool:
    """A list cut inside its first word opens the text ("川、贵州等地接回…"), and a noun
    follows it; a whole list is part of the noun ("政府投资、国企等项目")."""
    m = _LIST_FRAGMENT.match(text)
    return m is not None and text.index("、") == 1 and len(text) - m.end() >= _SHORTEST


def _ends_with(text: str, word: str) -> bool:
    return text.endswith(word) and not text.endswith(_LONGER[word])


def _starts_with(text: str, word: str) -> bool:
    return text.startswith(word) and not text.startswith(_LONGER[word])


def _strip_words(text: str) -> str:
    """One hedge or link word off the end, else one hedge off the start."""
    if text.endswith(_HEDGES_AND_LINKS):  # most metrics end with neither: one test in C
        for word in _HEDGES_AND_LINKS:
            if _ends_with(text, word) and len(text) > len(word):
                return text[: -len(word)]
    if text.startswith(_HEDGES):
        for hedge in _HEDGES:
            if _starts_with(text, hedge) and len(text) > len(hedge):
                return text[len(hedge) :]
    return text


def _strip_punctuation(text: str) -> str:
    """Punctuation off both ends, quotes and brackets included ("“点对点”输转…" opens with a
    quote); their partners inside are dropped next, as unmatched."""
    start, end = 0, len(text)
    while start < end and _is_punctuation(text[start]):
        start += 1
    while end > start and _is_punctuation(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_punctuation(char: str) -> bool:
    return not (char.isalnum() or "\u4e00" <= char <= "\u9fff")


def _matched(text: str) -> str:
    """`text` without the quotes and brackets that have no partner."""
    if _QUOTES_AND_BRACKETS.isdisjoint(text):
        return text
    keep = [True] * len(text)
    open_at: list[int] = []
    for i, char in enumerate(text):
        if char in _PAIRS:
            open_at.append(i)
        elif char in _CLOSERS:
            if open_at and text[open_at[-1]] == _CLOSERS[char]:
                open_at.pop()
            else:
                keep[i] = False
    for i in open_at:
        keep[i] = False
    return "".join(c for c, k in zip(text, keep, strict=True) if k)

"""Fingerprints: what a repost keeps (the article's letters and digits) signs the same."""

import hashlib

import pytest

from service.stories.fingerprint import PERMUTATIONS, decode, fingerprint

_ARTICLE = (
    "平昌县一季度转移输出农村劳动力4.93万人，实现劳务收入12亿元。"
    "县人社局在永康、宁波等地设立劳务工作站5个，开展“春风行动”招聘会16场。"
)


def _whole(text: str) -> str | None:
    return fingerprint(text, [(0, len(text))])


@pytest.mark.parametrize(
    "variant",
    [
        _ARTICLE.replace("，", ","),  # half-width punctuation
        _ARTICLE.replace("。", "。\n\n"),  # other line breaks
        " ".join(_ARTICLE),  # OCR spacing
        _ARTICLE.replace("“", "").replace("”", ""),  # quotes dropped
    ],
    ids=["half-width", "line-breaks", "ocr-spaces", "no-quotes"],
)
def test_punctuation_and_spacing_do_not_change_the_fingerprint(variant: str) -> None:
    assert _whole(variant) == _whole(_ARTICLE)


def test_lines_that_end_no_sentence_are_not_signed() -> None:
    head, foot = "首页 > 新闻中心\n2023-02-18 10:32 来源：某某网\n", "\n责任编辑：李明 分享到：微信"
    page = f"{head}{_ARTICLE}{foot}"
    assert _whole(page) == _whole(_ARTICLE)


def test_only_the_text_inside_the_articles_is_signed() -> None:
    page = f"{_ARTICLE}\n声明：本文转自其他媒体，不代表本网观点。"
    assert fingerprint(page, [(0, len(_ARTICLE))]) == _whole(_ARTICLE)
    assert _whole(page) != _whole(_ARTICLE)


def test_an_article_of_few_sentences_is_signed_whole() -> None:
    names = "石家庄月嫂、靓嫂采摘队、西柏坡服务员\n承德市：热和导游、平泉钻井、清宫烹饪"
    assert _whole(names) is not None
    assert _whole(names) != _whole(names.replace("清宫烹饪", "满乡服务员"))


def test_two_articles_are_signed_together() -> None:
    page = f"{_ARTICLE}\n\n另一篇：永康市举办招聘会，29家企业参会。"
    cut = len(_ARTICLE)
    assert fingerprint(page, [(0, cut), (cut, len(page))]) == _whole(page)


def test_a_changed_figure_changes_the_fingerprint() -> None:
    assert _whole(_ARTICLE.replace("4.93万", "4.94万")) != _whole(_ARTICLE)


@pytest.mark.parametrize("text", ["", "  \n", "一二三四", "，。！"])
def test_too_little_text_has_no_fingerprint(text: str) -> None:
    assert _whole(text) is None


def test_a_fingerprint_is_128_values_and_the_same_on_every_machine() -> None:
    signed = _whole(_ARTICLE)
    assert signed is not None
    assert decode(signed).shape == (PERMUTATIONS,)
    # Pinned: a new datasketch or numpy that signed differently would split every story an
    # earlier batch's lines are part of.
    digest = hashlib.sha256(signed.encode()).hexdigest()[:16]
    assert digest == "f1f8aa36943e8bdf"


@pytest.mark.parametrize("bad", ["AAAA", "not base64!"], ids=["too-short", "not-base64"])
def test_a_damaged_fingerprint_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=r"fingerprint holds|base64|Invalid"):
        decode(bad)

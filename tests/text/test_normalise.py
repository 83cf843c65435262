"""Properties of the OffsetMap, and the OCR phenomena normalise() exists for."""

import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.text import normalise as normalise_module
from service.text.chars import TRADITIONAL, map_chars
from service.text.normalise import normalise, normalise_flat

_ALPHABET = (
    "劳动者招聘会永康平昌人万元名余的了"  # CJK
    "萬專輛勞動會著"  # traditional characters (著 is simplified too, and stays)
    "0123456789０１２３ABCabc"  # ASCII and full-width digits, letters
    "  \u3000\n\n"  # spaces, ideographic space, line breaks (weighted)
    "，。、；！？：“”（）《》"  # Chinese punctuation
    ",.:;()%-"  # ASCII punctuation
)
_texts = st.text(alphabet=_ALPHABET, max_size=300)
# Whitespace that is not a space to drop ("\u2028", "\x85") is kept like any other character.
_texts_other_whitespace = st.text(alphabet=_ALPHABET + "\u2028\x85", max_size=300)
# Pages: lines of up to 40 characters, where joins and the width of a full line come into play.
_pages = st.lists(
    st.text(alphabet=_ALPHABET.replace("\n", ""), min_size=1, max_size=40), max_size=12
).map("\n".join)
_clean = st.text(alphabet="劳动者招聘会永康平昌人万元名余的了0123456789，。、；：“”", max_size=200)


def _visible(s: str) -> list[str]:
    """Non-whitespace characters, folded the way normalise() maps them one-to-one."""
    return [unicodedata.normalize("NFKC", TRADITIONAL.get(c, c)) for c in s if not c.isspace()]


@given(_texts_other_whitespace)
def test_map_is_monotonic_and_in_bounds(text: str) -> None:
    n = normalise(text)
    starts = n.offsets.starts
    assert len(starts) == len(n.text) + 1
    assert all(a < b for a, b in itertools.pairwise(starts))
    assert starts[-1] == len(text)
    assert all(0 <= s < len(text) for s in starts[:-1])


@given(_texts_other_whitespace, st.data())
def test_every_slice_maps_to_an_original_slice_with_the_same_characters(
    text: str, data: st.DataObject
) -> None:
    n = normalise(text)
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    start, end = n.offsets.to_original(a, b)
    assert _visible(text[start:end]) == _visible(n.text[a:b])


@given(_texts_other_whitespace)
def test_nothing_but_whitespace_is_dropped(text: str) -> None:
    assert _visible(normalise(text).text) == _visible(text)


@given(st.one_of(_texts, _pages))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


@given(st.one_of(_texts_other_whitespace, _pages, st.text(alphabet=_ALPHABET + "\u200b")))
def test_a_pass_over_a_passs_output_need_not_map_it(text: str) -> None:
    """Every character a pass writes is mapped already, so the passes after the first skip the
    mapping (and work out offsets only when they change the text): the same as mapping."""
    out = normalise_module._normalise_once(text).text
    assert all(map_chars(line) == line for line in out.split("\n"))
    again = normalise_module._normalise_once(out, passed=True)
    mapped_again = normalise_module._normalise_once(out)
    assert again.text == mapped_again.text
    if again.text != out:
        assert again.starts == mapped_again.starts


@pytest.mark.parametrize(
    "text",
    [
        # a space between CJK phrases once made a headline; normalised, the space is gone
        "00万 万00《《\n0::",
        "跨越千里送岗位 劳务协作促就业\n首批11名劳务协作务工人员抵达我市",
        # a joined paragraph is wider than its lines, and so looks full to a second pass
        "0\n0\n00000000\n00000000",
    ],
)
def test_normalise_is_idempotent_on_found_counterexamples(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


@given(_texts_other_whitespace)
def test_flat_form_is_the_normalised_text_without_line_breaks(text: str) -> None:
    assert normalise_flat(text) == normalise(text).text.replace("\n", "")


@pytest.mark.parametrize(
    "quote",
    [
        # a space opening a line survives only if the line is joined to an ASCII word
        "ab\n PERC，#——",  # not joined: "abPERC，#——"
        "PERC\n cell",  # joined: "PERC cell"
        "劳动\n 者",
    ],
)
def test_flat_form_of_a_line_starting_with_a_space(quote: str) -> None:
    assert normalise_flat(quote) == normalise(quote).text.replace("\n", "")


@given(_clean)
def test_clean_text_maps_to_itself(text: str) -> None:
    n = normalise(text)
    assert n.text == text
    assert n.offsets.starts == tuple(range(len(text) + 1))


def test_a_one_line_quote_is_mapped_whatever_character_it_holds() -> None:
    """The test that passes text through untouched misses no character the table maps."""
    assert all(normalise_flat(f"岗位{c}") == f"岗位{TRADITIONAL[c]}" for c in TRADITIONAL)
    assert normalise_flat("１２３名，９８％") == "123名，98%"


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        # spaces inside CJK and between numbers and units
        ("劳 动 者", "劳动者"),
        ("累计吸引 1000 余名", "累计吸引1000余名"),
        ("3 月 15 日", "3月15日"),
        ("报 酬 1.4 亿 余 元", "报酬1.4亿余元"),
        ("4GW高效PERC 单晶", "4GW高效PERC单晶"),
        ("Hello world", "Hello world"),
        # full-width digits and signs
        ("１２３名", "123名"),
        ("９８％", "98%"),
        # ASCII punctuation in Chinese text
        ("企业内,430多名员工", "企业内，430多名员工"),
        ("3,351,790人", "3,351,790人"),
        ("16:59:26", "16:59:26"),
        ("胡小奔:积极", "胡小奔：积极"),
        ("县(市、区)", "县（市、区）"),
    ],
)
def test_inline_normalisation(original: str, expected: str) -> None:
    assert normalise(original).text == expected


@pytest.mark.parametrize(
    "original",
    [
        # whitespace that is not a space to drop stays as it is, however the line starts
        "\u2028劳动者",  # line separator
        "劳动 \x85者",  # next line (C1 control)
        "\x1c1000余名",  # file separator
        "PERC \u205fcell",  # medium mathematical space
    ],
)
def test_other_whitespace_is_kept_one_to_one(original: str) -> None:
    n = normalise(original)
    assert len(n.offsets.starts) == len(n.text) + 1
    assert [original[i] for i in n.offsets.starts[:-1]] == list(n.text)


def test_wrapped_ocr_lines_join_and_paragraphs_stay() -> None:
    page = (
        "和王刚一样，首批还有10名平昌籍务工\n\n"
        "人员跨越1000多公里，在永康找到了心\n\n"
        "仪工作。\n\n"
        "2月9日，永康与平昌联合举办了一场东\n\n"
        "西部劳务协作专场招聘会。\n\n"
    )
    assert normalise(page).text == (
        "和王刚一样，首批还有10名平昌籍务工人员跨越1000多公里，在永康找到了心仪工作。\n"
        "2月9日，永康与平昌联合举办了一场东西部劳务协作专场招聘会。"
    )


_WRAPPED_BODY = (
    "3月1日，某某镇举办了一场春风行动专场\n\n"
    "招聘会，共有52家企业提供岗位1200余\n\n"
    "个，吸引求职者800余人次进场求职。\n\n"
)
_DISPATCH = "本报讯（记者 李四）3月2日。"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # headings: no clause punctuation, and the run does not end as a paragraph does
        (
            "春风送岗到村口 稳岗服务暖人心\n某某镇春季招聘会提供岗位1200余个\n",
            ["春风送岗到村口稳岗服务暖人心", "某某镇春季招聘会提供岗位1200余个"],
        ),
        (  # the same without the space between the phrases: decided the same way
            "春风送岗到村口稳岗服务暖人心\n某某镇春季招聘会提供岗位1200余个\n",
            ["春风送岗到村口稳岗服务暖人心", "某某镇春季招聘会提供岗位1200余个"],
        ),
        (  # a subtitle stands apart from the next story's heading ("、" is no clause mark)
            "——访某某镇党委书记、镇长张三同志\n打好稳就业惠民生保就业组合拳\n" + _DISPATCH,
            [
                "——访某某镇党委书记、镇长张三同志",
                "打好稳就业惠民生保就业组合拳",
                "本报讯（记者李四）3月2日。",
            ],
        ),
        # not headings: a paragraph cut before a block start, but with a comma in it ...
        (
            "现场达成就业意向的求职者共有300余\n人，其中外来务工人员占到了一半以上\n" + _DISPATCH,
            [
                "现场达成就业意向的求职者共有300余人，其中外来务工人员占到了一半以上",
                "本报讯（记者李四）3月2日。",
            ],
        ),
        # ... and lines without a comma that end a sentence
        (
            "现场达成就业意向的求职者共有300余人\n其中外来务工人员占到了一半以上。\n",
            ["现场达成就业意向的求职者共有300余人其中外来务工人员占到了一半以上。"],
        ),
    ],
)
def test_a_run_of_heading_lines_keeps_its_breaks(tail: str, expected: list[str]) -> None:
    assert normalise(_WRAPPED_BODY + tail).text.split("\n")[1:] == expected


def test_headline_lines_keep_their_breaks() -> None:
    page = (
        "深入推进平昌县劳动力精准转移就业。\n\n"
        "跨越千里送岗位 劳务协作促就业\n首批11名劳务协作务工人员抵达我市\n\n"
    )
    lines = normalise(page).text.split("\n")
    assert lines[1] == "跨越千里送岗位劳务协作促就业"
    assert lines[2] == "首批11名劳务协作务工人员抵达我市"


_PARAGRAPH = (
    "3月1日，某某市人社局在市人力资源市场举办春风行动专场招聘会，共有52家企业进场招聘，"
    "提供就业岗位1200余个，吸引求职者800余人次进场求职，现场达成就业意向300余人。"
)
_MENU = "\n责任编辑：王明\n分享到：\n【打印】\n【关闭】\n上一篇\n下一篇\n版权所有 某某网\n"


def test_a_web_pages_short_furniture_lines_do_not_make_it_a_wrapped_page() -> None:
    # Many short menu lines, few long paragraphs: the headline and source line above the body
    # keep their breaks, as they do on the page without the menu.
    top = "首页 > 新闻中心 > 就业创业\n某某市春风行动送岗位上门\n来源：某某日报 2023-03-02\n"
    page = top + f"{_PARAGRAPH}\n{_PARAGRAPH}" + _MENU
    lines = normalise(page).text.split("\n")
    assert lines[:3] == [
        "首页>新闻中心>就业创业",
        "某某市春风行动送岗位上门",
        "来源：某某日报2023-03-02",
    ]
    assert normalise(page).text.startswith(normalise(top + _PARAGRAPH).text)


def test_a_wrapped_page_under_a_web_menu_still_joins_its_lines() -> None:
    page = "首页 > 新闻\n" + _WRAPPED_BODY + _MENU
    assert normalise(page).text.split("\n")[1] == (
        "3月1日，某某镇举办了一场春风行动专场招聘会，共有52家企业提供岗位1200余个，"
        "吸引求职者800余人次进场求职。"
    )


@pytest.mark.parametrize(
    "meta",
    [
        "2023-02-13 10:32:15  来源：某某日报（电子版，第4版）  浏览次数：1024  【字体：大 中 小】",
        "发布日期：2020-02-18 来源：某某省人力资源和社会保障厅 浏览次数：1024 打印本页 关闭窗口",
    ],
)
def test_a_wide_dateline_or_source_line_is_not_joined_to_the_story(meta: str) -> None:
    page = f"{meta}\n\n\u3000\u3000{_PARAGRAPH}\n\n\u3000\u3000{_PARAGRAPH}\n"
    assert normalise(page).text.split("\n")[1:] == [_PARAGRAPH, _PARAGRAPH]

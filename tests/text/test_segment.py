"""Segmentation of the five seed pages: article count, titles, boilerplate left out."""

import itertools
import json

import pytest

from service.text.normalise import normalise
from service.text.segment import Article, lost_prose, split_articles
from tests.paths import ROOT, SEED_PAGES

_EXPECTED = json.loads((ROOT / "tests/data/segments.json").read_text(encoding="utf-8"))
_SEEDS = SEED_PAGES


def _articles(stem: str) -> tuple[str, list[tuple[str, str]]]:
    text = (ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    doc = normalise(text)
    found = split_articles(doc.text)
    return doc.text, [((a.title or "").replace(" ", ""), doc.text[a.start : a.end]) for a in found]


def test_every_seed_has_expectations() -> None:
    assert sorted(p.stem for p in _SEEDS) == sorted(k for k in _EXPECTED if not k.startswith("_"))


@pytest.mark.parametrize("stem", [p.stem for p in _SEEDS])
def test_article_count(stem: str) -> None:
    assert len(_articles(stem)[1]) == len(_EXPECTED[stem]["titles"])


_TITLE_CASES = [
    pytest.param(
        stem,
        i,
        title["contains"],
        id=f"{stem[:3]}-{i}",
        marks=[pytest.mark.xfail(reason=title["known_wrong"], strict=True)]
        if "known_wrong" in title
        else [],
    )
    for stem in sorted(k for k in _EXPECTED if not k.startswith("_"))
    for i, title in enumerate(_EXPECTED[stem]["titles"])
]


@pytest.mark.parametrize(("stem", "index", "contains"), _TITLE_CASES)
def test_title(stem: str, index: int, contains: str) -> None:
    titles = [t for t, _ in _articles(stem)[1]]
    assert contains.replace(" ", "") in titles[index]


@pytest.mark.parametrize("stem", [p.stem for p in _SEEDS])
def test_articles_are_ordered_disjoint_and_leave_out_boilerplate(stem: str) -> None:
    text = (ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    doc = normalise(text)
    found = split_articles(doc.text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    bodies = [doc.text[a.start : a.end] for a in found]
    for junk in _EXPECTED[stem]["junk"]:
        assert junk.replace(" ", "") in doc.text.replace(" ", "")
        assert not any(junk in body for body in bodies)


def test_text_with_no_article_body_is_one_untitled_article() -> None:
    text = normalise("招聘会吸引100名求职者参加。" * 2).text
    assert [(a.title, a.start, a.end) for a in split_articles(text)] == [(None, 0, len(text))]
    assert split_articles(normalise("求职高峰期\n人流量攀升").text)[0].title is None


# --- headings between two bodies (made-up pages) --------------------------------------------
_INTERVIEW = "近日，某某镇镇长张三接受记者采访，谈春风行动招聘会和稳岗政策。"
_MEETING = "本报讯（记者李四）3月2日，某某县召开防汛工作会议，部署汛期值守。"
_TRAINING = "本报讯（记者王五）日前，某某县总工会开展职工技能培训。"


def _titles(page: str) -> list[str | None]:
    return [a.title for a in split_articles(page)]


def test_a_title_printed_after_its_body_goes_back_to_it() -> None:
    # Two heading units between an untitled body and a dispatch: half would give the
    # interview only the column line; the words say its title runs down to the subtitle, and
    # the meeting's title is printed after its body.
    page = "\n".join(
        [
            _INTERVIEW,
            "开局起步看一把手",
            "稳岗招聘两手抓",
            "——专访某某镇镇长张三",
            _MEETING,
            "某某县召开防汛工作会议",
        ]
    )
    assert _titles(page) == [
        "开局起步看一把手 稳岗招聘两手抓 ——专访某某镇镇长张三",
        "某某县召开防汛工作会议",
    ]
    interview, meeting = split_articles(page)
    assert page[interview.start : interview.end].endswith("——专访某某镇镇长张三")
    assert page[meeting.start : meeting.end].startswith("本报讯")
    assert page[meeting.start : meeting.end].endswith("某某县召开防汛工作会议")


def test_an_article_titled_above_its_body_takes_its_title_printed_below() -> None:
    page = "\n".join(
        [
            "防汛值守不放松",
            _MEETING,
            "某某县召开防汛工作会议",
            "总工会开展",
            "职工技能培训",
            _TRAINING,
        ]
    )
    assert _titles(page) == ["防汛值守不放松 某某县召开防汛工作会议", "总工会开展 职工技能培训"]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # headings that share no word with either body: layout decides, as before
        (  # the previous article has a title: every heading opens the next
            "\n".join(["防汛值守不放松", _MEETING, "春光明媚", "山花烂漫", _TRAINING]),
            ["防汛值守不放松", "春光明媚 山花烂漫"],
        ),
        (  # the previous article has none: half each
            "\n".join([_INTERVIEW, "春光明媚", "山花烂漫", _TRAINING]),
            ["春光明媚", "山花烂漫"],
        ),
        # after the last body nothing weighs against the words: a titled article takes none
        (
            "\n".join(["防汛值守不放松", _MEETING, "某某县召开防汛工作会议"]),
            ["防汛值守不放松"],
        ),
    ],
)
def test_headings_without_telling_words_are_shared_by_layout(
    page: str, expected: list[str]
) -> None:
    assert _titles(page) == expected


# --- furniture, image lines and story text above the first heading (made-up pages) -----------
_LEDE = (
    "3月1日，某县在人力资源市场举办春季招聘会，共有120家企业参会，提供岗位3000个，"
    "吸引求职者2000余人。"
)
_MORE = "据了解，当天有500人达成就业意向，现场还设立了政策咨询台，为求职者解答社保和补贴问题。"


def _kept(page: str) -> str:
    doc = normalise(page).text
    return "".join(doc[a.start : a.end] for a in split_articles(doc))


@pytest.mark.parametrize(
    "image",
    [
        "W020240301593837292735.jpg",
        "！[]（images/fair_0301.png）",
        "# W020240301.JPG",
        "图片1.jpeg",
    ],
)
def test_an_image_line_after_the_headline_loses_nothing_and_titles_nothing(image: str) -> None:
    page = f"某县举办春季招聘会 提供岗位3000个\n\n{image}\n\n{_LEDE}\n\n{_MORE}\n"
    kept = _kept(page)
    assert _LEDE in kept
    assert _MORE in kept
    titles = _titles(normalise(page).text)
    assert titles == ["某县举办春季招聘会 提供岗位3000个".replace(" ", "")]


def test_a_story_above_the_first_markdown_heading_is_an_article_of_its_own() -> None:
    other = "# 某镇开展技能培训\n\n某镇开展电工技能培训，培训学员50人，合格率达90%。\n"
    page = f"{_LEDE}\n\n{_MORE}\n\n{other}"
    kept = _kept(page)
    assert _LEDE in kept
    assert "培训学员50人" in kept


def test_a_dateline_on_the_lede_line_does_not_make_the_lede_furniture() -> None:
    page = f"某县举办春季招聘会\n\n2024-03-01 10:20 来源：某县融媒体中心 {_LEDE}{_MORE}\n"
    assert "提供岗位3000个" in _kept(page)


def test_a_byline_run_into_the_story_does_not_make_it_furniture() -> None:
    page = f"某县举办春季招聘会\n\n{_LEDE}{_MORE}（责任编辑：张三）\n"
    assert "提供岗位3000个" in _kept(page)


def test_lost_prose_lists_story_paragraphs_no_article_holds() -> None:
    doc = normalise(f"某县举办春季招聘会\n\n{_LEDE}\n\n{_MORE}\n").text
    articles = split_articles(doc)
    assert lost_prose(doc, articles) == []
    first = articles[0]
    cut = doc.index(_MORE)
    lost = lost_prose(doc, [Article(first.title, first.start, cut - 1)])
    assert [doc[a:b] for a, b in lost] == [_MORE]


@pytest.mark.parametrize(
    ("furniture", "headline"),
    [
        ("本报记者 张三 李四", "某县举办春季招聘会"),
        ("责编：王五", "某县举办春季招聘会"),
        ("当前位置：首页>新闻中心>本地要闻", "某县举办春季招聘会"),
        ("首页 > 要闻 > 正文", "某县举办春季招聘会"),
        ("来源：某县融媒体中心", "某县举办春季招聘会"),
    ],
)
def test_a_title_is_never_a_byline_editor_line_or_breadcrumb(furniture: str, headline: str) -> None:
    page = f"{furniture}\n\n{headline}\n\n{_LEDE}\n\n{_MORE}\n"
    assert _titles(normalise(page).text) == [headline]

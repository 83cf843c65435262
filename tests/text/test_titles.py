"""The headline of a web page among its short lines: never furniture (made-up lines)."""

import pytest

from service.text.titles import cjk_pairs, headline_text, is_furniture, pick_headline

_BODY = "3月1日，某县举办春季招聘会，共有120家企业参会，提供岗位3000个。"


@pytest.mark.parametrize(
    "line",
    [
        "本报记者 张三",  # byline
        "融媒记者李四 王五",  # byline
        "通讯员 赵六",  # correspondent
        "责编：孙七",  # editor
        "责任编辑：周八",  # editor
        "编辑/吴九",  # editor
        "来源：某县融媒体中心",  # source
        "当前位置：首页>新闻中心>本地要闻",  # breadcrumb
        "首页 > 要闻 > 正文",  # breadcrumb
        "2024-03-01 10:20",  # dateline
        "2024年03月01日 星期五",  # a paper's date line
        "W020240301593837.jpg",  # image file name
        "版权所有：某县人民政府",  # footer
        "第02版：要闻",  # edition line
        "（某县人社局供稿）",  # parenthesised credit
    ],
)
def test_furniture_is_never_a_headline(line: str) -> None:
    assert is_furniture(line)
    assert pick_headline([line], cjk_pairs(_BODY)) is None


def test_the_heading_that_says_what_the_body_says_wins() -> None:
    headings = ["某县人民政府门户网站", "某县举办春季招聘会", "政务公开"]
    assert pick_headline(headings, cjk_pairs(_BODY)) == 1


def test_on_a_tie_the_first_heading_wins() -> None:
    assert pick_headline(["春季招聘会举办", "春季招聘会举办了"], cjk_pairs(_BODY)) == 0


def test_an_original_title_line_gives_the_headline() -> None:
    headings = ["某县新闻网", "原标题：某县举办春季招聘会"]
    assert pick_headline(headings, cjk_pairs(_BODY)) == 1
    assert headline_text(headings[1]) == "某县举办春季招聘会"


def test_a_line_too_short_to_say_anything_is_no_headline() -> None:
    assert pick_headline(["要闻", "招聘会"], cjk_pairs(_BODY)) is None

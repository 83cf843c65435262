"""The place an article is about, and the places it names only in passing (service/extract/rules/
homes.py). The articles are made up."""

import pytest

from service.extract.rules.placing.homes import article_home, its_own
from service.extract.rules.text import analyse

HOMES = [
    # an article, the place it is about
    ("滑县讯\n滑县招聘会，河南企业、河南工人、河南媒体参加。", "滑县"),  # the one it opens with
    ("佛山讯\n南海区招聘会，南海区企业参加。", "南海区"),  # …or inside it, named mostly
    ("滑县讯\n滑县招聘会，我省企业参加。", "河南省"),  # "我省" most: the province's story
    ("本报讯\n国家统计局：农民工总量2.9亿人。", "全国"),  # a national body, no division
    ("本报讯\n今年新增就业3000人。", None),
]


@pytest.mark.parametrize(("text", "home"), HOMES)
def test_article_home(text: str, home: str | None) -> None:
    assert article_home(analyse(text, None), None) == home


PASSING = [
    # a text, the place in it, whether it is an item's own place
    ("务工人员前往广东务工。", "广东", False),  # where people are sent
    ("务工人员送到贵阳和六盘水。", "六盘水", False),  # …a list joined by 和
    ("30名平昌籍务工人员抵达。", "平昌", False),  # where people come from
    ("(通讯员 巴中)今年新增就业。", "巴中", False),  # a byline
    ("平昌县新增就业3000人。", "平昌县", True),
]


@pytest.mark.parametrize(("text", "name", "own"), PASSING)
def test_its_own(text: str, name: str, own: bool) -> None:
    article = analyse(text, None)
    [place] = [p for p in article.places if p.name == name]
    assert its_own(article, place) is own


STAND_INS = [
    # an article, a stand-in's level word, the place it stands for
    ("昆明讯\n昆明市座谈会。", "省", "云南省"),  # above every place named: the one holding them
    ("永康讯\n永康招聘会，金华企业参加。", "市", "永康"),  # a county-level city is a 市
    # the province named most lies apart from the article's settled place: the one holding it
    ("滑县讯\n滑县招聘会，滑县企业、滑县群众、江苏企业、江苏园区参加。", "省", "河南省"),
]


@pytest.mark.parametrize(("text", "level", "home"), STAND_INS)
def test_stand_in_home(text: str, level: str, home: str) -> None:
    assert article_home(analyse(text, None), level) == home

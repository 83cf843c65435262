"""Where the rules backend places statistics and events (ANNOTATION.md P1), and the codes the
pipeline reads from those places. The articles are made up."""

import asyncio

import pytest

from schemas.drafts import ChunkDraft
from service.extract.rules.backend import RulesBackend, extract_drafts
from service.pipeline import run
from tests.paths import OVERLAP


def _drafts(text: str, page_place: str | None = None) -> ChunkDraft:
    return extract_drafts(text, published="2024-02-20", page_place=page_place)


STATISTICS = [
    # text, the statistic's location
    # a run of nested names and a list of places are written in full
    ("本报讯\n招聘会在吉林省长春市举行，提供岗位3000个。", "吉林省长春市"),
    # where people are sent is not the place of the item: here, the page's
    ("本报讯\n赴安化、慈利、永顺等地招聘务工人员500人。", "永康"),
    ("本报讯\n安化、慈利、永顺共新增就业5000人。", "安化、慈利、永顺"),
    # a name a city shares with its county is the city's
    ("本报讯\n长沙今年新增就业3万人。", "长沙"),
    # the article's place is the one it names most often
    ("湖南讯\n长沙举办招聘会。长沙企业踊跃参加。当天提供岗位900个。", "长沙"),
    # the article's place is the one it opens with, not one it names more often in passing
    ("滑县讯\n滑县招聘会，河南企业、河南工人、河南媒体参加。\n当天提供岗位900个。", "滑县"),
    # an article that calls its place "我省" most is a province's story: the one holding it
    ("滑县讯\n滑县举办招聘会，我省企业参加。\n当天提供岗位900个。", "河南省"),
    ("滑县讯\n滑县招聘会，我县企业、我省企业、我县群众参加。\n当天提供岗位900个。", "滑县"),
    # …or the division inside it its mentions are mostly about
    ("金华讯\n金华市部署稳岗工作。义乌人社局走访义乌企业。\n当天新增就业900人。", "义乌"),
    # a county paper's story of its city is the county's (the page's place is 永康, in 金华)
    ("金华讯\n金华市部署稳岗工作。\n当天新增就业900人。", "永康"),
    # a stand-in above every place the article names is the division of its level holding them
    ("昆明讯\n昆明市举办座谈会。\n全省毕业生近32万人。", "云南省"),
    # with no place in its clause or sentence, an item is about the occurrence told before it
    ("陕西讯\n招聘会在安康市紫阳县启动。陕西企业参加。\n现场提供岗位1万个。", "安康市紫阳县"),
    # a province's one-character name after 全 stands for the province
    ("新疆维吾尔自治区和田地区讯\n全疆城镇新增就业4万人。", "新疆维吾尔自治区"),
    # where people come from is not the place of the item, a run of nested names neither
    ("浙江讯\n四川南江籍务工人员2000人今年来到东阳。", "东阳"),
    # a list joined by 和 after where workers are sent is where they go, not the item's place
    ("威宁讯\n专车将100余名务工人员送到贵阳和六盘水。", "威宁"),
    # a place opening the name of a firm that heads a list of firms is part of the name
    ("黔西南讯\n招聘会在兴义举办。宁波创跃园林工具有限公司等7家企业参加。", "兴义"),
    # a place the sentence names beside the clause in another province than the article's
    # (opened with and named most) is told in passing: the article's place; in its province, kept
    ("永康讯\n永康举办招聘会，永康企业参加。\n罗甸县客人来到现场，当天签约300人。", "永康"),
    ("永康讯\n永康举办招聘会，永康企业参加。\n义乌客人来到现场，当天签约300人。", "义乌"),
    # a reporter's name is no place
    ("本报讯(记者 张平昌)\n今年新增就业3000人。", "永康"),
    # a national body's story naming no division is the country's (C2)
    ("北京讯\n人社部表示，今年新增就业1200万人。", "北京"),
    ("本报讯\n人社部表示，今年新增就业1200万人。", "全国"),
    ("本报讯\n国家统计局数据显示，农民工总量2.9亿人。", "全国"),
    # an article naming no place takes its page's
    ("本报讯\n今年新增就业3000人。", "永康"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "location"), STATISTICS)
def test_statistic_location(text: str, location: str | None) -> None:
    statistics = _drafts(text, page_place="永康").statistics
    assert statistics[-1].location == location


EVENTS = [
    # text, the event's location: where its clause says it is held or arrives
    ("陕西讯\n3月2日，春风行动招聘会在安康市紫阳县礼乐广场启动。", "安康市紫阳县"),
    ("湖北讯\n2月20日，载有216名务工人员的大巴车队抵达昆山。", "昆山"),
    # a township the gazetteer lacks, written whole; a zone written with its division's name
    ("佛山讯\n2月20日，80名务工人员乘包车抵达里水镇。", "里水镇"),
    ("湖南讯\n2月8日，长沙经开区人才集市举办新春招聘会。", "长沙经开区"),
    # a partnership of two places is both of theirs
    ("本报讯\n3月1日，天柱县与慈溪市签订劳务协作协议。", "天柱县与慈溪市"),
]


@pytest.mark.parametrize(("text", "location"), EVENTS)
def test_event_location(text: str, location: str) -> None:
    [event] = _drafts(text).events
    assert event.location == location


def test_the_pipeline_codes_what_the_rules_place() -> None:
    text = "巴中讯\n2月9日，平昌县举办招聘会，提供岗位300个。\n全市新增就业1万人。"
    result = asyncio.run(run(text, backend=RulesBackend(), published="2024-02-20", overlap=OVERLAP))
    codes = [(s.location, s.location_code) for a in result.articles for s in a.statistics]
    assert codes == [("平昌县", "511923"), ("巴中", "511900")]

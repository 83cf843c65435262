"""Division codes read from a place as written and its article (ANNOTATION.md "Division codes").
The articles here are made up, a line or two each."""

import time

import pytest

from schemas.results import ArticleResult, Event, Statistic
from service.items.codes import (
    code_articles,
    code_event,
    code_statistic,
    place_code,
)
from service.items.region import article_region, article_regions
from service.text.segment import Article
from service.values.divisions import named
from service.values.seats import WELL_KNOWN

CODES = [
    # the article, the place as written, its code
    # --- names the table has, short or full; nested names are the finest ----------------------
    ("平昌讯 全县举办招聘会。", "平昌", "511923"),
    ("平昌讯 全县举办招聘会。", "巴中市", "511900"),
    ("平昌讯 全县举办招聘会。", "四川", "510000"),
    ("平昌讯 全县举办招聘会。", "四川平昌", "511923"),
    ("平昌讯 全县举办招聘会。", "浙江省金华市永康市", "330784"),
    ("平昌讯 全县举办招聘会。", "恩施州", "422800"),  # a short name and a level word
    ("平昌讯 全县举办招聘会。", "南海", "440605"),  # a full name but for its 区
    # --- several places: the smallest division holding them all ------------------------------
    ("平昌讯 全县举办招聘会。", "福州、泉州", "350000"),
    ("平昌讯 全县举办招聘会。", "广东、上海", "100000"),
    ("平昌讯 全县举办招聘会。", "平昌和巴中", "511900"),
    ("宜章讯 务工人员外出。", "广州、深圳和县内园区", "100000"),  # a venue in a list: the home
    ("平昌讯 全县举办招聘会。", "安徽、东北地区", "100000"),  # a region across provinces
    ("平昌讯 全县举办招聘会。", "上海、深圳、欧洲", None),  # no division holds a place abroad
    ("内蒙古讯 赴区外引才。", "区外", None),  # outside the region: nowhere to place it
    ("长沙讯 劳务输出。", "湖南省外", "100000"),  # outside a division named: the country's rest
    ("长沙讯 劳务输出。", "长沙以外", "100000"),
    ("上海讯 学校招生。", "上海市外国语学校", "310000"),  # 外 inside a name is no "outside"
    # names back to back, neither lying in the other, are a list; nested ones are one place
    ("平昌讯 全县举办招聘会。", "广州深圳", "440000"),
    ("平昌讯 全县举办招聘会。", "上海杭州", "100000"),
    ("沈阳讯 招聘会举办。", "北京朝阳", "110105"),  # 朝阳 in 北京, not 辽宁's 朝阳市
    # --- a city and its county share a name: the city, unless 县 is written --------------------
    ("湖南讯 春风行动启动。", "长沙", "430100"),
    ("湖南讯 春风行动启动。", "长沙县", "430121"),
    # --- a name two provinces share: the one the article's places lie in ----------------------
    ("长春讯 朝阳区举办招聘会。", "朝阳区", "220104"),
    ("北京讯 朝阳区举办招聘会。", "朝阳区", "110105"),
    # --- stand-ins are the article's place of their level -----------------------------------
    ("巴中讯 平昌县举办招聘会。", "我市", "511900"),
    ("巴中讯 平昌县举办招聘会。", "全县", "511923"),
    ("四川省巴中市讯 会议召开。", "全省", "510000"),
    ("巴中讯 平昌县举办招聘会。", "当地", "511923"),
    ("巴中讯 平昌县举办招聘会。", "县人社局", "511923"),
    # --- venues, schools and firms: the division named in them, else the article's place -------
    ("长沙讯 我市与三所大学签约。", "武汉大学", "420100"),
    ("海盐讯 纪念馆开馆。", "张乐平纪念馆", "330424"),  # 乐平 is part of a person's name here
    ("金华讯 专列抵达。", "铁路金华站", "330700"),  # …but 金华 in a Jinhua story is Jinhua
    ("平昌讯 全县举办招聘会。", "竹马工业园区", "511923"),  # "工业园" names no division
    ("永康讯 人才市场举办招聘会。", "人才市场", "330784"),
    # a well-known school, national body or venue: its seat, whatever its name opens with (C7)
    ("长沙讯 我市与华东师范大学签约。", "华东师范大学", "310000"),  # not the whole 华东
    ("平昌讯 全县举办招聘会。", "中国人民大学", "110000"),  # not the country
    ("平昌讯 全县举办招聘会。", "黄龙体育中心", "330100"),  # not 黄龙县
    ("平昌讯 全县举办招聘会。", "东北大学秦皇岛分校", "130300"),  # a branch its name places
    # a school named after its province and no finer division: the capital, as most are, unless
    # the table of seats says otherwise
    ("湘潭讯 校园招聘会举办。", "湖南女子学院", "430100"),
    ("湘潭讯 校园招聘会举办。", "湖南科技大学", "430300"),
    ("平昌讯 全县举办招聘会。", "四川省人民政府", "510000"),  # no school: the province
    ("平昌讯 全县举办招聘会。", "北京工业大学", "110000"),  # a municipality has no capital
    # --- townships and 街道 take their county: the one named before, or near the article -------
    ("剑阁讯 专车出发。", "普安镇", "510823"),  # not 普安县, whose short name it begins with
    ("剑阁讯 专车出发。", "剑阁县普安镇", "510823"),
    ("三都讯 四川客商来访。", "普安镇", "522732"),  # near the article's own place first
    ("东阳讯 影视城招工。", "横店", "330783"),  # 横店镇 with its 镇 left out
    ("威宁讯 专车出发。", "威宁县凤山客运站", "520526"),  # 凤山 is part of the station's name
    # a township the table holds only far from every place the article names is another one of
    # that name, absent from the table: the article's own county (C7)
    ("永康讯 里水镇企业招工。", "里水镇", "330784"),
    ("本报讯 里水镇企业招工。", "里水镇", "440605"),  # no place named: the only one there is
    # --- a county by the name it had before a renaming: the division near the article -------
    ("三门峡讯 专车出发。", "陕县", "411203"),  # now 陕州区
    ("三门峡讯 专车出发。", "渑池县、陕县", "411200"),
    ("宁波讯 专车出发。", "鄞县", "330212"),  # now 鄞州区
    ("山东讯 专车出发。", "莱芜市", "370116"),  # merged into 济南 as 莱芜区
    ("柳州讯 专车出发。", "城市", "450200"),  # no old name: 城中区 is not "城" renamed
    ("巴中讯 平昌县举办招聘会。", "两县", "511923"),  # a count, no old name: the article's place
    # --- zones the table lacks, by common knowledge; a train by the route the article tells ------
    ("长沙讯 招聘会举办。", "长沙经开区人才集市", "430121"),
    ("重庆讯 招聘会举办。", "两江新区", "500000"),
    ("杭州讯 列车途经广东、江西、浙江。", "K210次列车", "100000"),
    ("杭州讯 列车开往宁波。", "G7501次列车", "330000"),
    # --- the country, areas across it, regions, one-character province names, abroad ----------
    ("平昌讯 全县举办招聘会。", "全国", "100000"),
    ("平昌讯 全县举办招聘会。", "我国", "100000"),
    ("平昌讯 全县举办招聘会。", "欠发达地区", "100000"),
    ("平昌讯 全县举办招聘会。", "珠三角", "440000"),
    ("平昌讯 全县举办招聘会。", "南疆三地州", "650000"),
    ("湖南讯 低于控制目标。", "国家", "100000"),
    # a national body's branch, or a national zone, in a division: that division
    ("平昌讯 全县举办招聘会。", "国家税务总局四川省税务局", "510000"),
    ("平昌讯 全县举办招聘会。", "中国（四川）自由贸易试验区", "510000"),
    ("平昌讯 全县举办招聘会。", "国家级开发区", "100000"),
    ("黑龙江讯 劳务输出。", "大中城市", "100000"),
    ("平昌讯 全县举办招聘会。", "粤", "440000"),
    ("平昌讯 全县举办招聘会。", "川渝", "100000"),  # provinces by one character each: a list
    ("平昌讯 全县举办招聘会。", "港澳", "100000"),
    ("平昌讯 全县举办招聘会。", "辽宁", "210000"),  # 辽 and 宁 both, but a province's own name
    ("平昌讯 全县举办招聘会。", "日本", None),
    ("平昌讯 全县举办招聘会。", None, None),
    ("平昌讯 全县举办招聘会。", "  ", None),
    # --- an article that names no place cannot place a venue ----------------------------------
    ("本报讯 人才市场举办招聘会。", "人才市场", None),
]


@pytest.mark.parametrize(("article", "place", "code"), CODES)
def test_place_code(article: str, place: str | None, code: str | None) -> None:
    assert place_code(place, article_region(article)) == code


HOMES = [
    # an article, the place it is about: the finest of its first run of nested places
    ("浙江省金华市永康市讯 招聘会举办。", "330784"),
    ("永康讯 平昌籍务工人员抵达。", "330784"),
    ("本报讯 招聘会举办。", None),
]


@pytest.mark.parametrize(("article", "home"), HOMES)
def test_the_place_an_article_is_about(article: str, home: str | None) -> None:
    assert article_region(article).home == home


def test_an_article_naming_no_place_is_the_pages() -> None:
    region = article_region("许码头举办招聘会。", home="330784")
    assert (region.home, place_code("许码头", region)) == ("330784", "330784")
    assert article_region("永康讯", home="511923").home == "330784"


def test_an_article_naming_no_place_takes_the_place_of_its_page() -> None:
    text = "永康讯 首批务工人员抵达。\n许码头举办招聘会。\n平昌县举办招聘会。"
    second, third = text.index("许码头"), text.index("平昌县")
    articles = [
        Article("", 0, second - 1),
        Article("", second, third - 1),
        Article("", third, len(text)),
    ]
    homes = [region.home for region in article_regions(text, articles)]
    assert homes == ["330784", "330784", "511923"]


def test_items_get_their_codes() -> None:
    region = article_region("永康讯 首批平昌籍务工人员抵达。")
    statistic = Statistic(
        evidence="首批10人", span=(0, 5), metric="务工人员", value=10, unit="人", location="永康"
    )
    assert code_statistic(statistic, region).location_code == "330784"
    event = Event(
        evidence="务工人员抵达", span=(0, 6), type="worker_transfer", summary="务工人员抵达",
        location="永康", origin="四川平昌", destination="我市",
    )  # fmt: skip
    coded = code_event(event, region)
    assert (coded.location_code, coded.origin_code, coded.destination_code) == (
        "330784", "511923", "330784",
    )  # fmt: skip


def test_an_articles_items_naming_one_place_get_its_code() -> None:
    """An article's places are coded once each: every item naming one gets the same code, as
    place_code gives it."""
    region = article_region("永康讯 首批平昌籍务工人员抵达。")
    places = ["永康", "四川平昌", "永康", None, "我市", "四川平昌"]
    statistics = [
        Statistic(
            evidence="首批10人", span=(0, 5), metric="务工人员", value=10, unit="人", location=p
        )
        for p in places
    ]
    result = ArticleResult(title=None, span=(0, 17), statistics=statistics)
    [coded] = code_articles([region], [result])
    assert [s.location_code for s in coded.statistics] == [place_code(p, region) for p in places]
    assert [s.location_code for s in coded.statistics][:3] == ["330784", "511923", "330784"]


def test_a_long_place_costs_little() -> None:
    """Names are looked up in windows no longer than the longest division name."""
    region = article_region("永康讯")
    started = time.perf_counter()
    assert place_code("某" * 20_000, region) == "330784"
    assert time.perf_counter() - started < 2.0


def test_every_well_known_zone_names_one_division() -> None:
    assert {zone: len(named(full)) for zone, full in WELL_KNOWN.items()} == dict.fromkeys(
        WELL_KNOWN, 1
    )

"""Where well-known schools, national bodies and venues sit, when their names do not say or say
wrongly (ANNOTATION.md C7: "a venue, firm or school takes its well-known location"). Pure.

A school named after a region ("华东师范大学") is no nationwide figure, and one named after the
country ("中国人民大学") is no national body: each has a seat. A venue may open with a division's
name that is not its place ("黄龙体育中心" is in 杭州, not in 黄龙县). Seats are prefectures, at
the level ANNOTATION.md's own example uses (武汉大学 -> 420100; codes-b.md CB17), a
municipality's being its province-level code.

Development zones and new areas the table lacks, regions inside one province ("珠三角") and
one-character province names ("粤") are read here too (`known_name`), and a school named after
its province alone is read as sitting in its capital (`school_seat`).

Provenance: common knowledge of each institution's seat (its main campus or its own address),
curated by hand; schools with main campuses in two cities (中国地质大学, 中国石油大学) are left out.

>>> seat_code("华东师范大学附属中学"), seat_code("黄龙体育中心"), seat_code("长沙大学")
('310000', '330100', None)
>>> capital("430000"), capital("110000")
('430100', None)
"""

import re

from service.values.divisions import ONE_CHARACTER, division, named

# Regions inside one province, and provinces by their one-character names ("赴粤返岗").
_REGIONS = {"珠三角": "广东", "珠江三角洲": "广东", "苏南": "江苏", "苏北": "江苏"}
_REGIONS |= {"南疆": "新疆", "北疆": "新疆", "东疆": "新疆"}
_PROVINCE_OF = _REGIONS | ONE_CHARACTER
# Development zones and new areas the table lacks, by the division holding what they administer
# (ANNOTATION.md: where a well-known place lies may come from common knowledge): the state-level
# new areas, and zones met in articles. A name written longer ("长沙经开区人才集市") is a venue
# in them.
WELL_KNOWN = {
    "两江新区": "重庆市", "雄安新区": "保定市", "贵安新区": "贵州省", "西咸新区": "陕西省",
    "湘江新区": "长沙市", "金普新区": "大连市", "舟山群岛新区": "舟山市", "兰州新区": "兰州市",
    "福州新区": "福州市", "滇中新区": "云南省", "哈尔滨新区": "哈尔滨市", "长春新区": "长春市",
    "赣江新区": "江西省", "青岛西海岸新区": "黄岛区",
    "长沙经开区": "长沙县", "长沙经济技术开发区": "长沙县",
    "金华开发区": "婺城区", "金华经济技术开发区": "婺城区", "漳河新区": "荆门市",
}  # fmt: skip
# A school, by how its name ends ("湖南女子学院", "浙江省委党校").
_SCHOOL = re.compile(r"(?:大学|学院|学校|党校)$")
# name -> the prefecture (or municipality) it sits in, as the table spells its full name
SEATS = {
    # schools named after a region of the country
    "华东师范大学": "上海市", "华东理工大学": "上海市", "华东政法大学": "上海市",
    "华东交通大学": "南昌市", "华南理工大学": "广州市", "华南师范大学": "广州市",
    "华南农业大学": "广州市", "华中科技大学": "武汉市", "华中师范大学": "武汉市",
    "华中农业大学": "武汉市", "华北电力大学": "北京市", "华北理工大学": "唐山市",
    "华北水利水电大学": "郑州市", "西南大学": "重庆市", "西南政法大学": "重庆市",
    "西南交通大学": "成都市", "西南财经大学": "成都市", "西南石油大学": "成都市",
    "西南民族大学": "成都市", "西南科技大学": "绵阳市", "西南林业大学": "昆明市",
    "西南医科大学": "泸州市", "西北大学": "西安市", "西北工业大学": "西安市",
    "西北政法大学": "西安市", "西北农林科技大学": "咸阳市", "西北师范大学": "兰州市",
    "西北民族大学": "兰州市", "东北大学": "沈阳市", "东北师范大学": "长春市",
    "东北林业大学": "哈尔滨市", "东北农业大学": "哈尔滨市", "东北财经大学": "大连市",
    "东北石油大学": "大庆市", "东北电力大学": "吉林市",
    # schools named after the country, and national bodies with one seat
    "中国人民大学": "北京市", "中国农业大学": "北京市", "中国政法大学": "北京市",
    "中国传媒大学": "北京市", "中国科学院大学": "北京市", "中国劳动关系学院": "北京市",
    "中国音乐学院": "北京市", "中国科学技术大学": "合肥市", "中国海洋大学": "青岛市",
    "中国药科大学": "南京市", "中国计量大学": "杭州市", "中国民航大学": "天津市",
    "中国美术学院": "杭州市", "中国矿业大学": "徐州市", "国家会议中心": "北京市",
    "国家体育场": "北京市", "国家体育馆": "北京市", "国家图书馆": "北京市",
    "中国国家博物馆": "北京市", "国家博物馆": "北京市", "人民大会堂": "北京市",
    # schools named after a province that sit outside its capital (the rest sit in the capital:
    # `service.items.codes` reads a province-named school so)
    "河北大学": "保定市", "河北农业大学": "保定市", "河北工程大学": "邯郸市",
    "河北北方学院": "张家口市", "河北科技师范学院": "秦皇岛市", "山西农业大学": "晋中市",
    "内蒙古科技大学": "包头市", "内蒙古民族大学": "通辽市", "辽宁工程技术大学": "阜新市",
    "辽宁石油化工大学": "抚顺市", "辽宁科技大学": "鞍山市", "辽宁工业大学": "锦州市",
    "辽宁师范大学": "大连市", "吉林化工学院": "吉林市", "吉林师范大学": "四平市",
    "黑龙江八一农垦大学": "大庆市", "江苏大学": "镇江市", "江苏科技大学": "镇江市",
    "江苏理工学院": "常州市", "江苏师范大学": "徐州市", "江苏海洋大学": "连云港市",
    "浙江师范大学": "金华市", "浙江海洋大学": "舟山市", "浙江万里学院": "宁波市",
    "浙江越秀外国语学院": "绍兴市", "安徽师范大学": "芜湖市", "安徽工程大学": "芜湖市",
    "安徽理工大学": "淮南市", "安徽工业大学": "马鞍山市", "安徽科技学院": "滁州市",
    "安徽财经大学": "蚌埠市", "江西理工大学": "赣州市", "山东科技大学": "青岛市",
    "山东理工大学": "淄博市", "山东农业大学": "泰安市", "山东工商学院": "烟台市",
    "河南大学": "开封市", "河南科技大学": "洛阳市", "河南理工大学": "焦作市",
    "河南师范大学": "新乡市", "河南科技学院": "新乡市", "湖北工程学院": "孝感市",
    "湖北理工学院": "黄石市", "湖北师范大学": "黄石市", "湖北文理学院": "襄阳市",
    "湖北汽车工业学院": "十堰市", "湖北科技学院": "咸宁市", "湖北民族大学": "恩施土家族苗族自治州",
    "湖南科技大学": "湘潭市", "湖南工程学院": "湘潭市", "湖南工业大学": "株洲市",
    "湖南理工学院": "岳阳市", "湖南文理学院": "常德市", "湖南人文科技学院": "娄底市",
    "湖南城市学院": "益阳市", "湖南科技学院": "永州市", "湖南工学院": "衡阳市",
    "广东海洋大学": "湛江市", "广东医科大学": "湛江市", "广东石油化工学院": "茂名市",
    "广东科技学院": "东莞市", "广西科技大学": "柳州市", "广西师范大学": "桂林市",
    "四川农业大学": "雅安市", "四川轻化工大学": "自贡市", "四川文理学院": "达州市",
    "陕西理工大学": "汉中市",
    # venues that open with the name of a division they do not lie in
    "黄龙体育中心": "杭州市", "梅江会展中心": "天津市",
    "中山纪念堂": "广州市",
}  # fmt: skip
# The names above as tuples, for str.startswith.
_SEAT_NAMES, _ZONES, _REGION_NAMES = tuple(SEATS), tuple(WELL_KNOWN), tuple(_REGIONS)


def seat_code(name: str) -> str | None:
    """The code of the division a well-known institution or venue that `name` opens with sits
    in; None for any other name."""
    found = seat(name)
    return found[0] if found is not None else None


def seat(name: str) -> tuple[str, str] | None:
    """The seat's code of the well-known institution or venue `name` opens with, and the rest
    of `name` after it ("东北大学" + "秦皇岛分校"); None for any other name."""
    if not name.startswith(_SEAT_NAMES):  # one test in C: most names open with none
        return None
    known = next(known for known in SEATS if name.startswith(known))
    code = next(d.code for d in named(SEATS[known]) if d.level in ("city", "province"))
    return code, name[len(known) :]


def capital(province: str) -> str | None:
    """The code of a province's capital: GB/T 2260 numbers it 01 among the province's
    prefectures (330100 杭州市 of 330000); None for a municipality, which has no prefecture."""
    city = province[:2] + "0100"
    found = division(city)
    return city if found is not None and found.level == "city" else None


def known_name(name: str) -> str | None:
    """The code of a zone, a region or a one-character province name the table lacks."""
    if name.startswith(_ZONES):
        zone = next(full for zone, full in WELL_KNOWN.items() if name.startswith(zone))
        return named(zone)[0].code
    province = _PROVINCE_OF.get(name)
    if province is None and name.startswith(_REGION_NAMES):
        province = next(p for region_name, p in _REGIONS.items() if name.startswith(region_name))
    if province is not None:
        return next(d.code for d in named(province) if d.level == "province")
    return None


def school_seat(name: str, code: str | None) -> str | None:
    """A school named after its province and no finer division ("湖南女子学院"), that the
    table of seats does not place elsewhere, sits in the province's capital, as most do."""
    found = division(code) if code is not None else None
    if found is None or found.level != "province" or not _SCHOOL.search(name):
        return None
    return capital(found.code)

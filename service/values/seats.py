"""Where well-known schools, national bodies and venues sit, when their names do not say or say
wrongly (ANNOTATION.md C7: "a venue, firm or school takes its well-known location"). Pure.

A school named after a region ("华东师范大学") is no nationwide figure, and one named after the
country ("中国人民大学") is no national body: each has a seat. A venue may open with a division's
name that is not its place ("五台山体育馆" is in 南京, not at 五台山; "黄龙体育中心" is in 杭州,
not in 黄龙县). Seats are prefectures, at the level ANNOTATION.md's own example uses (武汉大学 ->
420100; codes-b.md CB17), a municipality's being its province-level code.

Provenance: common knowledge of each institution's seat (its main campus or its own address),
curated by hand; schools with main campuses in two cities (中国地质大学, 中国石油大学) are left out.

>>> seat_code("华东师范大学附属中学"), seat_code("五台山体育馆"), seat_code("长沙大学")
('310000', '320100', None)
"""

from service.values.divisions import named

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
    # venues that open with the name of a division they do not lie in
    "五台山体育馆": "南京市", "黄龙体育中心": "杭州市", "梅江会展中心": "天津市",
    "中山纪念堂": "广州市",
}  # fmt: skip


def seat_code(name: str) -> str | None:
    """The code of the division a well-known institution or venue that `name` opens with sits
    in; None for any other name."""
    seat = next((city for known, city in SEATS.items() if name.startswith(known)), None)
    if seat is None:
        return None
    return next(d.code for d in named(seat) if d.level in ("city", "province"))

"""Origin and destination of worker transfers read by the rules backend (service/extract/rules/
routes.py). The sentences are made up."""

import pytest

from service.extract.rules.backend import extract_drafts

ROUTES = [
    # text, (origin, destination)
    ("2月3日，首趟务工专列从贵阳开往杭州。", ("贵阳", "杭州")),
    ("2月3日，返岗专车由新化开往深圳。", ("新化", "深圳")),
    ("2月3日，城步至东莞的返岗专车发车。", ("城步", "东莞")),
    ("2月3日，镇雄直达永康的返岗专列发车。", ("镇雄", "永康")),
    # a one-character province name, and a list of places, written as they are
    ("2月3日，42名务工人员乘专列赴粤返岗。", (None, "粤")),
    ("2月3日，专车输送务工人员前往广东、福建等地。", (None, "广东、福建")),
    # where people come from
    ("2月3日，30名来自四川平昌的务工人员抵达永康。", ("四川平昌", "永康")),
    ("2月3日，30名平昌籍务工人员抵达永康。", ("平昌", "永康")),
    # words that only look like a route give nothing: 岗 and 企业 are no places
    ("2月3日，专车送50名务工人员返岗。", (None, None)),
    ("2月3日，接驳专车发车，送员工前往企业。", (None, None)),
    # a send-off naming only where workers go leaves from where it is held
    ("2月3日，欢送仪式在黄平县举行，包车送务工人员前往厦门。", ("黄平县", "厦门")),
    ("2月3日，自驾返岗务工欢送仪式在黄平县举行，包车发车。", ("黄平县", None)),
    # …and so does any movement naming where workers go but not where they come from
    ("2月3日，15名务工人员在蒙山县乘返岗专车前往深圳。", ("蒙山县", "深圳")),
    # workers fetched from where they are are brought to the article's own place
    (
        "永康讯\n2月1日起，我市开通返岗直通车，已从湖南、广西接回务工人员4100余人。",
        ("湖南、广西", "永康"),
    ),
]


@pytest.mark.parametrize(("text", "route"), ROUTES)
def test_route(text: str, route: tuple[str | None, str | None]) -> None:
    drafts = extract_drafts(text, published="2024-02-20")
    [event] = [e for e in drafts.events if e.type == "worker_transfer"]
    assert (event.origin, event.destination) == route


PARTNERSHIPS = [
    # text, (origin, destination): the partner sends the workers, to the article's own place
    ("永康讯\n3月1日，我市与罗甸县签订长期劳务合作协议。", ("罗甸县", "永康")),
    ("永康讯\n3月1日，我们对接设立了永康驻庆阳市西峰区劳务工作站。", ("庆阳市西峰区", "永康")),
]


@pytest.mark.parametrize(("text", "route"), PARTNERSHIPS)
def test_partnership(text: str, route: tuple[str | None, str | None]) -> None:
    drafts = extract_drafts(text, published="2024-02-20")
    [event] = [e for e in drafts.events if e.type == "labor_cooperation"]
    assert (event.origin, event.destination) == route

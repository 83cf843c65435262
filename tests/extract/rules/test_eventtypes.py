"""rules/eventtypes: who moves, what a service or a mechanism is, where a verb's object runs."""

import pytest

from service.extract.rules.eventtypes import inside_object, movement_type, mover_start, rule_type

MOVERS = [
    # text, verb, movers named from
    ("150余名务工人员，搭乘3辆大巴车，前往温州。", "搭乘", 0),
    ("为了工人返岗，我和同事驱车赶往镇雄县。", "赶往", len("为了工人返岗，我和")),
]


@pytest.mark.parametrize(("text", "verb", "start"), MOVERS)
def test_movers_are_read_after_the_last_narrator(text: str, verb: str, start: int) -> None:
    assert mover_start(text, 0, text.index(verb)) == start


MOVEMENTS = [
    # text, group, verb, type
    ("150余名务工人员，搭乘3辆大巴车，前往温州。", "ride", "搭乘", "worker_transfer"),
    ("3月2日，两名干部驱车前往河北省保定市。", "trip", "前往", "other"),
    ("两名干部驱车前往河北省保定市。", "trip", "前往", None),  # undated: no trip told
    ("返岗专车顺利启程。", "depart", "启程", "worker_transfer"),  # an organised vehicle
    ("大巴车载着39名农民工奔去。", "depart", "载着", "worker_transfer"),  # workers after
    ("代表团从北京出发。", "depart", "出发", None),
    ("该县开通返岗直通车，点对点免费接送。", "service", "开通", "policy"),
    ("该区开通返岗直通车，已接回务工人员4100余人。", "service", "开通", "worker_transfer"),
    # workers are named in many words: 务工旅客, 务工群众, 返岗复工人员
    ("140余名务工旅客在成都东站搭乘D1809次列车。", "ride", "搭乘", "worker_transfer"),
    ("两千名务工群众乘坐高铁前往广州。", "ride", "乘坐", "worker_transfer"),
    # a dated trip to meet or fetch workers is their transfer, any other trip the team's
    ("2月2日，干部前往长乐机场迎接返岗复工人员。", "trip", "前往", "worker_transfer"),
    ("2月2日，干部前往长乐机场迎接考察团。", "trip", "前往", "other"),
]


@pytest.mark.parametrize(("text", "group", "verb", "kind"), MOVEMENTS)
def test_movement_type(text: str, group: str, verb: str, kind: str | None) -> None:
    assert movement_type(text, group, (0, len(text)), text.index(verb)) == kind


@pytest.mark.parametrize(
    ("rule", "kind"),
    [("建立劳务协作长效机制", "labor_cooperation"), ("建立重点企业用工调度机制", "policy")],
)
def test_a_mechanism_of_cooperation_is_a_partnership(rule: str, kind: str) -> None:
    assert rule_type(rule) == kind


OBJECTS = [
    # text, verb, inside its object
    ("出台稳就业的十条措施", "出台", True),  # a rule's noun after the "的"
    ("印发《关于做好返岗的通知》", "印发", True),  # inside a title
    ("到达镇雄县的第一件事", "到达", False),  # a modifier
]


@pytest.mark.parametrize(("text", "verb", "inside"), OBJECTS)
def test_a_de_inside_the_object(text: str, verb: str, inside: bool) -> None:
    end = text.index(verb) + len(verb)
    assert inside_object(text, end, text.index("的")) is inside

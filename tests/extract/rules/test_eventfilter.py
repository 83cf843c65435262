"""Events the sentence around a trigger word does not tell: tallies, habits, trainings with no
anchor, workers' 复工 (service/extract/rules/eventfilter.py), read through the rules backend."""

import pytest

from service.extract.rules.backend import extract_drafts


def _types(text: str) -> list[str]:
    return [e.type for e in extract_drafts(text, published="2023-02-20").events]


# Each row: a made-up sentence and the event types it tells.
TOLD = [
    # a tally over many acts: the numbers are statistics (EV9)
    ("截至目前，该局累计开行返岗专列12列，帮助6000余名务工人员顺利返岗。", []),
    ("全年共计组织3场招聘会，为企业招到员工400人。", []),
    # …but a tally after the occurrence in its sentence leaves the occurrence
    ("2月5日，该县举办春风行动招聘会，累计达成意向300人。", ["recruitment_fair"]),
    # a recurring practice (EV10)
    ("每年春节过后，该县都要组织包车送务工人员前往广东。", []),
    ("每月中旬，县人社部门在广场举办一场招聘会。", []),
    ("2月10日，该县组织包车送务工人员前往广东。", ["worker_transfer"]),
    # training named as a measure, with nothing that anchors one course
    ("该县针对企业职工开展技能提升和转岗转业培训。", []),
    ("同时，该省着力扩大培训供给能力。", []),
    # …and one course, anchored by a day, a number, a time word or its name
    ("3月2日，该县举办电工技能培训，40名学员参加。", ["training"]),
    ("日前，县总工会组织开展了企业工会经费税务代征培训。", ["training"]),
    ("该县举办家政服务培训班，帮助妇女就业。", ["training"]),
    ("春节后，该县开展订单定向技能培训。", ["training"]),
    # "复工" said of workers is no project (EV15)
    ("2月8日，两辆返岗复工包车从县汽车站出发，送78名务工人员赴粤。", ["worker_transfer"]),
    ("2月8日，该县重点工程项目集中复工。", ["project"]),
    # a partnership told with its counterparts, its document or where a station is set up
    ("该局督促企业签订劳动合同，规范用工管理。", []),
    ("3月4日，甲市人社局与乙市人社局签订劳务合作协议。", ["labor_cooperation"]),
    ("3月4日，两地人社部门签订劳务合作协议。", ["labor_cooperation"]),
    ("仪式上，双方代表签署了《就业服务合作框架协议》。", ["labor_cooperation"]),
    ("随后，该县在宁波设立劳务工作站，配备2名工作人员。", ["labor_cooperation"]),
    # an inspection told with a time, a count, its inspectors, a named campaign or a spot visit
    ("该局按日调度督查，及时化解矛盾。", []),
    ("该局开展谈心谈话、行为督查，严防问题反弹。", []),
    ("3月5日，该局对建筑工地开展专项检查。", ["inspection"]),
    ("该局分管领导带队，深入企业开展调研。", ["inspection"]),
    ("该局开展“护薪”专项行动，维护劳动者权益。", ["inspection"]),
    # a speaker's title is no inspecting team
    ("该局负责人介绍，全市开展了专项督查。", []),
    # a policy told with its issuer, its name, a time or a number
    ("强化部门联动，建立协调联动机制，形成工作合力。", []),
    ("诸暨市医保局出台《清廉医保建设实施方案》。", ["policy"]),
    ("山东创新举措治理欠薪。如山东规定，政府投资的工程须按月支付工资。", ["policy"]),
    ("该区出台“稳岗十条”，帮助企业留工。", ["policy"]),
]


@pytest.mark.parametrize(("text", "types"), TOLD)
def test_events_told(text: str, types: list[str]) -> None:
    assert _types(text) == types


# Repeated tellings (E1): a later mention dated only by an earlier telling of that day is it.
TELLINGS = [
    # the day's fair told again: one event
    (
        "2月20日，该县举办春风行动专场招聘会。招聘会吸引了众多求职者，不少人前来应聘。",
        ["recruitment_fair"],
    ),
    # a sentence naming its own day tells an occurrence of its own
    (
        "2月17日，我市召开攻坚动员会。2月17日晚，该街道召开攻坚会。",
        ["meeting", "meeting"],
    ),
    # …and so does a clause setting the occurrence at a venue of its own
    (
        "1月31日，该市举办春风行动招聘会。在漳河新区返乡人员专场招聘会现场，求职者众多。",
        ["recruitment_fair", "recruitment_fair"],
    ),
    # a fair named again with no time, venue, counterpart or place of its own is the one told
    (
        "该县近日举办春季招聘会，吸引众多求职者。该县还组织新春招聘会等特色专场，方便求职。",
        ["recruitment_fair"],
    ),
    (
        "该县近日举办春季招聘会，吸引众多求职者。该县还制作“网络招聘大集”二维码，方便求职。",
        ["recruitment_fair"],
    ),
    # …but one with counterparts, a place gone to or a time of its own is another fair
    (
        "该县近日举办春季招聘会，吸引众多求职者。该县还联合甲县举办线上招聘活动，方便求职。",
        ["recruitment_fair", "recruitment_fair"],
    ),
    (
        "2月9日，该县举办春季招聘会。近日，该县选派招聘小分队赴甲省招工。",
        ["recruitment_fair", "recruitment_fair"],
    ),
]


@pytest.mark.parametrize(("text", "types"), TELLINGS)
def test_repeated_tellings(text: str, types: list[str]) -> None:
    assert _types(text) == types


# A "大会" named for hiring is a fair; any other "大会" is a meeting.
DAHUI = [
    ("3月2日，该市2023年春风行动就业招聘大会在体育馆举行。", ["recruitment_fair"]),
    ("3月2日，该省人才交流大会在会展中心开幕。", ["recruitment_fair"]),
    ("3月2日，该市召开全市人才工作大会。", ["meeting"]),
    ("3月2日，该市召开优化营商环境大会。", ["meeting"]),
]


@pytest.mark.parametrize(("text", "types"), DAHUI)
def test_fair_named_dahui(text: str, types: list[str]) -> None:
    assert _types(text) == types


# A special campaign named for carrying workers is their transfer; any other is an inspection.
CAMPAIGNS = [
    ("1月27日，该市农民工免费运输送工服务专项行动正式启动。", ["worker_transfer"]),
    ("2月3日，该县返岗专车服务专项行动启动。", ["worker_transfer"]),
    ("3月2日，该市开展根治欠薪冬季专项行动，检查在建工地。", ["inspection"]),
]


@pytest.mark.parametrize(("text", "types"), CAMPAIGNS)
def test_campaign_named_for_carrying_workers(text: str, types: list[str]) -> None:
    assert _types(text) == types

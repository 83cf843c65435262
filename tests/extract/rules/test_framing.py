"""rules/framing: purpose and basis clauses, names and titles, whose modals govern nothing."""

import pytest

from service.extract.rules.backend import extract_drafts

FRAMED = [
    # text, types: a modal inside a frame, a name or a title is no intention (E2)
    ("为鼓励企业吸纳就业，该市出台《稳岗十条措施》，明确补贴标准。", ["policy"]),
    ("按照上级部署要求，县人社局举办了春季招聘会，50家企业参加。", ["recruitment_fair"]),
    ("近日，县人社局举办“就业要趁早”专场招聘会，吸引众多求职者。", ["recruitment_fair"]),
    # …but a modal in the act's own clause is one
    ("县人社局要求各地举办招聘会，帮助企业招工。", []),
    ("县人社局鼓励企业举办招聘会，吸纳本地劳动力。", []),
]


@pytest.mark.parametrize(("text", "types"), FRAMED)
def test_framed_modals_govern_nothing(text: str, types: list[str]) -> None:
    assert [e.type for e in extract_drafts(text, published="2024-03").events] == types


QUOTED_NAMES = [
    # text, types: a trigger heading a quoted event's name tells that event, however long
    ("3月2日，该市举办“甲市制造业暨重大项目企业人才交流洽谈会”。", ["recruitment_fair"]),
    # …or when the name runs on to its head noun
    ("在“甲区春风行动暨就业援助月西部专场招聘活动”上，求职者入场。", ["recruitment_fair"]),
    # a quote with clause punctuation is someone's words, not a name
    ("他说：“下个月，我们还要办一场招聘会，欢迎大家来。”", []),
    # a trigger inside a name that heads something else tells nothing
    ("3月2日，该县公布“返岗直通车咨询热线”号码。", []),
]


@pytest.mark.parametrize(("text", "types"), QUOTED_NAMES)
def test_a_trigger_heading_a_quoted_name(text: str, types: list[str]) -> None:
    assert [e.type for e in extract_drafts(text, published="2024-03").events] == types


SPEECH = [
    # text, types: a speaker's dated act tells an occurrence; undated words tell nothing
    ("他说：“正月初七我们就组织7家企业赴甲省招聘，带回不少工人。”", ["recruitment_fair"]),
    ("他说：“正月初七，我们计划组织企业赴甲省招聘，带回一些工人。”", []),
    ("他说：“我们想组织企业赴甲省招聘，带回一些工人。”", []),
]


@pytest.mark.parametrize(("text", "types"), SPEECH)
def test_a_speakers_dated_act_is_told(text: str, types: list[str]) -> None:
    assert [e.type for e in extract_drafts(text, published="2024-03").events] == types

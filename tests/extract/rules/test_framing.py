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

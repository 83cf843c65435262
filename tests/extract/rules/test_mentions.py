"""rules/mentions: cues that make a trigger tell no occurrence, read outside quoted names."""

import pytest

from service.extract.rules.backend import extract_drafts
from service.extract.rules.mentions import unquoted


@pytest.mark.parametrize(
    ("head", "bare"),
    [
        ("暨“促进转移就业、助力脱贫攻坚”农民工", "暨“”农民工"),
        ("举办以“助力乡村振兴”为主题的", "举办以“”为主题的"),
        ("助力企业", "助力企业"),
    ],
)
def test_unquoted_takes_out_each_quotes_words(head: str, bare: str) -> None:
    assert unquoted(head) == bare


SLOGANS = [
    # text, types: an aim or a verb of effort inside a quoted slogan is not the sentence's
    ("2日，春风行动启动仪式暨“促进转移就业、助力脱贫攻坚”专场招聘会举办。", ["recruitment_fair"]),
    ("3月5日，该县举办以“助力乡村振兴”为主题的专场招聘会。", ["recruitment_fair"]),
    # …outside a quote they govern the trigger as before
    ("该县积极开展就业服务，助力务工人员返岗。", []),
    ("该局全面落实全省“稳就业”专项督查工作。", []),
]


@pytest.mark.parametrize(("text", "types"), SLOGANS)
def test_cues_inside_a_slogan_govern_nothing(text: str, types: list[str]) -> None:
    assert [e.type for e in extract_drafts(text, published="2024-03").events] == types


PRACTICES = [
    # text, types: a practice continued or repeated tells no occurrence, even in a dated sentence
    ("3月，该县与甲市签约，将本县劳动力持续输送到甲市企业。", ["labor_cooperation"]),
    ("3月2日，该县继续组织务工人员乘坐专车赴粤返岗。", []),
    # movements told in aggregate are no one trip (EV14)
    ("2月，该县分批次输送务工人员前往广东、福建等地务工。", []),
    ("2月，务工人员陆续乘坐高铁返回该市务工。", []),
    ("今年2月，该省各类建设项目大量开工，用工需求旺盛。", []),
    # …without such an adverb the dated act is one
    ("3月2日，该县组织务工人员乘坐专车赴粤返岗。", ["worker_transfer"]),
]


@pytest.mark.parametrize(("text", "types"), PRACTICES)
def test_a_continued_practice_is_no_occurrence(text: str, types: list[str]) -> None:
    assert [e.type for e in extract_drafts(text, published="2024-03").events] == types

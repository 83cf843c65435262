"""Rules backend, events: trigger words that tell an occurrence, their dates and places."""

import pytest

from schemas.drafts import ChunkDraft
from service.extract.rules import extract_drafts


def _drafts(text: str, published: str | None = "2022-02") -> ChunkDraft:
    return extract_drafts(text, title=None, published=published)


# --- events --------------------------------------------------------------------------------------
def test_event_with_date_and_trigger() -> None:
    text = "2月9日，永康与平昌联合举办了一场东西部劳务协作专场招聘会。"
    [e] = _drafts(text).events
    assert (e.type, e.date) == ("recruitment_fair", "2022-02-09")


EVENT_DATES = [
    # text, trigger, published, date
    ("从3月5日起，该区干部带头走访重点企业。", "走访", "2022-04", "2022-03-05"),  # its start
    ("3月5日至3月6日，该市召开人才工作会议。", "会议", "2022-04", "2022-03-05"),  # a span's start
    ("3月2日，该市召开动员会。\n会后，该市迅速组建工作专班。", "组建", "2022-03", "2022-03"),
    ("3月2日，该市召开动员会。\n会后，该市迅速组建工作专班。", "组建", "2022-04", "2022"),
    # no default to the publication year
    ("为服务企业，该市迅速组建工作专班。", "组建", "2022-03", None),
    # never from a later sentence
    ("为服务企业，该县设立服务站。3月2日，该县召开动员会。", "设立", "2022-03", None),
]


@pytest.mark.parametrize(("text", "trigger", "published", "date"), EVENT_DATES)
def test_event_date_lookup(text: str, trigger: str, published: str, date: str | None) -> None:
    [e] = [e for e in _drafts(text, published).events if trigger in e.evidence]
    assert e.date == date


def test_transfer_has_origin_and_destination() -> None:
    text = "2月11日，110名来自四川巴中的新员工搭乘专机抵达义乌。"
    [e] = [e for e in _drafts(text).events if e.type == "worker_transfer"]
    assert (e.origin, e.destination) == ("四川巴中", "义乌")


NOT_EVENTS = [
    "接下来，我市将继续做好务工人员输转服务工作。",  # an intention
    "本次招聘会累计吸引求职者参加，反响热烈。",  # a back-reference
    "检查定点医药机构171家，约谈52家次。",  # counted actions: statistics
    "为了解节后班组到岗、复工准备等相关情况，专班很忙。",  # a purpose clause
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_not_events(text: str) -> None:
    assert _drafts(text).events == []

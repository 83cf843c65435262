"""Event summaries: no dateline, never cut inside a word, a number or a quoted name."""

import pytest

from service.extract.rules.summary import SUMMARY_MAX, summarise


@pytest.mark.parametrize(
    ("evidence", "summary"),
    [
        # a report's dateline is not what happened
        ("新华社某地3月2日电（记者张三）某县举办春季招聘会", "某县举办春季招聘会"),
        ("本报讯（记者李四 通讯员王五）某县举办春季招聘会", "某县举办春季招聘会"),
        ("某某报道讯（甲乙报道）某县人社局赴外省开展劳务对接", "某县人社局赴外省开展劳务对接"),
        # spaces of a scanned page go
        ("某县 举办 春季招聘会", "某县举办春季招聘会"),
        # a short clause is kept whole; "通讯员" is no dateline
        ("通讯员走访了十家企业", "通讯员走访了十家企业"),
    ],
)
def test_summary_is_the_clause_without_its_dateline(evidence: str, summary: str) -> None:
    assert summarise(evidence) == summary


def test_a_long_clause_is_cut_at_its_last_list_mark_within_the_limit() -> None:
    evidence = (
        "某市组织务工人员分别乘坐包车、专列、包机等多种交通工具，"
        "前往广东、福建、浙江、江苏等地务工就业"
    )
    summary = summarise(evidence)
    assert len(summary) <= SUMMARY_MAX
    assert evidence.startswith(summary)
    assert evidence[len(summary)] in "，；、："


def test_a_long_clause_is_never_cut_inside_a_number() -> None:
    head = "某市人力资源和社会保障局组织开展面向高校毕业生的大型专场招聘活动共吸引"
    evidence = head + "1234567人次参加"
    assert len(head) < SUMMARY_MAX < len(head) + 7  # the limit falls inside the number
    summary = summarise(evidence)
    assert evidence.startswith(summary)
    assert not (summary[-1].isdigit() and evidence[len(summary)].isdigit())


def test_a_long_clause_is_never_cut_inside_a_quoted_name() -> None:
    evidence = "某市人力资源和社会保障局组织开展面向全体高校毕业生的“春风送岗位暖心进万家”招聘活动"
    summary = summarise(evidence)
    assert summary.count("“") == summary.count("”")

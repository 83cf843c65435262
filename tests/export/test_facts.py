"""Facts: one row per distinct fact; a repost adds a source, a repeat adds nothing."""

import json
from typing import Any

from schemas.results import Statistic
from service.export.facts import Facts, Source

_FIGURE: dict[str, Any] = {
    "metric": "转移输出农村劳动力", "indicator": "workers_transferred", "value": 49300,
    "unit": "人", "qualifier": "exact", "kind": "actual", "time": "2022-03",
    "location": "平昌县", "location_code": "511923",
}  # fmt: skip


def _stat(repeat_of: int | None = None, **changed: Any) -> Statistic:
    fields = _FIGURE | changed
    return Statistic(evidence="4.93万人", span=(0, 6), repeat_of=repeat_of, **fields)


def _source(document_id: str, story: str, published: str | None = None) -> Source:
    return Source(document_id, story, published, f"https://example.org/{document_id}")


def test_a_repost_adds_a_source_and_no_row_nor_story() -> None:
    facts = Facts()
    facts.add(_source("b", "a", "2022-04-02"), [_stat(metric="输出劳动力")])
    facts.add(_source("a", "a", "2022-04-01"), [_stat(), _stat(value=7)])
    facts.add(_source("c", "c", "2022-04-05"), [_stat(value=49300.0)])
    rows = facts.rows()
    assert [r["value"] for r in rows] == [7, 49300]
    fact = rows[1]
    assert (fact["documents"], fact["stories"], fact["statements"]) == (3, 2, 3)
    assert fact["first_published"] == "2022-04-01"
    assert json.loads(fact["document_ids"]) == ["a", "b", "c"]
    assert json.loads(fact["urls"]) == [f"https://example.org/{i}" for i in "abc"]
    assert json.loads(fact["story_ids"]) == ["a", "c"]
    assert fact["metric"] == "转移输出农村劳动力"  # the smallest document id's words


def test_a_repeat_within_an_article_adds_nothing() -> None:
    facts = Facts()
    facts.add(_source("a", "a"), [_stat(), _stat(value=7), _stat(repeat_of=0)])
    (seven, figure) = facts.rows()
    assert (figure["documents"], figure["statements"]) == (1, 1)
    assert seven["statements"] == 1


def test_facts_are_told_apart_by_every_column_of_their_cell_and_the_hedge() -> None:
    facts = Facts()
    changes: list[dict[str, Any]] = [
        {}, {"qualifier": "approx"}, {"kind": "target"}, {"time": "2022"}, {"unit": "人次"},
        {"location_code": "511900"}, {"value_max": 50000}, {"indicator": "workforce"},
        {"indicator": "other"},
    ]  # fmt: skip
    facts.add(_source("a", "a"), [_stat(**change) for change in changes])
    facts.add(_source("b", "b"), [_stat(**change) for change in changes])
    rows = facts.rows()
    assert len(rows) == len(changes)
    assert all(r["documents"] == 2 for r in rows)
    assert len({r["fact_id"] for r in rows}) == len(changes)


def test_the_metric_tells_no_fact_apart() -> None:
    facts = Facts()
    facts.add(_source("a", "a"), [_stat(metric="转移就业"), _stat(indicator="other", metric="x")])
    facts.add(_source("b", "b"), [_stat(metric="输出"), _stat(indicator="other", metric="y")])
    assert [r["documents"] for r in facts.rows()] == [2, 2]


def test_the_rows_do_not_depend_on_the_order_documents_come_in() -> None:
    documents = [(_source(i, i, f"2022-04-0{n}"), [_stat(value=n), _stat()]) for n, i in
                 enumerate("cab", start=1)]  # fmt: skip
    forward, backward = Facts(), Facts()
    for source, statistics in documents:
        forward.add(source, statistics)
    for source, statistics in reversed(documents):
        backward.add(source, statistics)
    assert forward.rows() == backward.rows()
    assert [r["value"] for r in forward.rows()] == [1, 2, 3, 49300]

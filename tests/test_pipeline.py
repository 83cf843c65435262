"""The pipeline end to end with a scripted backend: what it does with the drafts it is given."""

import asyncio

import pytest

from schemas.drafts import ChunkDraft, EventDraft, StatisticDraft
from schemas.results import DocumentResult, ErrorRecord, Usage
from service.extract.base import ChunkOutcome, ChunkRequest
from service.extract.scripted import ScriptedBackend
from service.items.region import Region, article_regions
from service.pipeline import run
from service.text.segment import Article
from tests.paths import OVERLAP


def _run(text: str, draft: ChunkDraft) -> DocumentResult:
    backend = ScriptedBackend(lambda _request: draft, chunk_chars=4000)
    return asyncio.run(run(text, backend=backend, published="2024-02-26", overlap=OVERLAP))


_HEADLINE_RESTATED = (
    "春季招聘会吸引求职者六千余人次\n"
    "2月25日，春季招聘会在人力资源市场举行。现场共有186家企业参会，吸引求职者六千余人次。\n"
)


def test_a_clause_the_body_restates_from_the_headline_grounds_where_it_was_read() -> None:
    quote = "吸引求职者六千余人次"
    draft = ChunkDraft(
        statistics=[
            StatisticDraft(evidence="现场共有186家企业参会", quantity="186家", metric="参会企业"),
            StatisticDraft(evidence=quote, quantity="六千余人次", metric="求职者"),
        ]
    )
    result = _run(_HEADLINE_RESTATED, draft)
    spans = [tuple(s.span) for a in result.articles for s in a.statistics]
    body = _HEADLINE_RESTATED.rindex(quote)
    assert (body, body + len(quote)) in spans
    assert _HEADLINE_RESTATED.index(quote) not in [start for start, _ in spans]


def test_statistics_and_events_keep_their_own_reading_order() -> None:
    # The event comes first in its own list, so it is grounded from the chunk start again.
    draft = ChunkDraft(
        statistics=[
            StatisticDraft(evidence="现场共有186家企业参会", quantity="186家", metric="参会企业")
        ],
        events=[EventDraft(type="recruitment_fair", evidence="春季招聘会", summary="春季招聘会")],
    )
    result = _run(_HEADLINE_RESTATED, draft)
    events = [e for a in result.articles for e in a.events]
    assert [e.span[0] for e in events] == [0]


# A made-up page whose headline the body repeats word for word, and a clause with two numbers.
_REPEATED = (
    "全县城镇新增就业1.2万人\n"
    "本报讯 今年以来，全县城镇新增就业1.2万人，其中帮扶就业困难人员就业300人。"
    "据悉，全县城镇新增就业1.2万人，完成全年目标的110%。\n"
)


def test_a_repeated_sentence_is_grounded_at_each_occurrence() -> None:
    quote = "全县城镇新增就业1.2万人"
    item = StatisticDraft(evidence=quote, quantity="1.2万人", metric="城镇新增就业")
    result = _run(_REPEATED, ChunkDraft(statistics=[item, item, item]))
    starts = [s.span[0] for a in result.articles for s in a.statistics]
    occurrences = [i for i in range(len(_REPEATED)) if _REPEATED.startswith(quote, i)]
    assert len(occurrences) == 3
    assert starts == occurrences
    assert all(
        _REPEATED[s.span[0] : s.span[1]] == s.evidence for s in result.articles[0].statistics
    )


def test_two_statistics_sharing_one_quote_both_survive() -> None:
    quote = "全县城镇新增就业1.2万人，其中帮扶就业困难人员就业300人"
    draft = ChunkDraft(
        statistics=[
            StatisticDraft(evidence=quote, quantity="1.2万人", metric="城镇新增就业"),
            StatisticDraft(evidence=quote, quantity="300人", metric="就业困难人员就业"),
        ]
    )
    result = _run(_REPEATED, draft)
    stats = [s for a in result.articles for s in a.statistics]
    assert [(s.value, s.unit) for s in stats] == [(12000, "人"), (300, "人")]
    assert stats[0].span == stats[1].span


def test_a_unit_the_grammar_lacks_comes_out_with_a_warning() -> None:
    text = "全年调处劳动争议案件86桩，结案率达98%。\n"
    draft = ChunkDraft(
        statistics=[
            StatisticDraft(
                evidence="全年调处劳动争议案件86桩", quantity="86桩", metric="调处劳动争议案件"
            )
        ]
    )
    result = _run(text, draft)
    [stat] = [s for a in result.articles for s in a.statistics]
    assert (stat.value, stat.unit) == (86, "桩")
    assert [(w.code, w.evidence) for w in result.warnings] == [("unit_as_written", stat.evidence)]


def test_two_statistics_of_one_number_sharing_one_quote_both_survive() -> None:
    text = "培训班招收男、女学员各50人。\n"
    quote = "培训班招收男、女学员各50人"
    draft = ChunkDraft(
        statistics=[
            StatisticDraft(evidence=quote, quantity="50人", metric="男学员"),
            StatisticDraft(evidence=quote, quantity="50人", metric="女学员"),
        ]
    )
    result = _run(text, draft)
    assert [s.metric for a in result.articles for s in a.statistics] == ["男学员", "女学员"]


# --- packed requests: each draft to its article ------------------------------------------------

_TWO_STORIES = (
    "# 甲地招聘会\n3月5日，甲地举办招聘会，吸引求职者3000人。\n"
    "# 乙地专列\n3月6日，乙地专列送工200人，吸引求职者3000人。\n"
)


def test_a_packed_request_sends_each_draft_to_the_article_it_names() -> None:
    quote = "吸引求职者3000人"
    draft = ChunkDraft(
        statistics=[
            StatisticDraft(article=2, evidence=quote, quantity="3000人", metric="求职者"),
            StatisticDraft(article=1, evidence="专列送工200人", quantity="200人", metric="送工"),
        ]
    )
    result = _run(_TWO_STORIES, draft)
    assert [len(a.statistics) for a in result.articles] == [0, 2]
    assert _TWO_STORIES.rindex(quote) in [s.span[0] for s in result.articles[1].statistics]
    assert result.warnings == []


def test_a_quote_no_named_article_settles_is_kept_in_the_first_with_a_warning() -> None:
    draft = ChunkDraft(
        statistics=[StatisticDraft(evidence="吸引求职者3000人", quantity="3000人", metric="求职者")]
    )
    result = _run(_TWO_STORIES, draft)
    assert [len(a.statistics) for a in result.articles] == [1, 0]
    assert [w.code for w in result.warnings] == ["article_ambiguous"]


def test_a_backend_that_raises_fails_only_its_chunk() -> None:
    """The chunk promise holds for every backend: an exception becomes an "internal" error for
    the chunk it was raised on, and the document's other chunks still come back."""
    text = "\n".join(f"第{n}批：招聘会吸引 {n}00 名求职者参加。" for n in range(1, 9))

    def answer(request: ChunkRequest) -> ChunkDraft:
        if request.index == 1:
            raise RuntimeError("a bug in one rule")
        [passage] = request.passages
        clause = passage.text.split("：")[1].rstrip("。\n")
        quantity = clause.removeprefix("招聘会吸引 ").removesuffix("求职者参加")
        statistic = StatisticDraft(evidence=clause, quantity=quantity.strip(), metric="求职者")
        return ChunkDraft(statistics=[statistic])

    backend = ScriptedBackend(answer, chunk_chars=60)
    result = asyncio.run(run(text, backend=backend, published="2024-02-26", overlap=0))
    assert len(backend.requests) > 2
    [error] = result.errors
    assert error.model_dump() == {
        "stage": "internal",
        "chunk": 1,
        "reason": "RuntimeError: a bug in one rule",
        "attempts": 1,
        "usage": Usage().model_dump(),
    }
    found = [s.value for a in result.articles for s in a.statistics]
    assert found
    assert len(found) == len(backend.requests) - 1


# --- text that segmentation leaves out is never dropped unsaid (issue 28) ---------------------
_STORY = (
    "某县举办春季招聘会\n\n3月1日，某县举办春季招聘会，120家企业参会。\n\n"
    "当天有 500 人达成就业意向，现场设立了政策咨询台。\n"
)


def test_a_page_whose_story_is_all_kept_has_no_segmentation_warning() -> None:
    result = asyncio.run(
        run(
            _STORY,
            backend=ScriptedBackend(lambda _: ChunkDraft(), chunk_chars=4000),
            overlap=OVERLAP,
        )
    )
    assert [w for w in result.warnings if w.code == "text_outside_articles"] == []


def test_story_text_left_out_of_every_article_is_warned_of(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def first_two_lines(text: str) -> list[Article]:
        return [Article("某县举办春季招聘会", 0, text.index("当天") - 1)]

    monkeypatch.setattr("service.pipeline.split_articles", first_two_lines)
    result = asyncio.run(
        run(
            _STORY,
            backend=ScriptedBackend(lambda _: ChunkDraft(), chunk_chars=4000),
            overlap=OVERLAP,
        )
    )
    lost = [w for w in result.warnings if w.code == "text_outside_articles"]
    assert len(lost) == 1
    assert lost[0].evidence == "当天有 500 人达成就业意向，现场设立了政策咨询台。"
    assert lost[0].chunk is None


def test_the_articles_places_are_read_while_the_model_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two pages: both plan, then both read their regions, before any answer comes back; an
    answer that waited for the regions would never come."""
    read: list[int] = []

    def regions(text: str, articles: list[Article]) -> list[Region]:
        read.append(len(text))
        return article_regions(text, articles)

    monkeypatch.setattr("service.pipeline.article_regions", regions)

    async def go() -> list[DocumentResult]:
        answered = asyncio.Event()

        async def answer(_request: ChunkRequest) -> ChunkDraft:
            await answered.wait()
            return ChunkDraft()

        backend = ScriptedBackend(answer, chunk_chars=4000)
        pages = [run(page, backend=backend, overlap=OVERLAP) for page in (_STORY, _STORY * 2)]
        done = asyncio.gather(*pages)
        while len(read) < 2:
            await asyncio.sleep(0)
        answered.set()
        return await asyncio.wait_for(done, timeout=5)

    results = asyncio.run(asyncio.wait_for(go(), timeout=10))
    assert (len(read), [r.status for r in results]) == (2, ["ok", "ok"])


# --- status (F6) ----------------------------------------------------------------------------------


def _failing(failing: set[int]) -> ScriptedBackend:
    """Fails the chunks whose index is in `failing`, answers the rest with no items."""

    def answer(request: ChunkRequest) -> ChunkOutcome:
        if request.index not in failing:
            return ChunkOutcome(ChunkDraft())
        error = ErrorRecord(stage="transport", chunk=request.index, reason="HTTP 500")
        return ChunkOutcome(ChunkDraft(), error=error)

    return ScriptedBackend(answer, chunk_chars=200)


_LONG = "。".join(f"第{i}场招聘会吸引求职者{i}00人" for i in range(1, 40)) + "。"


def test_a_document_whose_every_chunk_failed_is_failed_and_one_with_a_chunk_left_is_ok() -> None:
    every = asyncio.run(run(_LONG, backend=_failing(set(range(100))), overlap=OVERLAP))
    assert every.status == "failed"
    assert every.errors
    some = asyncio.run(run(_LONG, backend=_failing({0}), overlap=OVERLAP))
    assert some.status == "ok"
    assert len(some.errors) == 1
    assert asyncio.run(run(_LONG, backend=_failing(set()), overlap=OVERLAP)).status == "ok"

"""The pipeline end to end with a scripted backend: what it does with the drafts it is given."""

import asyncio
from dataclasses import dataclass

from schemas.drafts import ChunkDraft, EventDraft, StatisticDraft
from schemas.results import BackendInfo, DocumentResult, ErrorRecord
from service.extract.base import ChunkOutcome, ChunkRequest
from service.pipeline import run


@dataclass
class _Scripted:
    """Answers every chunk with the same drafts."""

    draft: ChunkDraft

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(name="rules", model=None, prompt_version=None)

    @property
    def chunk_chars(self) -> int:
        return 4000

    def cache_key(self, request: ChunkRequest) -> str | None:  # noqa: ARG002
        return None

    async def extract(self, request: ChunkRequest) -> ChunkOutcome:  # noqa: ARG002
        return ChunkOutcome(self.draft)

    async def aclose(self) -> None:
        return None


def _run(text: str, draft: ChunkDraft) -> DocumentResult:
    return asyncio.run(run(text, backend=_Scripted(draft), published="2024-02-26"))


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


# --- status (F6) ----------------------------------------------------------------------------------


@dataclass
class _Failing:
    """Fails the chunks whose index is in `failing`, answers the rest with no items."""

    failing: set[int]

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(name="llm", model="m", prompt_version="extract.v3")

    @property
    def chunk_chars(self) -> int:
        return 200

    def cache_key(self, request: ChunkRequest) -> str | None:  # noqa: ARG002
        return None

    async def extract(self, request: ChunkRequest) -> ChunkOutcome:
        if request.index not in self.failing:
            return ChunkOutcome(ChunkDraft())
        error = ErrorRecord(stage="transport", chunk=request.index, reason="HTTP 500")
        return ChunkOutcome(ChunkDraft(), error=error)


_LONG = "。".join(f"第{i}场招聘会吸引求职者{i}00人" for i in range(1, 40)) + "。"


def test_a_document_whose_every_chunk_failed_is_failed_and_one_with_a_chunk_left_is_ok() -> None:
    every = asyncio.run(run(_LONG, backend=_Failing(set(range(100)))))
    assert every.status == "failed"
    assert every.errors
    some = asyncio.run(run(_LONG, backend=_Failing({0})))
    assert some.status == "ok"
    assert len(some.errors) == 1
    assert asyncio.run(run(_LONG, backend=_Failing(set()))).status == "ok"

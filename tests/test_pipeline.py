"""The pipeline end to end with a scripted backend: what it does with the drafts it is given."""

import asyncio
from dataclasses import dataclass

from schemas.drafts import ChunkDraft, EventDraft, StatisticDraft
from schemas.results import BackendInfo, DocumentResult
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

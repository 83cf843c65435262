"""run(text, published, backend) -> DocumentResult. One line per stage; read this file to read
the system: normalise -> segment -> chunk -> extract (backend) -> ground -> resolve -> merge."""

import asyncio
import hashlib
from dataclasses import dataclass

from schemas.drafts import EventDraft, StatisticDraft
from schemas.results import (
    ArticleResult,
    DocumentInfo,
    DocumentResult,
    Event,
    Statistic,
    Usage,
    WarningRecord,
)
from service.errors import InputError
from service.extract.base import Backend, ChunkOutcome, ChunkRequest
from service.items.ground import find_quote
from service.items.merge import merge_events, merge_statistics
from service.items.resolve import resolve_event, resolve_statistic
from service.text.chunk import Chunk, split_chunks
from service.text.normalise import Normalised, normalise
from service.text.segment import Article, split_articles
from service.values.dates import find_published


@dataclass(frozen=True, slots=True)
class _Planned:
    article: int  # index into the document's articles
    chunk: Chunk  # start is a normalised document offset


async def run(
    text: str, *, backend: Backend, published: str | None = None, overlap: int = 150
) -> DocumentResult:
    """Original text -> grounded statistics and events per article, with warnings and errors."""
    if not text.strip():
        raise InputError("text is empty or whitespace only")
    doc = normalise(text)
    published = published or find_published(doc.text)
    articles = split_articles(doc.text)
    plan = _plan_chunks(doc, articles, max_chars=backend.chunk_chars, overlap=overlap)
    requests = [
        ChunkRequest(i, p.chunk.text, articles[p.article].title, published)
        for i, p in enumerate(plan)
    ]
    outcomes = await asyncio.gather(*(backend.extract(r) for r in requests))
    results, warnings = _ground_all(doc, articles, plan, outcomes, published=published)
    return DocumentResult(
        document=DocumentInfo(sha256=_sha256(text), chars=len(text), published=published),
        backend=backend.info,
        articles=results,
        warnings=warnings,
        errors=[o.error for o in outcomes if o.error is not None],
        usage=sum((o.usage for o in outcomes), Usage()),
    )


def _plan_chunks(
    doc: Normalised, articles: list[Article], *, max_chars: int, overlap: int
) -> list[_Planned]:
    overlap = min(overlap, max_chars // 4)
    plan = []
    for i, article in enumerate(articles):
        for chunk in split_chunks(
            doc.text[article.start : article.end], max_chars=max_chars, overlap=overlap
        ):
            plan.append(_Planned(i, Chunk(chunk.text, article.start + chunk.start)))
    return plan


def _ground_all(
    doc: Normalised,
    articles: list[Article],
    plan: list[_Planned],
    outcomes: list[ChunkOutcome],
    *,
    published: str | None,
) -> tuple[list[ArticleResult], list[WarningRecord]]:
    stats: list[list[Statistic]] = [[] for _ in articles]
    events: list[list[Event]] = [[] for _ in articles]
    warnings: list[WarningRecord] = []
    for index, (planned, outcome) in enumerate(zip(plan, outcomes, strict=True)):
        where = _Where(doc, articles[planned.article], planned.chunk, index, published)
        # Each list is in reading order: a repeated quote goes to the next occurrence.
        for drafts in (outcome.draft.statistics, outcome.draft.events):
            cursor = planned.chunk.start
            for draft in drafts:
                item, cursor = _ground_one(draft, where, after=cursor)
                if isinstance(item, WarningRecord):
                    warnings.append(item)
                elif isinstance(item, Statistic):
                    stats[planned.article].append(item)
                else:
                    events[planned.article].append(item)
    results = [
        ArticleResult(
            title=a.title,
            span=doc.offsets.to_original(a.start, a.end),
            statistics=merge_statistics(stats[i]),
            events=merge_events(events[i]),
        )
        for i, a in enumerate(articles)
    ]
    return results, warnings


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a draft came from: the document, its article and chunk, and the date context."""

    doc: Normalised
    article: Article
    chunk: Chunk
    index: int
    published: str | None


def _ground_one(
    draft: StatisticDraft | EventDraft, where: _Where, *, after: int
) -> tuple[Statistic | Event | WarningRecord, int]:
    """The grounded item, and where the next item of its list is looked for first."""
    found = find_quote(
        draft.evidence,
        where.doc.text,
        window=(where.chunk.start, where.chunk.end),
        bounds=(where.article.start, where.article.end),
        after=after,
    )
    if found is None:
        warning = WarningRecord(
            code="evidence_not_found", evidence=draft.evidence, chunk=where.index
        )
        return warning, after
    span = where.doc.offsets.to_original(*found)
    evidence = where.doc.original[span[0] : span[1]]
    if isinstance(draft, StatisticDraft):
        stat = resolve_statistic(
            draft, evidence, span, published=where.published, chunk=where.index
        )
        return stat, found[0]
    event = resolve_event(draft, evidence, span, published=where.published, chunk=where.index)
    return event, found[0]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

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
from service.items.ground import ReadingOrder, canonical, find_quotes
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
    # Per article, one group of items per chunk: merging drops only what another chunk repeats.
    stats: list[list[list[Statistic]]] = [[] for _ in articles]
    events: list[list[list[Event]]] = [[] for _ in articles]
    warnings: list[WarningRecord] = []
    for index, (planned, outcome) in enumerate(zip(plan, outcomes, strict=True)):
        where = _Where(doc, articles[planned.article], planned.chunk, index, published)
        chunk_stats: list[Statistic] = []
        chunk_events: list[Event] = []
        # Each list is in reading order: a repeated quote goes to the next occurrence.
        for drafts in (outcome.draft.statistics, outcome.draft.events):
            order = ReadingOrder(after=planned.chunk.start)
            for draft in drafts:
                item, warning = _ground_one(draft, where, order)
                warnings += [warning] if warning is not None else []
                if isinstance(item, Statistic):
                    chunk_stats.append(item)
                elif isinstance(item, Event):
                    chunk_events.append(item)
        stats[planned.article].append(chunk_stats)
        events[planned.article].append(chunk_events)
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
    draft: StatisticDraft | EventDraft, where: _Where, order: ReadingOrder
) -> tuple[Statistic | Event | None, WarningRecord | None]:
    """The grounded item (None if dropped) and the warning said about it, if any."""
    found = find_quotes(
        draft.evidence,
        where.doc.text,
        window=(where.chunk.start, where.chunk.end),
        bounds=(where.article.start, where.article.end),
        after=order.after,
    )
    key = canonical(draft.quantity) if isinstance(draft, StatisticDraft) else draft.type
    placed = order.place(found, key)
    if placed is None:
        warning = WarningRecord(
            code="evidence_not_found", evidence=draft.evidence, chunk=where.index
        )
        return None, warning
    span = where.doc.offsets.to_original(*placed)
    evidence = where.doc.original[span[0] : span[1]]
    if isinstance(draft, StatisticDraft):
        resolved = resolve_statistic(
            draft, evidence, span, published=where.published, chunk=where.index
        )
        return resolved.item, resolved.warning
    event = resolve_event(draft, evidence, span, published=where.published, chunk=where.index)
    return (None, event) if isinstance(event, WarningRecord) else (event, None)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

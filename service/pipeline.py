"""run(text, published, backend) -> DocumentResult. One line per stage; read this file to read
the system: normalise -> segment -> pack (chunk) -> extract (backend) -> ground -> resolve ->
merge."""

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
from service.extract.base import Backend, ChunkOutcome, ChunkRequest, Passage
from service.items.assign import Placed, Quote, assign_quote
from service.items.ground import ReadingOrder, canonical
from service.items.merge import merge_events, merge_statistics
from service.items.resolve import resolve_event, resolve_statistic
from service.text.normalise import Normalised, normalise
from service.text.pack import Packed, pack_requests
from service.text.segment import Article, split_articles
from service.values.times import find_published


@dataclass(frozen=True, slots=True)
class Plan:
    """What a document will cost before any model is asked: its articles and requests."""

    doc: Normalised
    articles: list[Article]
    packed: list[Packed]  # pieces with normalised document offsets, one entry per request
    requests: list[ChunkRequest]
    published: str | None


def plan(text: str, *, chunk_chars: int, overlap: int, published: str | None = None) -> Plan:
    """Original text -> its articles and the requests that carry them."""
    if not text.strip():
        raise InputError("text is empty or whitespace only")
    doc = normalise(text)
    published = published or find_published(doc.text)
    articles = split_articles(doc.text)
    bounds = [(a.start, a.end) for a in articles]
    overlap = min(overlap, chunk_chars // 4)
    packed = pack_requests(doc.text, bounds, max_chars=chunk_chars, overlap=overlap)
    requests = [ChunkRequest(i, _passages(p, articles), published) for i, p in enumerate(packed)]
    return Plan(doc, articles, packed, requests, published)


async def run(
    text: str, *, backend: Backend, published: str | None = None, overlap: int = 150
) -> DocumentResult:
    """Original text -> grounded statistics and events per article, with warnings and errors."""
    planned = plan(text, chunk_chars=backend.chunk_chars, overlap=overlap, published=published)
    outcomes = await asyncio.gather(*(backend.extract(r) for r in planned.requests))
    results, warnings = _ground_all(planned, outcomes)
    failed = bool(outcomes) and all(o.error is not None for o in outcomes)
    return DocumentResult(
        status="failed" if failed else "ok",
        document=DocumentInfo(sha256=_sha256(text), chars=len(text), published=planned.published),
        backend=backend.info,
        articles=results,
        warnings=warnings,
        errors=[o.error for o in outcomes if o.error is not None],
        usage=sum((o.usage for o in outcomes), Usage()),
    )


def _passages(packed: Packed, articles: list[Article]) -> tuple[Passage, ...]:
    return tuple(
        Passage(n, piece.chunk.text, articles[piece.article].title)
        for n, piece in enumerate(packed.pieces, start=1)
    )


def _ground_all(
    planned: Plan, outcomes: list[ChunkOutcome]
) -> tuple[list[ArticleResult], list[WarningRecord]]:
    doc, articles = planned.doc, planned.articles
    # Per article, one group of items per request: merging drops only what another repeats.
    stats: list[list[list[Statistic]]] = [[] for _ in articles]
    events: list[list[list[Event]]] = [[] for _ in articles]
    warnings: list[WarningRecord] = []
    for index, (packed, outcome) in enumerate(zip(planned.packed, outcomes, strict=True)):
        where = _Where(doc, _placed(packed, articles), index, planned.published)
        for per_article in stats:
            per_article.append([])
        for per_article_events in events:
            per_article_events.append([])
        # Each list is in reading order: a repeated quote goes to the next occurrence.
        for drafts in (outcome.draft.statistics, outcome.draft.events):
            orders = {p.article: ReadingOrder(after=p.window[0]) for p in reversed(where.passages)}
            for draft in drafts:
                article, item, notes = _ground_one(draft, where, orders)
                warnings += notes
                if isinstance(item, Statistic):
                    stats[article][-1].append(item)
                elif isinstance(item, Event):
                    events[article][-1].append(item)
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


def _placed(packed: Packed, articles: list[Article]) -> list[Placed]:
    return [
        Placed(
            number=n,
            article=piece.article,
            window=(piece.chunk.start, piece.chunk.end),
            bounds=(articles[piece.article].start, articles[piece.article].end),
        )
        for n, piece in enumerate(packed.pieces, start=1)
    ]


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a draft came from: the document, its request's passages, and the date context."""

    doc: Normalised
    passages: list[Placed]
    index: int
    published: str | None


def _ground_one(
    draft: StatisticDraft | EventDraft, where: _Where, orders: dict[int, ReadingOrder]
) -> tuple[int, Statistic | Event | None, list[WarningRecord]]:
    """The article, the grounded item (None if dropped) and the warnings said about it."""
    key = canonical(draft.quantity) if isinstance(draft, StatisticDraft) else draft.type
    quote = Quote(draft.evidence, draft.article, key)
    found = assign_quote(quote, where.doc.text, where.passages, orders=orders)
    if found is None:
        warning = WarningRecord(
            code="evidence_not_found", evidence=draft.evidence, chunk=where.index
        )
        return -1, None, [warning]
    notes = []
    if found.ambiguous:
        notes.append(WarningRecord(
            code="article_ambiguous", evidence=draft.evidence, chunk=where.index,
            detail=f"article {draft.article} named; the quote is in several, the first taken",
        ))  # fmt: skip
    span = where.doc.offsets.to_original(*found.span)
    evidence = where.doc.original[span[0] : span[1]]
    if isinstance(draft, StatisticDraft):
        resolved = resolve_statistic(
            draft, evidence, span, published=where.published, chunk=where.index
        )
        return (
            found.article,
            resolved.item,
            notes + ([resolved.warning] if resolved.warning else []),
        )
    event = resolve_event(draft, evidence, span, published=where.published, chunk=where.index)
    if isinstance(event, WarningRecord):
        return found.article, None, [*notes, event]
    return found.article, event, notes


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

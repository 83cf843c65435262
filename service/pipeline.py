"""run(text, published, backend) -> DocumentResult, one line a stage; read it to read the system:
plan (normalise, segment, pack) -> extract (meanwhile, the articles' places) -> ground -> merge ->
code -> repeats -> assemble."""

import asyncio
import hashlib
import logging
from dataclasses import dataclass

from schemas.results import DocumentInfo, DocumentResult
from service.errors import InputError
from service.extract.base import Backend, ChunkOutcome, ChunkRequest, chunk_report, raised
from service.extract.turns import in_turn, turn
from service.items.codes import code_articles
from service.items.collect import Source, ground_request
from service.items.merge import merge_article
from service.items.region import article_regions
from service.items.repeats import mark_article_repeats
from service.text.coverage import lost_text
from service.text.normalise import Normalised, normalise
from service.text.pack import pack_requests
from service.text.segment import Article, split_articles
from service.values.dating.times import find_published

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Plan:
    """What a document will cost before any model is asked: its articles and requests."""

    doc: Normalised
    articles: list[Article]
    requests: list[ChunkRequest]
    published: str | None


@dataclass(frozen=True, slots=True)
class Extracted:
    """One request and what its backend answered."""

    request: ChunkRequest
    outcome: ChunkOutcome


def plan(text: str, *, chunk_chars: int, overlap: int, published: str | None = None) -> Plan:
    """Original text -> its articles and the requests that carry them."""
    if not text.strip():
        raise InputError("text is empty or whitespace only")
    doc = normalise(text)
    published = published or find_published(doc.text)
    articles = split_articles(doc.text)
    packed = pack_requests(doc.text, articles, max_chars=chunk_chars, overlap=overlap)
    requests = [ChunkRequest(i, passages, published) for i, passages in enumerate(packed)]
    return Plan(doc, articles, requests, published)


async def run(
    text: str, *, backend: Backend, published: str | None = None, overlap: int
) -> DocumentResult:
    """Original text -> grounded statistics and events per article, with warnings and errors."""
    async with turn():  # one page planned a loop turn, so the pages before send meanwhile
        planned = plan(text, chunk_chars=backend.chunk_chars, overlap=overlap, published=published)
    extracted, regions = await asyncio.gather(  # the articles' places read while the model answers
        asyncio.gather(*(extract(backend, r) for r in planned.requests)),
        in_turn(article_regions, planned.doc.text, planned.articles),
    )
    grounded = [ground_request(x.outcome.draft, _source(planned, x.request)) for x in extracted]
    merged = [merge_article(planned.doc, a, n, grounded) for n, a in enumerate(planned.articles)]
    articles = mark_article_repeats(code_articles(regions, merged))
    return DocumentResult(
        document=DocumentInfo(sha256=_sha256(text), chars=len(text), published=planned.published),
        backend=backend.info,
        articles=articles,
        warnings=lost_text(planned.doc, planned.articles)
        + [w for g in grounded for w in g.warnings],
        **chunk_report([x.outcome for x in extracted]),  # status, errors, usage
    )


async def extract(backend: Backend, request: ChunkRequest) -> Extracted:
    """The backend's answer; a backend that raises gets an "internal" error for that chunk only."""
    try:
        return Extracted(request, await backend.extract(request))
    except Exception as exc:  # any backend's bug stays in its chunk
        _log.warning("chunk %d: backend raised %s", request.index, type(exc).__name__)
        return Extracted(request, raised(request.index, exc))


def _source(planned: Plan, request: ChunkRequest) -> Source:
    return Source(planned.doc, request.passages, planned.published, request.index)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

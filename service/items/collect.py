"""One request's drafts -> its grounded items per article, and the warnings said about them:
each draft's quote placed in the article it names (`assign`), mapped to the original text and
resolved (`resolve`). One call per request, as LangExtract aligns one chunk per call. Pure.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from schemas.drafts import ChunkDraft, EventDraft, StatisticDraft
from schemas.results import Event, Span, Statistic, WarningRecord
from service.items.assign import Quote, assign_quote
from service.items.ground import ReadingOrder, canonical
from service.items.resolve import Resolved, resolve_event, resolve_statistic
from service.text.normalise import Normalised
from service.text.pack import Passage

_Draft = TypeVar("_Draft", StatisticDraft, EventDraft)
_Item = TypeVar("_Item", Statistic, Event)


@dataclass(frozen=True, slots=True)
class Grounded:
    """One request's items, grouped by the index of the article each was grounded in and in
    reading order, and every warning said about its drafts, in draft order."""

    statistics: dict[int, list[Statistic]] = field(default_factory=dict)
    events: dict[int, list[Event]] = field(default_factory=dict)
    warnings: list[WarningRecord] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Source:
    """What every draft of a request is grounded against."""

    doc: Normalised
    passages: Sequence[Passage]
    published: str | None
    chunk: int  # the request's index, named in warnings


def ground_request(draft: ChunkDraft, source: Source) -> Grounded:
    """A request's drafts grounded in the document: statistics first, then events, each list in
    reading order (a repeated quote goes to the next occurrence)."""
    grounded = Grounded()
    _ground(draft.statistics, source, grounded.statistics, grounded.warnings, _statistic)
    _ground(draft.events, source, grounded.events, grounded.warnings, _event)
    return grounded


def _ground(
    drafts: Sequence[_Draft],
    source: Source,
    items: dict[int, list[_Item]],
    warnings: list[WarningRecord],
    resolve: Callable[[_Draft, str, Span, Source], Resolved[_Item]],
) -> None:
    orders = {p.article: ReadingOrder(after=p.start) for p in reversed(source.passages)}
    for draft in drafts:
        key = canonical(draft.quantity) if isinstance(draft, StatisticDraft) else draft.type
        quote = Quote(draft.evidence, draft.article, key)
        found = assign_quote(quote, source.doc.text, source.passages, orders=orders)
        if found is None:
            warnings.append(
                WarningRecord(
                    code="evidence_not_found", evidence=draft.evidence, chunk=source.chunk
                )
            )
            continue
        if found.ambiguous:
            warnings.append(WarningRecord(
                code="article_ambiguous", evidence=draft.evidence, chunk=source.chunk,
                detail=f"article {draft.article} named; the quote is in several, the first taken",
            ))  # fmt: skip
        span = source.doc.offsets.to_original(*found.span)
        resolved = resolve(draft, source.doc.original[span[0] : span[1]], span, source)
        warnings.extend(resolved.warnings)
        if resolved.item is not None:
            items.setdefault(found.article, []).append(resolved.item)


def _statistic(
    draft: StatisticDraft, evidence: str, span: Span, source: Source
) -> Resolved[Statistic]:
    return resolve_statistic(draft, evidence, span, published=source.published, chunk=source.chunk)


def _event(draft: EventDraft, evidence: str, span: Span, source: Source) -> Resolved[Event]:
    return resolve_event(draft, evidence, span, published=source.published, chunk=source.chunk)

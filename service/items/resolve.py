"""Draft + grounded span -> Statistic or Event: numbers read from the quote, dates resolved
against the publication date; or a WarningRecord saying why the draft was dropped. Pure.

The model's own reading of a number is never trusted: the quoted quantity must stand inside
the quoted evidence, and value, unit and qualifier are read from the evidence around it. What
the model grounded is not dropped for want of vocabulary: a unit the grammar does not know is
kept as the quote writes it, with a "unit_as_written" warning beside the item.
"""

from dataclasses import dataclass

from pydantic import ValidationError

from schemas.drafts import EventDraft, StatisticDraft
from schemas.results import Actor, Event, Span, Statistic, WarningRecord
from schemas.vocab import WarningCode
from service.items.ground import canonical
from service.values.dates import resolve_start, resolve_time
from service.values.indicators import classify
from service.values.metric import clean_metric
from service.values.quantities import Quantity, find_quantities, parse_quantity, to_number
from service.values.written import read_as_written

# Only these event types have an origin and a destination (ANNOTATION.md).
_DIRECTED = frozenset({"worker_transfer", "labor_cooperation"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """A statistic, or None when its draft was dropped; and the warning said about it, if any
    (why it was dropped, or what was taken on trust)."""

    item: Statistic | None
    warning: WarningRecord | None = None


@dataclass(frozen=True, slots=True)
class _Reading:
    quantity: Quantity
    as_written: bool  # the unit is the quote's own, not one the grammar knows


def resolve_statistic(
    draft: StatisticDraft, evidence: str, span: Span, *, published: str | None, chunk: int
) -> Resolved:
    """`evidence` is the original text at `span`."""
    reading = _read_quantity(canonical(evidence), canonical(draft.quantity))
    if not isinstance(reading, _Reading):
        warning = WarningRecord(code=reading, evidence=evidence, chunk=chunk, detail=draft.quantity)
        return Resolved(None, warning)
    quantity = reading.quantity
    try:
        item = Statistic(
            metric=clean_metric(draft.metric) or draft.metric.strip(),
            # a model asked by a prompt before v4 names none: read it as the rules backend does
            indicator=draft.indicator
            or classify(metric=draft.metric, unit=quantity.unit, clause=canonical(evidence)),
            value=to_number(quantity.value),
            value_max=None if quantity.value_max is None else to_number(quantity.value_max),
            unit=quantity.unit,
            qualifier=quantity.qualifier,
            kind=draft.kind,
            time=resolve_time(draft.time, published),
            location=_blank_to_none(draft.location),
            subject=_blank_to_none(draft.subject),
            evidence=evidence,
            span=span,
        )
    except ValidationError as exc:
        detail = exc.errors()[0]["msg"]
        return Resolved(
            None, WarningRecord(code="invalid_item", evidence=evidence, chunk=chunk, detail=detail)
        )
    if not reading.as_written:
        return Resolved(item)
    detail = f"{draft.quantity} -> {quantity.unit or '(no unit)'}"
    return Resolved(
        item, WarningRecord(code="unit_as_written", evidence=evidence, chunk=chunk, detail=detail)
    )


def _read_quantity(evidence: str, quoted: str) -> _Reading | WarningCode:
    """The quantity of `evidence` that the quote points at, or a warning code."""
    at = evidence.find(quoted) if quoted else -1
    if at < 0:
        return "number_not_in_evidence"
    end = at + len(quoted)
    overlapping = [q for q in find_quantities(evidence) if q.start < end and q.end > at]
    if overlapping:
        best = max(overlapping, key=lambda q: min(q.end, end) - max(q.start, at))
        return _Reading(best, as_written=False)
    parsed = parse_quantity(quoted)
    if parsed is not None and parsed.unit:
        return _Reading(parsed, as_written=False)
    # The number stands in the evidence; what follows it is a unit the grammar lacks.
    written = read_as_written(quoted)
    return _Reading(written, as_written=True) if written is not None else "unparsable_quantity"


def resolve_event(
    draft: EventDraft, evidence: str, span: Span, *, published: str | None, chunk: int
) -> Event | WarningRecord:
    directed = draft.type in _DIRECTED
    try:
        return Event(
            type=draft.type,
            summary=draft.summary.strip(),
            date=resolve_start(draft.date, published),  # an event's start day (E3)
            location=_blank_to_none(draft.location),
            origin=_blank_to_none(draft.origin) if directed else None,
            destination=_blank_to_none(draft.destination) if directed else None,
            actors=[
                Actor(name=a.name.strip(), role=a.role.strip())
                for a in draft.actors
                if a.name.strip()
            ],
            evidence=evidence,
            span=span,
        )
    except ValidationError as exc:
        detail = exc.errors()[0]["msg"]
        return WarningRecord(code="invalid_item", evidence=evidence, chunk=chunk, detail=detail)


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value else None

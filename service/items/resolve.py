"""Draft + grounded span -> Statistic or Event: numbers read from the quote, dates resolved
against the publication date; or a WarningRecord saying why the draft was dropped. Pure.

The model's own reading of a number is never trusted: the quoted quantity must stand inside
the quoted evidence, and value, unit and qualifier are read from the evidence around it. What
the model grounded is not dropped for want of vocabulary: a unit the grammar does not know is
kept as the text writes it, and a number whose unit the text leaves out is kept with the unit its
noun implies or none, with a "unit_as_written" warning beside the item.
"""

import dataclasses
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from schemas.drafts import EventDraft, StatisticDraft
from schemas.results import Actor, Event, Span, Statistic, WarningRecord
from schemas.vocab import WarningCode
from service.errors import problems
from service.items.ground import canonical
from service.values.dating.dates import resolve_start, resolve_time
from service.values.implied import unit_implied_by
from service.values.indicators.classify import classify
from service.values.metric import clean_metric
from service.values.quantities import Quantity, find_quantities, parse_quantity, to_number
from service.values.written import read_as_written

# Only these event types have an origin and a destination (ANNOTATION.md).
_DIRECTED = frozenset({"worker_transfer", "labor_cooperation"})
_Item = TypeVar("_Item")


@dataclass(frozen=True, slots=True)
class Resolved(Generic[_Item]):
    """An item, or None when its draft was dropped; and the warnings said about it (why it was
    dropped, or what was taken on trust)."""

    item: _Item | None
    warnings: tuple[WarningRecord, ...] = ()


def resolve_statistic(
    draft: StatisticDraft, evidence: str, span: Span, *, published: str | None, chunk: int
) -> Resolved[Statistic]:
    """`evidence` is the original text at `span`."""
    clause = canonical(evidence)  # read once, for the quantity and for the indicator
    reading = _read_quantity(draft, evidence, clause, chunk)
    quantity = reading.item
    if quantity is None:
        return Resolved(None, reading.warnings)
    if not quantity.unit:  # the text leaves the unit to what is counted (S3)
        quantity = dataclasses.replace(quantity, unit=unit_implied_by(draft.metric))
    try:
        item = Statistic(
            metric=clean_metric(draft.metric) or draft.metric.strip(),
            # a model asked by a prompt before v4 names none: read it as the rules backend does
            indicator=draft.indicator
            or classify(metric=draft.metric, unit=quantity.unit, clause=clause),
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
        return _invalid(exc, evidence, chunk)
    return Resolved(item, reading.warnings)


def _read_quantity(
    draft: StatisticDraft, evidence: str, text: str, chunk: int
) -> Resolved[Quantity]:
    """The quantity of `evidence` (`text` as canonical) that the draft's quote points at; a unit
    the grammar lacks comes with a "unit_as_written" warning."""
    quoted = canonical(draft.quantity)
    at = text.find(quoted) if quoted else -1
    if at < 0:
        return _dropped("number_not_in_evidence", draft, evidence, chunk)
    end = at + len(quoted)
    overlapping = [q for q in find_quantities(text) if q.start < end and q.end > at]
    if overlapping:
        return Resolved(max(overlapping, key=lambda q: min(q.end, end) - max(q.start, at)))
    parsed = parse_quantity(quoted)
    if parsed is not None and parsed.unit:
        return Resolved(parsed)
    # The number stands in the evidence; what follows it, in the quote or after it, is a unit the
    # grammar lacks, a noun that implies one, or nothing.
    written = read_as_written(text, at, end)
    if written is None:
        return _dropped("unparsable_quantity", draft, evidence, chunk)
    detail = f"{draft.quantity} -> {written.unit or '(no unit)'}"
    warning = WarningRecord(code="unit_as_written", evidence=evidence, chunk=chunk, detail=detail)
    return Resolved(written, (warning,))


def _dropped(
    code: WarningCode, draft: StatisticDraft, evidence: str, chunk: int
) -> Resolved[Quantity]:
    warning = WarningRecord(code=code, evidence=evidence, chunk=chunk, detail=draft.quantity)
    return Resolved(None, (warning,))


def resolve_event(
    draft: EventDraft, evidence: str, span: Span, *, published: str | None, chunk: int
) -> Resolved[Event]:
    directed = draft.type in _DIRECTED
    try:
        return Resolved(
            Event(
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
        )
    except ValidationError as exc:
        return _invalid(exc, evidence, chunk)


def _invalid(exc: ValidationError, evidence: str, chunk: int) -> Resolved[Any]:
    """An item that contradicts itself is dropped, saying pydantic's first objection."""
    detail = problems(exc.errors(include_input=False))[0].message
    warning = WarningRecord(code="invalid_item", evidence=evidence, chunk=chunk, detail=detail)
    return Resolved(None, (warning,))


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value else None

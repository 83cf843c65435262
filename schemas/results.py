"""What laborlens emits: grounded items with spans and normalised values, and the document."""

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, model_validator

from schemas.vocab import (
    BackendName,
    DocumentStatus,
    ErrorStage,
    EventType,
    IsoTime,
    Kind,
    Qualifier,
    WarningCode,
)

# [start, end) character offsets (Python str indices) into the text as submitted; end exclusive.
Span = tuple[NonNegativeInt, NonNegativeInt]
Number = int | float


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Grounded(_Out):
    evidence: str
    span: Span

    @model_validator(mode="after")
    def _span_ordered(self) -> Self:
        if self.span[0] >= self.span[1]:
            raise ValueError(f"span {list(self.span)} is empty or reversed")
        return self


class Statistic(_Grounded):
    metric: str
    value: Number
    value_max: Number | None = None
    unit: str
    qualifier: Qualifier = "exact"
    kind: Kind = "actual"
    time: IsoTime | None = None
    location: str | None = None
    subject: str | None = None

    @model_validator(mode="after")
    def _range_ordered(self) -> Self:
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError(f"value_max {self.value_max} < value {self.value}")
        return self


class Actor(_Out):
    name: str
    role: str = ""


class Event(_Grounded):
    type: EventType
    summary: str
    date: IsoTime | None = None
    location: str | None = None
    origin: str | None = None
    destination: str | None = None
    actors: list[Actor] = Field(default_factory=list)


class WarningRecord(_Out):
    """An item dropped or changed on its way out, with the reason as a closed code."""

    code: WarningCode
    evidence: str
    chunk: int
    detail: str = ""


class Usage(_Out):
    """Model usage, re-asks included; `requests` counts HTTP calls, cache hits make none.

    `cached_tokens` are the prompt tokens the provider served from its prefix cache (part of
    `prompt_tokens`, usually billed at a discount); `cached_chunks` are requests our own chunk
    cache answered without asking the model at all."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    requests: int = 0
    cached_chunks: int = 0
    cached_tokens: int = 0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(**{k: getattr(self, k) + getattr(other, k) for k in Usage.model_fields})


class ErrorRecord(_Out):
    """A chunk that failed after its retries; the rest of the document is still returned."""

    stage: ErrorStage
    chunk: int
    reason: str
    attempts: int = 1
    usage: Usage = Field(default_factory=Usage)


class ArticleResult(_Out):
    title: str | None
    span: Span
    statistics: list[Statistic] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class DocumentInfo(_Out):
    sha256: str
    chars: int
    published: str | None


class BackendInfo(_Out):
    name: BackendName
    model: str | None
    prompt_version: str | None


class DocumentResult(_Out):
    # "failed": every chunk failed (see `errors`), so the empty articles say nothing was read,
    # not that nothing was there; the HTTP service answers it with 502.
    status: DocumentStatus = "ok"
    document: DocumentInfo
    backend: BackendInfo
    articles: list[ArticleResult]
    warnings: list[WarningRecord] = Field(default_factory=list)
    errors: list[ErrorRecord] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)

"""What laborlens emits: grounded items with spans and normalised values, and the document."""

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, PositiveInt, model_validator

from schemas.vocab import (
    BackendName,
    DivisionCode,
    DocumentStatus,
    ErrorStage,
    EventType,
    Indicator,
    IsoTime,
    Kind,
    Qualifier,
    SourceFormat,
    WarningCode,
)

# [start, end) character offsets (Python str indices) into the text as submitted; end exclusive.
Span = tuple[NonNegativeInt, NonNegativeInt]
Number = int | float


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _absent(value: object) -> bool:
    return value is None or value == []


class _Grounded(_Out):
    evidence: str
    span: Span
    page: PositiveInt | None = Field(
        default=None, exclude_if=_absent, description="PDF input: the page the evidence is on."
    )

    @model_validator(mode="after")
    def _span_ordered(self) -> Self:
        if self.span[0] >= self.span[1]:
            raise ValueError(f"span {list(self.span)} is empty or reversed")
        return self


class Statistic(_Grounded):
    """`metric` is the article's words; `indicator` and `location_code` are what a table is
    grouped by (ANNOTATION.md "Codes an analyst can group by"), resolved in code."""

    metric: str
    indicator: Indicator = "other"
    value: Number
    value_max: Number | None = None
    unit: str
    qualifier: Qualifier = "exact"
    kind: Kind = "actual"
    time: IsoTime | None = None
    location: str | None = None
    location_code: DivisionCode | None = None
    subject: str | None = None
    # The index, among its article's statistics, of the earlier one this restates (the same
    # indicator, value, unit, time and place: service/items/repeats.py); sums skip repeats.
    repeat_of: NonNegativeInt | None = None

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
    location_code: DivisionCode | None = None
    origin: str | None = None
    origin_code: DivisionCode | None = None
    destination: str | None = None
    destination_code: DivisionCode | None = None
    actors: list[Actor] = Field(default_factory=list)


class WarningRecord(_Out):
    """An item dropped or changed on its way out, with the reason as a closed code; `chunk` is
    None for what belongs to no chunk (story text outside every article)."""

    code: WarningCode
    evidence: str
    chunk: int | None
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


class SourceInfo(_Out):
    """What was read: a path, URL or "standard input", its format, and what the page says of
    itself (HTML metadata, a PDF's page count). `sha256` is over the bytes read."""

    location: str
    format: SourceFormat
    sha256: str
    pages: PositiveInt | None = Field(default=None, exclude_if=_absent)
    title: str | None = Field(default=None, exclude_if=_absent)
    site: str | None = Field(default=None, exclude_if=_absent)
    url: str | None = Field(default=None, exclude_if=_absent)
    warnings: list[str] = Field(
        default_factory=list,
        exclude_if=_absent,
        description="How the input was read when not as asked, e.g. no article found in a page.",
    )


class DocumentInfo(_Out):
    """`sha256` and `chars` are of the text spans index: the input itself when it is plain
    text, else `text`, which the reader made of it (an HTML page's article, a PDF's text)."""

    sha256: str
    chars: int
    published: str | None
    source: SourceInfo | None = Field(default=None, exclude_if=_absent)
    text: str | None = Field(default=None, exclude_if=_absent)


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

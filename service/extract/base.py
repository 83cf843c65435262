"""The Backend protocol: one chunk of normalised article text in, drafts out.

A backend quotes evidence and fills fields; it never computes spans or final values. The
pipeline grounds every draft in the original text and normalises its numbers and dates, so the
rules backend and the LLM backend are judged by the same code.
"""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypedDict

from schemas.drafts import ChunkDraft
from schemas.results import BackendInfo, ErrorRecord, Usage
from schemas.vocab import DocumentStatus
from service.extract.turns import turn
from service.text.pack import Passage

__all__ = [
    "REASON_CHARS", "Backend", "ChunkOutcome", "ChunkRequest", "Passage", "raised", "turn",
]  # fmt: skip

REASON_CHARS = 300  # the longest failure reason an ErrorRecord keeps


@dataclass(frozen=True, slots=True)
class ChunkRequest:
    """One model request: a page's short articles packed together, or one chunk of a long one."""

    index: int  # position of the request in the document, for warnings and errors
    passages: tuple[Passage, ...]
    published: str | None  # publication date, "YYYY-MM-DD" | "YYYY-MM" | "YYYY"

    @classmethod
    def single(
        cls, index: int, text: str, title: str | None = None, published: str | None = None
    ) -> "ChunkRequest":
        """A request for one text, numbered 1, standing alone as its own article."""
        return cls(index, (Passage(1, text, title, 0, 0, (0, len(text))),), published)

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.passages)


@dataclass(frozen=True, slots=True)
class ChunkOutcome:
    draft: ChunkDraft
    usage: Usage = dataclasses.field(default_factory=Usage)
    error: ErrorRecord | None = None  # set when (part of) the chunk failed; draft holds the rest


def raised(chunk: int, exc: Exception) -> ChunkOutcome:
    """The outcome of a chunk whose backend raised instead of keeping the promise below: nothing
    found, and an "internal" error naming the exception (never the article's text)."""
    reason = f"{type(exc).__name__}: {exc}"[:REASON_CHARS]
    error = ErrorRecord(stage="internal", chunk=chunk, reason=reason, attempts=1)
    return ChunkOutcome(draft=ChunkDraft(), error=error)


class ChunkReport(TypedDict):
    """What a document's chunks say of it, as DocumentResult fields."""

    status: DocumentStatus
    errors: list[ErrorRecord]
    usage: Usage


def chunk_report(outcomes: Sequence[ChunkOutcome]) -> ChunkReport:
    """The failed chunks, what every chunk cost, and the status: "failed" when there were chunks
    and every one failed, so that empty articles do not pass for nothing found."""
    errors = [o.error for o in outcomes if o.error is not None]
    failed = bool(outcomes) and len(errors) == len(outcomes)
    usage = sum((o.usage for o in outcomes), Usage())
    return ChunkReport(status="failed" if failed else "ok", errors=errors, usage=usage)


class Backend(Protocol):
    @property
    def info(self) -> BackendInfo:
        """Name, model and prompt version, reported in every output."""
        ...

    @property
    def chunk_chars(self) -> int:
        """Largest chunk this backend wants, in characters."""
        ...

    def cache_key(self, request: ChunkRequest) -> str | None:
        """A digest of everything that determines the answer, or None if not worth caching."""
        ...

    async def extract(self, request: ChunkRequest) -> ChunkOutcome:
        """Drafts for one chunk. Failures come back as `error`, never as an exception."""
        ...

    async def aclose(self) -> None:
        """Release clients and stores; called once by whoever built the backend."""
        ...

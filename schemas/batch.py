"""One line of `laborlens batch` output (OUT.jsonl): an ok line with the document's result, or an
error line saying why it has none. service/batch writes it, service/export reads it, and
`schemas/json/BatchLine.json` publishes it for anyone else reading OUT.

    {"id": "000.txt", "status": "ok", "result": {...the document JSON of laborlens extract...}}
    {"id": "bad.txt", "status": "error", "error": {"code": "bad_input", "message": "...",
                                                   "reasons": []}}

An error line carries `usage` only when the model was asked ("chunks_failed"); otherwise the key
is absent, not null. A line from a JSONL record carries `source`, where the record says it came
from; a folder's page has none, and the key is absent. An ok line carries the `fingerprint` of
its text, which the export groups into stories.
"""

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, TypeAdapter

from schemas.results import DocumentResult, Usage
from schemas.vocab import FailureCode

DocumentId = Annotated[
    str, Field(min_length=1, description="INPUT's id: a page's file name or a record's `id`.")
]


class _Line(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _absent(value: object) -> bool:
    return value is None


class Source(_Line):
    """Where a JSONL record says its document came from, as the record wrote it."""

    url: str | None = Field(default=None, description="The page's address.")
    outlet: str | None = Field(default=None, description="Who published it, e.g. 新华网.")
    title: str | None = Field(default=None, description="The page's title, as the record gives it.")
    published: str | None = Field(
        default=None, description="The record's `published`, also kept when the document failed."
    )
    meta: dict[str, JsonValue] = Field(
        default_factory=dict, description="Every other key of the record but `id` and `text`."
    )


class OkLine(_Line):
    """A document that was extracted; chunks that failed beside items found are in
    `result.errors`."""

    id: DocumentId
    status: Literal["ok"]
    result: DocumentResult
    source: Source | None = Field(default=None, exclude_if=_absent)
    fingerprint: str | None = Field(
        default=None,
        exclude_if=_absent,
        description="MinHash signature of the text inside the document's articles, by which "
        "`laborlens export` finds its reposts (service/stories): base64 of 128 little-endian "
        "uint32. Absent when that text is too short to tell a story by.",
    )


class Failure(_Line):
    """Why a document has no result."""

    code: FailureCode
    message: str = Field(description="For people: what went wrong, e.g. the page is not UTF-8.")
    reasons: list[str] = Field(
        default_factory=list,
        description='chunks_failed: one per failed chunk, "chunk N: stage: reason".',
    )
    usage: Usage | None = Field(
        default=None,
        exclude_if=_absent,
        description="What the failed chunks cost, re-asks included; absent if no model was asked.",
    )


class ErrorLine(_Line):
    """A document that failed: it could not be read, something raised, or every chunk failed."""

    id: DocumentId
    status: Literal["error"]
    error: Failure
    source: Source | None = Field(default=None, exclude_if=_absent)


BatchLine = Annotated[
    OkLine | ErrorLine,
    Field(
        discriminator="status",
        title="BatchLine",
        description="One line of `laborlens batch` output (OUT.jsonl): ok or error, by `status`.",
    ),
]
BATCH_LINE: TypeAdapter[BatchLine] = TypeAdapter(BatchLine)


def encode_line(line: BatchLine) -> bytes:
    """A line -> its bytes in OUT.jsonl, newline included; `BATCH_LINE.validate_json` reads it."""
    # json.dumps, not model_dump_json: its ", " and ": " separators are what OUT files have
    # always held, so the same input still gives byte-identical files across versions.
    return json.dumps(line.model_dump(mode="json"), ensure_ascii=False).encode("utf-8") + b"\n"

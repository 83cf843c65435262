"""What the HTTP service accepts and answers besides DocumentResult: the request, health, and
the one error shape every 4xx and 5xx uses.

The JSON Schemas in `schemas/json/` are generated from these models and from the batch line
(`schemas/batch.py`), and a test keeps them in step; regenerate with `make docs`.
"""

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator

from schemas.batch import BATCH_LINE
from schemas.vocab import PUBLISHED_PATTERN, BackendName, real_published

JSON_DIR = Path(__file__).parent / "json"

# Why a request was refused; clients branch on these, so a released code never changes.
ErrorCode = Literal[
    "empty_text",  # 422: text is empty or whitespace only
    "invalid_encoding",  # 422: the body is not UTF-8 (or holds NUL bytes)
    "malformed_json",  # 422: the body is not parseable JSON
    "invalid_request",  # 422 (400 for a bad Content-Length): fields or parameters are wrong
    "backend_unavailable",  # 422: the named backend is not configured on this server
    "unsupported_media_type",  # 415: neither application/json nor text/plain (UTF-8)
    "body_too_large",  # 413: over the server's LABORLENS_MAX_BODY_BYTES
    "unauthorized",  # 401: missing or wrong bearer token
    "not_found",  # 404
    "method_not_allowed",  # 405
    "overloaded",  # 503: too many extractions waiting; retry after Retry-After seconds
    "internal_error",  # 500: a bug; details are in the server log, never in the answer
    "body_timeout",  # 408: the body did not arrive within LABORLENS_BODY_TIMEOUT seconds
    "too_long_to_finish",  # 422: the rules backend could not finish within LABORLENS_DEADLINE
    "deadline_exceeded",  # 504: the extraction did not finish within LABORLENS_DEADLINE
    "chunks_failed",  # 502: every chunk failed at the model; the message says why
    "invalid_host",  # 400: an open server answers only to LABORLENS_ALLOWED_HOSTS
    "forbidden_origin",  # 403: a web page of another origin posted to an open server
]

# Shown in /docs; a test checks EXAMPLE_RESULT is a valid DocumentResult grounded in the text.
EXAMPLE_TEXT = "本报讯 2月18日，我市举办春风行动招聘会，共有120家企业参会，提供岗位3000余个。"
EXTRACT_EXAMPLES: list[JsonValue] = [
    {"text": EXAMPLE_TEXT, "published": "2022-02-20", "backend": "rules"},
    {"text": EXAMPLE_TEXT, "published": None, "backend": None, "source": "seed-000"},
]
EXAMPLE_RESULT: dict[str, Any] = {
    "status": "ok",
    "document": {"sha256": "3b764acc35e9d1c54c095e1fe576dc61dfb97903f186e6b070782c43347fb548",
                 "chars": 44, "published": "2022-02-20"},
    "backend": {"name": "rules", "model": None, "prompt_version": None},
    "articles": [{
        "title": None, "span": [0, 44],
        "statistics": [
            {"evidence": "共有120家企业参会", "span": [22, 32], "metric": "企业参会",
             "indicator": "employers_at_fairs", "value": 120, "value_max": None, "unit": "家",
             "qualifier": "exact", "kind": "actual", "time": "2022-02-18", "location": None,
             "location_code": None, "subject": None, "repeat_of": None},
            {"evidence": "提供岗位3000余个", "span": [33, 43], "metric": "提供岗位",
             "indicator": "jobs_offered", "value": 3000, "value_max": None, "unit": "个",
             "qualifier": "over", "kind": "actual", "time": "2022-02-18", "location": None,
             "location_code": None, "subject": None, "repeat_of": None},
        ],
        "events": [
            {"evidence": "我市举办春风行动招聘会", "span": [10, 21], "type": "recruitment_fair",
             "summary": "我市举办春风行动招聘会", "date": "2022-02-18", "location": None,
             "location_code": None, "origin": None, "origin_code": None, "destination": None,
             "destination_code": None, "actors": []},
        ],
    }],
    "warnings": [], "errors": [],
    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0, "requests": 0,
              "cached_chunks": 0, "cached_tokens": 0},
}  # fmt: skip


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExtractRequest(_Body):
    """One article page to extract from; the answer is the document JSON of `laborlens extract`."""

    model_config = ConfigDict(json_schema_extra={"examples": EXTRACT_EXAMPLES})

    text: str = Field(description="The page as plain text; spans index this exact string.")
    published: str | None = Field(
        default=None,
        pattern=PUBLISHED_PATTERN,
        description="Publication date, YYYY, YYYY-MM or YYYY-MM-DD; resolves 2月18日. Unset: read "
        "from a dateline.",
    )
    backend: BackendName | None = Field(
        default=None, description="rules or llm; unset: llm when the server has a model."
    )
    source: str | None = Field(
        default=None, max_length=200, description="Free label for the server log, e.g. a URL."
    )

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        return None if value is None else real_published(value)  # ValueError for 2022-02-30


class ErrorDetail(_Body):
    code: ErrorCode
    message: str = Field(description="For people; says what to change. Never holds secrets.")


class ErrorResponse(_Body):
    """The body of every 4xx and 5xx answer."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"error": {"code": "empty_text", "message": "text is empty"}}]
        }
    )

    error: ErrorDetail


class Health(_Body):
    status: Literal["ok", "degraded"] = Field(
        default="ok", description="degraded: the service answers, but without its chunk cache"
    )
    cache: str | None = Field(
        default=None, description="Why the chunk cache is off (every chunk asks the model)."
    )


HTTP_MODELS: tuple[type[BaseModel], ...] = (ExtractRequest, ErrorResponse, Health)


def json_schemas() -> dict[str, str]:
    """File name -> JSON Schema text, for each HTTP model and for one line of OUT.jsonl."""
    schemas = {model.__name__: model.model_json_schema() for model in HTTP_MODELS}
    schemas["BatchLine"] = BATCH_LINE.json_schema()
    return {
        f"{name}.json": json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for name, schema in schemas.items()
    }


def write_json_schemas(folder: Path = JSON_DIR) -> list[Path]:
    """Write `json_schemas()` into `folder`; returns the paths written."""
    written = []
    for name, text in json_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

"""The body of `POST /v1/extract` -> an `ExtractRequest`: read up to the size limit and within
the body timeout, decoded as UTF-8, and parsed as JSON or taken as text/plain with its fields in
the query; plus the OpenAPI description of the two bodies.

JSON is parsed by pydantic-core, which refuses what the stdlib parser would turn into a 500
later: a lone surrogate ("\\ud800", not encodable as UTF-8), nesting past 200 levels (a
RecursionError) and numbers past 4,300 digits (Python's int conversion limit).
"""

import asyncio
from typing import Annotated, Any

import pydantic_core
from fastapi import Depends, Query, Request
from pydantic import ValidationError

from schemas.api import EXAMPLE_TEXT, EXTRACT_EXAMPLES, ExtractRequest
from schemas.vocab import BackendName
from service.http.deps import ServiceDep
from service.http.errors import RefusedError, describe

_MEDIA_TYPES = ("application/json", "text/plain")
# After a body left unread, the connection is closed rather than read to the end of it.
_CLOSE = {"Connection": "close"}

# The route's `openapi_extra`: the body is read by hand, so FastAPI cannot describe it.
EXTRACT_BODY_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": ExtractRequest.model_json_schema(),
                "examples": {f"example{i}": {"value": e} for i, e in enumerate(EXTRACT_EXAMPLES)},
            },
            "text/plain": {"schema": {"type": "string"}, "example": EXAMPLE_TEXT},
        },
    }
}


async def _read_body(request: Request, service: ServiceDep) -> bytes:
    limit = service.settings.max_body_bytes
    too_large = RefusedError(413, "body_too_large", f"request body is over {limit} bytes", _CLOSE)
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise RefusedError(400, "invalid_request", "Content-Length is not a number")
    if declared is not None and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    try:
        async with asyncio.timeout(service.settings.body_timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:  # a chunked or lying client: stop reading
                    raise too_large
                chunks.append(chunk)
    except TimeoutError:  # a slow sender holds no place in the queue, and not for long
        message = f"the body did not arrive within {service.settings.body_timeout:g} s"
        raise RefusedError(408, "body_timeout", message, _CLOSE) from None
    return b"".join(chunks)


async def _extract_request(
    request: Request,
    body: Annotated[bytes, Depends(_read_body)],
    published: Annotated[
        str | None, Query(description="text/plain only: YYYY, YYYY-MM or YYYY-MM-DD")
    ] = None,
    backend: Annotated[BackendName | None, Query(description="text/plain only")] = None,
    source: Annotated[str | None, Query(description="text/plain only: label for logs")] = None,
) -> ExtractRequest:
    media, _, params = request.headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    charset = params.strip().lower().removeprefix("charset=").strip('"') or "utf-8"
    if media not in _MEDIA_TYPES or charset not in {"utf-8", "utf8"}:
        message = "send application/json or text/plain; charset=utf-8"
        raise RefusedError(415, "unsupported_media_type", message)
    text = _decode(body)
    query = {"published": published, "backend": backend, "source": source}
    if media == "text/plain":
        fields: Any = {"text": text, **query}
    elif any(query.values()):
        raise RefusedError(422, "invalid_request", "with a JSON body, put all fields in the body")
    else:
        fields = _parse_json(text)
    try:
        extract = ExtractRequest.model_validate(fields)
    except ValidationError as exc:
        raise RefusedError(422, "invalid_request", describe(exc)) from None
    if not extract.text.strip():
        raise RefusedError(422, "empty_text", "text is empty or whitespace only")
    return extract


def _decode(body: bytes) -> str:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"body is not UTF-8 (byte {exc.start})"
        raise RefusedError(422, "invalid_encoding", message) from None
    if "\x00" in text:
        raise RefusedError(422, "invalid_encoding", "body holds NUL characters")
    return text


def _parse_json(text: str) -> Any:
    try:
        return pydantic_core.from_json(text)
    except ValueError as exc:  # the message says where: "... at line 1 column 17"
        raise RefusedError(422, "malformed_json", f"body is not JSON: {exc}") from None


ExtractDep = Annotated[ExtractRequest, Depends(_extract_request)]

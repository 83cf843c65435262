"""The one error shape of the HTTP service: `RefusedError` raised anywhere below the routes, the
handlers that answer it and every other failure as an `ErrorResponse`, and the OpenAPI entries
that document those answers.
"""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from schemas.api import ErrorCode, ErrorDetail, ErrorResponse
from service.errors import describe_problems, problems
from service.http.metrics import Metrics

logger = logging.getLogger(__name__)


class RefusedError(Exception):
    """A request we answer with an error; becomes an ErrorResponse."""

    def __init__(
        self, status: int, code: ErrorCode, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def describe(exc: ValidationError | RequestValidationError) -> str:
    """Field paths and messages; never the input, which may be a whole article."""
    return describe_problems(problems(exc.errors()), root="body", limit=5)


def _refusal(description: str, headers: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """An OpenAPI response in the one error shape, with the schemas of the headers it carries."""
    answer: dict[str, Any] = {"model": ErrorResponse, "description": description}
    if headers:
        answer["headers"] = {name: {"required": True, "schema": s} for name, s in headers.items()}
    return answer


# OpenAPI `responses` entries, by status, for the routes that can answer them.
REFUSALS: dict[int | str, dict[str, Any]] = {
    400: _refusal("Content-Length is not a number"),
    401: _refusal("Missing or wrong bearer token", {"WWW-Authenticate": {"const": "Bearer"}}),
    413: _refusal("Body over LABORLENS_MAX_BODY_BYTES"),
    415: _refusal("Neither application/json nor text/plain; charset=utf-8"),
    422: _refusal("Empty text, not UTF-8, malformed JSON, a wrong field, an unconfigured backend"),
    503: _refusal("Too many requests waiting", {"Retry-After": {"type": "integer", "minimum": 1}}),
    500: _refusal("A bug; the answer holds no details"),
}


def add_error_handlers(app: FastAPI, metrics: Metrics) -> None:
    """Answer every refusal and failure of `app` as an ErrorResponse, counted by code."""

    def error(status: int, code: ErrorCode, message: str) -> JSONResponse:
        metrics.errors.labels(code).inc()
        body = ErrorResponse(error=ErrorDetail(code=code, message=message))
        return JSONResponse(body.model_dump(mode="json"), status_code=status)

    @app.exception_handler(RefusedError)
    async def refused(_request: Request, exc: RefusedError) -> JSONResponse:
        answer = error(exc.status, exc.code, exc.message)
        answer.headers.update(exc.headers or {})
        return answer

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, "invalid_request", describe(exc))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        codes: dict[int, ErrorCode] = {404: "not_found", 405: "method_not_allowed"}
        answer = error(exc.status_code, codes.get(exc.status_code, "invalid_request"), exc.detail)
        answer.headers.update(exc.headers or {})
        return answer

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        # The message may quote an article or a path: name the type only above DEBUG.
        logger.error("unhandled %s in %s %s", type(exc).__name__, request.method, request.url.path)
        logger.debug("unhandled exception", exc_info=exc)
        return error(500, "internal_error", "internal error; see the server log")

"""The one error shape of the HTTP service: `RefusedError` raised anywhere below the routes, the
handlers that answer it and every other failure as an `ErrorResponse`, and the OpenAPI entries
that document those answers.

An unexpected exception is answered here, by `CatchAll`, and goes no further: Starlette's own
last-resort handler would answer the same 500 but then raise it again, and uvicorn would log a
traceback and drop the keep-alive connection.
"""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


def loggable(value: str, limit: int = 200) -> str:
    """`value` safe for one log line: what a client sent may not start a line of its own
    (a forged record) nor move the terminal's cursor.

    >>> loggable("seed-000\\nINFO forged: admin logged in")
    'seed-000\\\\nINFO forged: admin logged in'
    """
    escaped = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value
    )
    return escaped if len(escaped) <= limit else escaped[:limit] + "…"


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
    408: _refusal("The body took longer than LABORLENS_BODY_TIMEOUT"),
    413: _refusal("Body over LABORLENS_MAX_BODY_BYTES"),
    415: _refusal("Neither application/json nor text/plain; charset=utf-8"),
    422: _refusal(
        "Empty text, not UTF-8, malformed JSON, a wrong field, an unconfigured backend, or a "
        "page the rules backend cannot finish within LABORLENS_DEADLINE"
    ),
    502: _refusal("Every chunk failed at the model; the message says why"),
    503: _refusal("Too many requests waiting", {"Retry-After": {"type": "integer", "minimum": 1}}),
    504: _refusal("The extraction did not finish within LABORLENS_DEADLINE"),
    500: _refusal("A bug; the answer holds no details"),
}
# Every route, through the guard (`service.http.guard`): an open server's Host and Origin checks.
GUARD_REFUSALS: dict[int | str, dict[str, Any]] = {
    400: _refusal("An open server: a Host outside LABORLENS_ALLOWED_HOSTS"),
    403: _refusal("An open server: a web page of an origin outside LABORLENS_ALLOWED_ORIGINS"),
}


def error_response(status: int, code: ErrorCode, message: str) -> JSONResponse:
    """The one error shape, as an answer."""
    body = ErrorResponse(error=ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(mode="json"), status_code=status)


def add_error_handlers(app: FastAPI, metrics: Metrics) -> None:
    """Answer every refusal and failure of `app` as an ErrorResponse, counted by code."""

    def error(status: int, code: ErrorCode, message: str) -> JSONResponse:
        metrics.errors.labels(code).inc()
        return error_response(status, code, message)

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


class CatchAll:
    """ASGI middleware: any exception below becomes a logged line and a 500 in the one error
    shape (when no answer has started), and is not raised again."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self._app = app
        self._metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self._app(scope, receive, send_tracking)
        except Exception as exc:
            # The message may quote an article or a path: name the type only above DEBUG.
            path = loggable(scope["path"])
            logger.error("unhandled %s in %s %s", type(exc).__name__, scope["method"], path)
            logger.debug("unhandled exception", exc_info=exc)
            if started:
                raise  # too late for an answer; the server closes the connection
            self._metrics.errors.labels("internal_error").inc()
            answer = error_response(500, "internal_error", "internal error; see the server log")
            await answer(scope, receive, send)

"""The HTTP service: `POST /v1/extract` answers the document JSON of `laborlens extract`;
`GET /healthz` and `GET /metrics` (Prometheus) sit beside it. Every 4xx and 5xx answer is one
`ErrorResponse` ({"error": {"code", "message"}}).

    laborlens serve --port 8000                   # or, with Settings from LABORLENS_*:
    uvicorn --factory service.api:create_app

Admission: at most `concurrency` extractions run at once, and at most `concurrency * 4` more
may wait; the next request gets 503 with Retry-After before its body is read, so memory stays
bounded by the queue, not by the clients.

With LABORLENS_API_TOKEN set, /v1/extract and /metrics need `Authorization: Bearer <token>`;
/healthz, /docs and /openapi.json stay open (they hold no data). The OpenAPI document declares
the bearer scheme and its 401 only then, so it describes the server that serves it.
"""

import asyncio
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Annotated, Any, cast

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schemas.api import (
    EXAMPLE_RESULT,
    EXAMPLE_TEXT,
    EXTRACT_EXAMPLES,
    ErrorCode,
    ErrorDetail,
    ErrorResponse,
    ExtractRequest,
    Health,
)
from schemas.results import DocumentResult
from schemas.vocab import BackendName
from service.backends import build_backend
from service.errors import ConfigError
from service.extract.base import Backend
from service.pipeline import run
from service.settings import Settings, load_settings

logger = logging.getLogger(__name__)

_QUEUE_PER_SLOT = 4  # requests allowed to wait per running extraction before 503
_RETRY_AFTER_SECONDS = 2
_MEDIA_TYPES = ("application/json", "text/plain")


class _RefusedError(Exception):
    """A request we answer with an error; becomes an ErrorResponse."""

    def __init__(
        self, status: int, code: ErrorCode, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


class _Metrics:
    """Prometheus series of one app, in the app's own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "laborlens_http_requests", "HTTP requests", ["method", "route", "status"], registry=r
        )
        self.latency = Histogram(
            "laborlens_http_request_duration_seconds", "Answer time", ["route"], registry=r
        )
        self.errors = Counter("laborlens_errors", "Errors by kind", ["kind"], registry=r)
        self.model_calls = Counter("laborlens_model_calls", "Model HTTP requests", registry=r)
        self.cache_hits = Counter("laborlens_cache_hits", "Chunks served from cache", registry=r)
        self.tokens = Counter("laborlens_tokens", "Model tokens", ["direction"], registry=r)
        self.running = Gauge("laborlens_extractions_running", "Extractions running", registry=r)

    def observe(self, result: DocumentResult) -> None:
        usage = result.usage
        self.model_calls.inc(usage.requests)
        self.cache_hits.inc(usage.cached_chunks)
        self.tokens.labels("prompt").inc(usage.prompt_tokens)
        self.tokens.labels("completion").inc(usage.completion_tokens)
        for error in result.errors:
            self.errors.labels(f"chunk_{error.stage}").inc()


class _Admission:
    """A ticket to be served (refused when the queue is full), then a slot to run in."""

    def __init__(self, slots: int) -> None:
        self.running = asyncio.Semaphore(slots)
        self._admitted = 0
        self._limit = slots * (1 + _QUEUE_PER_SLOT)

    @asynccontextmanager
    async def ticket(self) -> AsyncIterator[None]:
        if self._admitted >= self._limit:
            retry = {"Retry-After": str(_RETRY_AFTER_SECONDS)}
            raise _RefusedError(503, "overloaded", "too many requests waiting; retry later", retry)
        self._admitted += 1
        try:
            yield
        finally:
            self._admitted -= 1


class _Backends:
    """One backend per name for the app's lifetime: the LLM backend holds an HTTP pool."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._default: BackendName = "llm" if settings.llm_configured else "rules"
        self._built: dict[BackendName, Backend] = {}

    def get(self, name: BackendName | None) -> Backend:
        key = name or self._default
        if key not in self._built:  # no await in between: one build per name
            try:
                self._built[key] = build_backend(self._settings, name=key)
            except ConfigError:
                message = f"the {key} backend is not configured on this server"
                raise _RefusedError(422, "backend_unavailable", message) from None
        return self._built[key]

    async def aclose(self) -> None:
        for backend in self._built.values():
            await backend.aclose()
        self._built.clear()


class _Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.metrics = _Metrics()
        self.admission = _Admission(settings.concurrency)
        self.backends = _Backends(settings)


def _service(request: Request) -> _Service:
    return cast(_Service, request.app.state.service)


ServiceDep = Annotated[_Service, Depends(_service)]
_bearer = HTTPBearer(auto_error=False, description="LABORLENS_API_TOKEN, when the server sets one")


async def _authorise(
    service: ServiceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    token = service.settings.api_token
    if token is None:  # routes carry this check only when a token is set; see _add_routes
        return
    given = credentials.credentials.encode() if credentials else b""
    if not hmac.compare_digest(given, token.get_secret_value().encode()):
        challenge = {"WWW-Authenticate": "Bearer"}
        raise _RefusedError(401, "unauthorized", "missing or wrong bearer token", challenge)


async def _admit(service: ServiceDep) -> AsyncIterator[None]:
    async with service.admission.ticket():
        yield


async def _read_body(request: Request, service: ServiceDep) -> bytes:
    limit = service.settings.max_body_bytes
    too_large = _RefusedError(413, "body_too_large", f"request body is over {limit} bytes")
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise _RefusedError(400, "invalid_request", "Content-Length is not a number")
    if declared is not None and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:  # a chunked or lying client: stop reading
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def _extract_request(
    request: Request,
    body: Annotated[bytes, Depends(_read_body)],
    published: Annotated[str | None, Query(description="text/plain only: YYYY-MM-DD")] = None,
    backend: Annotated[BackendName | None, Query(description="text/plain only")] = None,
    source: Annotated[str | None, Query(description="text/plain only: label for logs")] = None,
) -> ExtractRequest:
    media, _, params = request.headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    charset = params.strip().lower().removeprefix("charset=").strip('"') or "utf-8"
    if media not in _MEDIA_TYPES or charset not in {"utf-8", "utf8"}:
        message = "send application/json or text/plain; charset=utf-8"
        raise _RefusedError(415, "unsupported_media_type", message)
    text = _decode(body)
    query = {"published": published, "backend": backend, "source": source}
    if media == "text/plain":
        fields: Any = {"text": text, **query}
    elif any(query.values()):
        raise _RefusedError(422, "invalid_request", "with a JSON body, put all fields in the body")
    else:
        fields = _parse_json(text)
    try:
        extract = ExtractRequest.model_validate(fields)
    except ValidationError as exc:
        raise _RefusedError(422, "invalid_request", _describe(exc)) from None
    if not extract.text.strip():
        raise _RefusedError(422, "empty_text", "text is empty or whitespace only")
    return extract


def _decode(body: bytes) -> str:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"body is not UTF-8 (byte {exc.start})"
        raise _RefusedError(422, "invalid_encoding", message) from None
    if "\x00" in text:
        raise _RefusedError(422, "invalid_encoding", "body holds NUL characters")
    return text


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"body is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise _RefusedError(422, "malformed_json", message) from None


def _describe(exc: ValidationError | RequestValidationError) -> str:
    """Field paths and messages; never the input, which may be a whole article."""
    return "; ".join(
        f"{'.'.join(str(p) for p in d['loc']) or 'body'}: {d['msg']}" for d in exc.errors()[:5]
    )


Admitted = Annotated[None, Depends(_admit, scope="function")]
ExtractDep = Annotated[ExtractRequest, Depends(_extract_request)]


def _refusal(description: str, headers: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """An OpenAPI response in the one error shape, with the schemas of the headers it carries."""
    answer: dict[str, Any] = {"model": ErrorResponse, "description": description}
    if headers:
        answer["headers"] = {name: {"required": True, "schema": s} for name, s in headers.items()}
    return answer


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _refusal("Content-Length is not a number"),
    401: _refusal("Missing or wrong bearer token", {"WWW-Authenticate": {"const": "Bearer"}}),
    413: _refusal("Body over LABORLENS_MAX_BODY_BYTES"),
    415: _refusal("Neither application/json nor text/plain; charset=utf-8"),
    422: _refusal("Empty text, not UTF-8, malformed JSON, a wrong field, an unconfigured backend"),
    503: _refusal("Too many requests waiting", {"Retry-After": {"type": "integer", "minimum": 1}}),
    500: _refusal("A bug; the answer holds no details"),
}
_EXTRACT_OPENAPI: dict[str, Any] = {
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

_EXPOSITION: dict[str, Any] = {
    "description": "Prometheus text format",
    "content": {"text/plain": {"schema": {"type": "string"}}},
}


def _add_routes(app: FastAPI, *, guarded: bool) -> None:
    # Without a token nothing is guarded, and the document then declares no security and no 401.
    guard = [Depends(_authorise)] if guarded else []
    refusals = {s: r for s, r in _ERRORS.items() if guarded or s != 401}

    @app.post(
        "/v1/extract",
        response_model=DocumentResult,
        responses=refusals,
        openapi_extra=_EXTRACT_OPENAPI,
        dependencies=guard,
        summary="Grounded statistics and events from one page (JSON or text/plain body)",
    )
    async def extract(
        _admitted: Admitted, request: ExtractDep, service: ServiceDep
    ) -> DocumentResult:
        backend = service.backends.get(request.backend)
        started = time.perf_counter()
        async with service.admission.running:
            service.metrics.running.inc()
            try:
                result = await run(
                    request.text,
                    backend=backend,
                    published=request.published,
                    overlap=service.settings.chunk_overlap,
                )
            finally:
                service.metrics.running.dec()
        service.metrics.observe(result)
        logger.info(
            "extracted %s: %d chars, %d chunk errors, %.2fs",
            request.source or "-", len(request.text), len(result.errors),
            time.perf_counter() - started,
        )  # fmt: skip
        return result

    @app.get("/healthz", response_model=Health, summary="Liveness; never needs a token")
    async def healthz() -> Health:
        return Health()

    @app.get(
        "/metrics",
        response_class=Response,  # no media type of its own: 200 is text/plain, refusals JSON
        responses={200: _EXPOSITION, **{s: r for s, r in refusals.items() if s == 401}},
        dependencies=guard,
        summary="Prometheus exposition",
    )
    async def metrics(service: ServiceDep) -> Response:
        return Response(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)


def _error(request: Request, status: int, code: ErrorCode, message: str) -> JSONResponse:
    _service(request).metrics.errors.labels(code).inc()
    body = ErrorResponse(error=ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(mode="json"), status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(_RefusedError)
    async def refused(request: Request, exc: _RefusedError) -> JSONResponse:
        answer = _error(request, exc.status, exc.code, exc.message)
        answer.headers.update(exc.headers or {})
        return answer

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(request, 422, "invalid_request", _describe(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        codes: dict[int, ErrorCode] = {404: "not_found", 405: "method_not_allowed"}
        answer = _error(
            request, exc.status_code, codes.get(exc.status_code, "invalid_request"), exc.detail
        )
        answer.headers.update(exc.headers or {})
        return answer

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        # The message may quote an article or a path: name the type only above DEBUG.
        logger.error("unhandled %s in %s %s", type(exc).__name__, request.method, request.url.path)
        logger.debug("unhandled exception", exc_info=exc)
        return _error(request, 500, "internal_error", "internal error; see the server log")


class _CountRequests:
    """ASGI middleware: requests by route template and status, and answer times."""

    def __init__(self, app: ASGIApp, metrics: _Metrics) -> None:
        self._app = app
        self._metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500  # 500 unless an answer starts

        async def send_counting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self._app(scope, receive, send_counting)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")  # bounded label values
            self._metrics.requests.labels(scope["method"], route, str(status)).inc()
            self._metrics.latency.labels(route).observe(time.perf_counter() - started)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service for `settings` (read from LABORLENS_* when None, for `uvicorn --factory`)."""
    service = _Service(settings or load_settings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await service.backends.aclose()

    app = FastAPI(
        title="laborlens",
        summary="Grounded statistics and events from Chinese labour news",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.service = service
    _add_routes(app, guarded=service.settings.api_token is not None)
    _add_error_handlers(app)
    app.add_middleware(_CountRequests, metrics=service.metrics)
    app.openapi = partial(_openapi_with_example, app.openapi)  # type: ignore[method-assign]
    return app


def _openapi_with_example(generate: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """FastAPI drops nulls from examples, which would break a whole-document example."""
    spec = generate()  # cached by FastAPI after the first call; we edit that copy in place
    answer = spec["paths"]["/v1/extract"]["post"]["responses"]["200"]
    answer["content"]["application/json"]["example"] = EXAMPLE_RESULT
    return spec

"""The HTTP service: `POST /v1/extract` answers the document JSON of `laborlens extract`;
`GET /healthz` and `GET /metrics` (Prometheus) sit beside it. Every 4xx and 5xx answer is one
`ErrorResponse` ({"error": {"code", "message"}}).

    laborlens serve --port 8000                   # or, with Settings from LABORLENS_*:
    uvicorn --factory service.api:create_app

With LABORLENS_API_TOKEN set, /v1/extract and /metrics need `Authorization: Bearer <token>`;
/healthz, /docs and /openapi.json stay open (they hold no data). The OpenAPI document declares
the bearer scheme and its 401 only then, so it describes the server that serves it.

This module holds the routes and the app factory. Below it: `api_request` (the extract body),
`api_deps` (per-app state, token check, admission ticket), `api_admission` (`concurrency`
extractions run, `concurrency * 4` wait, the next gets 503 with Retry-After), `api_errors` (the
one error shape) and `api_metrics` (Prometheus series and request counting).
"""

import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import Response

from schemas.api import EXAMPLE_RESULT, Health
from schemas.results import DocumentResult
from service.api_deps import Admitted, Service, ServiceDep, authorise
from service.api_errors import REFUSALS, add_error_handlers
from service.api_metrics import EXPOSITION_MEDIA_TYPE, CountRequests
from service.api_request import EXTRACT_BODY_OPENAPI, ExtractDep
from service.pipeline import run
from service.settings import Settings, load_settings

logger = logging.getLogger(__name__)

_EXPOSITION: dict[str, Any] = {
    "description": "Prometheus text format",
    "content": {"text/plain": {"schema": {"type": "string"}}},
}


def _add_routes(app: FastAPI, *, guarded: bool) -> None:
    # Without a token nothing is guarded, and the document then declares no security and no 401.
    guard = [Depends(authorise)] if guarded else []
    refusals = {s: r for s, r in REFUSALS.items() if guarded or s != 401}

    @app.post(
        "/v1/extract",
        response_model=DocumentResult,
        responses=refusals,
        openapi_extra=EXTRACT_BODY_OPENAPI,
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
        return Response(service.metrics.exposition(), media_type=EXPOSITION_MEDIA_TYPE)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service for `settings` (read from LABORLENS_* when None, for `uvicorn --factory`)."""
    service = Service(settings or load_settings())

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
    add_error_handlers(app, service.metrics)
    app.add_middleware(CountRequests, metrics=service.metrics)
    app.openapi = partial(_openapi_with_example, app.openapi)  # type: ignore[method-assign]
    return app


def _openapi_with_example(generate: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """FastAPI drops nulls from examples, which would break a whole-document example."""
    spec = generate()  # cached by FastAPI after the first call; we edit that copy in place
    answer = spec["paths"]["/v1/extract"]["post"]["responses"]["200"]
    answer["content"]["application/json"]["example"] = EXAMPLE_RESULT
    return spec

"""The HTTP service: `POST /v1/extract` answers the document JSON of `laborlens extract`;
`GET /healthz` and `GET /metrics` (Prometheus) sit beside it, and `GET /` is a review page
(highlights in the text, a table of items) for people. Every 4xx and 5xx answer is one
`ErrorResponse` ({"error": {"code", "message"}}).

    laborlens serve --port 8000                   # or, with Settings from LABORLENS_*:
    uvicorn --factory service.http.app:create_app

With LABORLENS_API_TOKEN set, /v1/extract and /metrics need `Authorization: Bearer <token>`;
/healthz, /docs, /openapi.json and the review page stay open (they hold no data). The OpenAPI
document declares the bearer scheme and its 401 only then, so it describes the server that
serves it.

This module is the app factory. Below it, one module per idea: `routes` (the handlers),
`request` (the extract body), `deps` (per-app state, token check, admission ticket), `admission`
(`workers` extractions run, `workers * 4` wait, the next gets 503 with Retry-After), `pool` and
`worker` (extraction in worker processes, each within the deadline), `guard` (security headers;
Host and Origin checks of an open server), `errors` (the one error shape) and `metrics`
(Prometheus series and request counting); `page` serves the review page and its files in
`static/`.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import FastAPI

from schemas.api import EXAMPLE_RESULT
from service.cache_disk import ChunkStore
from service.http.deps import Service
from service.http.docs import add_docs
from service.http.errors import CatchAll, add_error_handlers
from service.http.guard import Guard
from service.http.metrics import CountRequests
from service.http.page import add_page
from service.http.routes import add_routes
from service.settings import Settings, load_settings

# Seconds `laborlens serve` lets requests finish after SIGTERM; the rest are cut off and their
# workers killed.
SHUTDOWN_GRACE_SECONDS = 3


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service for `settings` (read from LABORLENS_* when None, for `uvicorn --factory`)."""
    service = Service(settings or load_settings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        service.cache_fault = await asyncio.to_thread(_probe_cache, service.settings)
        try:
            yield
        finally:
            service.pool.close()

    app = FastAPI(
        title="laborlens",
        summary="Grounded statistics and events from Chinese labour news",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by add_docs from local files: /docs works offline
        redoc_url=None,
    )
    app.state.service = service
    add_routes(app, guarded=service.settings.api_token is not None)
    add_page(app, service.settings)
    add_docs(app)
    add_error_handlers(app, service.metrics)
    # Outermost last: the guard, then counting, then the catch-all around the routes.
    app.add_middleware(CatchAll, metrics=service.metrics)
    app.add_middleware(CountRequests, metrics=service.metrics)
    app.add_middleware(
        Guard,
        open_server=service.settings.api_token is None,
        hosts=service.settings.allowed_hosts,
        origins=service.settings.allowed_origins,
        metrics=service.metrics,
    )
    app.openapi = partial(_openapi_with_example, app.openapi)  # type: ignore[method-assign]
    return app


def _probe_cache(settings: Settings) -> str | None:
    """Why the local chunk cache cannot be used, as found at start (None when it can, or when
    no model is configured and so no cache is used)."""
    if not settings.llm_configured or settings.cache_url is not None:
        return None
    store = ChunkStore(settings.cache_dir)
    try:
        store.get("laborlens-health-probe")
        return store.fault
    finally:
        store.close()


def _openapi_with_example(generate: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """FastAPI drops nulls from examples, which would break a whole-document example."""
    spec = generate()  # cached by FastAPI after the first call; we edit that copy in place
    answer = spec["paths"]["/v1/extract"]["post"]["responses"]["200"]
    answer["content"]["application/json"]["example"] = EXAMPLE_RESULT
    return spec

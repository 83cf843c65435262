"""The routes: `POST /v1/extract` answers the document JSON of `laborlens extract`; `GET /healthz`
and `GET /metrics` (Prometheus) sit beside it. Each handler calls the pipeline or a dependency."""

import logging
import time
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import Response

from schemas.api import Health
from schemas.results import DocumentResult
from service.http.deps import Admitted, ServiceDep, authorise
from service.http.errors import REFUSALS
from service.http.metrics import EXPOSITION_MEDIA_TYPE
from service.http.request import EXTRACT_BODY_OPENAPI, ExtractDep
from service.pipeline import run

logger = logging.getLogger(__name__)

_EXPOSITION: dict[str, Any] = {
    "description": "Prometheus text format",
    "content": {"text/plain": {"schema": {"type": "string"}}},
}


def add_routes(app: FastAPI, *, guarded: bool) -> None:
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

"""The routes: `POST /v1/extract` answers the document JSON of `laborlens extract`; `GET /healthz`
and `GET /metrics` (Prometheus) sit beside it. Extraction runs in the worker pool: the body is
read first, then a place in the queue is taken, then a worker runs the pipeline."""

import logging
import time
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import Response

from schemas.api import Health
from schemas.results import DocumentResult
from service.http.deps import Admitted, Service, ServiceDep, authorise
from service.http.errors import GUARD_REFUSALS, REFUSALS, RefusedError, loggable
from service.http.metrics import EXPOSITION_MEDIA_TYPE
from service.http.request import EXTRACT_BODY_OPENAPI, ExtractDep
from service.http.worker import Job, Reply

logger = logging.getLogger(__name__)

_EXPOSITION: dict[str, Any] = {
    "description": "Prometheus text format",
    "content": {"text/plain": {"schema": {"type": "string"}}},
}


def add_routes(app: FastAPI, *, guarded: bool) -> None:
    # Without a token nothing is guarded, and the document then declares no security and no 401;
    # instead every route may answer the guard's Host (400) and Origin (403) refusals.
    guard = [Depends(authorise)] if guarded else []
    checks = {} if guarded else GUARD_REFUSALS
    refusals = {**checks, **{s: r for s, r in REFUSALS.items() if guarded or s != 401}}
    if not guarded:
        refusals[400] = _either(REFUSALS[400], GUARD_REFUSALS[400])

    @app.post(
        "/v1/extract",
        response_model=DocumentResult,
        responses=refusals,
        openapi_extra=EXTRACT_BODY_OPENAPI,
        dependencies=guard,
        summary="Grounded statistics and events from one page (JSON or text/plain body)",
    )
    async def extract(
        request: ExtractDep, _admitted: Admitted, service: ServiceDep
    ) -> DocumentResult:
        name = service.backend_name(request.backend)
        job = Job(text=request.text, published=request.published, backend=name)
        started = time.perf_counter()
        async with service.admission.running:
            service.metrics.running.inc()
            try:
                reply = await service.pool.extract(job, rules=name == "rules")
            finally:
                service.metrics.running.dec()
        result = _result(reply, service)
        logger.info(
            "extracted %s: %d chars, %d chunk errors, %.2fs",
            loggable(request.source or "-"), len(request.text), len(result.errors),
            time.perf_counter() - started,
        )  # fmt: skip
        return result

    @app.get(
        "/healthz",
        response_model=Health,
        responses=checks,
        summary="Liveness, and whether the chunk cache works; never needs a token",
    )
    async def healthz(service: ServiceDep) -> Health:
        trouble = service.cache_trouble
        return Health(status="ok" if trouble is None else "degraded", cache=trouble)

    @app.get(
        "/metrics",
        response_class=Response,  # no media type of its own: 200 is text/plain, refusals JSON
        responses={200: _EXPOSITION, **checks, **{s: r for s, r in refusals.items() if s == 401}},
        dependencies=guard,
        summary="Prometheus exposition",
    )
    async def metrics(service: ServiceDep) -> Response:
        return Response(service.metrics.exposition(), media_type=EXPOSITION_MEDIA_TYPE)


def _result(reply: Reply, service: Service) -> DocumentResult:
    """The document of a worker's reply, or the refusal it stands for: 502 when every chunk
    failed (its cost is counted all the same)."""
    if reply.refusal is not None:
        refusal = reply.refusal
        raise RefusedError(refusal.status, refusal.code, refusal.message)
    if reply.result is None:
        logger.error("extraction failed in a worker: %s", reply.failure)
        raise RefusedError(500, "internal_error", "internal error; see the server log")
    result = reply.result
    service.metrics.observe(result)
    if result.status == "failed":
        reasons = "; ".join(f"chunk {e.chunk}: {e.stage}: {e.reason}" for e in result.errors[:3])
        message = f"every chunk failed at the model ({len(result.errors)}): {reasons}"
        raise RefusedError(502, "chunks_failed", message)
    return result


def _either(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """One OpenAPI answer for two refusals of the same status."""
    return {**first, "description": f"{first['description']}; or: {second['description']}"}

"""Prometheus series of one HTTP app, in its own registry, and the ASGI middleware that counts
requests by route template and status and times the answers."""

import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schemas.results import DocumentResult

EXPOSITION_MEDIA_TYPE = CONTENT_TYPE_LATEST


class Metrics:
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

    def exposition(self) -> bytes:
        """Every series in the Prometheus text format (EXPOSITION_MEDIA_TYPE)."""
        return generate_latest(self.registry)


class CountRequests:
    """ASGI middleware: requests by route template and status, and answer times."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
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
            route = _route_template(scope)
            self._metrics.requests.labels(scope["method"], route, str(status)).inc()
            self._metrics.latency.labels(route).observe(time.perf_counter() - started)


def _route_template(scope: Scope) -> str:
    """The matched route's path template, a bounded label value; "unmatched" for a 404.

    FastAPI's own routes put themselves in the scope; the plain Starlette routes it adds for
    `/openapi.json` and `/docs` do not, so those are matched again here.
    """
    route: BaseRoute | None = scope.get("route")
    if route is None and "app" in scope:
        routes: list[BaseRoute] = getattr(scope["app"], "routes", [])
        route = next((r for r in routes if r.matches(scope)[0] is Match.FULL), None)
    return str(getattr(route, "path", "unmatched"))

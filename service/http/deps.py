"""What the HTTP handlers draw on: the app's `Service` (settings, metrics, admission, the worker
pool) and the dependencies that hand it out, check the bearer token and admit a request.
"""

import hmac
from collections.abc import AsyncIterator
from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from schemas.vocab import BackendName
from service.http.admission import Admission
from service.http.errors import RefusedError
from service.http.metrics import Metrics
from service.http.pool import WorkerPool
from service.settings import Settings


class Service:
    """Everything one app keeps between requests; `create_app` puts it on `app.state`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self.admission = Admission(settings.workers)
        self.pool = WorkerPool(settings, size=settings.workers, deadline=settings.deadline)
        self.cache_fault: str | None = None  # found when the app started

    def backend_name(self, name: BackendName | None) -> BackendName:
        """The backend to run: `name`, else llm when a model is configured, else rules."""
        chosen: BackendName = name or ("llm" if self.settings.llm_configured else "rules")
        if chosen == "llm" and not self.settings.llm_configured:
            message = "the llm backend is not configured on this server"
            raise RefusedError(422, "backend_unavailable", message)
        return chosen

    @property
    def cache_trouble(self) -> str | None:
        """Why the chunk cache is off: as the last extraction found it, else as at start."""
        return self.pool.cache_fault if self.pool.cache_reported else self.cache_fault


def _service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


ServiceDep = Annotated[Service, Depends(_service)]
_bearer = HTTPBearer(auto_error=False, description="LABORLENS_API_TOKEN, when the server sets one")


async def authorise(
    service: ServiceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Refuse with 401 unless the bearer token is the server's; routes carry this check (and
    the document its security scheme) only when the server sets a token."""
    token = service.settings.api_token
    if token is None:
        return
    given = credentials.credentials.encode() if credentials else b""
    if not hmac.compare_digest(given, token.get_secret_value().encode()):
        challenge = {"WWW-Authenticate": "Bearer"}
        raise RefusedError(401, "unauthorized", "missing or wrong bearer token", challenge)


async def _admit(service: ServiceDep) -> AsyncIterator[None]:
    async with service.admission.ticket():
        yield


Admitted = Annotated[None, Depends(_admit, scope="function")]

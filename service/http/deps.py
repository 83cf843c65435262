"""What the HTTP handlers draw on: the app's `Service` (settings, metrics, admission, backends)
and the dependencies that hand it out, check the bearer token and admit a request.
"""

import hmac
from collections.abc import AsyncIterator
from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from schemas.vocab import BackendName
from service.backends import build_backend
from service.errors import ConfigError
from service.extract.base import Backend
from service.http.admission import Admission
from service.http.errors import RefusedError
from service.http.metrics import Metrics
from service.settings import Settings


class Backends:
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
                raise RefusedError(422, "backend_unavailable", message) from None
        return self._built[key]

    async def aclose(self) -> None:
        for backend in self._built.values():
            await backend.aclose()
        self._built.clear()


class Service:
    """Everything one app keeps between requests; `create_app` puts it on `app.state`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self.admission = Admission(settings.concurrency)
        self.backends = Backends(settings)


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

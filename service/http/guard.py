"""What keeps web pages away from the service: response headers on every answer, and for an
open server (no LABORLENS_API_TOKEN) a check of the Host and Origin of every request.

Without a token, any web page its user opens could drive the server: a `text/plain` POST needs
no CORS preflight, and DNS rebinding points a page's own host name at 127.0.0.1. So an open
server answers only requests addressed to one of LABORLENS_ALLOWED_HOSTS (loopback names by
default; 400 otherwise) and refuses a browser request from an origin that is neither its own
nor one of LABORLENS_ALLOWED_ORIGINS (403). Clients that are no browser send no Origin. With a
token set, a page cannot send it, and neither check applies.

Every answer also says `nosniff` (no answer is read as a script or page it is not) and may not
be framed (no clickjacking of the review page).
"""

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schemas.api import ErrorCode
from service.http.errors import error_response
from service.http.metrics import Metrics

_ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
_NO_FRAMES = (b"content-security-policy", b"frame-ancestors 'none'")
_ANY = "*"


def host_name(host: str) -> str:
    """The name in a Host header, without its port; IPv6 literals without brackets.

    >>> host_name("127.0.0.1:8000"), host_name("[::1]:8000"), host_name("LocalHost")
    ('127.0.0.1', '::1', 'localhost')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware: security headers always; Host and Origin checks when `open`."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        open_server: bool,
        hosts: tuple[str, ...],
        origins: tuple[str, ...],
        metrics: Metrics,
    ) -> None:
        self._app = app
        self._open = open_server
        self._hosts = None if _ANY in hosts else frozenset(host_name(h) for h in hosts)
        self._origins = frozenset(o.rstrip("/").lower() for o in origins)
        self._metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [h for h in _ALWAYS if h[0] not in names]
                if _NO_FRAMES[0] not in names:
                    headers.append(_NO_FRAMES)
                message = {**message, "headers": headers}
            await send(message)

        refusal = self._refusal(Headers(scope=scope), scope.get("scheme", "http"))
        if refusal is None:
            await self._app(scope, receive, send_guarded)
            return
        status, code, message = refusal
        self._metrics.errors.labels(code).inc()
        await error_response(status, code, message)(scope, receive, send_guarded)

    def _refusal(self, headers: Headers, scheme: str) -> tuple[int, ErrorCode, str] | None:
        if not self._open:
            return None
        host = headers.get("host", "")
        if self._hosts is not None and host_name(host) not in self._hosts:
            message = "this server answers only to LABORLENS_ALLOWED_HOSTS (it has no token)"
            return 400, "invalid_host", message
        origin = headers.get("origin")
        if origin is None:
            return None
        origin = origin.rstrip("/").lower()
        if origin == f"{scheme}://{host.lower()}" or origin in self._origins:
            return None
        message = "web pages of other origins may not post here; see LABORLENS_ALLOWED_ORIGINS"
        return 403, "forbidden_origin", message

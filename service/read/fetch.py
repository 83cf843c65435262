"""A URL -> the bytes of the page it names, with its content type and final URL: fetched with a
timeout, up to a size cap, following a few redirects. Any failure is an InputError naming the
URL and the cause."""

import re
from dataclasses import dataclass

import httpx2

from service.errors import InputError

URL = re.compile(r"^https?://\S+$", re.I)
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 20_000_000  # an e-paper PDF runs to a few MB; a page is far smaller
MAX_REDIRECTS = 5
_HEADERS = {
    "User-Agent": "laborlens/0.1",
    "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
}


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    content_type: str | None
    url: str  # after redirects


def is_url(location: str) -> bool:
    return URL.match(location) is not None


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET `url`; its body, up to `max_bytes`, read as it streams in."""
    if not is_url(url):
        raise InputError(f"{url}: only http:// and https:// URLs are fetched")
    try:
        with (
            httpx2.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx2.Timeout(timeout),
                headers=_HEADERS,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(f"{url}: the server answered {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url}: the page is over {max_bytes} bytes")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(f"{url}: the page is over {max_bytes} bytes")
            content_type = response.headers.get("content-type")
            return Fetched(bytes(body), content_type, str(response.url))
    except httpx2.TooManyRedirects:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx2.TimeoutException:
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except httpx2.HTTPError as exc:
        raise InputError(f"{url}: cannot be fetched ({type(exc).__name__}: {exc})") from None

"""Credentials never reach `errors[].reason`: redaction by shape and by the configured key, and
an upstream that echoes the request's Authorization header in its error body (F10)."""

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pydantic import SecretStr

from service.extract.base import ChunkRequest
from service.extract.llm import LLMBackend
from service.extract.redact import REDACTED, redact
from service.fake.config import fake_llm_config

_KEY = "sk-canary-0123456789abcdefghij"
_PLAIN_KEY = "custom-gateway-key-4f9a1c77e2"  # no sk- shape: found only as the configured key

# --- by shape -------------------------------------------------------------------------------------
SHAPES = [
    # header-like
    ("Authorization: Bearer abc.def.ghi", "Authorization: Bearer [redacted]"),
    ("authorization: Basic dXNlcjpwYXNz", "authorization: Basic [redacted]"),
    ("Proxy-Authorization: Bearer zz9", "Proxy-Authorization: Bearer [redacted]"),
    ("x-api-key: k-123456", "x-api-key: [redacted]"),
    # JSON
    ('{"Authorization": "Bearer t0k3n"}', '{"Authorization": "Bearer [redacted]"}'),
    ('{"api_key": "abc123", "model": "m"}', '{"api_key": "[redacted]", "model": "m"}'),
    ('{"access_token":"abc","n":1}', '{"access_token":"[redacted]","n":1}'),
    # query strings
    ("?api-key=abc&model=m", "?api-key=[redacted]&model=m"),
    ("token=abc;", "token=[redacted];"),
    # bare
    ("echo: Bearer abc", "echo: Bearer [redacted]"),
    (
        "Incorrect API key provided: sk-proj-AbCdEf123456.",
        "Incorrect API key provided: [redacted].",
    ),
    # nothing to hide
    ("prompt_tokens=12 max_tokens: 100", "prompt_tokens=12 max_tokens: 100"),
    ("Error code: 500 - server_error", "Error code: 500 - server_error"),
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_credentials_are_redacted_by_shape(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_the_configured_key_is_redacted_wherever_it_stands_even_cut_off() -> None:
    text = f"gateway said {_PLAIN_KEY} twice: {_PLAIN_KEY[:12]}"
    assert redact(text, (_PLAIN_KEY,)) == f"gateway said {REDACTED} twice: {REDACTED}"


# --- an upstream that echoes the request --------------------------------------------------------


class _Echo(BaseHTTPRequestHandler):
    """A proxy-like upstream that answers 400 and echoes the request's headers."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["content-length"]))
        body = json.dumps({"error": {"message": "bad request", "echo": dict(self.headers)}})
        self.send_response(400)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def echo_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("key", [_KEY, _PLAIN_KEY])
def test_an_echoed_key_never_reaches_the_reason(echo_url: str, key: str) -> None:
    config = fake_llm_config(echo_url, api_key=SecretStr(key), max_retries=0)

    async def go() -> str:
        backend = LLMBackend(config)
        try:
            outcome = await backend.extract(ChunkRequest.single(0, "招聘会吸引求职者1000人。"))
        finally:
            await backend.aclose()
        assert outcome.error is not None
        return outcome.error.reason

    reason = asyncio.run(go())
    assert "400" in reason
    assert key not in reason
    assert key[:10] not in reason
    assert REDACTED in reason

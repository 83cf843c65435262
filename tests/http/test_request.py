"""The request body, against a real server (tests/http/live.py): slow senders hold no place in
the queue and are cut off (F2), and JSON that the stdlib parser would turn into a 500 is a 422
with no traceback, on a connection that stays open (F5)."""

import contextlib
import http.client
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx2
import pytest

from tests.http.live import Live, live_server

_NORMAL = "本报讯 2月18日，我市举办春风行动招聘会，共有120家企业参会。"


# --- slow senders (F2) ----------------------------------------------------------------------------


@contextmanager
def _slow_senders(port: int, count: int) -> Iterator[list[socket.socket]]:
    """`count` clients that declare a 1,000-byte body and send it a byte a second."""
    head = (
        b"POST /v1/extract HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 1000\r\n\r\n"
    )
    stop = threading.Event()
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.create_connection(("127.0.0.1", port)))
                   for _ in range(count)]  # fmt: skip
        for sock in sockets:
            sock.sendall(head + b"x")

        def drip() -> None:
            while not stop.wait(1.0):
                # The first stays silent after its first byte: one sent after the server's 408
                # would be answered with a reset that can discard the 408 unread.
                for sock in sockets[1:]:
                    with contextlib.suppress(OSError):  # cut off by the server, as it should
                        sock.sendall(b"x")

        dripping = threading.Thread(target=drip, daemon=True)
        dripping.start()
        try:
            yield sockets
        finally:
            stop.set()
            dripping.join()


def test_forty_slow_senders_do_not_keep_a_normal_request_from_its_answer(tmp_path: Path) -> None:
    # Admission was taken before the body was read: 40 clients sending a byte a second got
    # every normal request a 503.
    with live_server(tmp_path, body_timeout="4") as live, _slow_senders(live.port, 40) as slow:
        time.sleep(1.0)  # every slow sender is inside the server, reading its body
        started = time.monotonic()
        answer = httpx2.post(f"{live.base}/v1/extract", json={"text": _NORMAL}, timeout=30)
        seconds = time.monotonic() - started
        cut_off = _read_to_end(slow[0])
    assert answer.status_code == 200, answer.text
    assert seconds < 5, f"{seconds:.1f}s"
    assert cut_off.startswith(b"HTTP/1.1 408 ")  # after LABORLENS_BODY_TIMEOUT, 4 s here
    assert b'"body_timeout"' in cut_off


def _read_to_end(sock: socket.socket) -> bytes:
    """What the server sends until it closes the connection (it does after a 408)."""
    sock.settimeout(10)
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


# --- bad JSON (F5) --------------------------------------------------------------------------------

_BAD_JSON = {
    "a lone surrogate": b'{"text": "\\ud800 job fair"}',
    "100,000-deep nesting": b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "a 5,000-digit number": b'{"text": "x", "n": ' + b"9" * 5_000 + b"}",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with live_server(tmp_path_factory.mktemp("server")) as live:
        yield live


@pytest.mark.parametrize("body", _BAD_JSON.values(), ids=_BAD_JSON.keys())
def test_json_the_stdlib_would_fail_on_is_a_422_on_a_connection_kept_open(
    server: Live, body: bytes
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("POST", "/v1/extract", body, {"Content-Type": "application/json"})
        bad = connection.getresponse()
        bad_body = bad.read()
        sock = connection.sock
        connection.request("POST", "/v1/extract", _NORMAL.encode(), {"Content-Type": "text/plain"})
        good = connection.getresponse()
        good.read()
        reused = connection.sock is sock
    finally:
        connection.close()
    assert bad.status == 422, bad_body
    assert b'"malformed_json"' in bad_body
    assert sock is not None  # http.client drops a socket the server said it would close
    assert good.status == 200
    assert reused  # both answers came on one keep-alive connection
    log = server.log_text()
    assert "Traceback" not in log
    assert "Exception in ASGI application" not in log

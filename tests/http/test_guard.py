"""The guard: an open server answers only its allowed Host names and refuses other web origins
(F7); every answer says nosniff and may not be framed (F14). And a client's fields cannot forge
a log line (F11)."""

import logging
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.http.app import create_app
from service.settings import Settings

_SHORT = "本报讯 2月18日，我市举办春风行动招聘会，共有120家企业参会。"
_TOKEN = "s3cret-token-for-guard-tests"


def _client(tmp_path: Path, **fields: Any) -> TestClient:
    return TestClient(create_app(Settings(cache_dir=tmp_path, **fields)), base_url="http://x")


def _post(client: TestClient, host: str, **headers: str) -> Any:
    return client.post("/v1/extract", json={"text": _SHORT}, headers={"host": host, **headers})


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8000", 200), ("localhost", 200), ("LOCALHOST:80", 200), ("[::1]:8000", 200),
        ("evil.example", 400), ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400),
        ("", 400),
    ],
)  # fmt: skip
def test_an_open_server_answers_only_to_loopback_names(
    tmp_path: Path, host: str, status: int
) -> None:
    with _client(tmp_path) as client:
        answer = _post(client, host)
        health = client.get("/healthz", headers={"host": host})
    assert answer.status_code == health.status_code == status, answer.text
    if status == 400:
        assert answer.json()["error"]["code"] == "invalid_host"


def test_allowed_hosts_are_configurable(tmp_path: Path) -> None:
    with _client(tmp_path, allowed_hosts="laborlens.internal, other.internal") as client:
        assert _post(client, "laborlens.internal:8000").status_code == 200
        assert _post(client, "127.0.0.1").status_code == 400
    with _client(tmp_path, allowed_hosts="*") as client:
        assert _post(client, "anything.example").status_code == 200


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        ("http://127.0.0.1:8000", 200),  # the review page, served by this server
        ("http://evil.example", 403),
        ("http://127.0.0.1:9999", 403),  # another local service's page
        ("null", 403),  # a sandboxed frame or a file: page
        ("https://tool.example.org", 200),  # allowed below
    ],
)
def test_an_open_server_refuses_pages_of_other_origins(
    tmp_path: Path, origin: str, status: int
) -> None:
    with _client(tmp_path, allowed_origins="https://tool.example.org/") as client:
        answer = _post(client, "127.0.0.1:8000", origin=origin)
    assert answer.status_code == status, answer.text
    if status == 403:
        assert answer.json()["error"]["code"] == "forbidden_origin"


def test_with_a_token_the_host_and_origin_are_not_checked(tmp_path: Path) -> None:
    bearer = {"authorization": f"Bearer {_TOKEN}"}
    with _client(tmp_path, api_token=_TOKEN) as client:
        answer = _post(client, "laborlens.example.org", origin="https://elsewhere.org", **bearer)
        unauthorised = _post(client, "laborlens.example.org")
    assert answer.status_code == 200, answer.text
    assert unauthorised.status_code == 401


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/healthz"), ("GET", "/metrics"), ("GET", "/openapi.json"), ("GET", "/docs"),
        ("GET", "/static/review.js"), ("GET", "/no/such/page"), ("POST", "/v1/extract"),
        ("GET", "/"),
    ],
)  # fmt: skip
def test_every_answer_says_nosniff_and_may_not_be_framed(
    tmp_path: Path, method: str, path: str
) -> None:
    with _client(tmp_path) as client:
        answer = client.request(method, path, headers={"host": "127.0.0.1"}, json={"text": ""})
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    if path == "/":  # the page keeps its own, stricter policy
        assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_a_refused_host_is_answered_with_the_headers_too(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        answer = client.get("/healthz", headers={"host": "evil.example"})
    assert answer.status_code == 400
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_a_newline_in_source_cannot_forge_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    forged = "seed\nINFO service.http.routes: extracted admin: 0 chars"
    with caplog.at_level(logging.INFO, "service.http.routes"), _client(tmp_path) as client:
        answer = client.post(
            "/v1/extract", json={"text": _SHORT, "source": forged}, headers={"host": "127.0.0.1"}
        )
    assert answer.status_code == 200
    [record] = [r for r in caplog.records if r.name == "service.http.routes"]
    message = record.getMessage()
    assert "\n" not in message
    assert "seed\\nINFO" in message

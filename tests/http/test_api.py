"""The HTTP service through FastAPI's TestClient, and once through a real uvicorn process."""

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from typer.testing import CliRunner

from schemas.api import EXAMPLE_RESULT, EXAMPLE_TEXT, ErrorResponse, json_schemas
from schemas.results import DocumentResult
from service.cli import app as cli
from service.fake.replies import FaultPlan
from service.fake.server import FakeServer, numbers_responder, serve_fake
from service.http.app import create_app
from service.settings import Settings
from tests.paths import ROOT

_SEED = ROOT / "seeds" / "000_0c4ce29092f07e54.txt"
_SHORT = "本报讯 2月18日，我市举办春风行动招聘会，共有120家企业参会。"
_TEXT = {"content-type": "text/plain; charset=utf-8"}
_JSON = {"content-type": "application/json"}
_GBK = {"content-type": "text/plain; charset=gbk"}
_TOKEN = "s3cret-token-for-tests"


def _client(app: Any, **options: Any) -> TestClient:
    """A test client addressed to a loopback name: an open server answers nothing else."""
    return TestClient(app, base_url="http://127.0.0.1", **options)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(cache_dir=tmp_path / "cache", max_body_bytes=1000)
    with _client(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def _llm_settings(fake: FakeServer, tmp_path: Path, **more: Any) -> Settings:
    return Settings(
        base_url=fake.base_url, model="fake-model", api_key="sk-test",
        cache_dir=tmp_path / "cache", **more,
    )  # fmt: skip


def _assert_error_shape(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    ErrorResponse.model_validate(body)


# --- answers ------------------------------------------------------------------------------


def test_json_and_text_bodies_answer_the_document_json_of_the_cli(tmp_path: Path) -> None:
    cli_run = CliRunner().invoke(
        cli, ["extract", str(_SEED), "--published", "2022-02-20", "--output", "jsonl"]
    )
    assert cli_run.exit_code == 0, cli_run.output
    expected = json.loads(cli_run.stdout)
    # The CLI names the file it read; a request body has no name.
    source = expected["document"].pop("source")
    assert (source["location"], source["format"]) == (str(_SEED), "text")
    text = _SEED.read_bytes()
    with _client(create_app(Settings(cache_dir=tmp_path))) as client:
        body = {"text": text.decode(), "published": "2022-02-20", "source": "000"}
        as_json = client.post("/v1/extract", json=body)
        as_text = client.post("/v1/extract?published=2022-02-20", content=text, headers=_TEXT)
    assert as_json.status_code == as_text.status_code == 200
    assert as_json.json() == as_text.json() == expected


def test_healthz() -> None:
    with _client(create_app(Settings(api_token=_TOKEN))) as test_client:
        answer = test_client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "cache": None}


# --- every refusal has the one error shape ------------------------------------------------

_BAD_REQUESTS: list[tuple[str, dict[str, Any], int, str]] = [
    # empty text
    ("empty-json", {"json": {"text": ""}}, 422, "empty_text"),
    ("blank-json", {"json": {"text": " \n\u3000 "}}, 422, "empty_text"),
    ("blank-text", {"content": b"  \n ", "headers": _TEXT}, 422, "empty_text"),
    ("no-body", {"content": b"", "headers": _TEXT}, 422, "empty_text"),
    # encoding
    ("bad-utf8-text", {"content": b"\xc3\x28abc", "headers": _TEXT}, 422, "invalid_encoding"),
    ("bad-utf8-json", {"content": b'{"text": "\xff"}', "headers": _JSON}, 422, "invalid_encoding"),
    ("nul-text", {"content": b"ab\x00c", "headers": _TEXT}, 422, "invalid_encoding"),
    # JSON and fields
    ("malformed-json", {"content": b'{"text": ', "headers": _JSON}, 422, "malformed_json"),
    ("json-list", {"json": ["text"]}, 422, "invalid_request"),
    ("no-text", {"json": {"published": "2022-02-20"}}, 422, "invalid_request"),
    ("text-not-string", {"json": {"text": 5}}, 422, "invalid_request"),
    ("unknown-field", {"json": {"text": "x", "url": "u"}}, 422, "invalid_request"),
    ("bad-backend", {"json": {"text": "x", "backend": "gpt"}}, 422, "invalid_request"),
    ("bad-date", {"json": {"text": "x", "published": "2022-02-30"}}, 422, "invalid_request"),
    ("bad-month", {"json": {"text": "x", "published": "2021-13"}}, 422, "invalid_request"),
    ("a-word", {"params": {"published": "yesterday"}, "content": b"x", "headers": _TEXT}, 422,
     "invalid_request"),
    ("query-with-json", {"json": {"text": "x"}, "params": {"published": "2022-02-20"}}, 422,
     "invalid_request"),
    ("bad-query", {"content": b"x", "headers": _TEXT, "params": {"backend": "gpt"}}, 422,
     "invalid_request"),
    ("llm-unconfigured", {"json": {"text": "x", "backend": "llm"}}, 422, "backend_unavailable"),
    # content type
    ("xml", {"content": b"<p>x</p>", "headers": {"content-type": "application/xml"}}, 415,
     "unsupported_media_type"),
    ("gbk", {"content": "招聘".encode("gbk"), "headers": _GBK}, 415, "unsupported_media_type"),
    ("form", {"data": {"text": "x"}}, 415, "unsupported_media_type"),
    # size (the client allows 1000 bytes)
    ("declared-too-large", {"content": "招" * 400, "headers": _TEXT}, 413, "body_too_large"),
    ("chunked-too-large", {"content": iter([b"x" * 600, b"y" * 600]), "headers": _TEXT}, 413,
     "body_too_large"),
    ("length-not-a-number", {"content": b"x", "headers": {**_TEXT, "content-length": "ten"}},
     400, "invalid_request"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [pytest.param(*case[1:], id=case[0]) for case in _BAD_REQUESTS],
)
def test_bad_requests_get_a_clear_4xx_in_the_one_error_shape(
    client: TestClient, kwargs: dict[str, Any], status: int, code: str
) -> None:
    _assert_error_shape(client.post("/v1/extract", **kwargs), status, code)


def test_unknown_paths_and_methods_get_the_error_shape(client: TestClient) -> None:
    _assert_error_shape(client.get("/v2/extract"), 404, "not_found")
    _assert_error_shape(client.get("/v1/extract"), 405, "method_not_allowed")


def test_a_chunked_body_within_the_limit_is_read(client: TestClient) -> None:
    answer = client.post("/v1/extract", content=iter([_SHORT.encode()[:20], _SHORT.encode()[20:]]),
                         headers=_TEXT)  # fmt: skip
    assert answer.status_code == 200, answer.text


def test_an_unexpected_exception_is_a_500_without_internals(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(cache_dir=tmp_path))

    @app.get("/bug")
    async def bug() -> None:  # what a bug anywhere below the routes looks like
        raise OSError("/secret-cache-path is not a folder")

    with caplog.at_level(logging.ERROR), _client(app) as test_client:  # exceptions not re-raised
        answer = test_client.get("/bug")
        after = test_client.get("/healthz")
    _assert_error_shape(answer, 500, "internal_error")
    for internal in ("secret-cache-path", "Error", "Traceback", "File "):
        assert internal not in answer.text
    assert after.status_code == 200
    assert [r.getMessage() for r in caplog.records] == ["unhandled OSError in GET /bug"]
    assert all(r.exc_info is None for r in caplog.records)  # no traceback above DEBUG


# --- auth -----------------------------------------------------------------------------------


def test_a_token_guards_extract_and_metrics_but_not_healthz(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(api_token=_TOKEN, cache_dir=tmp_path / "cache")
    with _client(create_app(settings)) as test_client:
        post = test_client.post
        answers = {
            "none": post("/v1/extract", json={"text": _SHORT}),
            "wrong": post("/v1/extract", json={"text": _SHORT}, headers=_bearer("s3cret")),
            "basic": post("/v1/extract", json={"text": _SHORT}, headers={"authorization": "x"}),
            "metrics": test_client.get("/metrics"),
        }
        right = post("/v1/extract", json={"text": _SHORT}, headers=_bearer(_TOKEN))
        metrics = test_client.get("/metrics", headers=_bearer(_TOKEN))
        health = test_client.get("/healthz")
    for answer in answers.values():
        _assert_error_shape(answer, 401, "unauthorized")
        assert answer.headers["www-authenticate"] == "Bearer"
        assert _TOKEN not in answer.text
    assert right.status_code == metrics.status_code == health.status_code == 200
    assert _TOKEN not in caplog.text


def _bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


# --- metrics ----------------------------------------------------------------------------------


def _samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_metrics_label_docs_routes_by_path_and_unknown_paths_as_unmatched(
    client: TestClient,
) -> None:
    # FastAPI's /openapi.json and /docs are plain Starlette routes: none sets scope["route"].
    for path in ("/openapi.json", "/docs", "/openapi.json", "/no/such/page"):
        client.get(path)
    samples = _samples(client.get("/metrics").text)

    def count(route: str, status: str) -> float | None:
        labels = frozenset({("method", "GET"), ("route", route), ("status", status)})
        return samples.get(("laborlens_http_requests_total", labels))

    assert (count("/openapi.json", "200"), count("/docs", "200")) == (2, 1)
    assert count("unmatched", "404") == 1


def test_metrics_count_requests_model_calls_cache_hits_tokens_and_errors(
    fake_openai: FakeServer, tmp_path: Path
) -> None:
    with _client(create_app(_llm_settings(fake_openai, tmp_path))) as test_client:
        first = test_client.post("/v1/extract", json={"text": _SHORT}).json()
        second = test_client.post("/v1/extract", json={"text": _SHORT}).json()
        test_client.post("/v1/extract", json={"text": ""})
        exposition = test_client.get("/metrics")
        other_app = _client(create_app(_llm_settings(fake_openai, tmp_path)))
        fresh = _samples(other_app.get("/metrics").text)  # its own registry
    assert exposition.headers["content-type"].startswith("text/plain; version=")
    samples = _samples(exposition.text)
    ok = frozenset({("method", "POST"), ("route", "/v1/extract"), ("status", "200")})
    assert samples["laborlens_http_requests_total", ok] == 2
    assert samples["laborlens_http_request_duration_seconds_count",
                   frozenset({("route", "/v1/extract")})] == 3  # fmt: skip
    assert samples["laborlens_model_calls_total", frozenset()] == first["usage"]["requests"] > 0
    assert fake_openai.requests == first["usage"]["requests"]  # the second came from the cache
    assert samples["laborlens_cache_hits_total", frozenset()] == second["usage"]["cached_chunks"]
    prompt = frozenset({("direction", "prompt")})
    assert samples["laborlens_tokens_total", prompt] == first["usage"]["prompt_tokens"] > 0
    assert samples["laborlens_errors_total", frozenset({("kind", "empty_text")})] == 1
    assert fresh.get(("laborlens_http_requests_total", ok)) is None


# --- overload ---------------------------------------------------------------------------------


def test_a_full_queue_answers_503_with_retry_after(tmp_path: Path) -> None:
    # One extraction runs and four wait (one worker); the rest are turned away at once.
    with serve_fake(numbers_responder, latency=0.4) as fake:
        settings = _llm_settings(fake, tmp_path, concurrency=1, max_retries=0, workers=1)
        app = create_app(settings)
        with _client(app) as test_client, ThreadPoolExecutor(8) as pool:
            texts = [f"{_SHORT}第{i}场。" for i in range(8)]
            answers = list(
                pool.map(lambda t: test_client.post("/v1/extract", json={"text": t}), texts)
            )
        assert fake.max_in_flight == 1
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 5 + [503] * 3
    for answer in answers:
        if answer.status_code == 503:
            _assert_error_shape(answer, 503, "overloaded")
            assert int(answer.headers["retry-after"]) > 0


# --- OpenAPI and JSON Schemas -----------------------------------------------------------------


def test_openapi_documents_bodies_errors_and_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/v1/extract"]["post"]
    content = post["requestBody"]["content"]
    assert content["application/json"]["examples"]
    assert content["text/plain"]["example"] == EXAMPLE_TEXT
    for status in ("400", "413", "415", "422", "500", "503"):
        schema = post["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}
    assert post["responses"]["503"]["headers"]["Retry-After"]["required"]
    assert spec["components"]["schemas"]["ErrorResponse"]["examples"]
    example = post["responses"]["200"]["content"]["application/json"]["example"]
    assert client.get("/docs").status_code == 200
    result = DocumentResult.model_validate(example)
    items = [i for a in result.articles for i in [*a.statistics, *a.events]]
    assert items
    assert all(EXAMPLE_TEXT[i.span[0] : i.span[1]] == i.evidence for i in items)


def test_openapi_declares_the_bearer_token_only_when_the_server_sets_one(
    client: TestClient,
) -> None:
    # schemathesis: an open server's document asked for a token it never checks (ignored_auth).
    open_spec = client.get("/openapi.json").json()
    with _client(create_app(Settings(api_token=_TOKEN))) as guarded_client:
        guarded_spec = guarded_client.get("/openapi.json").json()
    assert "securitySchemes" not in open_spec["components"]
    assert guarded_spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path, method in [("/v1/extract", "post"), ("/metrics", "get")]:
        open_operation = open_spec["paths"][path][method]
        guarded_operation = guarded_spec["paths"][path][method]
        assert "security" not in open_operation
        assert "401" not in open_operation["responses"]
        assert guarded_operation["security"] == [{"HTTPBearer": []}]
        refusal = guarded_operation["responses"]["401"]
        assert refusal["content"]["application/json"]["schema"]["$ref"].endswith("ErrorResponse")
        assert refusal["headers"]["WWW-Authenticate"]["schema"] == {"const": "Bearer"}
    for spec in (open_spec, guarded_spec):
        assert "security" not in spec["paths"]["/healthz"]["get"]


def test_openapi_documents_metrics_as_prometheus_text(tmp_path: Path) -> None:
    # schemathesis: /metrics was documented as application/json (content_type_conformance).
    with _client(create_app(Settings(api_token=_TOKEN, cache_dir=tmp_path))) as test_client:
        responses = test_client.get("/openapi.json").json()["paths"]["/metrics"]["get"]["responses"]
        answer = test_client.get("/metrics", headers=_bearer(_TOKEN))
    assert responses["200"]["content"] == {"text/plain": {"schema": {"type": "string"}}}
    assert list(responses["401"]["content"]) == ["application/json"]
    assert answer.headers["content-type"].startswith("text/plain;")


def test_example_result_is_what_the_rules_backend_answers(client: TestClient) -> None:
    answer = client.post("/v1/extract", json={"text": EXAMPLE_TEXT, "published": "2022-02-20"})
    assert answer.json() == EXAMPLE_RESULT


def test_json_schema_files_match_the_models() -> None:
    folder = ROOT / "schemas" / "json"
    for name, text in json_schemas().items():
        assert (folder / name).read_text(encoding="utf-8") == text, f"regenerate {name}"


# --- a real server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(base: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server exited"
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise AssertionError("the server did not become healthy")


def test_serve_demo_runs_a_real_uvicorn_that_answers_the_printed_request() -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABORLENS_", "OPENAI_"))}
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--demo"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, server)
        request = urllib.request.Request(
            f"{base}/v1/extract?published=2022-02-20",
            data=_SEED.read_bytes(), headers={"Content-Type": "text/plain"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as answer:
            document = json.load(answer)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert document["articles"][0]["statistics"]
    assert server.returncode in {0, -signal.SIGTERM}, stderr  # uvicorn re-raises the signal
    assert "Application shutdown complete" in stderr
    curl = f"curl -s --data-binary @seeds/{_SEED.name} -H 'Content-Type: text/plain'"
    assert curl in stderr
    assert f"'http://127.0.0.1:{port}/v1/extract?published=2022-02-20' | jq" in stderr
    assert f"review page: http://127.0.0.1:{port}/ " in stderr  # what `make run` prints


# --- the review page (in a real browser: tests/http/test_review_page.py) -------------------------


@pytest.mark.parametrize("token", [None, _TOKEN], ids=["open", "guarded"])
def test_the_review_page_is_open_self_contained_html_outside_the_api_document(
    tmp_path: Path, token: str | None
) -> None:
    with _client(create_app(Settings(cache_dir=tmp_path, api_token=token))) as client:
        page = client.get("/")
        script = client.get("/static/review.js")
        spec = client.get("/openapi.json").json()
        missing = client.get("/static/nothing.js")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    # Everything the page loads is its own: no http(s) URL in its markup.
    assert "http://" not in page.text
    assert "https://" not in page.text
    config = page.text.split('<script id="config" type="application/json">')[1].split("<")[0]
    assert json.loads(config) == {
        "llm": False, "default_backend": "rules", "guarded": token is not None,
    }  # fmt: skip
    assert script.status_code == 200
    assert "/v1/extract" in script.text
    assert "/" not in spec["paths"]
    _assert_error_shape(missing, 404, "not_found")


def test_the_review_page_says_when_the_llm_backend_can_run(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path, model="some-model")
    with _client(create_app(settings)) as client:
        page = client.get("/").text
    assert '{"llm": true, "default_backend": "llm", "guarded": false}' in page
    assert "some-model" not in page


# --- every chunk failed (F6) --------------------------------------------------------------------


def test_an_extraction_whose_every_chunk_failed_is_a_502(tmp_path: Path) -> None:
    with serve_fake(numbers_responder, faults=FaultPlan(p500=1.0)) as fake:
        settings = _llm_settings(fake, tmp_path, max_retries=0)
        with _client(create_app(settings)) as test_client:
            answer = test_client.post("/v1/extract", json={"text": _SHORT})
            metrics = _samples(test_client.get("/metrics").text)
    _assert_error_shape(answer, 502, "chunks_failed")
    assert "every chunk failed" in answer.json()["error"]["message"]
    assert "transport" in answer.json()["error"]["message"]
    assert metrics["laborlens_errors_total", frozenset({("kind", "chunks_failed")})] == 1
    assert metrics["laborlens_model_calls_total", frozenset()] >= 1  # its cost is counted


def test_an_app_serves_again_after_its_lifespan_ended(tmp_path: Path) -> None:
    # Test clients (and schemathesis) end an app's lifespan and then call it again; its workers
    # were killed at the end and must start afresh.
    app = create_app(Settings(cache_dir=tmp_path))
    for _ in range(2):
        with _client(app) as test_client:
            assert test_client.post("/v1/extract", json={"text": _SHORT}).status_code == 200


# --- a cache at fault (F3) ------------------------------------------------------------------------


def test_a_corrupt_cache_makes_healthz_degraded_and_costs_model_calls_not_answers(
    fake_openai: FakeServer, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    (cache / "cache.db").write_bytes(b"not a database" * 100)
    settings = Settings(
        base_url=fake_openai.base_url, model="fake-model", api_key="sk-test", cache_dir=cache
    )
    with _client(create_app(settings)) as test_client:
        health = test_client.get("/healthz").json()
        answers = [test_client.post("/v1/extract", json={"text": _SHORT}) for _ in range(2)]
        after = test_client.get("/healthz").json()
    assert health["status"] == after["status"] == "degraded"
    assert "DatabaseError" in health["cache"]
    assert [a.status_code for a in answers] == [200, 200]
    assert all(a.json()["articles"][0]["statistics"] for a in answers)
    assert fake_openai.requests == 2 * answers[0].json()["usage"]["requests"]  # no hits


def test_healthz_is_ok_with_a_working_cache(fake_openai: FakeServer, tmp_path: Path) -> None:
    with _client(create_app(_llm_settings(fake_openai, tmp_path))) as test_client:
        test_client.post("/v1/extract", json={"text": _SHORT})
        assert test_client.get("/healthz").json() == {"status": "ok", "cache": None}


# --- the deadline (F1) ----------------------------------------------------------------------------


def test_a_model_slower_than_the_deadline_is_a_504_and_the_next_request_is_served(
    tmp_path: Path,
) -> None:
    with serve_fake(numbers_responder, latency=3.0) as slow:
        settings = _llm_settings(slow, tmp_path, max_retries=0, deadline=1.0, workers=1)
        with _client(create_app(settings)) as test_client:
            started = time.monotonic()
            late = test_client.post("/v1/extract", json={"text": _SHORT})
            seconds = time.monotonic() - started
            rules = test_client.post("/v1/extract", json={"text": _SHORT, "backend": "rules"})
    _assert_error_shape(late, 504, "deadline_exceeded")
    assert "LABORLENS_DEADLINE" in late.json()["error"]["message"]
    assert seconds < 2.9  # stopped at the deadline, not when the model answered
    assert rules.status_code == 200  # a fresh worker took the killed one's place

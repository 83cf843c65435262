"""The fake OpenAI server: answer shapes per mode, scripted replies, counting, latency."""

import asyncio
import json
import socket
import time
from typing import Any

import httpx2
import pytest

from service.fake.replies import Reply
from service.fake.server import (
    FakeProcess,
    FakeServer,
    FakeStats,
    listen_on,
    numbers_responder,
    serve_fake,
    serve_fake_process,
)
from service.prompts import build_user_message

DRAFT = {
    "statistics": [],
    "events": [{"type": "meeting", "evidence": "召开会议", "summary": "开会"}],
}
MESSAGES = [
    {"role": "user", "content": build_user_message([(1, "吸引 1000 余名求职者，约30名留下", None)])}
]
TOOL = {"type": "function", "function": {"name": "ChunkDraft", "parameters": {}}}


def _post(server: FakeServer | FakeProcess, **body: Any) -> httpx2.Response:
    payload = {"model": "m", "messages": MESSAGES, **body}
    return httpx2.post(f"{server.base_url}/chat/completions", json=payload, timeout=10)


@pytest.fixture
def drafting() -> Any:
    with serve_fake(lambda _body: DRAFT) as server:
        yield server


def test_tools_mode_answers_with_a_call_to_the_requested_tool(drafting: FakeServer) -> None:
    message = _post(drafting, tools=[TOOL]).json()["choices"][0]["message"]
    [call] = message["tool_calls"]
    assert call["function"]["name"] == "ChunkDraft"
    assert json.loads(call["function"]["arguments"]) == DRAFT


@pytest.mark.parametrize("kind", ["json_schema", "json_object"])
def test_json_modes_answer_with_json_content(drafting: FakeServer, kind: str) -> None:
    answer = _post(drafting, response_format={"type": kind}).json()
    assert json.loads(answer["choices"][0]["message"]["content"]) == DRAFT


def test_md_json_mode_fences_the_json(drafting: FakeServer) -> None:
    content = _post(drafting).json()["choices"][0]["message"]["content"]
    assert content.startswith("```json\n")
    assert content.endswith("\n```")
    assert json.loads(content.removeprefix("```json\n").removesuffix("\n```")) == DRAFT


def test_usage_is_about_one_token_per_two_characters(drafting: FakeServer) -> None:
    usage = _post(drafting, tools=[TOOL]).json()["usage"]
    asked = {"messages": MESSAGES, "tools": [TOOL], "response_format": None}
    compact = json.dumps(asked, ensure_ascii=False, separators=(",", ":"))
    assert usage["prompt_tokens"] == len(compact) // 2
    assert usage["completion_tokens"] == len(json.dumps(DRAFT, ensure_ascii=False)) // 2
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert drafting.tokens["total_tokens"] == usage["total_tokens"]


def test_exchanges_record_each_answered_request_with_its_answer(drafting: FakeServer) -> None:
    _post(drafting, tools=[TOOL])
    drafting.script(Reply(status=500))
    _post(drafting)  # an error answer carries no usage and is no exchange
    [exchange] = drafting.exchanges()
    assert exchange["request"]["tools"] == [TOOL]
    assert json.loads(exchange["answer"]) == DRAFT
    over_http = httpx2.get(drafting.base_url.removesuffix("/v1") + "/_fake/exchanges", timeout=10)
    assert over_http.json() == [exchange]


def test_scripted_replies_come_first_then_the_responder(drafting: FakeServer) -> None:
    drafting.script(
        Reply(status=429, headers={"Retry-After": "0"}),
        Reply(raw='{"statistics": ['),
        Reply(refusal="no"),
    )
    limited = _post(drafting, response_format={"type": "json_object"})
    assert (limited.status_code, limited.headers["retry-after"]) == (429, "0")
    assert limited.json()["error"]["type"] == "rate_limit_error"
    truncated = _post(drafting, response_format={"type": "json_object"}).json()
    assert truncated["choices"][0]["message"]["content"] == '{"statistics": ['
    refused = _post(drafting, tools=[TOOL]).json()["choices"][0]["message"]
    assert (refused["refusal"], refused["content"]) == ("no", None)
    normal = _post(drafting, response_format={"type": "json_object"}).json()
    assert json.loads(normal["choices"][0]["message"]["content"]) == DRAFT


def test_requests_are_counted_per_path(drafting: FakeServer) -> None:
    _post(drafting)
    models = httpx2.get(f"{drafting.base_url}/models", timeout=10).json()
    assert models["data"][0]["id"]
    assert drafting.requests == 2
    assert drafting.requests_by_path == {"/v1/chat/completions": 1, "/v1/models": 1}
    assert drafting.bodies[0]["messages"] == MESSAGES


def test_latency_overlaps_across_concurrent_requests() -> None:
    async def burst(server: FakeServer) -> None:
        async with httpx2.AsyncClient(timeout=10) as client:
            url = f"{server.base_url}/chat/completions"
            body = {"model": "m", "messages": MESSAGES}
            await asyncio.gather(*(client.post(url, json=body) for _ in range(32)))

    with serve_fake(latency=0.5) as server:
        started = time.monotonic()
        asyncio.run(burst(server))
        elapsed = time.monotonic() - started
    assert server.requests == 32
    assert server.max_in_flight == 32
    assert elapsed >= 0.5  # the latency was applied; max_in_flight shows it overlapped


def test_numbers_responder_quotes_clauses_with_numbers() -> None:
    draft = numbers_responder({"messages": MESSAGES})
    assert [(s["evidence"], s["quantity"]) for s in draft["statistics"]] == [
        ("吸引 1000 余名求职者", "1000 余名"),
        ("约30名留下", "约30名"),
    ]


def test_a_fake_in_its_own_process_answers_and_reports_its_counters() -> None:
    async def burst(base_url: str) -> None:
        async with httpx2.AsyncClient(timeout=10) as client:
            url = f"{base_url}/chat/completions"
            body = {"model": "m", "messages": MESSAGES, "tools": [TOOL]}
            await asyncio.gather(*(client.post(url, json=body) for _ in range(4)))

    with serve_fake_process(
        "tests.fake.test_fake_openai:drafting_responder", latency=0.2
    ) as server:
        assert server.stats() == FakeStats(0, 0, 0, 0)
        asyncio.run(burst(server.base_url))
        answer = _post(server, tools=[TOOL]).json()
        stats = server.stats()
    [call] = answer["choices"][0]["message"]["tool_calls"]
    assert json.loads(call["function"]["arguments"]) == DRAFT  # the responder named on the CLI
    assert (stats.requests, stats.max_in_flight) == (5, 4)
    assert stats.prompt_tokens == 5 * answer["usage"]["prompt_tokens"]
    assert stats.completion_tokens == 5 * answer["usage"]["completion_tokens"]


def drafting_responder(body: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG001
    """DRAFT, whatever is asked; imported by the fake's child process by name."""
    return DRAFT


def test_connections_to_the_fake_have_nagle_off() -> None:
    # With Nagle on, each answer's body waited ~40 ms for the client's delayed ACK.
    with listen_on(0) as listening, socket.create_connection(listening.getsockname()):
        accepted, _ = listening.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_a_fake_process_reports_the_cpu_it_used() -> None:
    with serve_fake_process(latency=0.0) as server:
        before = server.cpu_seconds()
        for _ in range(20):
            httpx2.post(
                f"{server.base_url}/chat/completions",
                json={"model": "m", "messages": MESSAGES},
                timeout=10,
            ).raise_for_status()
        assert server.cpu_seconds() > before

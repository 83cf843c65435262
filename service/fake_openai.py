"""A local OpenAI-compatible server for tests, benchmarks and the README demo.

It answers `POST /v1/chat/completions` in whichever structured-output mode the request uses:
tools (a tool call named after the request's tool), json_schema and json (JSON content), and
md_json (JSON fenced in ```json). What it answers comes from a responder, request body ->
ChunkDraft-shaped dict; tests can queue scripted `Reply`s (a 429 with Retry-After, a 500, a
schema-violating answer, a refusal, a truncated answer) that are served first, in order.

Usage tokens are approximate: one token per two characters of the request's messages, tools
and response_format as compact JSON, and one per two characters of the answer.

    with serve_fake(latency=0.5) as server:
        client = openai.AsyncOpenAI(base_url=server.base_url, api_key="unused")

Run by hand: `python -m service.fake_openai --port 8001 --latency 0.2`.
"""

import argparse
import asyncio
import json
import re
import socket
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from service.prompts import chunk_text_from_messages

Responder = Callable[[dict[str, Any]], dict[str, Any]]
FAKE_MODEL = "fake-model"
_STARTUP_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Reply:
    """One scripted answer. `status` >= 400 sends an OpenAI-style error body with `headers`.

    Otherwise the answer is `raw` (sent as the tool arguments or content, byte for byte, e.g.
    truncated JSON), else `payload` serialised as JSON, else whatever the responder says.
    `refusal` answers with a refusal and no content.
    """

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    payload: Mapping[str, Any] | None = None
    raw: str | None = None
    finish_reason: str = "stop"
    refusal: str | None = None


def empty_responder(body: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG001
    """Finds nothing: an empty ChunkDraft."""
    return {"statistics": [], "events": []}


# A number, an optional 万/亿, an optional over-hedge, then a unit; hedges before it are kept.
_QUANTITY = re.compile(
    r"(?:约|近|超过|逾)?\d+(?:\.\d+)?\s?[万亿]?[余多]?\s?(?:名|人次|人|元|家|个|%)"
)
_CLAUSE_END = re.compile(r"[，。；！？\n]")


def numbers_responder(body: dict[str, Any]) -> dict[str, Any]:
    """Quotes every clause of the chunk that holds an Arabic number with a unit (demo quality)."""
    statistics = []
    for clause in _CLAUSE_END.split(chunk_text_from_messages(body.get("messages", []))):
        for match in _QUANTITY.finditer(clause):
            statistics.append({"evidence": clause, "quantity": match.group(), "metric": clause})
    return {"statistics": statistics, "events": []}


class FakeServer:
    """State of one fake server: where it listens, what it was asked, what it will answer."""

    def __init__(self, responder: Responder, *, latency: float = 0.0) -> None:
        self.responder = responder
        self.latency = latency
        self.base_url = ""  # set once listening: http://127.0.0.1:<port>/v1
        self.requests_by_path: Counter[str] = Counter()
        self.bodies: list[dict[str, Any]] = []  # chat completion request bodies, in order
        self.tokens: Counter[str] = Counter()  # usage sent back, summed over answers
        self.in_flight = 0
        self.max_in_flight = 0  # most chat requests being answered at once
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()

    @property
    def requests(self) -> int:
        """HTTP requests received, all paths."""
        return self.requests_by_path.total()

    def script(self, *replies: Reply) -> None:
        """Queue replies served before the responder is asked, one per chat request."""
        with self._lock:
            self._queue.extend(replies)

    def next_reply(self, body: dict[str, Any]) -> Reply:  # noqa: ARG002
        """The reply for this request: the next scripted one, else the responder's answer.

        Seeded fault modes hook in here: draw a Reply from the body and the request count.
        """
        with self._lock:
            return self._queue.popleft() if self._queue else Reply()

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/v1/models", self._models, methods=["GET"]),
            ]
        )

    async def _models(self, request: Request) -> Response:
        self.requests_by_path[request.url.path] += 1
        return JSONResponse({"object": "list", "data": [_model_card(FAKE_MODEL)]})

    async def _chat(self, request: Request) -> Response:
        self.requests_by_path[request.url.path] += 1
        body = await request.json()
        self.bodies.append(body)
        reply = self.next_reply(body)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
        finally:
            self.in_flight -= 1
        if reply.status >= 400:
            return _error_response(reply)
        if reply.raw is not None:
            answer = reply.raw
        else:
            payload = reply.payload if reply.payload is not None else self.responder(body)
            answer = json.dumps(payload, ensure_ascii=False)
        completion = _completion(body, answer, reply)
        self.tokens.update(completion["usage"])
        return JSONResponse(completion, headers=dict(reply.headers))


def _model_card(name: str) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": 0, "owned_by": "laborlens"}


def _error_response(reply: Reply) -> Response:
    kind = "rate_limit_error" if reply.status == 429 else "server_error"
    error = {"message": f"fake error {reply.status}", "type": kind, "param": None, "code": None}
    return JSONResponse({"error": error}, status_code=reply.status, headers=dict(reply.headers))


def _message(body: dict[str, Any], answer: str, reply: Reply) -> dict[str, Any]:
    """The assistant message carrying `answer` in the request's structured-output mode."""
    if reply.refusal is not None:
        return {"role": "assistant", "content": None, "refusal": reply.refusal}
    tools = body.get("tools")
    if tools:
        call = {
            "id": f"call_{uuid.uuid4().hex[:12]}",
            "type": "function",
            "function": {"name": tools[0]["function"]["name"], "arguments": answer},
        }
        return {"role": "assistant", "content": None, "tool_calls": [call]}
    if (body.get("response_format") or {}).get("type") in {"json_schema", "json_object"}:
        return {"role": "assistant", "content": answer}
    return {"role": "assistant", "content": f"```json\n{answer}\n```"}


def _completion(body: dict[str, Any], answer: str, reply: Reply) -> dict[str, Any]:
    message = _message(body, answer, reply)
    asked = {key: body.get(key) for key in ("messages", "tools", "response_format")}
    prompt_tokens = len(json.dumps(asked, ensure_ascii=False, separators=(",", ":"))) // 2
    completion_tokens = max(1, len(answer) // 2)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model") or FAKE_MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


@contextmanager
def serve_fake(
    responder: Responder = empty_responder, *, latency: float = 0.0, port: int = 0
) -> Iterator[FakeServer]:
    """Run a FakeServer on 127.0.0.1 (a free port unless `port` is given) in a thread."""
    fake = FakeServer(responder, latency=latency)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    fake.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    config = uvicorn.Config(fake.app(), log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        _wait_started(server, thread)
        yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=_STARTUP_SECONDS)
        sock.close()


def _wait_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("fake OpenAI server did not start")
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> None:
    """Serve the fake in the foreground until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per answer")
    parser.add_argument("--empty", action="store_true", help="answer nothing found")
    args = parser.parse_args(argv)
    responder = empty_responder if args.empty else numbers_responder
    fake = FakeServer(responder, latency=args.latency)
    uvicorn.run(fake.app(), host="127.0.0.1", port=args.port, log_level="info")


if __name__ == "__main__":
    main()

"""A local OpenAI-compatible server for tests, benchmarks and the README demo.

It answers `POST /v1/chat/completions` in whichever structured-output mode the request uses:
tools (a tool call named after the request's tool), json_schema and json (JSON content), and
md_json (JSON fenced in ```json). What it answers comes from a responder, request body ->
ChunkDraft-shaped dict; tests can queue scripted `Reply`s (a 429 with Retry-After, a 500, a
schema-violating answer, a refusal, a truncated answer) that are served first, in order.

A `FaultPlan` injects faults after the script runs out: each mode has a probability, and the
draw for a request depends only on the seed, the chunk text and how many times that chunk was
asked before, so the same plan hits the same chunk attempts however requests interleave.
`Reply` and `FaultPlan` live in `service.fake.replies`; this module turns them into HTTP.

Usage tokens are approximate (`service.tokens`): one token per two characters of the request's
tools, response_format and messages as compact JSON, and one per two characters of the answer.
`prompt_tokens_details.cached_tokens` simulates a provider's prefix cache: the longest start the
prompt shares with any earlier one, in the same estimate.

    with serve_fake(latency=0.5) as server:
        client = openai.AsyncOpenAI(base_url=server.base_url, api_key="unused")

Run by hand: `python -m service.fake.server --port 8001 --latency 0.2 --seed 7 --p429 0.1`.
It prints its base URL on the first line of stdout (`--port 0` picks a free port), and
`GET /_fake/stats` reports what it was asked (`GET /_fake/exchanges`: every answered request
with its answer). `serve_fake_process` runs it that way, in a
process of its own, so that a client measured against it never shares a GIL with the server
(benchmarks):

    with serve_fake_process("benchmarks.formats:both_formats", latency=0.5) as server:
        ...  # server.base_url, server.stats().max_in_flight
"""

import argparse
import asyncio
import dataclasses
import importlib
import json
import logging
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from service.fake.replies import FAULT_MODES, FaultPlan, Reply
from service.prompts import chunk_text_from_messages, passages_from_messages
from service.tokens import PrefixCache, completion_tokens, prompt_tokens

Responder = Callable[[dict[str, Any]], dict[str, Any]]
FAKE_MODEL = "fake-model"
_STARTUP_SECONDS = 10.0
_STATS_PATH = "/_fake/stats"
_EXCHANGES_PATH = "/_fake/exchanges"
_BACKLOG = 2048  # uvicorn's default
_RESET_BODY = b'{"id": "chatcmpl-'  # then the connection closes short of its Content-Length


def empty_responder(body: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG001
    """Finds nothing: an empty ChunkDraft."""
    return {"statistics": [], "events": []}


# A number, an optional 万/亿, an optional over-hedge, then a unit; hedges before it are kept.
_QUANTITY = re.compile(
    r"(?:约|近|超过|逾)?\d+(?:\.\d+)?\s?[万亿]?[余多]?\s?(?:名|人次|人|元|家|个|%)"
)
_CLAUSE_END = re.compile(r"[，。；！？\n]")


def numbers_responder(body: dict[str, Any]) -> dict[str, Any]:
    """Quotes every clause of each passage that holds an Arabic number with a unit, naming the
    passage's article (demo quality)."""
    statistics = []
    for number, text in passages_from_messages(body.get("messages", [])):
        for clause in _CLAUSE_END.split(text):
            statistics += [
                {"article": number, "evidence": clause, "quantity": m.group(), "metric": clause}
                for m in _QUANTITY.finditer(clause)
            ]
    return {"statistics": statistics, "events": []}


@dataclass(frozen=True, slots=True)
class FakeStats:
    """What a fake server was asked so far, and the usage it answered with."""

    requests: int  # HTTP requests, all paths (the stats endpoint not counted)
    max_in_flight: int  # most chat requests being answered at once
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0  # of prompt_tokens, the part a provider's prefix cache would serve


class FakeServer:
    """State of one fake server: where it listens, what it was asked, what it will answer."""

    def __init__(
        self, responder: Responder, *, latency: float = 0.0, faults: FaultPlan | None = None
    ) -> None:
        self.responder = responder
        self.latency = latency
        self.faults = faults
        self.faults_served: Counter[str] = Counter()  # fault mode -> times served
        self._asked: Counter[str] = Counter()  # chunk text -> chat requests carrying it
        self.base_url = ""  # set once listening: http://127.0.0.1:<port>/v1
        self.requests_by_path: Counter[str] = Counter()
        self.bodies: list[dict[str, Any]] = []  # chat completion request bodies, in order
        # Each answered chat request with the answer it got, for counting with real tokenizers.
        self._exchanges: list[dict[str, Any]] = []
        self.tokens: Counter[str] = Counter()  # usage sent back, summed over answers
        self.prefixes = PrefixCache()  # prompts answered so far, for cached_tokens
        self.in_flight = 0
        self.max_in_flight = 0  # most chat requests being answered at once
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()

    @property
    def requests(self) -> int:
        """HTTP requests received, all paths."""
        return self.requests_by_path.total()

    def stats(self) -> FakeStats:
        """A snapshot of the counters."""
        return FakeStats(
            requests=self.requests,
            max_in_flight=self.max_in_flight,
            prompt_tokens=self.tokens["prompt_tokens"],
            completion_tokens=self.tokens["completion_tokens"],
            cached_tokens=self.tokens["cached_tokens"],
        )

    def script(self, *replies: Reply) -> None:
        """Queue replies served before the responder is asked, one per chat request."""
        with self._lock:
            self._queue.extend(replies)

    def next_reply(self, body: dict[str, Any]) -> Reply:
        """The reply for this request: the next scripted one, else a seeded fault, else the
        responder's answer."""
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            if self.faults is None:
                return Reply()
            chunk = chunk_text_from_messages(body.get("messages", []))
            attempt = self._asked[chunk]
            self._asked[chunk] += 1
            mode = self.faults.draw(f"{attempt}\x00{chunk}")
            if mode is None:
                return Reply()
            self.faults_served[mode] += 1
            return self.faults.reply(mode)

    def app(self) -> Starlette:
        _quiet_uvicorn_about_resets()
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/v1/models", self._models, methods=["GET"]),
                Route(_STATS_PATH, self._stats, methods=["GET"]),
                Route(_EXCHANGES_PATH, self._serve_exchanges, methods=["GET"]),
            ]
        )

    async def _stats(self, request: Request) -> Response:  # noqa: ARG002
        return JSONResponse(dataclasses.asdict(self.stats()))

    def exchanges(self) -> list[dict[str, Any]]:
        """Every answered chat request so far, `{"request": body, "answer": text}`, in order."""
        return list(self._exchanges)

    async def _serve_exchanges(self, request: Request) -> Response:  # noqa: ARG002
        return JSONResponse(self._exchanges)

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
            if self.latency or reply.delay:
                await asyncio.sleep(self.latency + reply.delay)
        finally:
            self.in_flight -= 1
        if reply.status >= 400:
            return _error_response(reply)
        if reply.reset:
            return _ResetResponse()
        if reply.delay and await request.is_disconnected():
            return Response(status_code=499)  # nobody is listening; no usage to count
        if reply.raw is not None:
            answer = reply.raw
        else:
            payload = reply.payload if reply.payload is not None else self.responder(body)
            answer = json.dumps(payload, ensure_ascii=False)
        if reply.cut:
            answer = answer[: len(answer) // 2]
        completion = _completion(body, answer, reply, cached=self.prefixes.cached_tokens(body))
        self._exchanges.append({"request": body, "answer": answer})
        usage = completion["usage"]
        self.tokens.update({k: v for k, v in usage.items() if isinstance(v, int)})
        self.tokens["cached_tokens"] += usage["prompt_tokens_details"]["cached_tokens"]
        return JSONResponse(completion, headers=dict(reply.headers))


class _ResetResponse(Response):
    """Headers promising more body than is sent: uvicorn drops the connection mid-response,
    which the client sees as a broken connection (httpx RemoteProtocolError)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: ARG002
        headers = [(b"content-type", b"application/json"), (b"content-length", b"4096")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": _RESET_BODY, "more_body": False})


class _DropInjectedResets(logging.Filter):
    """uvicorn logs each reset we inject as an ASGI exception with a traceback; drop those."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        # h11's LocalProtocolError, matched by name: h11 is uvicorn's dependency, not ours.
        injected = type(error).__name__ == "LocalProtocolError" and "Content-Length" in str(error)
        return not injected


def _quiet_uvicorn_about_resets() -> None:
    error_logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DropInjectedResets) for f in error_logger.filters):
        error_logger.addFilter(_DropInjectedResets())


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
    if answer == "":
        return {"role": "assistant", "content": ""}
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


def _completion(body: dict[str, Any], answer: str, reply: Reply, *, cached: int) -> dict[str, Any]:
    message = _message(body, answer, reply)
    prompt, completion = prompt_tokens(body), completion_tokens(answer)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model") or FAKE_MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": min(cached, prompt)},
        },
    }


@contextmanager
def serve_fake(
    responder: Responder = empty_responder,
    *,
    latency: float = 0.0,
    port: int = 0,
    faults: FaultPlan | None = None,
) -> Iterator[FakeServer]:
    """Run a FakeServer on 127.0.0.1 (a free port unless `port` is given) in a thread."""
    fake = FakeServer(responder, latency=latency, faults=faults)
    sock = _listen(fake, port)
    server = uvicorn.Server(_quiet_config(fake))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        _wait_started(server, thread)
        yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=_STARTUP_SECONDS)
        sock.close()


def listen_on(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1:`port` (0: a free one) whose connections send at once.

    uvicorn writes a response's headers and body separately; with Nagle's algorithm on, the
    body waits for the client's delayed ACK of the headers, about 40 ms a request on Linux.
    asyncio turns Nagle off only on sockets created with proto IPPROTO_TCP (a plain
    socket(AF_INET, SOCK_STREAM) has proto 0), and accepted sockets inherit TCP_NODELAY from
    the listening one, so both are set here.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(_BACKLOG)  # from now on a client waits in the backlog instead of being refused
    return sock


def _listen(fake: FakeServer, port: int) -> socket.socket:
    """`listen_on(port)`, and `fake.base_url` set to it."""
    sock = listen_on(port)
    fake.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    return sock


def _quiet_config(fake: FakeServer) -> uvicorn.Config:
    return uvicorn.Config(fake.app(), log_level="warning", lifespan="off", access_log=False)


class FakeProcess:
    """A fake server running in a child process (see `serve_fake_process`)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def stats(self) -> FakeStats:
        """The child's counters, asked over HTTP."""
        url = self.base_url.removesuffix("/v1") + _STATS_PATH
        with urllib.request.urlopen(url, timeout=_STARTUP_SECONDS) as answer:
            return FakeStats(**json.load(answer))

    def exchanges(self) -> list[dict[str, Any]]:
        """Every answered chat request so far, `{"request": body, "answer": text}`, in order."""
        url = self.base_url.removesuffix("/v1") + _EXCHANGES_PATH
        with urllib.request.urlopen(url, timeout=_STARTUP_SECONDS) as answer:
            exchanges: list[dict[str, Any]] = json.load(answer)
            return exchanges


@contextmanager
def serve_fake_process(
    responder: str = "service.fake.server:numbers_responder", *, latency: float = 0.0
) -> Iterator[FakeProcess]:
    """Run `python -m service.fake.server` on a free port in a child process; `responder` is
    "module:function", imported by the child (which starts in this process's directory)."""
    argv = [sys.executable, "-m", "service.fake.server", "--port", "0", "--quiet"]
    argv += ["--latency", str(latency), "--responder", responder]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    try:
        first_line = child.stdout.readline() if child.stdout else ""
        if not first_line.strip():
            raise RuntimeError(f"fake OpenAI server did not start (exit code {child.poll()})")
        yield FakeProcess(first_line.split()[-1])
    finally:
        child.terminate()
        child.wait(timeout=_STARTUP_SECONDS)
        if child.stdout:
            child.stdout.close()


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
    parser.add_argument("--nothing", action="store_true", help="answer nothing found")
    parser.add_argument(
        "--responder",
        default="service.fake.server:numbers_responder",
        help="what to answer: module:function, request body -> ChunkDraft-shaped dict",
    )
    parser.add_argument("--quiet", action="store_true", help="log warnings only, no access log")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault draws")
    for mode in FAULT_MODES:
        parser.add_argument(f"--{mode}", type=float, default=0.0, help=f"probability of {mode}")
    parser.add_argument("--retry-after-ms", type=int, default=10)
    parser.add_argument("--timeout-seconds", type=float, default=2.0, help="stall of a timeout")
    args = parser.parse_args(argv)
    values = {f.name: getattr(args, f.name) for f in fields(FaultPlan)}
    faults = FaultPlan(**values) if any(getattr(args, m) for m in FAULT_MODES) else None
    responder = empty_responder if args.nothing else _import_responder(args.responder)
    fake = FakeServer(responder, latency=args.latency, faults=faults)
    sock = _listen(fake, args.port)
    print(f"fake OpenAI server on {fake.base_url}", flush=True)  # noqa: T201  parents read it
    config = _quiet_config(fake) if args.quiet else uvicorn.Config(fake.app(), lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


def _import_responder(spec: str) -> Responder:
    module, _, name = spec.partition(":")
    responder: Responder = getattr(importlib.import_module(module), name)
    return responder


if __name__ == "__main__":
    main()

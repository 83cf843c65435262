"""A local OpenAI-compatible server for tests, benchmarks and the README demo.

It answers `POST /v1/chat/completions` in whichever structured-output mode the request uses:
tools (a tool call named after the request's tool), json_schema and json (JSON content), and
md_json (JSON fenced in ```json). What it answers comes from a responder, request body ->
ChunkDraft-shaped dict; tests can queue scripted `Reply`s (a 429 with Retry-After, a 500, a
schema-violating answer, a refusal, a truncated answer) that are served first, in order.

A `FaultPlan` injects faults after the script runs out: each mode has a probability, and the
draw for a request depends only on the seed, the chunk text and how many times that chunk was
asked before, so the same plan hits the same chunk attempts however requests interleave.
`Reply` and `FaultPlan` live in `service.fake.replies`; `service.fake.wire` shapes the HTTP.

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
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from service.fake.process import FakeProcess, serve_fake_process
from service.fake.replies import FAULT_MODES, FaultPlan, Reply
from service.fake.responders import Responder, empty_responder, numbers_responder
from service.fake.wire import (
    EXCHANGES_PATH,
    FAKE_MODEL,
    STATS_PATH,
    FakeStats,
    ResetResponse,
    completion,
    error_response,
    model_card,
    quiet_uvicorn_about_resets,
)
from service.prompts import chunk_text_from_messages
from service.tokens import PrefixCache, chars_tokens, prompt_text

# The fake's public face stays importable from here, as before the split.
__all__ = [
    "FAKE_MODEL", "FakeProcess", "FakeServer", "FakeStats", "Responder", "empty_responder",
    "listen_on", "numbers_responder", "serve_fake", "serve_fake_process",
]  # fmt: skip

_STARTUP_SECONDS = 10.0
_BACKLOG = 2048  # uvicorn's default


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
        self.arrived: list[float] = []  # time.monotonic() as each chat request came in
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
        quiet_uvicorn_about_resets()
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/v1/models", self._models, methods=["GET"]),
                Route(STATS_PATH, self._stats, methods=["GET"]),
                Route(EXCHANGES_PATH, self._serve_exchanges, methods=["GET"]),
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
        return JSONResponse({"object": "list", "data": [model_card(FAKE_MODEL)]})

    async def _chat(self, request: Request) -> Response:
        self.requests_by_path[request.url.path] += 1
        body = await request.json()
        self.bodies.append(body)
        self.arrived.append(time.monotonic())
        reply = self.next_reply(body)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency or reply.delay:
                await asyncio.sleep(self.latency + reply.delay)
        finally:
            self.in_flight -= 1
        if reply.status >= 400:
            return error_response(reply)
        if reply.reset:
            return ResetResponse()
        if reply.delay and await request.is_disconnected():
            return Response(status_code=499)  # nobody is listening; no usage to count
        answer = reply.answer(lambda: self.responder(body))
        prompt = prompt_text(body)  # rendered once: the prompt's tokens and the cached part
        cached = chars_tokens(self.prefixes.shared_prefix(prompt))
        answered = completion(body, answer, reply, prompt=chars_tokens(len(prompt)), cached=cached)
        self._exchanges.append({"request": body, "answer": answer})
        usage = answered["usage"]
        self.tokens.update({k: v for k, v in usage.items() if isinstance(v, int)})
        self.tokens["cached_tokens"] += usage["prompt_tokens_details"]["cached_tokens"]
        return JSONResponse(answered, headers=dict(reply.headers))


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

"""The recorded fake server, in its own process: the fake OpenAI server under the soak's fault
plan, logging one JSON line per chat request (arrival and answer times, the run that asked, the
chunk asked about, the fault served, Retry-After sent, usage).

    python -m benchmarks.soak.server LOG [--seed S]   # prints its port first, serves until killed
"""

import argparse
import json
import subprocess
import sys
import time
import urllib.request
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from benchmarks.soak.config import FAULTS, LATENCY, RETRY_AFTER_MS, ROOT, STALL, USAGE_TOKENS
from benchmarks.soak.folder import Folder, tail
from service.fake.replies import FaultPlan, Reply
from service.fake.server import FakeServer, listen_on, numbers_responder
from service.prompts import passages_from_messages

_STARTUP_SECONDS = 20.0
_RECORD: ContextVar[dict[str, Any] | None] = ContextVar("soak_record", default=None)


class _RecordingFake(FakeServer):
    """The fake server, noting in the current request's record the chunk and the fault."""

    def next_reply(self, body: dict[str, Any]) -> Reply:
        before = self.faults_served.copy()
        reply = super().next_reply(body)
        record = _RECORD.get()
        if record is not None:
            # A packed request's passages stand apart in its document, so the first one (whole
            # sentences with their marks) is what ties the request to the document.
            passages = passages_from_messages(body.get("messages", []))
            record["chunk"] = "\n".join(text for _, text in passages)
            record["passage"] = passages[0][1] if passages else ""
            record["mode"] = next(iter(self.faults_served - before), None)
        return reply


class _Recorder:
    """ASGI middleware: one JSON line per chat request, written once it has been answered."""

    def __init__(self, app: ASGIApp, log: IO[str]) -> None:
        self._app = app
        self._log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/chat/completions"):
            await self._app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        run = headers.get(b"authorization", b"").decode().rpartition("soak-run-")[2]
        record: dict[str, Any] = {"run": run, "arrived": time.monotonic(), "mode": None}
        body = bytearray()

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                record["answered"] = time.monotonic()  # before the client can read it
                record["status"] = message["status"]
                sent = dict(message.get("headers", []))
                record["retry_after_ms"] = int(sent.get(b"retry-after-ms", b"0"))
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
            await send(message)

        token = _RECORD.set(record)
        try:
            await self._app(scope, receive, recording_send)
        finally:
            _RECORD.reset(token)
            record["usage"] = _usage(bytes(body)) if record.get("status") == 200 else {}
            self._log.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._log.flush()


def _usage(body: bytes) -> dict[str, int]:
    try:
        usage = json.loads(body)["usage"]
    except (ValueError, KeyError, TypeError):  # a reset sends a torn body and no usage
        return {}
    return {key: int(usage[key]) for key in USAGE_TOKENS}


def serve(log_path: Path, seed: int) -> None:
    """Serve the recording fake on a free loopback port, printed first, until terminated."""
    plan = FaultPlan(seed=seed, retry_after_ms=RETRY_AFTER_MS, timeout_seconds=STALL, **FAULTS)
    fake = _RecordingFake(numbers_responder, latency=LATENCY, faults=plan)
    sock = listen_on(0)  # TCP_NODELAY: no 40 ms delayed-ACK stall per answer
    with log_path.open("a", encoding="utf-8") as log:
        app = _Recorder(fake.app(), log)
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        print(sock.getsockname()[1], flush=True)
        uvicorn.Server(config).run(sockets=[sock])


def start_server(folder: Folder, seed: int) -> tuple[subprocess.Popen[str], str]:
    """The server process, logging to `folder`, and its base URL, once it answers."""
    command = [sys.executable, "-m", "benchmarks.soak.server", str(folder.server_log)]
    command += ["--seed", str(seed)]
    with folder.server_errors.open("w") as errors:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True
        )
    try:
        port = process.stdout.readline().strip() if process.stdout else ""
        base_url = f"http://127.0.0.1:{int(port)}/v1"
        _wait_answering(base_url, process)
    except (ValueError, RuntimeError):
        process.kill()
        process.wait()
        raise RuntimeError(f"the fake server did not start: {tail(folder.server_errors)}") from None
    return process, base_url


def _wait_answering(base_url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("no answer on /v1/models") from None
            time.sleep(0.05)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.soak.server", description="the soak's recorded fake server"
    )
    parser.add_argument("log", type=Path, help="where to append one JSON line per chat request")
    parser.add_argument("--seed", type=int, default=1, help="seed of the faults")
    args = parser.parse_args(argv)
    serve(args.log, args.seed)


if __name__ == "__main__":
    main()

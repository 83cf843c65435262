"""One extraction worker process of the HTTP service, and the messages it exchanges with
`service.http.pool` (one JSON line each way per job; no pickle).

    python -m service.http.worker      # started by the pool, never by hand

The first line on stdin is the server's settings (`Hello`), answered with `READY` once the
worker can take jobs (the deadline does not count its start); then each line is a `Job`,
answered by one `Reply` line on the original stdout (fd 1 is pointed at stderr, so a stray
print cannot break the protocol). Jobs run one at a time on one event loop, so the LLM backend
keeps its HTTP pool between jobs. The worker exits when stdin closes, and on Linux when the
server dies.
"""

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import sys
from typing import IO, Any

from pydantic import BaseModel, ConfigDict

from schemas.api import ErrorCode
from schemas.results import DocumentResult
from schemas.vocab import BackendName
from service.backends import build_backend
from service.cache import CachedBackend
from service.errors import ConfigError, InputError
from service.extract.base import Backend
from service.pipeline import run
from service.settings import Settings

logger = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
READY = b"ready\n"


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Hello(_Message):
    settings: dict[str, Any]  # Settings field values, secrets as plain text (a pipe, not a log)
    log_level: int


class Job(_Message):
    text: str
    published: str | None
    backend: BackendName


class Refusal(_Message):
    status: int
    code: ErrorCode
    message: str


class Reply(_Message):
    result: DocumentResult | None = None
    refusal: Refusal | None = None
    failure: str | None = None  # the exception's type: a bug, for a 500
    cache_fault: str | None = None  # why the chunk cache is off, while it is


def settings_message(settings: Settings, log_level: int) -> Hello:
    """The `Hello` that rebuilds `settings` in the worker."""
    values = settings.model_dump(mode="json")
    for name in ("api_key", "api_token"):
        secret = getattr(settings, name)
        values[name] = None if secret is None else secret.get_secret_value()
    return Hello(settings=values, log_level=log_level)


class _Worker:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._backends: dict[BackendName, Backend] = {}

    def answer(self, job: Job, loop: asyncio.Runner) -> Reply:
        try:
            backend = self._backend(job.backend)
            work = run(
                job.text,
                backend=backend,
                published=job.published,
                overlap=self._settings.chunk_overlap,
            )
            result = loop.run(work)
        except ConfigError:
            message = f"the {job.backend} backend is not configured on this server"
            return Reply(refusal=Refusal(status=422, code="backend_unavailable", message=message))
        except InputError as exc:
            return Reply(refusal=Refusal(status=422, code="empty_text", message=str(exc)))
        except Exception as exc:  # a bug: the server answers 500 and logs the type
            logger.debug("extraction failed", exc_info=True)
            return Reply(failure=type(exc).__name__)
        return Reply(result=result, cache_fault=self._cache_fault())

    def _backend(self, name: BackendName) -> Backend:
        if name not in self._backends:
            self._backends[name] = build_backend(self._settings, name=name)
        return self._backends[name]

    def _cache_fault(self) -> str | None:
        faults = [b.cache_fault for b in self._backends.values() if isinstance(b, CachedBackend)]
        return next((f for f in faults if f is not None), None)

    async def aclose(self) -> None:
        for backend in self._backends.values():
            await backend.aclose()


def _protocol_stdout() -> IO[bytes]:
    """The real stdout, for replies only; fd 1 and sys.stdout now write to stderr."""
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return replies


def _die_with_the_server() -> None:
    """Linux: SIGKILL this worker when the process that started it dies, even mid-job."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def main() -> None:
    replies = _protocol_stdout()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    _die_with_the_server()
    hello = Hello.model_validate_json(sys.stdin.buffer.readline())
    logging.basicConfig(level=hello.log_level, format="%(levelname)s %(name)s[worker]: %(message)s")
    worker = _Worker(Settings.model_validate(hello.settings))
    replies.write(READY)
    replies.flush()
    with asyncio.Runner() as loop:
        try:
            for line in sys.stdin.buffer:
                reply = worker.answer(Job.model_validate_json(line), loop)
                replies.write(reply.model_dump_json().encode("utf-8") + b"\n")
                replies.flush()
        finally:
            loop.run(worker.aclose())


if __name__ == "__main__":
    main()

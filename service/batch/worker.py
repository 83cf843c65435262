"""One worker of a cluster batch: documents in, output lines out. Plain Python, no Ray here.

`service.batch.cluster` runs this class as a Ray actor on each node. Its methods are
coroutines, so Ray gives each actor one asyncio loop and runs calls on it concurrently: every
worker has its own backend (its own async openai client, its own LLMConfig.concurrency limit,
its own cache connection), built on the worker from the driver's Settings, so the environment
is read once, on the driver.
"""

import asyncio
import os
import socket
from dataclasses import dataclass
from typing import Any

from schemas.vocab import BackendName
from service.backends import build_backend
from service.batch.document import process
from service.batch.source import Document
from service.extract.base import Backend
from service.settings import Settings


@dataclass(frozen=True, slots=True)
class WorkerSpec:
    """What every worker builds: the driver's settings and the backend it asked for."""

    settings: Settings
    backend: BackendName | None = None
    cache: bool = True


class Worker:
    """Builds its backend on first use and keeps it until `close`."""

    def __init__(self, spec: WorkerSpec) -> None:
        self._spec = spec
        self._backend: Backend | None = None

    def _built(self) -> Backend:
        if self._backend is None:
            spec = self._spec
            self._backend = build_backend(spec.settings, name=spec.backend, cache=spec.cache)
        return self._backend

    async def ready(self) -> str:
        """Build the backend (imports, cache connection) before any document is sent; where
        this worker runs, for the log."""
        self._built()
        return f"{socket.gethostname()} pid {os.getpid()}"

    async def process(self, documents: list[Document]) -> list[dict[str, Any]]:
        """Each document -> its line, all at once (the backend bounds the model calls), in the
        order of `documents`. They go back as JSON-ready dicts (`model_dump(mode="json")`): a
        seed's line pickles and unpickles in about a quarter of the time its model takes, and
        the driver validates each against schemas.batch again before it writes it."""
        backend, overlap = self._built(), self._spec.settings.chunk_overlap
        lines = await asyncio.gather(*(process(d, backend, overlap=overlap) for d in documents))
        return [line.model_dump(mode="json") for line in lines]

    async def close(self) -> None:
        if self._backend is not None:
            await self._backend.aclose()
            self._backend = None

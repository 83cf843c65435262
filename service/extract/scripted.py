"""A Backend whose answers come from a function, as httpx ships `MockTransport(handler)`: the
one test double for tests, benchmarks and demos, instead of the protocol written out by hand in
each. It keeps every request it was asked, in order. Pure.

>>> import asyncio
>>> backend = ScriptedBackend(lambda request: ChunkDraft(), chunk_chars=4000)
>>> outcome = asyncio.run(backend.extract(ChunkRequest.single(0, "招聘会吸引1000名求职者。")))
>>> (outcome.draft, outcome.error, len(backend.requests))
(ChunkDraft(statistics=[], events=[]), None, 1)
"""

import inspect
from collections.abc import Awaitable, Callable

from schemas.drafts import ChunkDraft
from schemas.results import BackendInfo
from service.extract.base import ChunkOutcome, ChunkRequest

Answer = ChunkOutcome | ChunkDraft
# What the backend answers a request with: drafts (no usage, no error) or a whole outcome,
# directly or awaited. A handler that raises plays a backend with a bug.
Handler = Callable[[ChunkRequest], Answer | Awaitable[Answer]]

SCRIPTED = BackendInfo(name="rules", model="scripted", prompt_version=None)


class ScriptedBackend:
    """Backend protocol over `handler`; `info` and `cache_key` (None: never cached) as given."""

    def __init__(
        self,
        handler: Handler,
        *,
        chunk_chars: int,
        info: BackendInfo = SCRIPTED,
        cache_key: Callable[[ChunkRequest], str | None] = lambda _request: None,
    ) -> None:
        self._handler = handler
        self._chunk_chars = chunk_chars
        self._info = info
        self._cache_key = cache_key
        self.requests: list[ChunkRequest] = []  # every request asked, in the order asked
        self.closed = False

    @property
    def info(self) -> BackendInfo:
        return self._info

    @property
    def chunk_chars(self) -> int:
        return self._chunk_chars

    def cache_key(self, request: ChunkRequest) -> str | None:
        return self._cache_key(request)

    async def extract(self, request: ChunkRequest) -> ChunkOutcome:
        self.requests.append(request)
        answer = self._handler(request)
        if inspect.isawaitable(answer):
            answer = await answer
        return answer if isinstance(answer, ChunkOutcome) else ChunkOutcome(draft=answer)

    async def aclose(self) -> None:
        self.closed = True

"""Admission to the HTTP service's extractions: at most `slots` run at once and at most
`slots * 4` more may wait; the next request is refused with 503 and Retry-After before its body
is read, so memory stays bounded by the queue, not by the clients.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from service.http.errors import RefusedError

_QUEUE_PER_SLOT = 4  # requests allowed to wait per running extraction before 503
_RETRY_AFTER_SECONDS = 2


class Admission:
    """A ticket to be served (refused when the queue is full), then a slot to run in."""

    def __init__(self, slots: int) -> None:
        self.running = asyncio.Semaphore(slots)
        self._admitted = 0
        self._limit = slots * (1 + _QUEUE_PER_SLOT)

    @asynccontextmanager
    async def ticket(self) -> AsyncIterator[None]:
        if self._admitted >= self._limit:
            retry = {"Retry-After": str(_RETRY_AFTER_SECONDS)}
            raise RefusedError(503, "overloaded", "too many requests waiting; retry later", retry)
        self._admitted += 1
        try:
            yield
        finally:
            self._admitted -= 1

"""A chunk cache that wraps any Backend and implements the same protocol.

    backend = CachedBackend(LLMBackend(config), ChunkStore(settings.cache_dir))

`CachedBackend` takes any `Store`: the diskcache `ChunkStore` in `service.cache_disk` (the
default), or the Redis store in `service.shared_cache` that every node of a cluster shares
(LABORLENS_CACHE_URL).

Values are JSON text of `ChunkDraft.model_dump(mode="json")`, never pickles. A value is
validated again on read, and one that no longer validates (the schema changed, the file was
damaged) is a miss. A store that fails is a miss too: the answer the model was paid for is
returned whether or not it could be stored.
"""

import logging
from types import TracebackType
from typing import Protocol, Self

from pydantic import ValidationError

from schemas.drafts import ChunkDraft
from schemas.results import BackendInfo, Usage
from service.extract.base import Backend, ChunkOutcome, ChunkRequest

logger = logging.getLogger(__name__)


class Store(Protocol):
    """Where drafts are kept by cache key: a miss, or a value that no longer validates, is None.
    `fault` says why the store is not working, while it is not (reads miss, writes drop)."""

    fault: str | None

    def get(self, key: str) -> ChunkDraft | None: ...

    def put(self, key: str, draft: ChunkDraft) -> None: ...

    def close(self) -> None: ...


def decode_draft(key: str, value: str | bytes) -> ChunkDraft | None:
    """A stored JSON value, validated again: one that no longer validates is a miss."""
    try:
        return ChunkDraft.model_validate_json(value)
    except ValidationError:
        logger.debug("cache value for %s no longer validates; treated as a miss", key)
        return None


class ClosingStore:
    """A store is a context manager that closes itself on the way out."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class CachedBackend:
    """`inner` with a cache in front: a hit costs no request; failed chunks are not stored.

    With `refresh`, every chunk goes to `inner` and the answer overwrites the stored one.
    """

    def __init__(self, inner: Backend, store: Store, *, refresh: bool = False) -> None:
        self._inner = inner
        self._store = store
        self._refresh = refresh

    @property
    def info(self) -> BackendInfo:
        return self._inner.info

    @property
    def chunk_chars(self) -> int:
        return self._inner.chunk_chars

    def cache_key(self, request: ChunkRequest) -> str | None:
        return self._inner.cache_key(request)

    async def extract(self, request: ChunkRequest) -> ChunkOutcome:
        key = self._inner.cache_key(request)
        if key is None:
            return await self._inner.extract(request)
        if not self._refresh:
            draft = self._read(key)
            if draft is not None:
                return ChunkOutcome(draft=draft, usage=Usage(cached_chunks=1))
        outcome = await self._inner.extract(request)
        if outcome.error is None:
            self._write(key, outcome.draft)
        return outcome

    @property
    def cache_fault(self) -> str | None:
        """Why the cache is not working, while it is not."""
        return self._store.fault

    def _read(self, key: str) -> ChunkDraft | None:
        try:
            return self._store.get(key)
        except Exception as exc:  # a store's own bug must cost a model call, not the request
            logger.warning("chunk cache read failed (%s); treated as a miss", type(exc).__name__)
            return None

    def _write(self, key: str, draft: ChunkDraft) -> None:
        try:
            self._store.put(key, draft)
        except Exception as exc:  # the answer was paid for: return it even if it is not kept
            logger.warning("chunk cache write failed (%s); answer not kept", type(exc).__name__)

    async def aclose(self) -> None:
        await self._inner.aclose()
        self._store.close()

"""A chunk store in Redis, chosen by LABORLENS_CACHE_URL=redis://…, so that every node of a
cluster hits what another stored.

Same keys as the diskcache `ChunkStore` (the backend's cache key), same values: JSON text of
`ChunkDraft.model_dump(mode="json")`, validated again on read; a value that no longer validates
is a miss. Redis being unreachable at start is a ConfigError; later, a failed read is a miss and
a failed write is dropped, each logged once per store, because a cache that is down must cost
model calls, never documents.

The calls are blocking: one GET or SET on a nearby Redis takes well under a millisecond,
against hundreds of milliseconds for the model call it saves, so an async client would buy
nothing measurable here.
"""

import logging
from urllib.parse import urlsplit

import redis

from schemas.drafts import ChunkDraft
from service.cache import ClosingStore, decode_draft
from service.errors import ConfigError

logger = logging.getLogger(__name__)

_SOCKET_SECONDS = 5.0


def describe_url(url: str) -> str:
    """The URL without its password, for messages.

    >>> describe_url("redis://:s3cret@cache.internal:6379/0")
    'redis://cache.internal:6379/0'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    where = f"{host}:{parts.port}" if parts.port else host
    return f"{parts.scheme}://{where}{parts.path}"


class RedisChunkStore(ClosingStore):
    """Cache key -> ChunkDraft in the Redis at `url` (redis://, rediss:// or unix://)."""

    def __init__(self, url: str) -> None:
        self.url = describe_url(url)
        self._client = redis.Redis.from_url(
            url, socket_timeout=_SOCKET_SECONDS, socket_connect_timeout=_SOCKET_SECONDS
        )
        self._warned = False
        self.fault: str | None = None
        try:
            self._client.ping()
        except redis.RedisError as exc:
            self._client.close()
            raise ConfigError(f"LABORLENS_CACHE_URL: cannot reach {self.url}: {exc}") from None

    def get(self, key: str) -> ChunkDraft | None:
        """The stored draft, or None when absent, no longer valid, or Redis did not answer."""
        try:
            value = self._client.get(key)
        except redis.RedisError as exc:
            self._warn("read", exc)
            return None
        return decode_draft(key, value) if isinstance(value, bytes) else None

    def put(self, key: str, draft: ChunkDraft) -> None:
        try:
            self._client.set(key, draft.model_dump_json())
        except redis.RedisError as exc:
            self._warn("write", exc)

    def _warn(self, what: str, exc: redis.RedisError) -> None:
        self.fault = f"{what} failed: {exc}"
        if not self._warned:
            self._warned = True
            logger.warning(
                "chunk cache %s: %s failed (%s); going on without it", self.url, what, exc
            )

    def close(self) -> None:
        self._client.close()

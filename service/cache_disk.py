"""The local chunk cache: diskcache on a JSON-only disk, which fails safe.

    store = ChunkStore(settings.cache_dir)

Keys and values are str, the JSON text of `ChunkDraft`; `TextDisk` stores nothing else and
refuses to read anything else, so a pickle planted in `cache.db` or beside it is never
unpickled (diskcache's own `Disk` unpickles whatever a row says is a pickle, before our code
could look at it). SQLite memory-maps nothing here (no mmap, no WAL shared memory), so a file
changed under the cache is an error to catch, not a SIGBUS.

Any fault (the disk full, `cache.db` corrupt, read-only or locked) makes the store a miss that
drops writes, with one warning, and `fault` says why; the store tries again after
`_RETRY_SECONDS`. A cache must cost model calls, never an answer.
"""

import logging
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

import diskcache

from schemas.drafts import ChunkDraft
from service.cache import ClosingStore, decode_draft

logger = logging.getLogger(__name__)

_PRIVATE_DIR = 0o700  # drafts quote the articles, which may not be public
_LOCK_SECONDS = 1.0  # a locked cache is a miss after this, not a stalled request
_RETRY_SECONDS = 60.0
_SETTINGS: dict[str, Any] = {
    "sqlite_mmap_size": 0,
    "sqlite_journal_mode": "delete",  # WAL would map its -shm file into memory
    "eviction_policy": "least-recently-stored",
    "statistics": 0,
    "tag_index": 0,
}
# Everything a damaged, full, locked or unreadable cache raises, and what `TextDisk` refuses.
_FAULTS = (OSError, sqlite3.Error, diskcache.Timeout, UnicodeError, ValueError, TypeError)


class RefusedValueError(ValueError):
    """A row that is not JSON text: a pickle, bytes or a number, planted or damaged."""


class TextDisk(diskcache.Disk):  # type: ignore[misc]  # diskcache has no type hints
    """A diskcache `Disk` for str keys and str values only; it never pickles or unpickles."""

    def put(self, key: object) -> tuple[str, bool]:
        if type(key) is not str:
            raise TypeError(f"cache keys are str, not {type(key).__name__}")
        return key, True

    def get(self, key: object, raw: bool) -> str:
        if not raw or type(key) is not str:
            raise RefusedValueError("a cache key that is not text")
        return key

    def store(self, value: object, read: bool, key: object = diskcache.core.UNKNOWN) -> Any:
        if type(value) is not str or read:
            raise TypeError(f"cache values are str, not {type(value).__name__}")
        return super().store(value, read, key)

    def fetch(self, mode: int, filename: str | None, value: object, read: bool) -> str:
        if read or mode not in (diskcache.core.MODE_RAW, diskcache.core.MODE_TEXT):
            raise RefusedValueError(f"a cache value of mode {mode}, not text")
        if mode == diskcache.core.MODE_RAW and type(value) is not str:
            raise RefusedValueError("a raw cache value that is not text")
        text = super().fetch(mode, filename, value, read)
        if type(text) is not str:
            raise RefusedValueError("a cache value that is not text")
        return text


class ChunkStore(ClosingStore):
    """Cache key -> ChunkDraft, on disk under `directory`; a directory it creates is private
    (mode 0700), an existing one keeps its mode."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fault: str | None = None  # why the cache is off, while it is
        self._retry_at = 0.0
        self._cache: diskcache.Cache | None = None
        self._open()

    def get(self, key: str) -> ChunkDraft | None:
        """The stored draft, or None when absent, no longer valid, or the cache is at fault."""
        cache = self._usable()
        if cache is None:
            return None
        try:
            value = cache.get(key)
        except RefusedValueError as exc:  # one bad row is a miss; the cache still works
            logger.warning("chunk cache %s: %s (key %s); a miss", self.directory, exc, key)
            return None
        except _FAULTS as exc:
            self._failed("read", exc)
            return None
        self._recovered()
        return decode_draft(key, value) if isinstance(value, str) else None

    def put(self, key: str, draft: ChunkDraft) -> None:
        """Store `draft`; a write the cache cannot take is dropped (the answer is not)."""
        cache = self._usable()
        if cache is None:
            return
        try:
            cache.set(key, draft.model_dump_json())
        except _FAULTS as exc:
            self._failed("write", exc)
            return
        self._recovered()

    def close(self) -> None:
        if self._cache is not None:
            try:
                self._cache.close()
            except _FAULTS as exc:  # closing a damaged cache must not fail the caller
                logger.debug("chunk cache %s: close failed: %s", self.directory, exc)
            self._cache = None

    def _open(self) -> None:
        try:
            self._prepare_directory()
            self._cache = diskcache.Cache(
                str(self.directory), disk=TextDisk, timeout=_LOCK_SECONDS, **_SETTINGS
            )
        except _FAULTS as exc:
            self._cache = None
            self._failed("open", exc)

    def _prepare_directory(self) -> None:
        if not self.directory.exists():
            self.directory.mkdir(mode=_PRIVATE_DIR, parents=True)
            self.directory.chmod(_PRIVATE_DIR)  # mkdir's mode is cut by the umask
            return
        if stat.S_IMODE(self.directory.stat().st_mode) & (stat.S_IRWXG | stat.S_IRWXO):
            logger.warning(
                "chunk cache %s can be read by other users; its drafts quote the articles "
                "(chmod 700 it if they are not public)",
                self.directory,
            )

    def _usable(self) -> diskcache.Cache | None:
        """The cache, or None while it is at fault; after `_RETRY_SECONDS` it is tried again,
        and the next read or write that works clears the fault."""
        if self.fault is None:
            return self._cache
        if time.monotonic() < self._retry_at:
            return None
        self._retry_at = time.monotonic() + _RETRY_SECONDS
        if self._cache is None:
            self._open()
        return self._cache

    def _failed(self, what: str, exc: BaseException) -> None:
        reason = f"{what} failed: {type(exc).__name__}: {exc}"
        if self.fault is None:
            logger.warning(
                "chunk cache %s: %s; going on without it (misses, writes dropped)",
                self.directory, reason,
            )  # fmt: skip
        else:
            logger.debug("chunk cache %s: %s", self.directory, reason)
        self.fault = reason
        self._retry_at = time.monotonic() + _RETRY_SECONDS

    def _recovered(self) -> None:
        if self.fault is not None:
            logger.info("chunk cache %s works again", self.directory)
            self.fault = None

"""ChunkStore and CachedBackend: hits cost no request, bad values are misses, no pickle, and a
cache at fault costs model calls, never an answer."""

import asyncio
import logging
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import diskcache
import pytest

from schemas.drafts import ChunkDraft, StatisticDraft
from schemas.results import BackendInfo
from service import cache_disk
from service.cache import CachedBackend
from service.cache_disk import ChunkStore
from service.extract.base import ChunkOutcome, ChunkRequest
from service.extract.llm import LLMBackend
from service.extract.scripted import ScriptedBackend
from service.fake.config import fake_llm_config
from service.fake.replies import Reply
from service.fake.server import FakeServer
from tests.paths import ROOT

REQUEST = ChunkRequest.single(0, "累计吸引 1000 余名求职者参加。")
DRAFT = ChunkDraft(
    statistics=[
        StatisticDraft(
            evidence="累计吸引 1000 余名求职者参加", quantity="1000 余名", metric="求职者"
        )
    ]
)


def _llm(server: FakeServer) -> LLMBackend:
    return LLMBackend(fake_llm_config(server.base_url, max_retries=0))


def _run(store: ChunkStore, server: FakeServer, *, refresh: bool = False) -> ChunkOutcome:
    async def go() -> ChunkOutcome:
        inner = _llm(server)
        try:
            return await CachedBackend(inner, store, refresh=refresh).extract(REQUEST)
        finally:
            await inner.aclose()

    return asyncio.run(go())


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with ChunkStore(tmp_path / "cache") as chunk_store:
        yield chunk_store


def test_hit_makes_no_request(store: ChunkStore, fake_openai: FakeServer) -> None:
    first = _run(store, fake_openai)
    second = _run(store, fake_openai)
    assert fake_openai.requests == 1
    assert first.usage.requests == 1
    assert second.draft == first.draft
    assert second.usage.model_dump() == {
        "prompt_tokens": 0,
        "completion_tokens": 0,
        "total_tokens": 0,
        "requests": 0,
        "cached_chunks": 1,
        "cached_tokens": 0,
    }


def test_invalid_cached_value_is_a_miss(store: ChunkStore, fake_openai: FakeServer) -> None:
    key = _key(fake_openai)
    with diskcache.Cache(str(store.directory)) as raw:
        raw.set(key, '{"statistics": "not a list"}')
    assert store.get(key) is None
    outcome = _run(store, fake_openai)
    assert outcome.usage.requests == fake_openai.requests == 1
    assert store.get(key) == outcome.draft  # the fresh answer replaced the bad value


def test_refresh_skips_reads_but_writes(store: ChunkStore, fake_openai: FakeServer) -> None:
    key = _key(fake_openai)
    store.put(key, ChunkDraft())
    refreshed = _run(store, fake_openai, refresh=True)
    assert fake_openai.requests == 1
    assert refreshed.draft.statistics
    assert store.get(key) == refreshed.draft


def test_failed_chunk_is_not_cached(store: ChunkStore, fake_openai: FakeServer) -> None:
    fake_openai.script(Reply(status=500))
    failed = _run(store, fake_openai)
    assert failed.error is not None
    assert store.get(_key(fake_openai)) is None
    assert _run(store, fake_openai).error is None
    assert fake_openai.requests == 2


def test_values_are_json_text_never_pickles(store: ChunkStore) -> None:
    store.put("k", DRAFT)
    with diskcache.Cache(str(store.directory)) as raw:
        value = raw.get("k")
    assert isinstance(value, str)
    assert ChunkDraft.model_validate_json(value) == DRAFT
    assert store.get("k") == DRAFT


def test_a_directory_it_creates_is_private_and_one_it_finds_keeps_its_mode(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fresh = tmp_path / "a" / "cache"
    ChunkStore(fresh).close()
    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o755)
    ChunkStore(loose).close()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    assert stat.S_IMODE(loose.stat().st_mode) == 0o755  # not ours to change (F12)
    assert "can be read by other users" in caplog.text


def test_backend_without_key_passes_through(store: ChunkStore) -> None:
    info = BackendInfo(name="rules", model=None, prompt_version=None)
    inner = ScriptedBackend(lambda _request: DRAFT, chunk_chars=100, info=info)
    cached = CachedBackend(inner, store)
    for _ in range(2):
        assert asyncio.run(cached.extract(REQUEST)).draft == DRAFT
    assert len(inner.requests) == 2
    assert (cached.info, cached.chunk_chars) == (inner.info, 100)


def _key(server: FakeServer) -> str:
    async def go() -> str:
        backend = _llm(server)
        await backend.aclose()
        return backend.cache_key(REQUEST)

    return asyncio.run(go())


# --- a cache that fails safe (F3, F4) ---------------------------------------------------------

_PLANTED = "planted-by-a-pickle"


class _Payload:
    """Unpickling this runs `touch`: the file appears only if someone unpickled it."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (f"touch {self.target}",))


def _plant_pickles(directory: Path, key: str, target: Path) -> None:
    """A pickle under `key` as diskcache's own Disk stores one, inline and in a file."""
    with diskcache.Cache(str(directory)) as raw:
        raw.set(key, _Payload(target))
        raw.set(key + "-file", [_Payload(target), "x" * 40000])  # over 32 KB: a .val file


def test_a_planted_pickle_is_never_unpickled(
    store: ChunkStore, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    target = tmp_path / _PLANTED
    store.close()
    _plant_pickles(store.directory, "k", target)
    with ChunkStore(store.directory) as reopened:
        assert reopened.get("k") is None
        assert reopened.get("k-file") is None
        reopened.put("other", DRAFT)
        assert reopened.get("other") == DRAFT  # one bad row is a miss; the cache still works
        assert reopened.fault is None
    assert not target.exists()
    assert "not text" in caplog.text


def test_a_planted_json_value_that_fails_validation_is_a_miss(
    store: ChunkStore, fake_openai: FakeServer
) -> None:
    with diskcache.Cache(str(store.directory)) as raw:
        raw.set(_key(fake_openai), '{"statistics": [{"evidence": 5}], "extra": "planted"}')
    outcome = _run(store, fake_openai)
    assert fake_openai.requests == 1  # asked the model instead
    assert outcome.draft.statistics


def _key(server: FakeServer) -> str:
    key = _llm(server).cache_key(REQUEST)
    assert key is not None
    return key


def test_a_corrupt_database_is_a_miss_with_one_warning(
    tmp_path: Path, fake_openai: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    (directory / "cache.db").write_bytes(b"this is not a database" * 100)
    with ChunkStore(directory) as broken:
        first = _run(broken, fake_openai)
        second = _run(broken, fake_openai)
        assert broken.fault is not None
    assert first.error is None
    assert second.error is None
    assert first.draft.statistics == second.draft.statistics != []
    assert fake_openai.requests == 2  # each a miss
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "going on without it" in warnings[0].getMessage()


def test_a_full_disk_drops_the_write_and_keeps_the_paid_answer(
    tmp_path: Path, fake_openai: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite's page limit raises exactly what a full disk raises: "database or disk is full".
    monkeypatch.setitem(cache_disk._SETTINGS, "sqlite_max_page_count", 4)
    with ChunkStore(tmp_path / "cache") as full:
        full.put("filler", ChunkDraft(statistics=DRAFT.statistics * 200))
        outcome = _run(full, fake_openai)
        assert full.fault is not None
        assert "full" in full.fault
    assert outcome.error is None
    assert outcome.draft.statistics


def test_a_locked_database_is_a_miss_within_seconds(
    store: ChunkStore, fake_openai: FakeServer
) -> None:
    store.put(_key(fake_openai), DRAFT)
    with sqlite3.connect(store.directory / "cache.db", isolation_level=None) as other:
        other.execute("BEGIN EXCLUSIVE")
        outcome = _run(store, fake_openai)
        other.execute("ROLLBACK")
    assert fake_openai.requests == 1
    assert outcome.error is None
    assert store.fault is not None
    assert "locked" in store.fault


_TRUNCATE_WHILE_OPEN = """
import os, sys
from pathlib import Path
from schemas.drafts import ChunkDraft
from service.cache_disk import ChunkStore
folder = Path(sys.argv[1])
store = ChunkStore(folder)
for i in range(300):
    store.put(f"k{i}", ChunkDraft())
for name in os.listdir(folder):  # as a disk that failed, or another process, would leave it
    if name.startswith("cache.db"):
        os.truncate(folder / name, 0)
print([store.get(f"k{i}") for i in range(3)])
for i in range(300):
    store.put(f"j{i}", ChunkDraft())
print(store.fault is not None)
"""


def test_a_database_truncated_under_the_store_is_an_error_not_a_sigbus(tmp_path: Path) -> None:
    # diskcache's defaults memory-map the database (and WAL's -shm): touching a page of a file
    # cut short under the map killed the server with SIGBUS, nothing logged.
    run = subprocess.run(
        [sys.executable, "-c", _TRUNCATE_WHILE_OPEN, str(tmp_path / "cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["[None, None, None]", "True"]

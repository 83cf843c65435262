"""ChunkStore and CachedBackend: hits cost no request, bad values are misses, no pickle."""

import asyncio
import stat
from pathlib import Path
from typing import Any

import diskcache
import pytest

from schemas.drafts import ChunkDraft, StatisticDraft
from schemas.results import BackendInfo
from service.cache import CachedBackend, ChunkStore
from service.extract.base import ChunkOutcome, ChunkRequest
from service.extract.llm import LLMBackend
from service.extract.scripted import ScriptedBackend
from service.fake.config import fake_llm_config
from service.fake.replies import Reply
from service.fake.server import FakeServer

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


def test_directory_is_private(tmp_path: Path) -> None:
    fresh = tmp_path / "a" / "cache"
    ChunkStore(fresh).close()
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    ChunkStore(loose).close()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700


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

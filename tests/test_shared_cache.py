"""RedisChunkStore against a real redis-server: the diskcache store's keys and JSON values,
re-validated on read, hits that cost no request, and a Redis that is down costs no document."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from pydantic import SecretStr

from schemas.drafts import ChunkDraft, StatisticDraft
from service.backends import build_backend
from service.cache import CachedBackend
from service.errors import ConfigError
from service.extract.base import ChunkRequest
from service.extract.llm import LLMBackend, LLMConfig
from service.fake.server import FakeServer
from service.settings import Settings
from service.shared_cache import RedisChunkStore

REQUEST = ChunkRequest.single(0, "累计吸引 1000 余名求职者参加。")
DRAFT = ChunkDraft(
    statistics=[
        StatisticDraft(
            evidence="累计吸引 1000 余名求职者参加", quantity="1000 余名", metric="求职者"
        )
    ]
)


@pytest.fixture
def raw(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def store(redis_url: str, raw: redis.Redis) -> Iterator[RedisChunkStore]:  # noqa: ARG001
    with RedisChunkStore(redis_url) as chunk_store:
        yield chunk_store


def test_values_are_json_text_under_the_key_given(store: RedisChunkStore, raw: redis.Redis) -> None:
    store.put("k", DRAFT)
    value = raw.get("k")
    assert isinstance(value, bytes)
    assert ChunkDraft.model_validate_json(value) == DRAFT
    assert store.get("k") == DRAFT
    assert store.get("absent") is None


@pytest.mark.parametrize("value", [b'{"statistics": "not a list"}', b"\x80\x04pickle", b""])
def test_a_value_that_no_longer_validates_is_a_miss(
    store: RedisChunkStore, raw: redis.Redis, value: bytes
) -> None:
    raw.set("k", value)
    assert store.get("k") is None


def test_a_second_store_hits_what_the_first_stored(
    redis_url: str, store: RedisChunkStore, fake_openai: FakeServer, llm_config: LLMConfig
) -> None:
    config = llm_config

    async def extract(chunk_store: RedisChunkStore) -> int:
        inner = LLMBackend(config)
        try:
            outcome = await CachedBackend(inner, chunk_store).extract(REQUEST)
        finally:
            await inner.aclose()
        return outcome.usage.requests

    assert asyncio.run(extract(store)) == 1
    with RedisChunkStore(redis_url) as other:  # as on another node
        assert asyncio.run(extract(other)) == 0
    assert fake_openai.requests == 1


def test_an_unreachable_redis_is_a_config_error_without_the_password() -> None:
    with pytest.raises(ConfigError, match="LABORLENS_CACHE_URL: cannot reach") as raised:
        RedisChunkStore("redis://:s3cret@127.0.0.1:9/0")
    assert "s3cret" not in str(raised.value)


def test_redis_going_away_mid_run_costs_model_calls_not_documents(
    store: RedisChunkStore, raw: redis.Redis, caplog: pytest.LogCaptureFixture
) -> None:
    store.put("k", DRAFT)
    raw.client_kill_filter(skipme=True)  # drop every other connection: the store's
    raw.config_set("requirepass", "now-locked")
    try:
        assert store.get("k") is None
        store.put("k", DRAFT)
    finally:
        raw.execute_command("AUTH", "now-locked")
        raw.config_set("requirepass", "")
    assert sum("going on without it" in r.message for r in caplog.records) == 1  # once


def test_the_cache_url_selects_redis_and_leaves_the_local_directory_alone(
    redis_url: str, tmp_path: Path, raw: redis.Redis, fake_openai: FakeServer
) -> None:
    settings = Settings(
        model="fake-model", base_url=fake_openai.base_url, api_key=SecretStr("k"),
        cache_url=redis_url, cache_dir=tmp_path / "local",
    )  # fmt: skip
    backend = build_backend(settings)

    async def go() -> None:
        try:
            await backend.extract(REQUEST)
        finally:
            await backend.aclose()

    asyncio.run(go())
    assert raw.dbsize() == 1
    assert not (tmp_path / "local").exists()

"""Shared fixtures: a clean environment for every test, the fake OpenAI server, cassettes, and
for the cluster tests a real redis-server and a real two-node Ray cluster, started once a
session (benchmarks/local_cluster.py) and stopped after it.

Cassettes replay recorded HTTP exchanges with the fake server. To record them again:

    VCR_RECORD_MODE=all .venv/bin/pytest tests/extract/test_llm.py -k replay

The variable is read at import, before `clean_environ` runs, and is not LABORLENS_-prefixed.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import vcr
from hypothesis import settings

from benchmarks.local_cluster import LocalRayCluster, local_redis
from service.extract.llm import LLMConfig
from service.fake.config import fake_llm_config
from service.fake.server import FakeServer, numbers_responder, serve_fake
from tests.paths import SEED_PAGES

# Property tests replay the same examples on every run, so a CI failure reproduces locally.
settings.register_profile("derandomized", derandomize=True, max_examples=200, deadline=None)
settings.load_profile("derandomized")

CASSETTES = Path(__file__).parent / "cassettes"
VCR_RECORD_MODE = os.environ.get("VCR_RECORD_MODE", "none")
# Nothing listens on the discard port: a replay that misses its cassette fails loudly.
REPLAY_BASE_URL = "http://127.0.0.1:9/v1"


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start without LABORLENS_* and OPENAI_* variables."""
    for name in list(os.environ):
        if name.startswith(("LABORLENS_", "OPENAI_")):
            monkeypatch.delenv(name)


@pytest.fixture
def fake_openai() -> Iterator[FakeServer]:
    """A fresh fake OpenAI server on a free loopback port, quoting numbers it finds."""
    with serve_fake(numbers_responder) as server:
        yield server


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    """The five seed pages, in file name order (tests.paths.SEED_PAGES), read once a session."""
    return [path.read_text(encoding="utf-8") for path in SEED_PAGES]


@pytest.fixture
def llm_config(fake_openai: FakeServer) -> LLMConfig:
    """Settings' LLM defaults pointed at `fake_openai`, without transport retries."""
    return fake_llm_config(fake_openai.base_url, max_retries=0)


@pytest.fixture
def replay_base_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """Base URL for a cassette test: the fake server while recording, a dead port on replay."""
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=VCR_RECORD_MODE,
        match_on=["method", "path", "body"],
        filter_headers=["authorization", "api-key", "x-api-key", "openai-organization"],
    )
    with recorder.use_cassette(f"{request.node.name}.yaml"):
        if VCR_RECORD_MODE == "none":
            yield REPLAY_BASE_URL
        else:
            with serve_fake(numbers_responder) as server:
                yield server.base_url


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server of our own on a free loopback port (Debian's, see packages.debian)."""
    with local_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRayCluster]:
    """A Ray head and a worker node on this machine, one CPU each (about 15 s to start)."""
    with LocalRayCluster(tmp_path_factory.mktemp("ray")) as cluster:
        yield cluster

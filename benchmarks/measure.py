"""laborlens's side of the benchmark: each function measures one figure of the table."""

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from pydantic import SecretStr

from schemas.drafts import ChunkDraft
from schemas.results import BackendInfo, DocumentResult
from service.cache import CachedBackend, ChunkStore
from service.extract.base import Backend, ChunkOutcome, ChunkRequest
from service.extract.llm import LLMBackend, LLMConfig
from service.extract.rules import RulesBackend
from service.fake_openai import FakeServer, numbers_responder
from service.pipeline import run
from service.prompts import build_user_message, load_prompt

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def seed_pages() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in SEEDS]


def llm_backend(server: FakeServer, *, concurrency: int = 32) -> LLMBackend:
    config = LLMConfig(
        model="fake-model",
        base_url=server.base_url,
        api_key=SecretStr("unused"),
        concurrency=concurrency,
        timeout=60.0,
    )
    return LLMBackend(config)


class _InProcess:
    """The LLM backend's work minus HTTP: build the messages, parse the fake model's answer."""

    def __init__(self) -> None:
        self._prompt = load_prompt("extract", 1)

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(name="llm", model="in-process", prompt_version=self._prompt.label)

    @property
    def chunk_chars(self) -> int:
        return 1500

    def cache_key(self, request: ChunkRequest) -> str | None:  # noqa: ARG002
        return None

    async def extract(self, request: ChunkRequest) -> ChunkOutcome:
        user = build_user_message(request.text, title=request.title)
        body = {
            "messages": [
                {"role": "system", "content": self._prompt.text},
                {"role": "user", "content": user},
            ]
        }
        answer = ChunkDraft.model_validate(numbers_responder(body)).model_dump_json()
        return ChunkOutcome(draft=ChunkDraft.model_validate_json(answer))

    async def aclose(self) -> None:
        return None


async def _timed_one_by_one(pages: list[str], backend: Backend) -> list[float]:
    await run(pages[0], backend=backend)  # warm-up: imports, first connection
    seconds = []
    for page in pages:
        started = time.perf_counter()
        await run(page, backend=backend)
        seconds.append(time.perf_counter() - started)
    await backend.aclose()
    return seconds


def overhead_ms(pages: list[str], server: FakeServer | None) -> float:
    """Median ms per page, one at a time: in-process model if no server, else zero-latency HTTP."""
    backend: Backend = _InProcess() if server is None else llm_backend(server)
    return 1000 * statistics.median(asyncio.run(_timed_one_by_one(pages, backend)))


def throughput_seconds(pages: list[str], server: FakeServer) -> float:
    """Seconds to extract every page at once, at most 32 model calls in flight."""

    async def go() -> float:
        backend = llm_backend(server, concurrency=32)
        started = time.perf_counter()
        await asyncio.gather(*(run(page, backend=backend) for page in pages))
        elapsed = time.perf_counter() - started
        await backend.aclose()
        return elapsed

    return asyncio.run(go())


def cached_rate(pages: list[str], server: FakeServer, rounds: int) -> tuple[float, int, int]:
    """(articles per second, articles, model requests) re-extracting cached pages `rounds` times."""

    async def go(directory: Path) -> tuple[float, int, int]:
        backend = CachedBackend(llm_backend(server), ChunkStore(directory))
        await asyncio.gather(*(run(page, backend=backend) for page in pages))  # fill the cache
        before = server.requests
        started = time.perf_counter()
        results: list[DocumentResult] = []
        for _ in range(rounds):
            results += await asyncio.gather(*(run(page, backend=backend) for page in pages))
        elapsed = time.perf_counter() - started
        await backend.aclose()
        articles = sum(len(r.articles) for r in results)
        return articles / elapsed, articles, server.requests - before

    with tempfile.TemporaryDirectory() as directory:
        return asyncio.run(go(Path(directory)))


def rules_chars_per_second(pages: list[str], *, seconds: float = 3.0) -> tuple[float, float]:
    """(CJK characters per CPU second through pipeline.run, same for the rules backend alone)."""
    cjk = [sum(1 for c in page if "\u4e00" <= c <= "\u9fff") for page in pages]
    backend = RulesBackend()

    async def pipeline_pass() -> None:
        for page in pages:
            await run(page, backend=backend)

    async def backend_pass() -> None:
        for i, page in enumerate(pages):
            await backend.extract(ChunkRequest(i, page, None, None))

    rates = []
    for one_pass in (pipeline_pass, backend_pass):
        passes, started = 0, time.process_time()
        while time.process_time() - started < seconds / 2:
            asyncio.run(one_pass())
            passes += 1
        rates.append(passes * sum(cjk) / (time.process_time() - started))
    return rates[0], rates[1]

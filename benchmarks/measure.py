"""laborlens's side of the benchmark: each function measures one figure of the table.

The fake model server runs in a process of its own (`serve_fake_process`), as a real endpoint
would, so the client measured here never shares a GIL with it.
"""

import asyncio
import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from schemas.drafts import ChunkDraft
from schemas.results import BackendInfo, DocumentResult
from schemas.vocab import Mode
from service.cache import CachedBackend
from service.cache_disk import ChunkStore
from service.extract.base import Backend, ChunkRequest
from service.extract.llm import LLMBackend, LLMConfig, build_messages
from service.extract.rules.backend import RulesBackend
from service.extract.scripted import ScriptedBackend
from service.fake.config import fake_llm_config
from service.fake.server import FakeStats, numbers_responder
from service.pipeline import run
from service.prompts import load_prompt
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# A base URL nothing listens on: the in-process backend builds messages, it never sends them.
_NOWHERE = "http://127.0.0.1:9/v1"
OVERLAP = Settings().chunk_overlap  # as laborlens runs by default
# One long line without punctuation or digits: chunking has no sentence end to cut at.
_LONG_LINE_UNIT = "招聘会帮助务工人员返岗就业"


class Fake(Protocol):
    """A fake model server: a FakeServer in a thread or a FakeProcess."""

    base_url: str

    def stats(self) -> FakeStats: ...

    def exchanges(self) -> list[dict[str, Any]]: ...


def seed_pages() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in SEEDS]


def llm_config(base_url: str, *, concurrency: int = 32) -> LLMConfig:
    return fake_llm_config(base_url, concurrency=concurrency, timeout=60.0)


def chunk_chars() -> int:
    """The LLM backend's default chunk size; LangExtract is given the same."""
    return llm_config(_NOWHERE).chunk_chars


def in_process() -> ScriptedBackend:
    """The LLM backend's work minus the model and HTTP: build the messages it would send, parse
    an answer's JSON into a ChunkDraft. The fake model's answer to each chunk is worked out the
    first time the chunk is seen (model time) and replayed after that, so a warm-up pass over
    the pages leaves only laborlens's own work in the timed passes."""
    config = llm_config(_NOWHERE)
    prompt = load_prompt("extract", config.prompt_version)
    answers: dict[str, str] = {}

    def answer(request: ChunkRequest) -> ChunkDraft:
        messages = build_messages(prompt, request)
        asked = str(messages[-1]["content"])
        if asked not in answers:
            found = numbers_responder({"messages": messages})
            answers[asked] = json.dumps(found, ensure_ascii=False)
        return ChunkDraft.model_validate_json(answers[asked])

    info = BackendInfo(name="llm", model="in-process", prompt_version=prompt.label)
    return ScriptedBackend(answer, chunk_chars=config.chunk_chars, info=info)


async def _timed_one_by_one(
    pages: list[str], backend: Backend, *, warm_up: list[str]
) -> list[float]:
    for page in warm_up:
        await run(page, backend=backend, overlap=OVERLAP)
    seconds = []
    for page in pages:
        started = time.perf_counter()
        await run(page, backend=backend, overlap=OVERLAP)
        seconds.append(time.perf_counter() - started)
    await backend.aclose()
    return seconds


def overhead_ms(pages: list[str], server: Fake | None) -> float:
    """Median ms per page, one at a time: in-process model if no server, else zero-latency HTTP.

    The warm-up (imports, first connection) is the first page; in process, every page, so that
    the model has its answers ready."""
    if server is None:
        timed = _timed_one_by_one(pages, in_process(), warm_up=pages)
    else:
        backend = LLMBackend(llm_config(server.base_url))
        timed = _timed_one_by_one(pages, backend, warm_up=pages[:1])
    return 1000 * statistics.median(asyncio.run(timed))


def extract_one_by_one(pages: list[str], server: Fake, *, mode: Mode) -> None:
    """Extract each page in turn through the LLM backend in `mode` (to record what it sends)."""
    backend = LLMBackend(replace(llm_config(server.base_url), mode=mode))
    asyncio.run(_timed_one_by_one(pages, backend, warm_up=[]))


def throughput(pages: list[str], server: Fake, *, concurrency: int) -> tuple[float, int]:
    """(seconds, model requests) to extract every page at once, at most `concurrency` calls in
    flight, after one warm-up chunk (imports, first connection) that is not counted."""

    async def go() -> tuple[float, int]:
        backend = LLMBackend(llm_config(server.base_url, concurrency=concurrency))
        await run(pages[0][: backend.chunk_chars // 2], backend=backend, overlap=OVERLAP)
        before = server.stats().requests
        started = time.perf_counter()
        await asyncio.gather(*(run(page, backend=backend, overlap=OVERLAP) for page in pages))
        elapsed = time.perf_counter() - started
        await backend.aclose()
        return elapsed, server.stats().requests - before

    return asyncio.run(go())


def cached_rate(pages: list[str], server: Fake, rounds: int) -> tuple[float, int, int]:
    """(articles per second, articles, model requests) re-extracting cached pages `rounds` times."""

    async def go(directory: Path) -> tuple[float, int, int]:
        backend = CachedBackend(LLMBackend(llm_config(server.base_url)), ChunkStore(directory))
        await asyncio.gather(
            *(run(page, backend=backend, overlap=OVERLAP) for page in pages)
        )  # fill the cache
        before = server.stats().requests
        started = time.perf_counter()
        results: list[DocumentResult] = []
        for _ in range(rounds):
            results += await asyncio.gather(
                *(run(page, backend=backend, overlap=OVERLAP) for page in pages)
            )
        elapsed = time.perf_counter() - started
        await backend.aclose()
        articles = sum(len(r.articles) for r in results)
        return articles / elapsed, articles, server.stats().requests - before

    with tempfile.TemporaryDirectory() as directory:
        return asyncio.run(go(Path(directory)))


def rules_chars_per_second(pages: list[str], *, seconds: float = 3.0) -> tuple[float, float]:
    """(CJK characters per CPU second through pipeline.run, same for the rules backend alone)."""
    cjk = [sum(1 for c in page if "\u4e00" <= c <= "\u9fff") for page in pages]
    backend = RulesBackend()

    async def pipeline_pass() -> None:
        for page in pages:
            await run(page, backend=backend, overlap=OVERLAP)

    async def backend_pass() -> None:
        for i, page in enumerate(pages):
            await backend.extract(ChunkRequest.single(i, page))

    rates = []
    for one_pass in (pipeline_pass, backend_pass):
        passes, started = 0, time.process_time()
        while time.process_time() - started < seconds / 2:
            asyncio.run(one_pass())
            passes += 1
        rates.append(passes * sum(cjk) / (time.process_time() - started))
    return rates[0], rates[1]


def long_line_seconds(megabytes: int) -> float:
    """CPU seconds for the rules pipeline on one line of `megabytes` MB (UTF-8) with no
    punctuation, line break or digit anywhere."""
    line = _LONG_LINE_UNIT * (megabytes * 1_000_000 // len(_LONG_LINE_UNIT.encode()))
    started = time.process_time()
    asyncio.run(run(line, backend=RulesBackend(), overlap=OVERLAP))
    return time.process_time() - started

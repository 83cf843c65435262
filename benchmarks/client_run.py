"""One measurement of `benchmarks.client_cpu`, in a process of its own, of the laborlens tree it
sits in (this one, or an older one the harness unpacked and copied this file into): prints one
JSON line.

    python -m benchmarks.client_run batch|pages IN_FLIGHT [--profile RAW] [--docs N]

- `batch`: `run_batch` (the `laborlens batch` code) over N one-chunk documents against the fake
  with 500 ms latency, as `make bench-cluster`'s in-process row; ideal = N / IN_FLIGHT x 0.5 s.
- `pages`: the seeds 8 times over, `pipeline.run` gathered, as `make bench` row b; ideal =
  ceil(calls / IN_FLIGHT) x 0.5 s.

Each is timed after a warm-up (imports, first connections). `--profile` samples this process
with py-spy (`--gil`: only what holds the GIL) during the timed part and writes the raw stacks to
RAW; the harness splits them into parts (`benchmarks.client_parts`). It uses only what the code
before issue 26 had too, so both sides run the same measurement.
"""

import argparse
import asyncio
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from benchmarks.cluster import write_documents
from benchmarks.measure import OVERLAP, llm_config, seed_pages
from service.batch.local import BatchOptions, run_batch
from service.batch.source import open_input
from service.extract.llm import LLMBackend
from service.fake.server import FakeProcess, serve_fake_process
from service.pipeline import run

LATENCY = 0.5
_PAGES_RESPONDER = "benchmarks.formats:both_formats"  # row b's fake
_SAMPLES_PER_SECOND = 1000
_QUIET = Console(stderr=True, quiet=True)
Timed = Callable[[LLMBackend], Awaitable[None]]


def _batch(folder: Path, docs: int, in_flight: int) -> tuple[Timed, Timed]:
    """(warm-up, timed) for `run_batch` over `docs` one-chunk documents."""
    options = BatchOptions(concurrency=in_flight, refresh=False, overlap=OVERLAP)
    warm = open_input(write_documents(folder / "warm.jsonl", 4, tag="warm"))
    here = open_input(write_documents(folder / "here.jsonl", docs, tag="here"))

    async def warm_up(backend: LLMBackend) -> None:
        await run_batch(warm, folder / "warm.out", backend=backend, options=options, console=_QUIET)

    async def timed(backend: LLMBackend) -> None:
        await run_batch(here, folder / "here.out", backend=backend, options=options, console=_QUIET)

    return warm_up, timed


def _pages() -> tuple[Timed, Timed]:
    """(warm-up, timed) for row b: the seeds 8 times over, every page at once."""
    pages = seed_pages() * 8

    async def warm_up(backend: LLMBackend) -> None:
        await run(pages[0][: backend.chunk_chars // 2], backend=backend, overlap=OVERLAP)

    async def timed(backend: LLMBackend) -> None:
        await asyncio.gather(*(run(page, backend=backend, overlap=OVERLAP) for page in pages))

    return warm_up, timed


@contextmanager
def _sampled(raw: Path | None) -> Iterator[None]:
    """py-spy on this process while the block runs, when `raw` is given."""
    if raw is None:
        yield
        return
    spy = Path(sys.executable).with_name("py-spy")
    argv = [str(spy), "record", "--pid", str(os.getpid()), "--gil", "--format", "raw"]
    argv += ["--rate", str(_SAMPLES_PER_SECOND), "--output", str(raw)]
    sampler = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # py-spy attaches
    try:
        yield
    finally:
        sampler.send_signal(signal.SIGINT)
        sampler.wait(timeout=60)


def measure(scenario: str, in_flight: int, docs: int, raw: Path | None) -> dict[str, float]:
    """seconds, model calls, share of ideal and client CPU µs per call of the timed part."""
    responder = _PAGES_RESPONDER if scenario == "pages" else "service.fake.server:numbers_responder"
    with (
        tempfile.TemporaryDirectory(prefix="ll-client-") as tmp,
        serve_fake_process(responder, latency=LATENCY) as server,
    ):
        warm_up, timed = _pages() if scenario == "pages" else _batch(Path(tmp), docs, in_flight)

        async def go() -> tuple[float, float, float, int]:
            backend = LLMBackend(llm_config(server.base_url, concurrency=in_flight))
            try:
                await warm_up(backend)
                before, fake = server.stats().requests, _fake_cpu(server)
                with _sampled(raw):
                    started, cpu = time.perf_counter(), time.process_time()
                    await timed(backend)
                    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                fake = _fake_cpu(server) - fake
                return seconds, cpu, fake, server.stats().requests - before
            finally:
                await backend.aclose()

        seconds, cpu, fake, calls = asyncio.run(go())
    ideal = math.ceil(calls / in_flight) * LATENCY
    return {
        "seconds": seconds,
        "calls": calls,
        "share": ideal / seconds,
        "cpu_us": cpu / calls * 1e6,
        "fake_cpu_us": fake / calls * 1e6,  # the fake's own CPU: 0 on trees that cannot tell
    }


def _fake_cpu(server: FakeProcess) -> float:
    """The fake's CPU seconds so far (FakeProcess.cpu_seconds, since issue 26's second round)."""
    cpu_seconds = getattr(server, "cpu_seconds", None)
    return float(cpu_seconds()) if cpu_seconds else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("scenario", choices=["batch", "pages"])
    parser.add_argument("in_flight", type=int)
    parser.add_argument("--docs", type=int, default=256)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    print(json.dumps(measure(args.scenario, args.in_flight, args.docs, args.profile)))


if __name__ == "__main__":
    main()

"""`make bench-cluster`: laborlens batch on a two-node local Ray cluster against the in-process
batch, the same documents and the same 500 ms fake model, measured side by side in one run.

256 one-chunk documents (each its own text, so nothing is cached) at 32 model calls in flight:
in process, one event loop with LABORLENS_CONCURRENCY=32; on the cluster, two workers (one per
node, one CPU each) with 16 each. Ideal = documents / 32 x 0.5 s; share = ideal / measured.
Both are timed from the first document sent to the last line fsync'd, after a warm-up (imports,
the first connection; on the cluster, the workers' start, reported on its own row). The fake
runs in a process of its own, as a real endpoint would.

    .venv/bin/python -m benchmarks.cluster [--docs 256] [--in-flight 32] [--latency 0.5]
"""

import argparse
import asyncio
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

import ray
from pydantic import SecretStr
from rich.console import Console

from benchmarks.local_cluster import LocalRayCluster
from service.batch.cluster import Driver, WorkerPool, connect
from service.batch.local import BatchOptions, run_batch
from service.batch.sink import BatchRun
from service.batch.source import BatchInput, open_input
from service.batch.worker import WorkerSpec
from service.extract.llm import LLMBackend, LLMConfig
from service.fake.server import FakeProcess, serve_fake_process
from service.settings import Settings

_NODES = 2

_QUIET = Console(stderr=True, quiet=True)


def write_documents(path: Path, count: int, *, tag: str) -> Path:
    """`count` JSONL documents of one short article each (one chunk), no two alike."""
    with path.open("w", encoding="utf-8") as records:
        for i in range(count):
            text = (
                f"本报讯（{tag}）2月18日，第{i}场春风行动招聘会在我市举办，共有{100 + i}家企业"
                f"参会，提供岗位{3000 + i}个，{200 + i}名求职者达成就业意向。"
            )
            records.write(json.dumps({"id": f"{tag}-{i:04d}", "text": text}, ensure_ascii=False))
            records.write("\n")
    return path


def _settings(server: FakeProcess, concurrency: int) -> Settings:
    return Settings(
        model="fake-model", base_url=server.base_url, api_key=SecretStr("unused"),
        concurrency=concurrency,
    )  # fmt: skip


def in_process(folder: Path, server: FakeProcess, docs: int, in_flight: int) -> tuple[float, int]:
    """(seconds, model requests) for `run_batch` in this process, no cache."""
    settings = _settings(server, in_flight)
    config = LLMConfig.from_settings(settings)
    source = open_input(write_documents(folder / "here.jsonl", docs, tag="here"))
    warm_up = open_input(write_documents(folder / "warm.jsonl", 1, tag="warm"))

    async def go() -> tuple[float, int]:
        backend = LLMBackend(config)
        options = BatchOptions(concurrency=in_flight, refresh=False, overlap=settings.chunk_overlap)
        try:
            await run_batch(warm_up, folder / "warm.out", backend=backend, options=options,
                            console=_QUIET)  # fmt: skip
            before = server.stats().requests
            started = time.perf_counter()
            await run_batch(source, folder / "here.out", backend=backend, options=options,
                            console=_QUIET)  # fmt: skip
            return time.perf_counter() - started, server.stats().requests - before
        finally:
            await backend.aclose()

    return asyncio.run(go())


def on_cluster(
    folder: Path, server: FakeProcess, runs: tuple[int, int, int]
) -> tuple[float, int, float]:
    """(seconds, model requests, seconds for the workers to start) on the cluster `ray` is
    connected to; `runs` is (documents, calls in flight in all, workers)."""
    docs, in_flight, workers = runs
    spec = WorkerSpec(_settings(server, in_flight // workers), "llm", cache=False)
    tag = f"w{workers}"
    source = open_input(write_documents(folder / f"{tag}.jsonl", docs, tag=tag))
    warm_up = open_input(write_documents(folder / f"{tag}-warm.jsonl", 4 * workers, tag=tag + "w"))
    started = time.perf_counter()
    pool = WorkerPool(spec, workers, _QUIET)
    try:
        pool.wait_ready(timeout=120)
        startup = time.perf_counter() - started
        # batches of one for the warm-up, so that every worker makes its first call
        _drive(pool, warm_up, folder / f"{tag}-warm.out", server, batch_size=1)
        seconds, requests = _drive(pool, source, folder / f"{tag}.out", server)
    finally:
        pool.close()
    return seconds, requests, startup


def _drive(
    pool: WorkerPool, source: BatchInput, out: Path, server: FakeProcess, *, batch_size: int = 4
) -> tuple[float, int]:
    """(seconds, model requests) for the cluster engine's driver to write every line of OUT."""
    with BatchRun(source, out, refresh=True, console=_QUIET) as batch:
        before = server.stats().requests
        started = time.perf_counter()
        Driver(batch, pool, batch_size=batch_size).run()
        return time.perf_counter() - started, server.stats().requests - before


def main() -> None:
    if "RAY_AUTH_TOKEN" not in os.environ:
        # This process drives the cluster, and Ray reads its auth settings at import: start
        # again with the cluster's token in the environment (benchmarks/local_cluster.py).
        os.environ |= {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
        os.execv(sys.executable, [sys.executable, "-m", "benchmarks.cluster", *sys.argv[1:]])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=256)
    parser.add_argument("--in-flight", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.5)
    args = parser.parse_args()
    ideal = args.docs / args.in_flight * args.latency
    rows: list[tuple[str, int, float, str]] = []
    with (
        tempfile.TemporaryDirectory(prefix="ll-bench-") as tmp,
        serve_fake_process(latency=args.latency) as server,
    ):
        folder = Path(tmp)
        here, calls = in_process(folder, server, args.docs, args.in_flight)
        rows.append((f"in process: 1 event loop, {args.in_flight} in flight", calls, here, ""))
        with LocalRayCluster(folder / "ray") as nodes:
            connect(nodes.address)
            try:
                for workers in (_NODES, 2 * _NODES):
                    runs = (args.docs, args.in_flight, workers)
                    seconds, calls, startup = on_cluster(folder, server, runs)
                    each = f"{workers // _NODES} worker(s) x {args.in_flight // workers}"
                    rows.append((f"Ray: {_NODES} nodes x {each} in flight", calls, seconds,
                                 f"{startup:.1f} s"))  # fmt: skip
            finally:
                ray.shutdown()
    print(f"{args.docs} one-chunk documents, {args.in_flight} model calls in flight, "
          f"{args.latency} s fake; ideal {ideal:.2f} s\n")  # fmt: skip
    print("| engine | model calls | seconds | share of ideal | vs in process | workers' start |")
    print("|---|---|---|---|---|---|")
    for name, asked, took, start in rows:
        print(f"| {name} | {asked} | {took:.2f} | {ideal / took:.0%} | "
              f"{here / took:.2f}x | {start} |")  # fmt: skip


if __name__ == "__main__":
    main()

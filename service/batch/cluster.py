"""The cluster engine: `laborlens batch INPUT --out OUT --ray ADDRESS` runs the documents on a
Ray cluster's workers while this process, the driver, stays the only writer of OUT.

Why a pool of actors fed by the driver, and not Ray Data or one Ray task per document:

- A worker keeps what is costly to build: the openai and instructor imports (seconds), the
  HTTP connection pool, the cache connection. An actor builds them once (`worker.Worker`);
  tasks would build them per call. Each actor is an async actor: one event loop, many
  documents on it at once, bounded by its own backend's concurrency limit.
- The output contract (one fsync'd line per document as it finishes, resume by id after
  kill -9, exactly once) needs one writer that sees every result. Ray Data writes blocks to
  files of its own and resumes nothing; here the driver collects each batch as it comes back
  and hands it to the same `BatchRun` the in-process engine writes through.
- Feeding is bounded: at most LABORLENS_CONCURRENCY + 2 x `batch_size` documents are out at
  each worker, in calls of `batch_size`, handed out in turn, so the driver's memory stays flat
  on any INPUT, a worker has its next document queued when a model call ends, and no worker
  is left with a long queue while another idles at the end.
- Retries are the driver's. A call whose worker died (its node lost, its process killed)
  comes back as a RayActorError; its documents go to the front of the queue for a live
  worker, and a replacement worker is asked for, which joins when the cluster has room.
  Ray's own actor restart would wait for the dead actor's resources (its CPU on a node that is
  gone), so the lost documents could wait for a node that never returns. A document's lines
  are only ever written by the driver, once: a late duplicate is dropped by `BatchRun.record`.

Ray is imported here only, and this module only when `--ray` is given. Every node needs
laborlens installed in the Python that runs `ray start`; the LABORLENS_* settings are read on
the driver and shipped to the workers (the API key too, so keep the cluster private).
"""

import logging
import os
import socket
import time
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import ray
from pydantic import ValidationError
from ray.exceptions import RayActorError, RayError, RayTaskError
from rich.console import Console

from schemas.batch import BATCH_LINE, BatchLine
from service.batch.document import failure
from service.batch.sink import BatchRun, Summary
from service.batch.source import BatchInput, Document
from service.batch.worker import Worker, WorkerSpec
from service.errors import ClusterError, InputError, LaborlensError

# A worker waits on the model nearly all the time, but its client CPU per call (instructor,
# the openai SDK: ~10 ms) is serial in its one event loop, so a wave of answers queues there;
# two loops per CPU halve the wave. Measured (benchmarks/README.md, 256 documents, 32 calls in
# flight, 500 ms, six runs): 84-92 % of ideal with one worker per CPU, 88-92 % with two.
_WORKERS_PER_CPU = 2
_MOST_ATTEMPTS = 3  # a batch lost with its worker this often becomes error lines
_START_SECONDS = 120.0  # longest wait for a worker to be ready while none is
_WAIT_SECONDS = 1.0
_CLOSE_SECONDS = 10.0
_CONNECT_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    address: str  # "local" (start Ray inside this process) or the head's host:port
    workers: int | None = None  # None: two per CPU of the cluster (see _WORKERS_PER_CPU)
    batch_size: int = 4  # documents per call to a worker
    refresh: bool = False  # rewrite OUT from scratch
    retry_failed: bool = False  # do again the documents OUT holds error lines for


def connect(address: str) -> None:
    """Join the Ray cluster at `address`, or start one in this process for "local"."""
    _check_reachable(address)
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # a batch run never reports usage
    quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.WARNING}
    if address == "local":
        quiet["include_dashboard"] = False
    try:
        ray.init(address=address, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ClusterError(f"--ray {address}: cannot join the Ray cluster ({exc})") from None


def _check_reachable(address: str) -> None:
    """Refuse a host:port where nothing listens, at once: ray.init would retry for minutes."""
    host, colon, port = address.rpartition(":")
    if not (colon and port.isdigit()):
        return  # "local", "auto": Ray's own
    try:
        socket.create_connection((host, int(port)), timeout=_CONNECT_SECONDS).close()
    except OSError as exc:
        raise ClusterError(
            f"--ray {address}: nothing answers there ({exc.strerror or exc}); is the head "
            f"started (`ray start --head --port={port}`)?"
        ) from None


class WorkerPool:
    """The worker actors: those ready for documents, and those still starting."""

    def __init__(self, spec: WorkerSpec, count: int, console: Console) -> None:
        # Workers share the cluster's CPUs (one each, or a share when asked for more workers
        # than CPUs: a worker mostly waits on the model), spread over the nodes.
        cpus = min(1.0, _cpus() / count)
        remote = ray.remote(num_cpus=cpus, max_restarts=0, scheduling_strategy="SPREAD")
        self._actor = remote(Worker)
        self.spec = spec
        self._console = console
        self._replacements = count * _MOST_ATTEMPTS
        self.live: list[Any] = []
        self.starting: dict[Any, Any] = {}  # ready() ref -> actor
        self._gone: set[Any] = set()  # every call of a dead actor reports it; act once
        for _ in range(count):
            self._start()

    def _start(self) -> None:
        actor: Any = self._actor.remote(self.spec)  # Ray's handles are typed loosely
        self.starting[actor.ready.remote()] = actor

    def join(self, ref: Any) -> None:
        """A worker answered ready(): it takes documents from now on, or is replaced."""
        actor = self.starting.pop(ref)
        try:
            where = ray.get(ref)
        except RayTaskError as exc:  # its backend could not be built: a configuration error
            cause = exc.cause
            raise cause if isinstance(cause, LaborlensError) else ClusterError(str(exc)) from None
        except RayError:
            self.lost(actor)
            return
        self.live.append(actor)
        self._console.print(f"worker ready on {where}", highlight=False)

    def wait_ready(self, timeout: float) -> None:
        """Block until every worker asked for has started (benchmarks time the run after it)."""
        deadline = time.monotonic() + timeout
        while self.starting and time.monotonic() < deadline:
            ready, _ = ray.wait(list(self.starting), num_returns=1, timeout=_WAIT_SECONDS)
            for ref in ready:
                self.join(ref)

    def lost(self, actor: Any) -> None:
        """`actor` died: drop it, and ask for a replacement while the budget lasts."""
        if actor in self._gone:
            return
        self._gone.add(actor)
        if actor in self.live:
            self.live.remove(actor)
            self._console.print("a worker was lost; its documents go to the others")
        ray.kill(actor, no_restart=True)
        if self._replacements > 0:
            self._replacements -= 1
            self._start()

    def close(self) -> None:
        """Close every live worker's backend (its client and cache), then end the actors."""
        closing = [actor.close.remote() for actor in self.live]
        ray.wait(closing, num_returns=len(closing), timeout=_CLOSE_SECONDS)
        for actor in [*self.live, *self.starting.values()]:
            ray.kill(actor, no_restart=True)


class Driver:
    """Feeds the pool in bounded batches and writes each result through `batch` as it lands."""

    def __init__(self, batch: BatchRun, pool: WorkerPool, *, batch_size: int) -> None:
        self._batch = batch
        self._pool = pool
        self._todo = batch.todo()
        self._batch_size = batch_size
        # Enough for every model-call slot plus two calls on their way: a deeper queue would
        # leave one worker idle at the end while another still works through its own.
        self._per_worker = pool.spec.settings.concurrency + 2 * batch_size
        self._retry: deque[tuple[list[Document], int]] = deque()
        self._pending: dict[Any, tuple[Any, list[Document], int]] = {}  # ref -> actor, docs, try
        self._out_at: dict[Any, int] = {}  # actor -> documents sent and not yet back
        self._exhausted = False

    def run(self) -> None:
        """Until every document is written; ClusterError when no worker is left to run on."""
        idle_since = time.monotonic()
        while True:
            self._fill()
            if not self._pending and not self._retry and self._exhausted:
                return
            waiting = [*self._pending, *self._pool.starting]
            if not self._pool.live and time.monotonic() - idle_since > _START_SECONDS:
                raise ClusterError(
                    f"no Ray worker has been ready for {_START_SECONDS:.0f} s; nothing written "
                    "is lost: start nodes and run the same command again to finish"
                )
            if not waiting:
                raise ClusterError("every Ray worker was lost; run the same command again")
            ready, _ = ray.wait(waiting, num_returns=1, timeout=_WAIT_SECONDS)
            for ref in ready:
                if ref in self._pool.starting:
                    self._pool.join(ref)
                else:
                    self._collect(ref)
            if self._pool.live:
                idle_since = time.monotonic()

    def _fill(self) -> None:
        """One batch to each worker with room, in turn, until none has room or nothing is left:
        round robin keeps the workers' queues even, so none idles at the end while another
        still holds a queue."""
        while True:
            hungry = [a for a in self._pool.live if self._out_at.get(a, 0) < self._per_worker]
            if not hungry:
                return
            for actor in hungry:
                work = self._next()
                if work is None:
                    return
                documents, attempt = work
                self._pending[actor.process.remote(documents)] = (actor, documents, attempt)
                self._out_at[actor] = self._out_at.get(actor, 0) + len(documents)

    def _next(self) -> tuple[list[Document], int] | None:
        """Documents lost with a worker first, then up to `batch_size` new ones."""
        if self._retry:
            return self._retry.popleft()
        documents: list[Document] = []
        for document in self._todo:
            loaded = self._loaded(document)
            if loaded is not None:
                documents.append(loaded)
            if len(documents) == self._batch_size:
                break
        else:
            self._exhausted = True
        return (documents, 0) if documents else None

    def _loaded(self, document: Document) -> Document | None:
        """A page is read here, so workers need no view of INPUT; unreadable is an error line."""
        if isinstance(document.text, str) and document.url is None:
            return document
        try:
            return replace(document, text=document.read())  # keeps its url and source
        except InputError as exc:
            self._batch.record(failure(document.id, "bad_input", str(exc)))
            return None

    def _collect(self, ref: Any) -> None:
        actor, documents, attempt = self._pending.pop(ref)
        self._out_at[actor] -= len(documents)
        lines: list[BatchLine]
        try:
            shipped: list[dict[str, Any]] = ray.get(ref)
        except RayTaskError as exc:  # the worker raised outside a document: a bug, not a loss
            lines = [failure(d.id, "internal", str(exc.cause)) for d in documents]
        except (RayActorError, RayError):
            self._pool.lost(actor)
            if attempt + 1 < _MOST_ATTEMPTS:
                self._retry.appendleft((documents, attempt + 1))
                return
            message = f"lost with its Ray worker {_MOST_ATTEMPTS} times"
            lines = [failure(d.id, "internal", message) for d in documents]
        else:
            lines = [_received(d, entry) for d, entry in zip(documents, shipped, strict=True)]
        for line in lines:
            self._batch.record(line)


def _received(document: Document, entry: dict[str, Any]) -> BatchLine:
    """A worker's line for `document` -> the typed line; one the driver's schema refuses (a
    node running another laborlens version) becomes the document's error line."""
    try:
        line = BATCH_LINE.validate_python(entry)
    except ValidationError as exc:
        message = f"its worker sent a line this driver cannot read ({exc.error_count()} errors)"
        return failure(document.id, "internal", f"{message}: is laborlens the same on every node?")
    return line


def _cpus() -> int:
    """CPUs of the whole cluster."""
    resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
    return max(1, int(resources.get("CPU", 1)))


def run_cluster_batch(
    source: BatchInput, out: Path, *, spec: WorkerSpec, options: ClusterOptions, console: Console
) -> Summary:
    """Every document of `source` not yet in `out` -> one line in `out`, run on the cluster."""
    with BatchRun(
        source, out, refresh=options.refresh, console=console, retry_failed=options.retry_failed
    ) as batch:
        connect(options.address)
        try:
            count = options.workers or _WORKERS_PER_CPU * _cpus()
            pool = WorkerPool(spec, count, console)
            try:
                Driver(batch, pool, batch_size=options.batch_size).run()
            finally:
                pool.close()
        finally:
            ray.shutdown()
    return batch.summary

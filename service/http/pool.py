"""Extraction off the event loop: worker processes (`service.http.worker`), each running one
job at a time, with a deadline per job. The caller bounds how many jobs run at once (the HTTP
service's admission: LABORLENS_WORKERS); idle workers are kept for the next job.

Extraction is CPU work in Python; on the server's event loop it froze every other request,
`/healthz` included, and a thread would still hold the GIL against the loop and could not be
stopped. A worker process past its deadline is killed (SIGKILL) and replaced by a fresh one on
the next job, so no request can keep a CPU busy for longer than `deadline` seconds.

Each busy worker has a thread of the pool blocked on its pipe (no GIL held), so the pool works
from any event loop; workers start on first use and are killed when the pool closes or is
garbage collected.
"""

import asyncio
import contextlib
import logging
import subprocess
import sys
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor

from service.http.errors import RefusedError
from service.http.worker import READY, Job, Reply, settings_message
from service.settings import Settings

logger = logging.getLogger(__name__)

_WORKER = [sys.executable, "-m", "service.http.worker"]


class _Process:
    """One worker process and its pipes; every method blocks (called from pool threads)."""

    def __init__(self, hello: bytes) -> None:
        self._popen = subprocess.Popen(_WORKER, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pid = self._popen.pid
        self._busy = False
        self._send(hello)
        assert self._popen.stdout is not None
        if self._popen.stdout.readline() != READY:  # it imports the pipeline meanwhile
            self.kill()
            raise RuntimeError(f"extraction worker {self.pid} did not start")

    def _send(self, line: bytes) -> None:
        assert self._popen.stdin is not None
        self._popen.stdin.write(line + b"\n")
        self._popen.stdin.flush()

    def ask(self, job: bytes) -> bytes:
        """The reply line to `job`; empty when the worker died (killed, or crashed)."""
        assert self._popen.stdout is not None
        self._busy = True
        try:
            self._send(job)
            return self._popen.stdout.readline()
        except (OSError, ValueError):  # a broken pipe, or one `kill` closed
            return b""
        finally:
            self._busy = False
            if self._popen.poll() is not None:
                self._close_pipes()

    def kill(self) -> None:
        """SIGKILL and reap; the pipe a thread reads is closed by that thread when it returns."""
        if self._popen.poll() is None:
            self._popen.kill()
        self._popen.wait()
        if not self._busy:
            self._close_pipes()

    def _close_pipes(self) -> None:
        for pipe in (self._popen.stdin, self._popen.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):  # a dead worker's stdin cannot be flushed
                    pipe.close()

    @property
    def exit_code(self) -> int | None:
        return self._popen.poll()


def _kill_all(processes: set[_Process]) -> None:
    for process in list(processes):
        process.kill()
    processes.clear()


class WorkerPool:
    """Extractions in worker processes, each within `deadline`; `size` threads wait on them."""

    def __init__(self, settings: Settings, *, size: int, deadline: float) -> None:
        self._hello = settings_message(settings, logging.getLogger().getEffectiveLevel())
        self._deadline = deadline
        self._idle: list[_Process] = []
        self._all: set[_Process] = set()
        self._lock = threading.Lock()  # any event loop (and its thread) may call in
        self._size = size
        self._threads = self._fresh_threads()
        self.cache_fault: str | None = None  # as the last llm reply from a worker said
        self.cache_reported = False  # any llm reply yet
        weakref.finalize(self, _kill_all, self._all)

    async def extract(self, job: Job, *, rules: bool) -> Reply:
        """The worker's reply to `job`; RefusedError 504 past the deadline (422 when only the
        rules backend was working: the text is too much for one request)."""
        loop = asyncio.get_running_loop()
        payload = job.model_dump_json().encode("utf-8")
        # Started from a pool thread: a worker dies with the thread that started it (Linux's
        # parent-death signal), and the pool's threads live as long as the pool.
        process = await loop.run_in_executor(self._threads, self._take)
        try:
            line = await asyncio.wait_for(
                loop.run_in_executor(self._threads, process.ask, payload), self._deadline
            )
        except TimeoutError:
            self._discard(process)
            self._threads.submit(self._spare)  # the next request finds a worker started
            raise _past_deadline(self._deadline, rules=rules) from None
        except BaseException:  # cancelled: the client left or the server is stopping
            self._discard(process)
            raise
        if not line:
            logger.error("extraction worker %d died (exit code %s)", process.pid, process.exit_code)
            self._discard(process)
            raise RefusedError(500, "internal_error", "internal error; see the server log")
        self._give_back(process)
        reply = Reply.model_validate_json(line)
        if reply.result is not None and job.backend == "llm":
            self.cache_fault, self.cache_reported = reply.cache_fault, True
        return reply

    def close(self) -> None:
        """Kill every worker, busy or not; a later job starts a fresh one (an app's lifespan
        may end and start again, as under test clients)."""
        with self._lock:
            _kill_all(self._all)
            self._idle.clear()
            threads, self._threads = self._threads, self._fresh_threads()
        threads.shutdown(wait=False, cancel_futures=True)

    def _fresh_threads(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(2 * self._size, thread_name_prefix="laborlens-worker")

    def _take(self) -> _Process:
        """An idle worker, else a new one, once it has started (its start is not the job's)."""
        with self._lock:
            while self._idle:
                idle = self._idle.pop()
                if idle.exit_code is None:
                    return idle
                self._all.discard(idle)
                idle.kill()  # it died while idle: reap it
        process = _Process(self._hello.model_dump_json().encode("utf-8"))
        with self._lock:
            self._all.add(process)
        return process

    def _spare(self) -> None:
        """Start a worker for the next job, in the background."""
        process = _Process(self._hello.model_dump_json().encode("utf-8"))
        with self._lock:
            self._all.add(process)
            self._idle.append(process)

    def _give_back(self, process: _Process) -> None:
        with self._lock:
            self._idle.append(process)

    def _discard(self, process: _Process) -> None:
        """Kill `process`; the thread waiting on its pipe then returns."""
        with self._lock:
            self._all.discard(process)
        process.kill()


def _past_deadline(deadline: float, *, rules: bool) -> RefusedError:
    if rules:
        message = (
            f"the page is too much to extract within {deadline:g} s (LABORLENS_DEADLINE); "
            "send it in parts, or use laborlens batch"
        )
        return RefusedError(422, "too_long_to_finish", message)
    message = (
        f"the extraction did not finish within {deadline:g} s (LABORLENS_DEADLINE): the model "
        "is slow or the page long; retry later, send less text, or use laborlens batch"
    )
    return RefusedError(504, "deadline_exceeded", message)

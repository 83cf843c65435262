"""`laborlens serve` as a real process on a free loopback port, for the tests that need real
sockets, signals and worker processes. Not a test module."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2

from tests.paths import ROOT


@dataclass(frozen=True)
class Live:
    base: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path  # the server's stderr

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def worker_pids(self) -> list[int]:
        """The server's child processes (its extraction workers)."""
        return children_of(self.process.pid)


def children_of(parent: int) -> list[int]:
    """Live processes whose parent is `parent`, from /proc/PID/stat."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return sorted(found)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def live_server(folder: Path, **settings: str) -> Iterator[Live]:
    """A server with `settings` as LABORLENS_* variables (and a cache under `folder`)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABORLENS_", "OPENAI_"))}
    env |= {f"LABORLENS_{k.upper()}": v for k, v in settings.items()}
    env.setdefault("LABORLENS_CACHE_DIR", str(folder / "cache"))
    log = folder / f"server-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
            cwd=ROOT, env=env, stdout=sink, stderr=sink,
        )  # fmt: skip
    live = Live(f"http://127.0.0.1:{port}", port, process, log)
    try:
        _wait_healthy(live)
        yield live
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(live: Live) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert live.process.poll() is None, f"the server exited:\n{live.log_text()}"
        try:
            if httpx2.get(f"{live.base}/healthz", timeout=1).status_code == 200:
                return
        except httpx2.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not become healthy")

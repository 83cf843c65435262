"""The fake server in a child process of its own, so that a client measured against it never
shares a GIL with the server (benchmarks)."""

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from service.fake.wire import EXCHANGES_PATH, STATS_PATH, FakeStats

_STARTUP_SECONDS = 10.0


class FakeProcess:
    """A fake server running in a child process (see `serve_fake_process`)."""

    def __init__(self, base_url: str, pid: int | None = None) -> None:
        self.base_url = base_url
        self.pid = pid

    def cpu_seconds(self) -> float:
        """CPU time the child has used so far (Linux: /proc), to tell the fake's own overhead
        from the client's."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def stats(self) -> FakeStats:
        """The child's counters, asked over HTTP."""
        url = self.base_url.removesuffix("/v1") + STATS_PATH
        with urllib.request.urlopen(url, timeout=_STARTUP_SECONDS) as answer:
            return FakeStats(**json.load(answer))

    def exchanges(self) -> list[dict[str, Any]]:
        """Every answered chat request so far, `{"request": body, "answer": text}`, in order."""
        url = self.base_url.removesuffix("/v1") + EXCHANGES_PATH
        with urllib.request.urlopen(url, timeout=_STARTUP_SECONDS) as answer:
            exchanges: list[dict[str, Any]] = json.load(answer)
            return exchanges


@contextmanager
def serve_fake_process(
    responder: str = "service.fake.server:numbers_responder", *, latency: float = 0.0
) -> Iterator[FakeProcess]:
    """Run `python -m service.fake.server` on a free port in a child process; `responder` is
    "module:function", imported by the child (which starts in this process's directory)."""
    argv = [sys.executable, "-m", "service.fake.server", "--port", "0", "--quiet"]
    argv += ["--latency", str(latency), "--responder", responder]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    try:
        first_line = child.stdout.readline() if child.stdout else ""
        if not first_line.strip():
            raise RuntimeError(f"fake OpenAI server did not start (exit code {child.poll()})")
        yield FakeProcess(first_line.split()[-1], child.pid)
    finally:
        child.terminate()
        child.wait(timeout=_STARTUP_SECONDS)
        if child.stdout:
            child.stdout.close()

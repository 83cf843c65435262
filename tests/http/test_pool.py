"""Extraction runs in worker processes with a deadline, so no page a client sends can freeze
`laborlens serve` (F1): `/healthz` answers while a pathological page is extracted, every
pathological request ends within its deadline, and SIGTERM stops the server at once.

Real processes and sockets throughout (tests/http/live.py). The budgets are generous for two
shared cores; measured figures are in benchmarks/README.md.
"""

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.http.live import children_of, live_server

_TEXT = {"content-type": "text/plain; charset=utf-8"}
_NORMAL = "本报讯 2月18日，我市举办春风行动招聘会，共有120家企业参会。"
# About 900 KB that the rules backend needs over a minute for (linear, but long).
_TOO_MUCH = "随后100人" * 60_000
_DEADLINE = "5"


class _Post(threading.Thread):
    """One POST in the background; `answer` and `seconds` when it has ended."""

    def __init__(self, url: str, body: str) -> None:
        super().__init__(daemon=True)
        self.url, self.body = url, body.encode("utf-8")
        self.answer: httpx2.Response | None = None
        self.failure: httpx2.TransportError | None = None  # the server went away
        self.seconds = 0.0

    def run(self) -> None:
        started = time.monotonic()
        try:
            self.answer = httpx2.post(self.url, content=self.body, headers=_TEXT, timeout=60)
        except httpx2.TransportError as exc:
            self.failure = exc
        self.seconds = time.monotonic() - started


def _health_latencies(base: str, while_running: threading.Thread) -> list[float]:
    latencies = []
    with httpx2.Client(timeout=10) as client:
        while while_running.is_alive():
            started = time.monotonic()
            assert client.get(f"{base}/healthz").status_code == 200
            latencies.append(time.monotonic() - started)
            time.sleep(0.1)
    return latencies


def test_healthz_answers_while_a_page_runs_past_its_deadline(tmp_path: Path) -> None:
    with live_server(tmp_path, deadline=_DEADLINE) as live:
        post = _Post(f"{live.base}/v1/extract", _TOO_MUCH)
        post.start()
        latencies = _health_latencies(live.base, post)
        post.join()
        after = httpx2.post(f"{live.base}/v1/extract", json={"text": _NORMAL}, timeout=30)
    assert post.answer is not None
    assert post.answer.status_code == 422, post.answer.text
    assert post.answer.json()["error"]["code"] == "too_long_to_finish"
    assert post.seconds < 10
    assert len(latencies) > 10
    assert max(latencies) < 1.0, f"slowest /healthz {max(latencies):.2f}s"
    assert after.status_code == 200  # a fresh worker took the killed one's place


_PATHOLOGICAL = {
    "a clause repeated": "100人，" * 2000,
    "30 KB of digits": "1" * 30_000,
    "100,000 short lines": "短行\n" * 100_000,
    "100,000 short lines with numbers": "100人\n" * 100_000,
    "a forward word repeated": "随后100人" * 4000,
}


def test_every_pathological_page_ends_within_ten_seconds(tmp_path: Path) -> None:
    with live_server(tmp_path, deadline="8", workers="1") as live:
        ended: dict[str, tuple[int, float]] = {}
        for name, text in _PATHOLOGICAL.items():
            post = _Post(f"{live.base}/v1/extract", text)
            post.start()
            latencies = _health_latencies(live.base, post)
            assert post.answer is not None
            ended[name] = (post.answer.status_code, post.seconds)
            assert not latencies or max(latencies) < 1.0, (name, max(latencies))
    for name, (status, seconds) in ended.items():
        assert status in {200, 422, 504}, (name, status)
        assert seconds < 10, (name, seconds)


def test_sigterm_stops_the_server_and_its_workers_at_once(tmp_path: Path) -> None:
    with live_server(tmp_path, deadline="60") as live:
        post = _Post(f"{live.base}/v1/extract", _TOO_MUCH)
        post.start()
        _wait_for(live.worker_pids, "a worker to start")
        workers = live.worker_pids()
        time.sleep(1)  # well into the extraction
        started = time.monotonic()
        live.process.send_signal(signal.SIGTERM)
        live.process.wait(timeout=15)
        stopped = time.monotonic() - started
        post.join(timeout=15)
    assert stopped < 8, f"{stopped:.1f}s"  # a 3 s grace for requests, then workers are killed
    assert post.answer is None or post.answer.status_code >= 500
    assert live.process.returncode in {0, -signal.SIGTERM}
    _wait_for(lambda: not any(_alive(pid) for pid in workers), "the workers to end")
    assert not children_of(live.process.pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"


def _wait_for(check: Any, what: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds} s for {what}")
        time.sleep(0.05)

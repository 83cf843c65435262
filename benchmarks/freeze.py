"""Can a client freeze `laborlens serve`? Pathological pages, slow senders and SIGTERM against a
real server process, with the latency of /healthz measured all the while (issue 25).

    .venv/bin/python -m benchmarks.freeze [--deadline 8]

Prints one table; the figures of the last run are in benchmarks/README.md.
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import httpx2

_ROOT = Path(__file__).resolve().parent.parent
_TEXT = {"content-type": "text/plain; charset=utf-8"}
_NORMAL = "本报讯 2月18日，我市举办春风行动招聘会，共有120家企业参会。"
PAGES = {
    "a clause repeated 2,000 times (18 KB)": "100人，" * 2000,
    "30 KB of digits": "1" * 30_000,
    "100,000 short lines (700 KB)": "短行\n" * 100_000,
    "100,000 short lines with numbers (700 KB)": "100人\n" * 100_000,
    "a forward word repeated (900 KB)": "随后100人" * 60_000,
}


@contextmanager
def _server(folder: Path, **settings: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABORLENS_", "OPENAI_"))}
    env |= {f"LABORLENS_{k.upper()}": v for k, v in settings.items()}
    env["LABORLENS_CACHE_DIR"] = str(folder / "cache")
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port)]
    quiet = subprocess.DEVNULL
    process = subprocess.Popen(command, cwd=_ROOT, env=env, stdout=quiet, stderr=quiet)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with suppress(httpx2.TransportError):
                if httpx2.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        yield base, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _post_watching_health(base: str, text: str) -> tuple[str, float, list[float]]:
    """(status, seconds) of one POST, and the /healthz latencies measured while it ran."""
    outcome: list[str | float] = []

    def post() -> None:
        started = time.monotonic()
        try:
            answer = httpx2.post(
                f"{base}/v1/extract",
                content=text.encode(),
                headers=_TEXT,
                timeout=120,
            )
            outcome[:] = [str(answer.status_code), time.monotonic() - started]
        except httpx2.TransportError as exc:
            outcome[:] = [type(exc).__name__, time.monotonic() - started]

    thread = threading.Thread(target=post)
    thread.start()
    latencies = []
    with httpx2.Client(timeout=30) as client:
        while thread.is_alive():
            started = time.monotonic()
            client.get(f"{base}/healthz")
            latencies.append(time.monotonic() - started)
            time.sleep(0.1)
    thread.join()
    return str(outcome[0]), float(outcome[1]), latencies


def _health(latencies: list[float]) -> str:
    if not latencies:
        return "-"
    median, slowest = statistics.median(latencies) * 1000, max(latencies) * 1000
    return f"median {median:.0f} ms, max {slowest:.0f} ms"


def _slow_senders(base: str, count: int) -> float:
    """Seconds a normal request takes while `count` clients send their bodies a byte a second."""
    port = int(base.rsplit(":", 1)[1])
    head = (
        b"POST /v1/extract HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 1000\r\n\r\nx"
    )
    with ExitStack() as stack:
        for _ in range(count):
            stack.enter_context(socket.create_connection(("127.0.0.1", port))).sendall(head)
        time.sleep(1.0)
        started = time.monotonic()
        answer = httpx2.post(f"{base}/v1/extract", json={"text": _NORMAL}, timeout=60)
        assert answer.status_code == 200, answer.text
        return time.monotonic() - started


def _sigterm_seconds(base: str, process: subprocess.Popen[bytes]) -> float:
    """Seconds from SIGTERM to exit while a page runs that would take over a minute."""
    body = PAGES["a forward word repeated (900 KB)"].encode()

    def post() -> None:
        with suppress(httpx2.TransportError):  # the server goes away mid-request
            httpx2.post(f"{base}/v1/extract", content=body, headers=_TEXT, timeout=120)

    threading.Thread(target=post, daemon=True).start()
    time.sleep(2.0)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadline", default="8", help="LABORLENS_DEADLINE of the server")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        with _server(Path(folder), deadline=args.deadline) as (base, _process):
            for name, text in PAGES.items():
                status, seconds, latencies = _post_watching_health(base, text)
                rows.append((name, f"{status} after {seconds:.1f} s", _health(latencies)))
            seconds = _slow_senders(base, 40)
            rows.append(("40 slow senders: a normal request", f"200 after {seconds:.2f} s", "-"))
        with _server(Path(folder), deadline="120") as (base, process):
            seconds = _sigterm_seconds(base, process)
            rows.append(("SIGTERM mid-extraction: server gone", f"after {seconds:.1f} s", "-"))
    print(f"| case (LABORLENS_DEADLINE={args.deadline}) | answer | /healthz meanwhile |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

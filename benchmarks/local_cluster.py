"""A redis-server and a two-node Ray cluster on this machine, for the cluster tests and the
cluster benchmark; both are started here and stopped here, and listen on loopback only.

The two Ray nodes are two `ray start` runs with their own temp dirs and their own loopback
addresses (127.0.0.2 for the head, 127.0.0.3 for the worker node), so Ray sees two nodes, as
on two machines; one CPU each. Ray swaps 127.0.0.1 for the machine's outward address, so the
nodes use other addresses of 127.0.0.0/8, which it leaves alone.

    with local_redis(folder) as url, LocalRayCluster(folder) as cluster:
        ...  # env | cluster.env: laborlens batch ... --ray cluster.address
        cluster.kill_worker_node()
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

HEAD_IP = "127.0.0.2"
WORKER_IP = "127.0.0.3"
_START_SECONDS = 60.0
_OBJECT_STORE_BYTES = 100_000_000  # the batch ships text and JSON lines: keep /dev/shm light
_RAY = Path(sys.executable).with_name("ray")
_AGENT_PORTS = (
    "dashboard-agent-listen",
    "dashboard-agent-grpc",
    "runtime-env-agent",
    "metrics-export",
)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def local_redis(folder: Path) -> Iterator[str]:
    """redis-server on a free loopback port, its files in `folder`, nothing persisted; its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    argv = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder)]
    argv += ["--save", "", "--appendonly", "no", "--protected-mode", "yes"]
    log = (folder / "redis.log").open("wb")
    server = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_port("127.0.0.1", port, server)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=_START_SECONDS)
        log.close()


def _wait_for_port(host: str, port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {host}:{port} exited with {process.returncode}")
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {host}:{port} after {_START_SECONDS:.0f} s")


class LocalRayCluster:
    """A Ray head node and one worker node on this machine, one CPU each."""

    def __init__(self, folder: Path) -> None:
        # Short paths: Ray's unix sockets live under the temp dir (108 bytes at most).
        self._head_dir = Path("/tmp") / f"ll-ray-{os.getpid()}-h"
        self._worker_dir = Path("/tmp") / f"ll-ray-{os.getpid()}-w"
        self._log = folder / "ray-start.log"
        folder.mkdir(parents=True, exist_ok=True)
        self.address = f"{HEAD_IP}:{free_port(HEAD_IP)}"
        # Ray's token authentication, on for every process of this cluster and every driver
        # given `env`: set explicitly, so that a token left in ~/.ray by another Ray (which
        # turns token mode on for some processes and not others) changes nothing.
        # A driver in this process must have them before it imports ray (its config is read
        # then): a token already in the environment is used.
        token = os.environ.get("RAY_AUTH_TOKEN") or secrets.token_hex(32)
        self.env = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": token}

    def __enter__(self) -> Self:
        port = self.address.rsplit(":", 1)[1]
        self._ray("--head", f"--port={port}", f"--node-ip-address={HEAD_IP}",
                  "--include-dashboard=false",
                  temp_dir=self._head_dir)  # fmt: skip
        try:
            self.start_worker_node()
        except BaseException:
            self._clean_up()
            raise
        return self

    def start_worker_node(self) -> None:
        """Start (or start again) the second node, and wait until the head counts it."""
        self._ray(f"--address={self.address}", f"--node-ip-address={WORKER_IP}",
                  temp_dir=self._worker_dir)  # fmt: skip
        deadline = time.monotonic() + _START_SECONDS
        while self.alive_nodes() < 2:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the worker node did not join in {_START_SECONDS:.0f} s")
            time.sleep(0.5)

    def alive_nodes(self) -> int:
        """Nodes the head reports active (`ray status`)."""
        status = subprocess.run(
            [str(_RAY), "status", f"--address={self.address}"], env=os.environ | self.env,
            capture_output=True, text=True, timeout=_START_SECONDS, check=False,
        ).stdout  # fmt: skip
        active = status.partition("Active:")[2].partition("Pending:")[0]
        return sum(1 for line in active.splitlines() if "node_" in line)

    def _ray(self, *args: str, temp_dir: Path) -> None:
        temp_dir.mkdir(exist_ok=True)
        argv = [str(_RAY), "start", *args, "--num-cpus=1", f"--temp-dir={temp_dir}"]
        argv += [f"--object-store-memory={_OBJECT_STORE_BYTES}", "--disable-usage-stats"]
        # Two nodes on one machine: the agents' fixed default ports would collide.
        argv += [f"--{name}-port={free_port()}" for name in _AGENT_PORTS]
        with self._log.open("ab") as log:
            subprocess.run(argv, stdout=log, stderr=subprocess.STDOUT, check=True,
                           timeout=_START_SECONDS, env=os.environ | self.env)  # fmt: skip

    def kill_worker_node(self) -> dict[int, str]:
        """SIGKILL the worker node's raylet and everything under it (its Ray workers): pid ->
        command line of each process killed. As a machine that loses power: nothing is told."""
        return self._stop(self._worker_dir)

    def _stop(self, temp_dir: Path) -> dict[int, str]:
        # Every process `ray start` left for this node names its temp dir on its command line.
        roots = [pid for pid in _pids() if str(temp_dir) in _cmdline(pid)]
        killed = {}
        for pid in dict.fromkeys(pid for root in roots for pid in _tree(root)):
            name = _cmdline(pid)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            killed[pid] = name
        return killed

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._clean_up()

    def _clean_up(self) -> None:
        for temp_dir in (self._worker_dir, self._head_dir):
            self._stop(temp_dir)
            shutil.rmtree(temp_dir, ignore_errors=True)  # logs, sockets, spilled objects


def _pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _tree(root: int) -> list[int]:
    """`root` and its descendants, children first."""
    children = []
    for task in (Path("/proc") / str(root) / "task").glob("*/children"):
        try:
            children += [int(c) for c in task.read_text().split()]
        except OSError:
            continue
    return [pid for child in children for pid in _tree(child)] + [root]

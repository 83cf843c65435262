"""`laborlens batch --ray`: on a real two-node Ray cluster with a real Redis, the same lines as
the in-process batch, every document exactly once when a worker node or the driver dies, and a
second node served from the shared cache with no model call.

The cluster and redis-server start once for the session (tests/conftest.py); the node-killing
test runs last, since the cluster has one node fewer after it.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import redis
from typer.testing import CliRunner

from benchmarks.local_cluster import LocalRayCluster, free_port
from service.cli import app
from service.fake.server import FakeServer, numbers_responder, serve_fake
from tests.paths import ROOT

_SEEDS = ROOT / "seeds"
_RUN_SECONDS = 180


def _env(fake: FakeServer, cache: Path, cluster: LocalRayCluster, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABORLENS_", "OPENAI_"))}
    env |= cluster.env  # the cluster's token
    env |= {"LABORLENS_BASE_URL": fake.base_url, "LABORLENS_MODEL": "fake-model",
            "LABORLENS_API_KEY": "sk-test", "LABORLENS_CACHE_DIR": str(cache)}  # fmt: skip
    return env | {f"LABORLENS_{k.upper()}": v for k, v in extra.items()}


def _command(source: Path, out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "service.cli", "batch", str(source), "--out", str(out), *args]


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=_RUN_SECONDS, check=False)  # fmt: skip


def _here(source: Path, out: Path, env: dict[str, str], *args: str) -> None:
    """The in-process batch, in this process (no --ray): what the cluster must match."""
    laborlens = {k: v for k, v in env.items() if k.startswith("LABORLENS_")}
    done = CliRunner().invoke(app, ["batch", str(source), "--out", str(out), *args], env=laborlens)
    assert done.exit_code == 0, done.output


def _by_id(out: Path) -> dict[str, dict[str, Any]]:
    """OUT's lines by id, each id once. The fake's simulated prefix cache answers a prompt it
    has seen before with more cached tokens, so that count says which run came first: dropped.
    """
    raw = out.read_bytes()
    assert raw.endswith(b"\n"), "torn last line"
    lines = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    counts = Counter(line["id"] for line in lines)
    assert [i for i, n in counts.items() if n > 1] == [], "a document written twice"
    for line in lines:
        line.get("result", {}).get("usage", {}).pop("cached_tokens", None)
    return {line["id"]: line for line in lines}


def _count_lines(out: Path) -> int:
    return out.read_bytes().count(b"\n") if out.exists() else 0


def _documents(path: Path, count: int) -> Path:
    """`count` one-chunk JSONL documents, each with numbers the fake model quotes."""
    with path.open("w", encoding="utf-8") as records:
        for i in range(count):
            text = f"本报讯 2月18日，第{i}场招聘会举办，共有{100 + i}家企业参会，岗位{3000 + i}个。"
            records.write(json.dumps({"id": f"doc-{i:03d}", "text": text}, ensure_ascii=False))
            records.write("\n")
    return path


def _wait_for_lines(out: Path, count: int, running: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _RUN_SECONDS
    while _count_lines(out) < count:
        assert running.poll() is None, "finished before it could be killed"
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.05)


def test_an_address_where_no_head_listens_is_refused_at_once(tmp_path: Path) -> None:
    nowhere = f"127.0.0.1:{free_port()}"
    done = CliRunner().invoke(app, ["batch", str(_SEEDS), "--out", str(tmp_path / "out.jsonl"),
                                    "--backend", "rules", "--ray", nowhere])  # fmt: skip
    assert done.exit_code == 2
    assert f"--ray {nowhere}: nothing answers there" in done.output
    assert (tmp_path / "out.jsonl").read_bytes() == b""  # claimed, nothing written


def test_seed_pages_give_the_same_lines_as_the_in_process_batch(
    tmp_path: Path, ray_cluster: LocalRayCluster
) -> None:
    with serve_fake(numbers_responder) as fake:
        env = _env(fake, tmp_path / "cache", ray_cluster)
        _here(_SEEDS, tmp_path / "here.jsonl", env, "--no-cache")
        there = _run(_command(_SEEDS, tmp_path / "there.jsonl", "--no-cache",
                              "--ray", ray_cluster.address), env)  # fmt: skip
    assert there.returncode == 0, there.stderr
    assert "worker ready on" in there.stderr
    expected = _by_id(tmp_path / "here.jsonl")
    assert len(expected) == 5
    assert all(line["status"] == "ok" for line in expected.values())
    assert _by_id(tmp_path / "there.jsonl") == expected


def test_another_node_with_an_empty_local_cache_asks_the_model_nothing(
    tmp_path: Path, ray_cluster: LocalRayCluster, redis_url: str
) -> None:
    shared = redis.Redis.from_url(redis_url)
    shared.flushdb()
    with serve_fake(numbers_responder) as fake:
        here = _env(fake, tmp_path / "cache-a", ray_cluster, cache_url=redis_url)
        _here(_SEEDS, tmp_path / "first.jsonl", here)
        asked = fake.requests
        assert asked > 0
        assert shared.dbsize() == asked  # one key per chunk, none in the local cache
        there = _env(fake, tmp_path / "cache-b", ray_cluster, cache_url=redis_url)
        command = _command(_SEEDS, tmp_path / "second.jsonl", "--ray", ray_cluster.address)
        second = _run([*command, "--workers", "2"], there)
        assert second.returncode == 0, second.stderr
        assert fake.requests == asked  # 0 model calls on the second run
    assert f"cached chunks {asked}" in second.stderr
    assert not (tmp_path / "cache-b").exists()
    before, after = _by_id(tmp_path / "first.jsonl"), _by_id(tmp_path / "second.jsonl")
    assert set(before) == set(after)
    for i, line in after.items():
        assert line["result"]["articles"] == before[i]["result"]["articles"]
        assert line["result"]["usage"]["requests"] == 0


def test_driver_killed_with_9_then_resumed_writes_every_document_exactly_once(
    tmp_path: Path, ray_cluster: LocalRayCluster
) -> None:
    source = _documents(tmp_path / "in.jsonl", 48)
    out = tmp_path / "out.jsonl"
    command = _command(source, out, "--no-cache", "--ray", ray_cluster.address, "--workers", "2")
    with serve_fake(numbers_responder, latency=0.2) as fake:
        env = _env(fake, tmp_path / "cache", ray_cluster, concurrency="2")
        _here(source, tmp_path / "here.jsonl", env, "--no-cache", "--concurrency", "16")
        driver = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        _wait_for_lines(out, 6, driver)
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(timeout=10)
        killed_at = _count_lines(out)
        with out.open("ab") as torn:  # as if it had died in the middle of a line
            torn.write(b'{"id": "doc-047", "status": "o')
        resumed = _run(command, env)
    assert resumed.returncode == 0, resumed.stderr
    assert f"skipped {killed_at}" in resumed.stderr
    assert 6 <= killed_at < 48
    assert _by_id(out) == _by_id(tmp_path / "here.jsonl")


# Last: the cluster is left with its head node only.
def test_a_worker_node_killed_mid_run_loses_no_document(
    tmp_path: Path, ray_cluster: LocalRayCluster
) -> None:
    source = _documents(tmp_path / "in.jsonl", 48)
    out = tmp_path / "out.jsonl"
    with serve_fake(numbers_responder, latency=0.2) as fake:
        env = _env(fake, tmp_path / "cache", ray_cluster, concurrency="2")
        _here(source, tmp_path / "here.jsonl", env, "--no-cache", "--concurrency", "16")
        command = _command(source, out, "--no-cache", "--ray", ray_cluster.address,
                           "--workers", "2")  # fmt: skip
        driver = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        _wait_for_lines(out, 6, driver)
        killed = ray_cluster.kill_worker_node()
        assert any("ray::Worker" in name for name in killed.values()), "no worker on that node"
        _, stderr = driver.communicate(timeout=_RUN_SECONDS)
    assert driver.returncode == 0, stderr
    assert "a worker was lost" in stderr
    assert _by_id(out) == _by_id(tmp_path / "here.jsonl")

"""The two batch runs: `laborlens batch` against the recorded server, SIGKILLed part-way
through, then run again to resume; and its output read back."""

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.soak.config import (
    CHUNK_CHARS,
    CLIENT_TIMEOUT,
    CONCURRENCY,
    MAX_RETRIES,
    OVERLAP,
    REASKS,
    ROOT,
)
from benchmarks.soak.folder import Folder

_RUN_SECONDS = 300.0  # give up on a hung batch


@dataclass(slots=True)
class Runs:
    """What the two batch runs did."""

    killed: bool = False  # the first run was killed before it finished
    written_first: set[str] = field(default_factory=set)  # ids on complete lines after run 1
    torn_at_kill: int = 0  # bytes after the last newline when the first run died
    torn_added: int = 0  # bytes of a half line appended after the kill, when it tore none
    exit_codes: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def run_batches(folder: Folder, base_url: str, *, kill_after: int | None) -> Runs:
    """Run `laborlens batch` (SIGKILLed once `kill_after` lines are out), then again to resume.

    When the kill tore no line, half a line is appended, as if it had died mid-write.
    """
    script = Path(sys.executable).with_name("laborlens")
    front = [str(script)] if script.is_file() else [sys.executable, "-m", "service.cli"]
    command = [*front, "batch", str(folder.source), "--out", str(folder.out)]
    runs = Runs()
    for run in (1, 2):
        started = time.monotonic()
        env = _batch_env(base_url, folder.cache, run)
        with folder.batch_errors(run).open("w") as errors:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=errors)
            if run == 1 and kill_after is not None:
                runs.killed = _kill_when(process, folder.out, kill_after)
            try:
                process.wait(timeout=_RUN_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()  # hung: its exit code (-9) fails the check
                process.wait()
        runs.exit_codes.append(process.returncode)
        runs.seconds.append(time.monotonic() - started)
        if run == 1:
            runs.written_first, runs.torn_at_kill = _written(folder.out)
            if runs.killed and not runs.torn_at_kill:
                runs.torn_added = _tear(folder, runs.written_first)
    return runs


def _batch_env(base_url: str, cache: Path, run: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABORLENS_", "OPENAI_"))}
    settings = {
        "BASE_URL": base_url,
        "MODEL": "fake-model",
        "API_KEY": f"soak-run-{run}",  # tells the server's log which run asked
        "CACHE_DIR": str(cache),
        "MAX_RETRIES": str(MAX_RETRIES),
        "REASKS": str(REASKS),
        "TIMEOUT": str(CLIENT_TIMEOUT),
        "CONCURRENCY": str(CONCURRENCY),
        "CHUNK_CHARS": str(CHUNK_CHARS),
        "CHUNK_OVERLAP": str(OVERLAP),
    }
    return env | {f"LABORLENS_{k}": v for k, v in settings.items()}


def _kill_when(process: subprocess.Popen[bytes], out: Path, lines: int) -> bool:
    deadline = time.monotonic() + _RUN_SECONDS
    while process.poll() is None and time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= lines:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.02)
    return False


def _written(out: Path) -> tuple[set[str], int]:
    """Ids on whole lines of OUT, and how many bytes follow the last newline."""
    lines, _ = read_output(out)
    raw = out.read_bytes() if out.exists() else b""
    return {line["id"] for line in lines}, len(raw.rpartition(b"\n")[2])


def _tear(folder: Folder, written: set[str]) -> int:
    """Append the first half of an ok line for a document not yet written; its length."""
    with folder.source.open(encoding="utf-8") as records:
        pending = next((r["id"] for r in map(json.loads, records) if r["id"] not in written), "")
    if not pending:
        return 0
    line = json.dumps({"id": pending, "status": "ok", "result": {"articles": []}}).encode()
    with folder.out.open("ab") as appended:
        appended.write(line[: len(line) // 2])
    return len(line) // 2


def read_output(out: Path) -> tuple[list[dict[str, Any]], int]:
    """OUT's lines, and how many are torn (no newline, not JSON, or no id and status)."""
    raw = out.read_bytes() if out.exists() else b""
    pieces = raw.split(b"\n")
    torn = 1 if pieces[-1] else 0
    lines = []
    for piece in pieces[:-1]:
        try:
            line = json.loads(piece)
            if not (isinstance(line, dict) and {"id", "status"} <= line.keys()):
                raise ValueError("not a batch line")
        except ValueError:
            torn += 1
        else:
            lines.append(line)
    return lines, torn

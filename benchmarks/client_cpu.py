"""Client CPU per model call and share of the ideal, before and after a change, side by side.

    .venv/bin/python -m benchmarks.client_cpu [--before REF] [--rounds 3] [--no-profile]

The "before" side is the laborlens of git REF (default: main before issue 26), unpacked into a
temporary folder; "after" is this tree. Both run in the same venv, each measurement in a fresh
process (`benchmarks.client_run`), alternating sides and their order round by round so that a
change in the machine's load hits both. Scenarios: `make bench-cluster`'s in-process batch (256
one-chunk documents, 500 ms fake) at 32 and 64 calls in flight, and `make bench` row b (40 pages,
32 in flight). Printed: the load average, the median share of ideal and client CPU µs per call
with every run's share, and the CPU µs per call of each part (`benchmarks.client_parts`): its
share of the py-spy samples of a side (one profiled run a round, added up) times the median CPU
per call of the side's timed runs.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from io import BytesIO
from pathlib import Path

from benchmarks.client_parts import split_samples

ROOT = Path(__file__).resolve().parent.parent
BEFORE_ISSUE_26 = "3fc14c3"  # main when issue 26 began
_TREES = ("service", "schemas", "prompts", "benchmarks", "seeds")
SCENARIOS = (("batch", 32), ("batch", 64), ("pages", 32))
_PROFILED = (("batch", 32), ("pages", 32))
_TIMEOUT = 300
Run = dict[str, float]


def unpack(ref: str, into: Path) -> Path:
    """The code of `ref` in `into`, with this tree's client_run.py beside its benchmarks."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, *_TREES],
        capture_output=True, check=True, timeout=_TIMEOUT,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    shutil.copy(ROOT / "benchmarks" / "client_run.py", into / "benchmarks" / "client_run.py")
    return into


def measure(tree: Path, scenario: tuple[str, int], profile: Path | None = None) -> Run:
    """One run of `benchmarks.client_run` on the laborlens in `tree`."""
    argv = [sys.executable, "-m", "benchmarks.client_run", scenario[0], str(scenario[1])]
    argv += ["--profile", str(profile)] if profile else []
    env = os.environ | {"PYTHONPATH": str(tree)}
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=tree, timeout=_TIMEOUT, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{tree.name} {scenario} failed:\n{done.stderr[-2000:]}")
    run: Run = json.loads(done.stdout.strip().splitlines()[-1])
    return run


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _timed_rows(runs: dict[tuple[str, int, str], list[Run]]) -> list[str]:
    head = "| scenario | before: share (runs) | after: share (runs) | CPU µs/call before → after |"
    rows = [head + " fake's CPU µs/call before → after |", "|---|---|---|---|---|"]
    for name, in_flight in SCENARIOS:
        cells = []
        for side in ("before", "after"):
            shares = [r["share"] for r in runs[name, in_flight, side]]
            every = ", ".join(f"{s:.0%}" for s in shares)
            cells.append(f"{statistics.median(shares):.0%} ({every})")
        cpu, fake = (
            [statistics.median(r.get(key, 0.0) for r in runs[name, in_flight, s])
             for s in ("before", "after")]
            for key in ("cpu_us", "fake_cpu_us")
        )  # fmt: skip
        label = f"{name}, {in_flight} in flight"
        rows.append(
            f"| {label} | {cells[0]} | {cells[1]} | {cpu[0]:,.0f} → {cpu[1]:,.0f} "
            f"| {fake[0]:,.0f} → {fake[1]:,.0f} |"
        )
    return rows


def _part_rows(parts: dict[str, Counter[str]], cpu: dict[str, float], title: str) -> list[str]:
    """Per part: µs per call before and after, and after / before."""
    each = {s: {p: n / max(sum(parts[s].values()), 1) * cpu[s] for p, n in parts[s].items()}
            for s in ("before", "after")}  # fmt: skip
    both = Counter(each["before"]) + Counter(each["after"])
    names = [name for name, _ in both.most_common()]
    rows = [
        f"| {title}: part | before µs/call | after µs/call | after/before |",
        "|---|---|---|---|",
    ]
    for part in [*names, "total"]:
        b = sum(each["before"].values()) if part == "total" else each["before"].get(part, 0.0)
        a = sum(each["after"].values()) if part == "total" else each["after"].get(part, 0.0)
        rows.append(
            f"| {part} | {b:,.0f} | {a:,.0f} | {a / b:.2f} |"
            if b
            else f"| {part} | 0 | {a:,.0f} | |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--before", default=BEFORE_ISSUE_26, help="git ref of the 'before' side")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    print(f"load average at start: {_load()} ({os.cpu_count()} CPUs)", flush=True)
    runs: dict[tuple[str, int, str], list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="ll-before-") as tmp:
        trees = {"before": unpack(args.before, Path(tmp)), "after": ROOT}
        for round_ in range(args.rounds):
            for scenario in SCENARIOS:
                sides = ("before", "after") if round_ % 2 == 0 else ("after", "before")
                for side in sides:
                    run = measure(trees[side], scenario)
                    runs.setdefault((*scenario, side), []).append(run)
                    print(f"  round {round_ + 1} {scenario} {side}: {run['share']:.0%}", flush=True)
        print(f"load average after the timed runs: {_load()}\n")
        print("\n".join(_timed_rows(runs)))
        if not args.no_profile:
            _profile(trees, runs, rounds=args.rounds, folder=Path(tmp))
    print(f"\nload average at the end: {_load()}")


def _profile(
    trees: dict[str, Path], runs: dict[tuple[str, int, str], list[Run]], *, rounds: int,
    folder: Path,
) -> None:  # fmt: skip
    """One py-spy profile per side, scenario and round, alternating as the timed runs; the
    samples of a side add up over the rounds (a single run's split moves with the load)."""
    for scenario in _PROFILED:
        parts: dict[str, Counter[str]] = {"before": Counter(), "after": Counter()}
        for round_ in range(rounds):
            for side in ("before", "after") if round_ % 2 == 0 else ("after", "before"):
                raw = folder / f"{side}.raw"
                measure(trees[side], scenario, profile=raw)
                parts[side] += split_samples(raw)
        cpu = {s: statistics.median(r["cpu_us"] for r in runs[(*scenario, s)]) for s in parts}
        print("\n" + "\n".join(_part_rows(parts, cpu, f"{scenario[0]} at {scenario[1]}")))


if __name__ == "__main__":
    main()

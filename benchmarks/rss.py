"""Peak RSS of a batch of N short documents through `laborlens batch`'s run_batch (rules backend).

.venv/bin/python -m benchmarks.rss 10000   ->  prints "<documents> <peak RSS in MB> <seconds>"
"""

import asyncio
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

from service.batch.local import BatchOptions, run_batch
from service.batch.source import open_input
from service.extract.rules.backend import RulesBackend
from service.settings import Settings


def short_document(n: int) -> str:
    """A page of four sentences with numbers, unique per n."""
    return (
        f"本报讯 {n % 12 + 1}月{n % 28 + 1}日，第{n}场春风行动招聘会举办，"
        f"{n % 90 + 10}家企业参会。\n"
        f"招聘会累计吸引 {1000 + n} 余名求职者参加，约{30 + n % 50}名务工人员来我市企业就业。\n"
        f"当天达成就业意向{n % 300 + 20}人，人均月薪{4000 + n % 3000}元。\n"
    )


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "in.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for n in range(count):
                out.write(json.dumps({"id": f"d{n}", "text": short_document(n)}) + "\n")
        console = Console(file=io.StringIO())
        started = time.perf_counter()
        summary = asyncio.run(
            run_batch(
                open_input(source),
                Path(directory) / "out.jsonl",
                backend=RulesBackend(),
                options=BatchOptions(
                    concurrency=8, refresh=False, overlap=Settings().chunk_overlap
                ),
                console=console,
            )
        )
        elapsed = time.perf_counter() - started
    print(summary.ok, f"{peak_rss_mb():.1f}", f"{elapsed:.2f}")


def peak_rss_mb() -> float:
    """This process's peak resident set, in MB.

    Not `getrusage().ru_maxrss`: Linux carries that across fork and exec, so a process started
    by a large parent (the benchmark, holding two tokenizers) reports the parent's size. The
    kernel's high-water mark `VmHWM` belongs to the process's own address space."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main(int(sys.argv[1]))

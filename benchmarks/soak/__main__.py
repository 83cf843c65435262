"""Soak: a few hundred documents through the real `laborlens batch` under a seeded fault mix.

    python -m benchmarks.soak [--docs 400] [--seed 1] [--no-kill]

Builds the documents, starts the recorded server, runs and resumes the batch, checks what came
out and what the server served, prints the table; exits 1 when a check failed. The package
docstring lists the checks.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

from benchmarks.soak.checks import Soak, check_lines, check_requests, check_runs, check_usage
from benchmarks.soak.documents import build_documents
from benchmarks.soak.folder import Folder, tail
from benchmarks.soak.report import soak_table
from benchmarks.soak.retries import check_retries
from benchmarks.soak.runs import read_output, run_batches
from benchmarks.soak.server import start_server
from benchmarks.soak.server_log import load_requests

DOCUMENTS = 400
KILL_AT = 0.4  # share of documents written before the first run is killed


def run_soak(count: int, seed: int, *, kill: bool, console: Console) -> bool:
    """Run the soak in a temporary folder, print the table; True when every check passed."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="laborlens-soak-") as root:
        folder = Folder(Path(root))
        records = build_documents(count, seed)
        jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        folder.source.write_text(jsonl, encoding="utf-8")
        server, base_url = start_server(folder, seed)
        try:
            kill_after = max(1, int(count * KILL_AT)) if kill else None
            runs = run_batches(folder, base_url, kill_after=kill_after)
        finally:
            server.terminate()  # uvicorn finishes the requests in flight, then exits
            server.wait(timeout=30)
        lines, torn = read_output(folder.out)
        result = Soak(records, lines, torn, load_requests(folder.server_log, records), runs)
        for check in (check_lines, check_requests, check_retries, check_usage):
            check(result)
        check_runs(result, kill=kill)
        passed = all(check.passed for check in result.checks)
        if not passed:
            for log in folder.error_logs():
                console.print(f"--- {log.name} (last lines)\n{tail(log)}", markup=False)
    seconds = time.monotonic() - started
    batch = " + ".join(f"{s:.1f}" for s in runs.seconds)
    title = f"soak: {count} documents, seed {seed}, {seconds:.0f} s (batch runs {batch} s)"
    console.print(soak_table(result.checks, title))
    return passed


def main(argv: list[str] | None = None) -> None:
    description = __doc__.splitlines()[0] if __doc__ else None
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=description)
    parser.add_argument("--docs", type=int, default=DOCUMENTS, help="documents in the batch")
    parser.add_argument("--seed", type=int, default=1, help="seed of documents and faults")
    parser.add_argument(
        "--kill",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="kill -9 the first run part-way, then resume",
    )
    args = parser.parse_args(argv)
    passed = run_soak(args.docs, args.seed, kill=args.kill, console=Console(width=160))
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()

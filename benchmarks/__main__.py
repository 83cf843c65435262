"""Run every benchmark and print the results table (markdown) with laborlens and LangExtract
side by side. Model time is the fake server's; both systems talk to the same one, which runs
in a process of its own (as a real endpoint would: it never shares a GIL with a client)."""

import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import model_tokens
from benchmarks.lx_task import write_same_task
from benchmarks.measure import (
    Fake,
    cached_rate,
    chunk_chars,
    extract_one_by_one,
    long_line_seconds,
    overhead_ms,
    rules_chars_per_second,
    seed_pages,
    throughput,
)
from benchmarks.setup import ensure_bench_venv
from service.fake.server import serve_fake_process

LATENCY = 0.5
WORKERS = 32
THROUGHPUT_COPIES = 8  # the 5 seed pages, 8 times over: 40 documents at 500 ms a call
LONG_LINE_MB = (1, 10)
_RESPONDER = "benchmarks.formats:both_formats"
_LX_TIMEOUT = 600


def _lx(
    python: Path, mode: str, pages: list[str], base_url: str | None = None, task: Path | None = None
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as docs:
        json.dump(pages, docs, ensure_ascii=False)
        docs.flush()
        argv = [str(python), str(Path(__file__).with_name("lx_run.py")), mode, docs.name]
        argv += [str(chunk_chars())] + ([base_url] if base_url else [])
        argv += ["--task", str(task)] if task else []
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=_LX_TIMEOUT, check=False
        )
    if done.returncode != 0:
        raise RuntimeError(f"LangExtract {mode} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _sent(server: Fake, pages: int) -> tuple[float, float, float, float]:
    """Per page: prompt tokens, completion tokens, prompt tokens a prefix cache serves, requests."""
    stats = server.stats()
    per_page = (stats.prompt_tokens, stats.completion_tokens, stats.cached_tokens, stats.requests)
    return per_page[0] / pages, per_page[1] / pages, per_page[2] / pages, per_page[3] / pages


def _per_page(counted: model_tokens.Counted, pages: int) -> tuple[float, float, float]:
    return counted.prompt / pages, counted.cached / pages, counted.completion / pages


def _without_schema(exchange: dict[str, Any]) -> dict[str, Any]:
    request = {k: v for k, v in exchange["request"].items() if k != "response_format"}
    return {"request": request, "answer": exchange["answer"]}


def _token_rows(
    python: Path, pages: list[str], ours: Fake, lx: Fake
) -> list[tuple[str, str, str, str, str]]:
    """(c): per page, prompt and completion tokens by the fake's estimate and by two real
    tokenizers, laborlens against LangExtract asked its small task (`ours`, `lx`: the fakes of
    row a, their exchanges recorded) and LangExtract asked laborlens's whole task."""
    with tempfile.TemporaryDirectory() as directory, serve_fake_process(_RESPONDER) as same:
        task = write_same_task(Path(directory) / "task.json")
        _lx(python, "sequential", pages, same.base_url, task=task)
        with serve_fake_process(_RESPONDER) as vllm:
            extract_one_by_one(pages[:1] + pages, vllm, mode="json_schema")
            vllm_exchanges = [_without_schema(e) for e in vllm.exchanges()]
        runs = {"small": lx, "same": same}
        exchanges = {"ours": ours.exchanges()} | {k: f.exchanges() for k, f in runs.items()}
        estimated = {"ours": _sent(ours, len(pages) + 1)} | {
            k: _sent(f, len(pages) + 1) for k, f in runs.items()
        }
    per_page = len(pages) + 1  # the warm-up page is counted, for all three
    counts: dict[str, dict[str, tuple[float, float, float]]] = {
        "chars/2": {k: (e[0], e[2], e[1]) for k, e in estimated.items()}
    }
    for name, encode in model_tokens.tokenizers().items():
        counts[name] = {}
        for system, sent in exchanges.items():
            counts[name][system] = _per_page(model_tokens.count(sent, name, encode), per_page)
    # The same laborlens requests in json_schema mode, as vLLM serves them: the schema is
    # enforced by constrained decoding and is not part of the prompt (model_tokens).
    as_vllm = model_tokens.count(vllm_exchanges, "Qwen2.5", model_tokens.tokenizers()["Qwen2.5"])
    counts["Qwen2.5"]["vllm"] = _per_page(as_vllm, per_page)
    small, same_task = estimated["small"], estimated["same"]
    rows = [
        (
            "c. requests/page",
            f"{estimated['ours'][3]:.1f}",
            f"{small[3]:.1f} (small task), {same_task[3]:.1f} (same task)",
            "",
            "",
        )
    ]
    pairs = [("ours", "small", "its small task"), ("ours", "same", "the same task")]
    for name, by_system in counts.items():
        extra = [("vllm", "same", "the same task; laborlens json_schema on vLLM")]
        for system, task_name, label in pairs + (extra if "vllm" in by_system else []):
            ours_p, ours_cached, ours_c = by_system[system]
            lx_p, lx_cached, lx_c = by_system[task_name]
            uncached = (ours_p - ours_cached) / (lx_p - lx_cached)
            rows.append(
                (
                    f"c. tokens/page, {name}: prompt (prefix-cached) + completion; "
                    f"LangExtract: {label}",
                    f"{ours_p:.0f} ({ours_cached:.0f}) + {ours_c:.0f}",
                    f"{lx_p:.0f} ({lx_cached:.0f}) + {lx_c:.0f}",
                    f"{ours_p / lx_p:.2f} prompt ({uncached:.2f} uncached), "
                    f"{(ours_p + ours_c) / (lx_p + lx_c):.2f} total",
                    "≤ 1.0 prompt, ≤ 0.8 total (stretch)",
                )
            )
    return rows


def _ideal(requests: int) -> float:
    return math.ceil(requests / WORKERS) * LATENCY


def _import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return float(done.stdout.split()[-1])  # jionlp prints banners on import


def _offline_rows(pages: list[str]) -> list[tuple[str, str, str, str, str]]:
    """(e), (f) and the jionlp import time: laborlens alone, no model."""
    rows: list[tuple[str, str, str, str, str]] = []
    # (e) peak RSS over a 10,000-document batch
    rss = {}
    for count in (1_000, 10_000):
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.rss", str(count)],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        rss[count] = done.stdout.split()
    rows.append(
        (
            "e. peak RSS, batch of 1,000 → 10,000 docs (rules)",
            f"{rss[1_000][1]} → {rss[10_000][1]} MB ({rss[10_000][2]} s)",
            "",
            "",
            "flat, < 300 MB",
        )
    )

    # (f) rules backend speed
    through_pipeline, backend_alone = rules_chars_per_second(pages)
    rows.append(
        (
            "f. rules: CJK chars per CPU second",
            f"{through_pipeline:,.0f} (pipeline); {backend_alone:,.0f} (backend alone)",
            "",
            "",
            "≥ 200,000",
        )
    )
    rows.append(
        ("import time of jionlp (dates.py)", f"{_import_seconds('jionlp'):.2f} s", "", "", "")
    )

    # one line, no punctuation: time grows with the size, not faster
    small, large = (long_line_seconds(mb) for mb in LONG_LINE_MB)
    rows.append(
        (
            "rules pipeline on one long line without punctuation, 1 MB → 10 MB (CPU)",
            f"{small:.1f} s → {large:.1f} s (x{large / small:.1f})",
            "",
            "",
            "linear: x10",
        )
    )
    return rows


def main() -> None:
    started = time.monotonic()
    python = ensure_bench_venv()
    pages = seed_pages()
    rows: list[tuple[str, str, str, str, str]] = []

    # (a) overhead per page, model time excluded
    ours_inproc = overhead_ms(pages, None)
    lx_inproc = _lx(python, "inproc", pages)
    with serve_fake_process(_RESPONDER) as ours_server, serve_fake_process(_RESPONDER) as lx_server:
        ours_http = overhead_ms(pages, ours_server)
        lx_http = _lx(python, "sequential", pages, lx_server.base_url)
        token_rows = _token_rows(python, pages, ours_server, lx_server)
    rows.append(
        (
            "a. overhead/page, in-process model (median)",
            f"{ours_inproc:.1f} ms",
            f"{lx_inproc['median_ms']:.1f} ms",
            f"{ours_inproc / lx_inproc['median_ms']:.2f}",
            "≤ 5 ms, ≤ 0.5",
        )
    )
    rows.append(
        (
            "a. overhead/page, zero-latency HTTP fake (median)",
            f"{ours_http:.1f} ms",
            f"{lx_http['median_ms']:.1f} ms",
            f"{ours_http / lx_http['median_ms']:.2f}",
            "",
        )
    )

    # (b) throughput at 32 in flight against 500 ms
    batch = pages * THROUGHPUT_COPIES
    with serve_fake_process(_RESPONDER, latency=LATENCY) as server:
        ours_seconds, ours_requests = throughput(batch, server, concurrency=WORKERS)
        ours_peak = server.stats().max_in_flight
    with serve_fake_process(_RESPONDER, latency=LATENCY) as server:
        lx_batch = _lx(python, "batch", batch, server.base_url)
        lx_requests, lx_peak = lx_batch["requests"], server.stats().max_in_flight
    ours_share = _ideal(ours_requests) / ours_seconds
    lx_share = _ideal(lx_requests) / lx_batch["seconds"]
    rows.append(
        (
            f"b. {len(batch)} pages, 32 in flight, 500 ms: share of ideal",
            f"{ours_share:.0%} ({ours_requests} calls, {ours_seconds:.1f} s, peak {ours_peak})",
            f"{lx_share:.0%} ({lx_requests} calls, {lx_batch['seconds']:.1f} s, peak {lx_peak})",
            f"{lx_batch['seconds'] / ours_seconds:.1f}x pages/s",
            "≥ 90 %",
        )
    )

    # (c) what is sent per page
    rows += token_rows

    # (d) cached reprocessing
    with serve_fake_process(_RESPONDER) as server:
        rate, articles, calls = cached_rate(pages, server, rounds=40)
    rows.append(
        (
            "d. cached re-extraction",
            f"{rate:.0f} articles/s ({articles}, {calls} calls)",
            "no cache",
            "",
            "≥ 500/s, 0 calls",
        )
    )

    rows += _offline_rows(pages)

    print("| measure | laborlens | LangExtract 1.7.1 | ratio | target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nextractions aligned by LangExtract: {lx_http['aligned']}/{lx_http['extractions']}")
    print(f"total {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()

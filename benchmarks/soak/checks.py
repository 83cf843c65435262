"""The invariants the soak holds the batch's lines and the server's log to, one check function
per group (lines, requests, usage, runs; retries are in `retries`), each adding table rows."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from benchmarks.soak.config import ASK_BUDGET, CHUNK_BUDGET, MALFORMED, USAGE_TOKENS
from benchmarks.soak.documents import planned_chunks
from benchmarks.soak.runs import Runs
from benchmarks.soak.server_log import Request, sequences


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    figure: str
    expected: str
    passed: bool


@dataclass(slots=True)
class Soak:
    """Everything the checks read, and the checks made so far."""

    records: list[dict[str, str]]
    lines: list[dict[str, Any]]
    torn: int  # output lines that are not whole JSON lines
    requests: list[Request]
    runs: Runs
    checks: list[Check] = field(default_factory=list)

    def add(self, name: str, figure: object, expected: str, *, passed: bool) -> None:
        self.checks.append(Check(name, str(figure), expected, passed))

    def expect_none(self, name: str, count: int) -> None:
        """A check that passes when `count` is 0."""
        self.add(name, count, "0", passed=count == 0)

    def writer(self, doc: str) -> str:
        """The run that wrote `doc`'s line."""
        return "1" if doc in self.runs.written_first else "2"

    def cut_by_kill(self, run: str, doc: str | None) -> bool:
        """Whether the kill stopped `run` before it wrote `doc` (None: a document unknown)."""
        return run == "1" and self.runs.killed and doc not in self.runs.written_first


def percentile(values: list[int] | list[float], percent: int) -> float:
    """The nearest-rank percentile of sorted `values`."""
    if not values:
        return 0
    return values[min(len(values) - 1, max(0, round(percent / 100 * len(values)) - 1))]


def check_lines(soak: Soak) -> None:
    """Every document has exactly one whole line that says ok or error with a reason."""
    wanted = [r["id"] for r in soak.records]
    seen = Counter(line["id"] for line in soak.lines)
    soak.add(
        "documents in / lines out",
        f"{len(wanted)} / {len(soak.lines)}",
        "equal",
        passed=len(wanted) == len(soak.lines),
    )
    soak.expect_none("lost", sum(1 for i in wanted if i not in seen))
    soak.expect_none("duplicated", sum(n - 1 for n in seen.values()))
    soak.expect_none("torn lines", soak.torn)
    soak.expect_none("unknown ids", len(set(seen) - set(wanted)))
    statuses = Counter(line["status"] for line in soak.lines)
    soak.add(
        "ok / error",
        f"{statuses['ok']} / {statuses['error']}",
        "nothing else",
        passed=set(statuses) <= {"ok", "error"},
    )
    _check_errors(soak)


def _check_errors(soak: Soak) -> None:
    """Error lines give a reason, blank documents are bad_input, failed chunks are reported."""
    reasons = _error_reasons(soak.lines)
    unexplained = reasons.pop("(no reason)", 0)
    soak.add("errors by reason", _listed(reasons), "each with a reason", passed=not unexplained)
    blank = {r["id"] for r in soak.records if not r["text"].strip()}
    bad = {line["id"] for line in soak.lines if _code(line) == "bad_input"}
    soak.add(
        "blank documents -> bad_input",
        f"{len(blank & bad)} of {len(blank)}",
        "all",
        passed=blank <= bad,
    )
    internal = sum(1 for line in soak.lines if _code(line) == "internal")
    soak.expect_none("internal errors (a crash)", internal)
    stages = Counter(
        e["stage"]
        for line in soak.lines
        if line["status"] == "ok"
        for e in line["result"]["errors"]
    )
    soak.add("failed chunks inside ok documents", _listed(stages), "reported", passed=True)


def _listed(counts: Counter[str]) -> str:
    """The counts as `a 2, b 1`, in key order, or `none`."""
    return ", ".join(f"{key} {n}" for key, n in sorted(counts.items())) or "none"


def _code(line: dict[str, Any]) -> str | None:
    return line["error"]["code"] if line["status"] == "error" else None


def _error_reasons(lines: list[dict[str, Any]]) -> Counter[str]:
    """Error lines by code, chunks_failed by the stages of its chunks' reasons."""
    reasons: Counter[str] = Counter()
    for line in lines:
        if line["status"] != "error":
            continue
        error = line.get("error") or {}
        if not error.get("code") or not error.get("message"):
            reasons["(no reason)"] += 1
        elif error["code"] == "chunks_failed":
            stages = sorted({r.split(": ")[1] for r in error.get("reasons", []) if ": " in r})
            reasons[f"chunks_failed ({'+'.join(stages) or 'no reasons'})"] += 1
            reasons["(no reason)"] += 0 if stages else 1
        else:
            reasons[error["code"]] += 1
    return reasons


def check_requests(soak: Soak) -> None:
    """Requests are tied to documents, bounded per chunk and per document, never redone."""
    # SIGKILL can land while a request body is on its way: the server never learns the chunk.
    bodiless = sum(1 for r in soak.requests if not r.chunk and soak.cut_by_kill(r.run, r.doc))
    unmapped = sum(1 for r in soak.requests if r.doc is None) - bodiless
    soak.add("chat requests (run 1 + run 2)", _by_run(soak.requests), "", passed=True)
    figure = f"{unmapped} (+{bodiless} of run 1 whose body the kill cut off)"
    soak.add("requests tied to no single document", figure, "0", passed=unmapped == 0)
    per_chunk = max((len(s) for s in sequences(soak.requests).values()), default=0)
    soak.add(
        "max requests for one chunk text in one run",
        per_chunk,
        f"<= (1+max_retries)(1+reasks) = {ASK_BUDGET}",
        passed=per_chunk <= ASK_BUDGET,
    )
    per_doc: Counter[str] = Counter(r.doc for r in soak.requests if r.doc)
    runs_asking: dict[str, set[str]] = defaultdict(set)
    for request in soak.requests:
        if request.doc:
            runs_asking[request.doc].add(request.run)
    chunks = {r["id"]: planned_chunks(r["text"]) for r in soak.records if r["text"].strip()}
    over = [d for d, n in per_doc.items() if n > chunks[d] * CHUNK_BUDGET * len(runs_asking[d])]
    counts = sorted(per_doc[i] for i in chunks)
    pct = {p: percentile(counts, p) for p in (100, 50, 99)}
    figure = f"max {pct[100]}, p50 {pct[50]}, p99 {pct[99]}"
    bound = f"<= chunks x 3(1+max_retries)(1+reasks) = chunks x {CHUNK_BUDGET}, per run asking"
    soak.add("requests per document", f"{figure}; over {len(over)}", bound, passed=not over)
    redone = sum(1 for r in soak.requests if r.run == "2" and r.doc in soak.runs.written_first)
    soak.expect_none("run-2 requests for documents run 1 wrote", redone)


def _by_run(requests: list[Request]) -> str:
    runs = Counter(r.run for r in requests)
    return f"{runs['1']} + {runs['2']} = {len(requests)}"


def check_usage(soak: Soak) -> None:
    """Each line's usage (ok: `result.usage`; chunks_failed: `error.usage`) equals what the
    server served for its document in the run that wrote it, re-asked answers included."""
    served: dict[tuple[str | None, str], Counter[str]] = defaultdict(Counter)
    for request in soak.requests:
        served[request.doc, request.run].update(request.usage)
        served[request.doc, request.run]["requests"] += 1
        served[request.doc, request.run]["reasked"] += request.mode in MALFORMED
    keys = (*USAGE_TOKENS, "requests")
    wrong = reasked = accounted = served_them = 0
    for line in soak.lines:
        usage = _line_usage(line)
        theirs = served[line["id"], soak.writer(line["id"])]
        if usage is None:  # bad_input: no model call; anything served shows up below
            continue
        wrong += any(usage.get(k) != theirs[k] for k in keys)
        reasked += theirs["reasked"] > 0
        accounted += usage.get("total_tokens", 0)
        served_them += theirs["total_tokens"]
    soak.add(
        "lines whose usage != server's (tokens, requests)",
        wrong,
        f"0 ({reasked} of them hold re-asked answers)",
        passed=wrong == 0,
    )
    figure = f"{accounted} / {served_them}"
    soak.add("tokens: in lines / served for them", figure, "equal", passed=accounted == served_them)
    _unaccounted(soak, accounted)


def _line_usage(line: dict[str, Any]) -> dict[str, int] | None:
    holder = line["result"] if line["status"] == "ok" else line.get("error", {})
    usage: dict[str, int] | None = holder.get("usage")
    return usage


def _unaccounted(soak: Soak, in_lines: int) -> None:
    """The server's tokens: in some line, or spent by the killed run on documents it never
    wrote (those answers are in no line; the resumed run asks again, or hits the cache)."""
    total = sum(r.usage.get("total_tokens", 0) for r in soak.requests)
    orphaned = sum(
        r.usage.get("total_tokens", 0)
        for r in soak.requests
        if r.doc is not None and r.run != soak.writer(r.doc)
    )
    figure = f"{total} = in lines {in_lines} + killed run {orphaned}"
    soak.add(
        "tokens the server served", figure, "nothing else", passed=total == in_lines + orphaned
    )


def check_runs(soak: Soak, *, kill: bool) -> None:
    """Run 1 was killed part-way (when asked to be), and the resumed run finished."""
    runs = soak.runs
    if kill:
        figure = (
            f"after {len(runs.written_first)} lines; torn tail {runs.torn_at_kill} bytes "
            f"(+{runs.torn_added} appended to emulate a death mid-write)"
        )
        soak.add(
            "run 1 killed with SIGKILL",
            figure if runs.killed else "finished first",
            "part-way",
            passed=runs.killed,
        )
    codes = " then ".join(str(c) for c in runs.exit_codes)
    soak.add(
        "batch exit codes",
        codes,
        "-9 then 0/1" if kill else "0/1",
        passed=runs.exit_codes[-1] in {0, 1},
    )

"""Soak: a few hundred documents through the real `laborlens batch` under a seeded fault mix.

The fake OpenAI server runs in its own process with a FaultPlan and some latency, and logs one
JSON line per chat request (arrival and answer times, the chunk asked about, the fault served,
Retry-After sent, usage). `laborlens batch` runs as a subprocess against it, is killed with
SIGKILL part-way through (unless --no-kill) and run again to resume. Then the output and the
server's log are checked against issue 8 and a table is printed; any failed check exits 1.

    python -m benchmarks.soak [--docs 400] [--seed 1] [--no-kill]

Requests are tied to documents by their chunk text: every sentence of a soak document carries
the document's own mark, so no two documents share a chunk, and each run identifies itself to
the server by its API key (`soak-run-1`, `soak-run-2`). The checks:

- lines: one whole JSON line per document, none lost, duplicated, torn or foreign; each `ok`
  or `error` with a code and message (chunks_failed also with one reason per chunk); blank
  documents are bad_input; no `internal` errors.
- requests: every request belongs to one document; one chunk text in one run gets at most
  (1 + max_retries)(1 + reasks) requests, one document at most chunks x 3 x that per run that
  asked (a cut-off chunk adds an ask per half); run 2 sends nothing for what run 1 wrote.
- retries: each chunk's sequence of requests is replayed against the two retry layers (a
  transport failure is retried until its budget is spent, a malformed answer re-asked, anything
  else ends it): nothing after the end, nothing missing where a retry was due; a retry after a
  429/503 comes no sooner than its retry-after-ms; every fault mode was served.
- usage: each line's usage (ok: `result.usage`, chunks_failed: `error.usage`) equals what the
  server served its document in the run that wrote it, tokens and requests, re-asks included;
  the rest of the server's tokens went to the killed run's unfinished documents.
"""

import argparse
import itertools
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import uvicorn
from rich.console import Console
from rich.table import Table
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.chunk import split_chunks
from service.fake_openai import FakeServer, FaultMode, FaultPlan, Reply, numbers_responder
from service.normalise import normalise
from service.prompts import chunk_text_from_messages
from service.segment import split_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# --- the client: `laborlens batch`, configured through LABORLENS_* -------------------------
MAX_RETRIES = 2  # transport retries per request, by the openai SDK
REASKS = 1  # re-asks after an invalid answer, by instructor; 1 so that budgets run out
CLIENT_TIMEOUT = 2.0  # seconds; well above the fake's latency even on a loaded machine
CONCURRENCY = 16
CHUNK_CHARS = 1500
OVERLAP = 150
# One ask: each instructor attempt is one SDK call with its own transport retries.
ASK_BUDGET = (1 + MAX_RETRIES) * (1 + REASKS)
# One chunk: an ask, and when its answer is cut off, one ask for each half (never quarters).
CHUNK_BUDGET = 3 * ASK_BUDGET

# --- the server ------------------------------------------------------------------------------
LATENCY = 0.05
# Longer than any back-off the SDK picks on its own for a first or second retry (<= 1.0 s), so
# a retry sooner than this after a 429/503 means the header was ignored.
RETRY_AFTER_MS = 1100
STALL = CLIENT_TIMEOUT + 1.0  # a `timeout` fault answers after the client has given up
FAULTS: dict[FaultMode, float] = {
    "p429": 0.04,
    "p500": 0.03,
    "p503": 0.03,
    "reset": 0.03,
    "timeout": 0.01,
    "truncated": 0.03,
    "invalid": 0.04,
    "empty": 0.02,
    "refusal": 0.01,
    "length": 0.02,
}
_TRANSIENT = frozenset({"p429", "p500", "p503", "reset", "timeout"})
_MALFORMED = frozenset({"truncated", "invalid", "empty"})

# --- the documents ---------------------------------------------------------------------------
DOCUMENTS = 400
DOC_CHARS = (300, 3000)  # a window of seed paragraphs at least this long: 1 to 3 chunks
BLANK_EVERY = 200  # every 200th document is whitespace only: a bad_input error line
_MARK_OPEN, _MARK_CLOSE = "\u3014", "\u3015"  # tortoise-shell brackets, rare in news text
_MARKED = re.compile(r"[。！？；：]+")
_ENDS_MARKED = re.compile(r"[。！？；：]+[”’」』）]*$")

# --- the run ---------------------------------------------------------------------------------
KILL_AT = 0.4  # share of documents written before the first run is killed
_RUN_SECONDS = 300.0  # give up on a hung batch
_STARTUP_SECONDS = 20.0

Kind = Literal["transport", "malformed", "final"]


# === documents ===============================================================================


def build_documents(count: int, seed: int) -> list[dict[str, str]]:
    """`count` JSONL records cut from the seed pages, each sentence tagged with its own mark."""
    rng = random.Random(seed)
    pages = [[p for p in normalise(s.read_text("utf-8")).text.split("\n") if p] for s in SEEDS]
    records = []
    for n in range(count):
        record = {"id": f"doc-{n:04d}", "text": " \n "}
        if n % BLANK_EVERY != BLANK_EVERY - 1:
            paragraphs = rng.choice(pages)
            first, size = rng.randrange(len(paragraphs)), rng.randint(*DOC_CHARS)
            window: list[str] = []
            for paragraph in paragraphs[first:] + paragraphs[:first]:
                window.append(_tag(paragraph, _mark(n)))
                if sum(map(len, window)) >= size:
                    break
            record["text"] = "\n".join(window)
        if n % 2:
            record["published"] = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        records.append(record)
    return records


def _mark(n: int) -> str:
    """A mark no other document's text holds: n in base 26 letters, between brackets."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
        if n == 0:
            return f"{_MARK_OPEN}{letters}{_MARK_CLOSE}"


def _tag(paragraph: str, mark: str) -> str:
    """The mark before every sentence end (so kickers still end in `：`), and at the end."""
    tagged = _MARKED.sub(lambda m: mark + m.group(), paragraph)
    return tagged if _ENDS_MARKED.search(paragraph) else tagged + mark


def planned_chunks(text: str) -> int:
    """How many chunks pipeline.run asks the model about for `text` (its `_plan_chunks`)."""
    doc = normalise(text).text
    overlap = min(OVERLAP, CHUNK_CHARS // 4)
    return sum(
        len(split_chunks(doc[a.start : a.end], max_chars=CHUNK_CHARS, overlap=overlap))
        for a in split_articles(doc)
    )


# === the server, in its own process ==========================================================

_RECORD: ContextVar[dict[str, Any] | None] = ContextVar("soak_record", default=None)


class _RecordingFake(FakeServer):
    """The fake server, noting in the current request's record the chunk and the fault."""

    def next_reply(self, body: dict[str, Any]) -> Reply:
        before = self.faults_served.copy()
        reply = super().next_reply(body)
        record = _RECORD.get()
        if record is not None:
            record["chunk"] = chunk_text_from_messages(body.get("messages", []))
            record["mode"] = next(iter(self.faults_served - before), None)
        return reply


class _Recorder:
    """ASGI middleware: one JSON line per chat request, written once it has been answered."""

    def __init__(self, app: ASGIApp, log: IO[str]) -> None:
        self._app = app
        self._log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/chat/completions"):
            await self._app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        run = headers.get(b"authorization", b"").decode().rpartition("soak-run-")[2]
        record: dict[str, Any] = {"run": run, "arrived": time.monotonic(), "mode": None}
        body = bytearray()

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                record["answered"] = time.monotonic()  # before the client can read it
                record["status"] = message["status"]
                sent = dict(message.get("headers", []))
                record["retry_after_ms"] = int(sent.get(b"retry-after-ms", b"0"))
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
            await send(message)

        token = _RECORD.set(record)
        try:
            await self._app(scope, receive, recording_send)
        finally:
            _RECORD.reset(token)
            record["usage"] = _usage(bytes(body)) if record.get("status") == 200 else {}
            self._log.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._log.flush()


def _usage(body: bytes) -> dict[str, int]:
    try:
        usage = json.loads(body)["usage"]
    except (ValueError, KeyError, TypeError):  # a reset sends a torn body and no usage
        return {}
    return {key: int(usage[key]) for key in ("prompt_tokens", "completion_tokens", "total_tokens")}


def serve(log_path: Path, seed: int) -> None:
    """Serve the recording fake on a free loopback port, printed first, until terminated."""
    plan = FaultPlan(seed=seed, retry_after_ms=RETRY_AFTER_MS, timeout_seconds=STALL, **FAULTS)
    fake = _RecordingFake(numbers_responder, latency=LATENCY, faults=plan)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    with log_path.open("a", encoding="utf-8") as log:
        app = _Recorder(fake.app(), log)
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        print(sock.getsockname()[1], flush=True)
        uvicorn.Server(config).run(sockets=[sock])


def _start_server(work: Path, seed: int) -> tuple[subprocess.Popen[str], str]:
    """The server process and its base URL, once it answers."""
    command = [sys.executable, "-m", "benchmarks.soak", "--serve", str(work / "server.jsonl")]
    command += ["--seed", str(seed)]
    with (work / "server.err").open("w") as errors:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True
        )
    try:
        port = process.stdout.readline().strip() if process.stdout else ""
        base_url = f"http://127.0.0.1:{int(port)}/v1"
        _wait_answering(base_url, process)
    except (ValueError, RuntimeError):
        process.kill()
        process.wait()
        raise RuntimeError(f"the fake server did not start: {_tail(work / 'server.err')}") from None
    return process, base_url


def _wait_answering(base_url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("no answer on /v1/models") from None
            time.sleep(0.05)


def _tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


# === the batch runs ==========================================================================


@dataclass(slots=True)
class Runs:
    """What the two batch runs did."""

    killed: bool = False  # the first run was killed before it finished
    written_first: set[str] = field(default_factory=set)  # ids on complete lines after run 1
    torn_at_kill: int = 0  # bytes after the last newline when the first run died
    torn_added: int = 0  # bytes of a half line appended after the kill, when it tore none
    exit_codes: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


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


def run_batches(source: Path, out: Path, base_url: str, *, kill_after: int | None) -> Runs:
    """Run `laborlens batch` (SIGKILLed once `kill_after` lines are out), then again to resume.

    When the kill tore no line, half a line is appended, as if it had died mid-write.
    """
    script = Path(sys.executable).with_name("laborlens")
    front = [str(script)] if script.is_file() else [sys.executable, "-m", "service.cli"]
    command = [*front, "batch", str(source), "--out", str(out)]
    runs = Runs()
    for run in (1, 2):
        started = time.monotonic()
        env = _batch_env(base_url, out.parent / "cache", run)
        with (out.parent / f"batch-{run}.err").open("w") as errors:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=errors)
            if run == 1 and kill_after is not None:
                runs.killed = _kill_when(process, out, kill_after)
            try:
                process.wait(timeout=_RUN_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()  # hung: its exit code (-9) fails the check
                process.wait()
        runs.exit_codes.append(process.returncode)
        runs.seconds.append(time.monotonic() - started)
        if run == 1:
            runs.written_first, runs.torn_at_kill = _written(out)
            if runs.killed and not runs.torn_at_kill:
                runs.torn_added = _tear(out, source, runs.written_first)
    return runs


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
    """Ids on complete lines of OUT, and how many bytes follow the last newline."""
    raw = out.read_bytes() if out.exists() else b""
    complete, _, torn = raw.rpartition(b"\n")
    ids = {json.loads(line)["id"] for line in complete.splitlines() if line.strip()}
    return ids, len(torn)


def _tear(out: Path, source: Path, written: set[str]) -> int:
    """Append the first half of an ok line for a document not yet written; its length."""
    with source.open(encoding="utf-8") as records:
        pending = next((r["id"] for r in map(json.loads, records) if r["id"] not in written), "")
    if not pending:
        return 0
    line = json.dumps({"id": pending, "status": "ok", "result": {"articles": []}}).encode()
    with out.open("ab") as appended:
        appended.write(line[: len(line) // 2])
    return len(line) // 2


# === checking ================================================================================


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    figure: str
    expected: str
    passed: bool


@dataclass(slots=True)
class Request:
    """One chat request as the server logged it, tied to its document."""

    run: str
    arrived: float
    answered: float
    status: int
    mode: str | None
    retry_after_ms: int
    usage: dict[str, int]
    chunk: str
    doc: str | None = None

    @property
    def kind(self) -> Kind:
        """What the client saw: a transport failure, an answer to re-ask, or the end."""
        slow = self.answered - self.arrived >= CLIENT_TIMEOUT
        if self.status != 200 or self.mode in {"reset", "timeout"} or slow:
            return "transport"
        return "malformed" if self.mode in _MALFORMED else "final"


class DocIndex:
    """Chunk text -> the one document whose normalised text holds it, else None."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._ids = list(texts)
        self._starts: list[int] = []
        at = 0
        for text in texts.values():
            self._starts.append(at)
            at += len(text) + 1
        self._all = "\x00".join(texts.values())
        self._found: dict[str, str | None] = {}

    def find(self, chunk: str) -> str | None:
        if chunk not in self._found:
            self._found[chunk] = self._lookup(chunk)
        return self._found[chunk]

    def _lookup(self, chunk: str) -> str | None:
        at = self._all.find(chunk) if chunk else -1
        if at < 0:
            return None
        which = bisect_right(self._starts, at) - 1
        after = self._starts[which + 1] if which + 1 < len(self._starts) else len(self._all)
        return None if self._all.find(chunk, after) >= 0 else self._ids[which]


def load_requests(log: Path, records: list[dict[str, str]]) -> list[Request]:
    """The server's log, in arrival order, each request tied to its document."""
    index = DocIndex({r["id"]: normalise(r["text"]).text for r in records})
    requests = []
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        request = Request(
            run=entry["run"],
            arrived=entry["arrived"],
            answered=entry.get("answered", entry["arrived"]),
            status=entry.get("status", 0),
            mode=entry["mode"],
            retry_after_ms=entry.get("retry_after_ms", 0),
            usage=entry["usage"],
            chunk=entry.get("chunk", ""),
        )
        request.doc = index.find(request.chunk)
        requests.append(request)
    _tie_halves(requests)
    return sorted(requests, key=lambda r: r.arrived)


def _tie_halves(requests: list[Request]) -> None:
    """A half of a cut-off chunk belongs to the cut-off chunk's document, even where the half
    alone is too short to tell (cut on a comma, it may hold no mark)."""
    cut_off = [r for r in requests if r.mode == "length" and r.doc is not None]
    for request in requests:
        if request.doc is None and request.chunk:
            whole = (c for c in cut_off if c.run == request.run)
            parent = next((c for c in whole if _halves(c.chunk, request.chunk)), None)
            request.doc = parent.doc if parent is not None else None


def _halves(whole: str, part: str) -> bool:
    return len(part) < len(whole) and (whole.startswith(part) or whole.endswith(part))


def sequences(requests: Iterable[Request]) -> dict[tuple[str, str], list[Request]]:
    """(run, chunk text) -> the requests carrying that chunk in that run, in arrival order;
    requests whose body never arrived (no chunk) are left out."""
    grouped: dict[tuple[str, str], list[Request]] = defaultdict(list)
    for request in requests:
        if request.chunk:
            grouped[request.run, request.chunk].append(request)
    return grouped


def judge(kinds: list[Kind]) -> Literal["ok", "storm", "dropped"]:
    """Whether one chunk's requests are what the two retry layers should send.

    A transport failure is retried until 1 + MAX_RETRIES requests of one attempt failed; a
    malformed answer is re-asked (a new attempt, fresh transport retries) until 1 + REASKS
    attempts failed; anything else ends the ask. "storm": a request after the end;
    "dropped": the sequence stops where a retry or re-ask was due.
    """
    failed_requests = failed_attempts = 0
    for position, kind in enumerate(kinds):
        if kind == "transport":
            failed_requests += 1
            more = failed_requests <= MAX_RETRIES
        elif kind == "malformed":
            failed_attempts, failed_requests = failed_attempts + 1, 0
            more = failed_attempts <= REASKS
        else:
            more = False
        last = position == len(kinds) - 1
        if not more and not last:
            return "storm"
        if more and last:
            return "dropped"
    return "ok"


@dataclass(slots=True)
class Soak:
    """Everything the checks read."""

    records: list[dict[str, str]]
    lines: list[dict[str, Any]]
    torn: int  # output lines that are not whole JSON lines
    requests: list[Request]
    runs: Runs
    checks: list[Check] = field(default_factory=list)

    def add(self, name: str, figure: object, expected: str, *, passed: bool) -> None:
        self.checks.append(Check(name, str(figure), expected, passed))

    def writer(self, doc: str) -> str:
        """The run that wrote `doc`'s line."""
        return "1" if doc in self.runs.written_first else "2"


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


def check_lines(soak: Soak) -> None:
    """Every document has exactly one whole line that says ok or error with a reason."""
    wanted = [r["id"] for r in soak.records]
    seen = Counter(line["id"] for line in soak.lines)
    lost = [i for i in wanted if i not in seen]
    soak.add(
        "documents in / lines out",
        f"{len(wanted)} / {len(soak.lines)}",
        "equal",
        passed=len(wanted) == len(soak.lines),
    )
    soak.add("lost", len(lost), "0", passed=not lost)
    duplicated = sum(n - 1 for n in seen.values())
    soak.add("duplicated", duplicated, "0", passed=duplicated == 0)
    soak.add("torn lines", soak.torn, "0", passed=soak.torn == 0)
    soak.add("unknown ids", len(set(seen) - set(wanted)), "0", passed=set(seen) <= set(wanted))
    statuses = Counter(line["status"] for line in soak.lines)
    soak.add(
        "ok / error",
        f"{statuses['ok']} / {statuses['error']}",
        "nothing else",
        passed=set(statuses) <= {"ok", "error"},
    )
    reasons = _error_reasons(soak.lines)
    unexplained = reasons.pop("(no reason)", 0)
    figure = ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items())) or "none"
    soak.add("errors by reason", figure, "each with a reason", passed=not unexplained)
    blank = {r["id"] for r in soak.records if not r["text"].strip()}
    bad = {line["id"] for line in soak.lines if _code(line) == "bad_input"}
    soak.add(
        "blank documents -> bad_input",
        f"{len(blank & bad)} of {len(blank)}",
        "all",
        passed=blank <= bad,
    )
    internal = sum(1 for line in soak.lines if _code(line) == "internal")
    soak.add("internal errors (a crash)", internal, "0", passed=internal == 0)
    stages = Counter(
        e["stage"]
        for line in soak.lines
        if line["status"] == "ok"
        for e in line["result"]["errors"]
    )
    figure = ", ".join(f"{stage} {n}" for stage, n in sorted(stages.items())) or "none"
    soak.add("failed chunks inside ok documents", figure, "reported", passed=True)


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
    bodiless = sum(1 for r in soak.requests if not r.chunk and r.run == "1" and soak.runs.killed)
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
    figure = f"max {_pct(counts, 100)}, p50 {_pct(counts, 50)}, p99 {_pct(counts, 99)}"
    bound = f"<= chunks x 3(1+max_retries)(1+reasks) = chunks x {CHUNK_BUDGET}, per run asking"
    soak.add("requests per document", f"{figure}; over {len(over)}", bound, passed=not over)
    redone = sum(1 for r in soak.requests if r.run == "2" and r.doc in soak.runs.written_first)
    soak.add("run-2 requests for documents run 1 wrote", redone, "0", passed=redone == 0)


def _by_run(requests: list[Request]) -> str:
    runs = Counter(r.run for r in requests)
    return f"{runs['1']} + {runs['2']} = {len(requests)}"


def _pct(values: list[int] | list[float], percent: int) -> float:
    """The nearest-rank percentile of sorted `values`."""
    if not values:
        return 0
    return values[min(len(values) - 1, max(0, round(percent / 100 * len(values)) - 1))]


def check_retries(soak: Soak) -> None:
    """Transient faults retried, malformed answers re-asked, nothing more, Retry-After kept."""
    verdicts: Counter[str] = Counter()
    cut = 0
    for (run, _chunk), asked in sequences(soak.requests).items():
        verdict = judge([r.kind for r in asked])
        unfinished = run == "1" and soak.runs.killed and asked[0].doc not in soak.runs.written_first
        if verdict == "dropped" and unfinished:  # the kill stopped it, not the client
            cut += 1
            continue
        verdicts[verdict] += 1
    figure = f"{verdicts.total()} judged, {cut} cut short by the kill"
    soak.add("chunk sequences (run, chunk text)", figure, "", passed=True)
    soak.add(
        "sequences with a request after the end",
        verdicts["storm"],
        "0",
        passed=verdicts["storm"] == 0,
    )
    soak.add(
        "sequences stopping where a retry was due",
        verdicts["dropped"],
        "0",
        passed=verdicts["dropped"] == 0,
    )
    _tally(soak, "transient faults: served / retried", _TRANSIENT)
    _tally(soak, "malformed answers: served / re-asked", _MALFORMED)
    served = Counter(r.mode for r in soak.requests if r.mode)
    missing = [mode for mode in FAULTS if not served[mode]]
    figure = ", ".join(f"{mode} {served[mode]}" for mode in FAULTS)
    soak.add("faults served", figure, "every mode at least once", passed=not missing)
    _retry_after(soak)


def _tally(soak: Soak, name: str, modes: frozenset[str]) -> None:
    """How many of `modes` were served and how many were followed by another request."""
    served = followed = 0
    for asked in sequences(soak.requests).values():
        for position, request in enumerate(asked):
            if request.mode in modes:
                served += 1
                followed += position + 1 < len(asked)
    soak.add(name, f"{served} / {followed}", "rest: budget spent or killed", passed=served > 0)


def _retry_after(soak: Soak) -> None:
    """Gap from a 429/503 answer to the next request for its chunk vs the Retry-After sent."""
    gaps: list[float] = []
    early = 0
    for asked in sequences(soak.requests).values():
        for request, retry in itertools.pairwise(asked):
            if request.status in {429, 503} and request.retry_after_ms:
                gap = retry.arrived - request.answered
                gaps.append(gap)
                early += gap < request.retry_after_ms / 1000
    gaps.sort()
    served = Counter(r.status for r in soak.requests if r.status in {429, 503})
    figure = (
        f"{served[429]} x 429 + {served[503]} x 503 served, {len(gaps)} retried: gap min "
        f"{_pct(gaps, 0):.3f} s, p50 {_pct(gaps, 50):.3f} s, max {_pct(gaps, 100):.3f} s; "
        f"early {early}"
    )
    expected = f">= retry-after-ms {RETRY_AFTER_MS / 1000:.1f} s (SDK back-off alone <= 1.0 s)"
    soak.add("429/503 retry gap", figure, expected, passed=bool(gaps) and early == 0)


def check_usage(soak: Soak) -> None:
    """Each line's usage (ok: `result.usage`; chunks_failed: `error.usage`) equals what the
    server served for its document in the run that wrote it, re-asked answers included."""
    served: dict[tuple[str | None, str], Counter[str]] = defaultdict(Counter)
    for request in soak.requests:
        served[request.doc, request.run].update(request.usage)
        served[request.doc, request.run]["requests"] += 1
        served[request.doc, request.run]["reasked"] += request.mode in _MALFORMED
    keys = ("prompt_tokens", "completion_tokens", "total_tokens", "requests")
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


# === main ====================================================================================


def soak(count: int, seed: int, *, kill: bool, console: Console) -> bool:
    """Run the soak in a temporary folder, print the table; True when every check passed."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="laborlens-soak-") as folder:
        work = Path(folder)
        records = build_documents(count, seed)
        source = work / "in.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        out = work / "out.jsonl"
        server, base_url = _start_server(work, seed)
        try:
            kill_after = max(1, int(count * KILL_AT)) if kill else None
            runs = run_batches(source, out, base_url, kill_after=kill_after)
        finally:
            server.terminate()  # uvicorn finishes the requests in flight, then exits
            server.wait(timeout=30)
        lines, torn = read_output(out)
        requests = load_requests(work / "server.jsonl", records)
        result = Soak(records, lines, torn, requests, runs)
        for check in (check_lines, check_requests, check_retries, check_usage):
            check(result)
        check_runs(result, kill=kill)
        if not all(check.passed for check in result.checks):
            for name in ("batch-1.err", "batch-2.err", "server.err"):
                console.print(f"--- {name} (last lines)\n{_tail(work / name)}", markup=False)
    seconds = time.monotonic() - started
    batch = " + ".join(f"{s:.1f}" for s in runs.seconds)
    title = f"soak: {count} documents, seed {seed}, {seconds:.0f} s (batch runs {batch} s)"
    console.print(_table(result.checks, title))
    return all(check.passed for check in result.checks)


def _table(checks: list[Check], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for header in ("check", "figure", "expected", ""):
        table.add_column(header, overflow="fold")
    for check in checks:
        mark = "[green]ok[/green]" if check.passed else "[red]FAIL[/red]"
        table.add_row(check.name, check.figure, check.expected, mark)
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=DOCUMENTS, help="documents in the batch")
    parser.add_argument("--seed", type=int, default=1, help="seed of documents and faults")
    parser.add_argument(
        "--kill",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="kill -9 the first run part-way, then resume",
    )
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # the server process
    args = parser.parse_args(argv)
    if args.serve is not None:
        serve(args.serve, args.seed)
        return
    passed = soak(args.docs, args.seed, kill=args.kill, console=Console(width=160))
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()

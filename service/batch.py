"""A folder of pages or a JSONL file of records -> OUT.jsonl, one line per document, resumable.

INPUT is a folder of .txt/.md/.html files (id = file name, published from the dateline), or a
.jsonl file of {"id", "text", "published"?} records (other keys are ignored). Each output line:

    {"id": "000.txt", "status": "ok", "result": {...the document JSON of laborlens extract...}}
    {"id": "bad.txt", "status": "error", "error": {"code": "bad_input", "message": "...",
                                                   "reasons": []}}

Exactly once: one writer appends each line, flushed and fsync'd, as its document finishes. On
start, a torn last line (no newline: the process died mid-write) is cut off and every id already
in OUT is skipped, so running the same command again after Ctrl-C or kill -9 finishes the rest.
An exclusive lock on OUT keeps a second run from writing it at the same time.

A document fails (an `error` line) when it cannot be read, when anything raises while it is
processed, or when chunks failed and nothing was extracted from the rest, because its result
would then say nothing reliable ("chunks_failed", one reason per chunk, and `usage`: what its
chunks cost, re-asks included). A document with items and some failed chunks is `ok`;
`result.errors` lists those chunks.
"""

import asyncio
import fcntl
import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from schemas.results import DocumentResult, Usage
from service.errors import InputError
from service.extract.base import Backend
from service.pipeline import run
from service.read import read_text

logger = logging.getLogger(__name__)

FailureCode = Literal["bad_input", "chunks_failed", "internal"]
_PAGE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    text: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class _Document:
    id: str
    text: str | Path  # a Path is read by the worker, so an unreadable file is one error line
    published: str | None


@dataclass(frozen=True, slots=True)
class BatchInput:
    """A validated INPUT: its document ids in order, and a way to stream the documents."""

    path: Path
    ids: list[str]

    def documents(self) -> Iterator[_Document]:
        if self.path.is_dir():
            return (_Document(i, self.path / i, None) for i in self.ids)
        return (_Document(r.id, r.text, r.published) for _, r in _read_records(self.path))


def open_input(path: Path) -> BatchInput:
    """Check INPUT in one streaming pass; a missing path, bad line or duplicate id is refused."""
    if path.is_dir():
        names = sorted(p.name for p in path.iterdir() if p.suffix.lower() in _PAGE_SUFFIXES)
        if not names:
            raise InputError(f"{path}: no .txt, .md or .html files")
        return BatchInput(path, names)
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    if path.suffix.lower() not in _JSONL_SUFFIXES:
        raise InputError(f"{path}: INPUT is a folder of pages or a .jsonl file")
    first_seen: dict[str, int] = {}
    for number, record in _read_records(path):
        if record.id in first_seen:
            where = f"line {first_seen[record.id]}"
            raise InputError(f"{path} line {number}: duplicate id {record.id!r} (first on {where})")
        first_seen[record.id] = number
    return BatchInput(path, list(first_seen))


def _read_records(path: Path) -> Iterator[tuple[int, _Record]]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield number, _Record.model_validate_json(line)
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in d['loc']) or 'line'}: {d['msg']}"
                    for d in exc.errors(include_input=False)[:3]
                )
                raise InputError(f"{path} line {number}: {problems}") from None


class _Sink:
    """The single writer of OUT; knows which ids OUT already holds and with what status."""

    def __init__(self, out: Path, *, refresh: bool) -> None:
        created = not out.exists()
        self._file: IO[bytes] = out.open("a+b")
        try:
            self.done = self._claim(out, refresh=refresh)
        except BaseException:
            self._file.close()
            raise
        if created:  # make the new file's name durable too
            folder = os.open(out.resolve().parent, os.O_RDONLY)
            os.fsync(folder)
            os.close(folder)

    def _claim(self, out: Path, *, refresh: bool) -> dict[str, str]:
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"{out} is being written by another laborlens batch") from None
        if refresh:
            self._file.truncate(0)
            return {}
        return self._scan(out)

    def _scan(self, out: Path) -> dict[str, str]:
        done: dict[str, str] = {}
        self._file.seek(0)
        offset = 0
        for number, line in enumerate(self._file, start=1):
            if not line.endswith(b"\n"):  # torn: the writer died mid-line
                logger.info("%s: cutting off a torn last line (%d bytes)", out, len(line))
                self._file.truncate(offset)
                break
            try:
                entry = json.loads(line)
                done[entry["id"]] = entry["status"]
            except (ValueError, KeyError, TypeError):
                message = f"{out} line {number} is not a batch line; move OUT away or --refresh"
                raise InputError(message) from None
            offset += len(line)
        return done

    def write(self, entry: dict[str, Any]) -> None:
        # No await in here, so lines from concurrent documents never interleave.
        self._file.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()  # closing releases the lock


@dataclass(slots=True)
class Summary:
    documents: int = 0  # in INPUT
    ok: int = 0
    failed: int = 0  # in this run
    failed_before: int = 0  # error lines already in OUT, skipped
    skipped: int = 0  # already in OUT
    cached_chunks: int = 0
    tokens: int = 0
    cached_tokens: int = 0  # of the prompt tokens, those the provider's prefix cache served
    seconds: float = 0.0
    started: float = field(default_factory=time.monotonic, repr=False)

    def add(self, status: str, result: DocumentResult | None) -> None:
        if status == "ok":
            self.ok += 1
        else:
            self.failed += 1
        if result is not None:
            self.cached_chunks += result.usage.cached_chunks
            self.tokens += result.usage.total_tokens
            self.cached_tokens += result.usage.cached_tokens

    def describe(self) -> str:
        earlier = f" (+{self.failed_before} from earlier runs)" if self.failed_before else ""
        return (
            f"documents {self.documents}, ok {self.ok}, failed {self.failed}{earlier}, "
            f"skipped {self.skipped}, cached chunks {self.cached_chunks}, "
            f"tokens {self.tokens} (prompt cached {self.cached_tokens}), {self.seconds:.1f}s"
        )


@dataclass(frozen=True, slots=True)
class BatchOptions:
    concurrency: int = 8  # documents in flight
    refresh: bool = False  # rewrite OUT from scratch
    overlap: int = 150  # chunk overlap, characters


async def run_batch(
    source: BatchInput, out: Path, *, backend: Backend, options: BatchOptions, console: Console
) -> Summary:
    """Every document of `source` not yet in `out` -> one line in `out`; progress on `console`."""
    sink = _Sink(out, refresh=options.refresh)
    summary = Summary(documents=len(source.ids))
    wanted = set(source.ids)
    summary.skipped = sum(1 for i in sink.done if i in wanted)
    summary.failed_before = sum(1 for i, s in sink.done.items() if i in wanted and s != "ok")
    todo = (d for d in source.documents() if d.id not in sink.done)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[tally]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("batch", total=len(wanted) - summary.skipped, tally="")

        async def work() -> None:
            for document in todo:  # one shared iterator: each document goes to one worker
                entry, result = await _process(document, backend, overlap=options.overlap)
                sink.write(entry)
                summary.add(entry["status"], result)
                tally = f"failed {summary.failed} cached {summary.cached_chunks} "
                progress.update(task, advance=1, tally=tally + f"tokens {summary.tokens}")

        try:
            await asyncio.gather(*(work() for _ in range(options.concurrency)))
        finally:
            sink.close()
    summary.seconds = time.monotonic() - summary.started
    return summary


async def _process(
    document: _Document, backend: Backend, *, overlap: int
) -> tuple[dict[str, Any], DocumentResult | None]:
    """One document -> its output line, and its result when there is one (for the tally)."""
    try:
        text = read_text(document.text) if isinstance(document.text, Path) else document.text
        result = await run(text, backend=backend, published=document.published, overlap=overlap)
    except InputError as exc:
        return _failure(document.id, "bad_input", str(exc)), None
    except Exception as exc:  # one bad document becomes one error line (STYLE §5)
        logger.debug("document %s failed", document.id, exc_info=True)
        return _failure(document.id, "internal", f"{type(exc).__name__}: {exc}"), None
    if result.errors and not any(a.statistics or a.events for a in result.articles):
        reasons = [f"chunk {e.chunk}: {e.stage}: {e.reason}" for e in result.errors]
        message = f"{len(result.errors)} chunk(s) failed and nothing was extracted"
        failure = _failure(document.id, "chunks_failed", message, reasons, usage=result.usage)
        return failure, result
    return {"id": document.id, "status": "ok", "result": result.model_dump(mode="json")}, result


def _failure(
    document_id: str,
    code: FailureCode,
    message: str,
    reasons: list[str] | None = None,
    *,
    usage: Usage | None = None,
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message, "reasons": reasons or []}
    if usage is not None:  # the model was asked: its tokens are accounted for on this line
        error["usage"] = usage.model_dump(mode="json")
    return {"id": document_id, "status": "error", "error": error}

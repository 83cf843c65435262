"""OUT: its single writer, the ids it already holds, and the tally and progress of one run."""

import fcntl
import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Self, get_args

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from schemas.batch import BatchLine, OkLine, encode_line
from schemas.results import Usage
from schemas.vocab import LineStatus
from service.batch.source import BatchInput, Document
from service.errors import InputError

logger = logging.getLogger(__name__)

_STATUSES: frozenset[str] = frozenset(get_args(LineStatus))


class _Sink:
    """The single writer of OUT; knows which ids OUT already holds and with what status.

    With `retry` (ids), OUT is first rewritten without the error lines of those ids, so those
    documents are done again and each still has one line: the lines kept go to `.OUT.retry`,
    which is locked, fsync'd and renamed over OUT (a crash before the rename leaves OUT as it
    was, one after it leaves the documents to do).
    """

    def __init__(self, out: Path, *, refresh: bool, retry: frozenset[str] = frozenset()) -> None:
        created = not out.exists()
        self._file: IO[bytes] = out.open("a+b")
        self.keys: dict[str, str] = {}  # id -> sha256 of what its ok line read (service.read)
        try:
            self.done = self._claim(out, refresh=refresh)
            again = {i for i, s in self.done.items() if s != "ok" and i in retry}
            if again:
                self._drop_error_lines(out, again)
        except BaseException:
            self._file.close()
            raise
        if created or again:  # make the new file's name durable too
            _fsync_folder(out)

    def _drop_error_lines(self, out: Path, again: set[str]) -> None:
        staged = out.with_name(f".{out.name}.retry")
        kept: IO[bytes] = staged.open("w+b")
        try:
            fcntl.flock(kept.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._file.seek(0)
            for line in self._file:
                head = _head(line)
                if head is None or head[0] not in again:
                    kept.write(line)
            kept.flush()
            os.fsync(kept.fileno())
            staged.replace(out)
        except BaseException:
            kept.close()
            staged.unlink(missing_ok=True)
            raise
        self._file.close()  # the old OUT, and its lock
        self._file = kept
        self._file.seek(0, os.SEEK_END)
        self.done = {i: s for i, s in self.done.items() if i not in again}

    def _claim(self, out: Path, *, refresh: bool) -> dict[str, LineStatus]:
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"{out} is being written by another laborlens batch") from None
        if refresh:
            self._file.truncate(0)
            return {}
        return self._scan(out)

    def _scan(self, out: Path) -> dict[str, LineStatus]:
        # Only id and status are read: validating every result of a long OUT on each resume
        # would cost more than the run it resumes; `laborlens export` checks whole lines.
        done: dict[str, LineStatus] = {}
        self._file.seek(0)
        offset = 0
        for number, line in enumerate(self._file, start=1):
            if not line.endswith(b"\n"):  # torn: the writer died mid-line
                logger.info("%s: cutting off a torn last line (%d bytes)", out, len(line))
                self._file.truncate(offset)
                break
            head = _head(line)
            if head is None:
                message = f"{out} line {number} is not a batch line; move OUT away or --refresh"
                raise InputError(message)
            done[head[0]] = head[1]
            if head[2] is not None:
                self.keys[head[0]] = head[2]
            offset += len(line)
        return done

    def write(self, line: BatchLine) -> None:
        # No await in here, so lines from concurrent documents never interleave.
        self._file.write(encode_line(line))
        self._file.flush()
        os.fsync(self._file.fileno())
        self.done[line.id] = line.status

    def close(self) -> None:
        self._file.close()  # closing releases the lock


def _fsync_folder(out: Path) -> None:
    folder = os.open(out.resolve().parent, os.O_RDONLY)
    os.fsync(folder)
    os.close(folder)


def _head(line: bytes) -> tuple[str, LineStatus, str | None] | None:
    """A line's id, status and content key (the sha256 of what its result read, if it says),
    or None when it has no id and status (schemas/batch.py)."""
    try:
        entry = json.loads(line)
        document_id, status = entry["id"], entry["status"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(document_id, str) or status not in _STATUSES:
        return None
    try:
        key = entry["result"]["document"]["source"]["sha256"]
    except (KeyError, TypeError):
        key = None
    return document_id, status, key if isinstance(key, str) else None


@dataclass(slots=True)
class Summary:
    documents: int = 0  # in INPUT
    ok: int = 0
    failed: int = 0  # in this run
    failed_before: int = 0  # error lines already in OUT, skipped
    skipped: int = 0  # already in OUT
    changed: int = 0  # in OUT, but the page has changed since: done again
    cached_chunks: int = 0
    tokens: int = 0
    cached_tokens: int = 0  # of the prompt tokens, those the provider's prefix cache served
    seconds: float = 0.0
    started: float = field(default_factory=time.monotonic, repr=False)

    def add(self, line: BatchLine) -> None:
        usage: Usage | None
        if isinstance(line, OkLine):
            self.ok += 1
            usage = line.result.usage
        else:
            self.failed += 1
            usage = line.error.usage  # set when the model was asked ("chunks_failed")
        if usage is not None:
            self.cached_chunks += usage.cached_chunks
            self.tokens += usage.total_tokens
            self.cached_tokens += usage.cached_tokens

    def describe(self) -> str:
        earlier = f" (+{self.failed_before} from earlier runs)" if self.failed_before else ""
        changed = f" ({self.changed} changed since, done again)" if self.changed else ""
        return (
            f"documents {self.documents}, ok {self.ok}, failed {self.failed}{earlier}, "
            f"skipped {self.skipped}{changed}, cached chunks {self.cached_chunks}, "
            f"tokens {self.tokens} (prompt cached {self.cached_tokens}), {self.seconds:.1f}s"
        )


class BatchRun:
    """One run over OUT: claims it, knows what is left to do, writes each line exactly once.

    with BatchRun(source, out, refresh=False, console=console) as batch:
        for document in batch.todo():
            batch.record(line)
    """

    def __init__(
        self,
        source: BatchInput,
        out: Path,
        *,
        refresh: bool,
        console: Console,
        retry_failed: bool = False,
    ) -> None:
        self._source = source
        wanted = frozenset(source.ids)
        self._sink = _Sink(out, refresh=refresh, retry=wanted if retry_failed else frozenset())
        self._redo: set[str] = set()  # changed pages being done again
        self.summary = Summary(documents=len(source.ids))
        done = self._sink.done
        self.summary.skipped = sum(1 for i in done if i in wanted)
        self.summary.failed_before = sum(1 for i, s in done.items() if i in wanted and s != "ok")
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[tally]}"),
            TimeRemainingColumn(),
        )
        self._progress = Progress(*columns, console=console)
        self._total = len(wanted) - self.summary.skipped
        self._task = self._progress.add_task("batch", total=self._total, tally="")

    def todo(self) -> Iterator[Document]:
        """The documents of INPUT not yet in OUT, streamed in INPUT's order; one whose page has
        changed since its ok line was written is done again (its new line supersedes)."""
        for document in self._source.documents():
            if document.id in self._sink.done and not self._changed(document):
                continue
            yield document

    def _changed(self, document: Document) -> bool:
        """OUT's ok line for it read other content than the page holds now."""
        before = self._sink.keys.get(document.id)
        if before is None or self._sink.done[document.id] != "ok":
            return False
        now = document.content_key()
        if now is None or now == before:
            return False
        self._redo.add(document.id)
        self.summary.skipped -= 1
        self.summary.changed += 1
        self._total += 1
        self._progress.update(self._task, total=self._total)
        return True

    def record(self, line: BatchLine) -> bool:
        """Write `line` unless OUT already holds its id (a document retried after a worker
        died may come back twice) and it is not being done again; True when it was written."""
        if line.id in self._sink.done and line.id not in self._redo:
            return False
        self._redo.discard(line.id)
        self._sink.write(line)
        summary = self.summary
        summary.add(line)
        tally = f"failed {summary.failed} cached {summary.cached_chunks} tokens {summary.tokens}"
        self._progress.update(self._task, advance=1, tally=tally)
        return True

    def __enter__(self) -> Self:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()
        self._sink.close()
        self.summary.seconds = time.monotonic() - self.summary.started

"""The in-process engine: every document through one event loop, `concurrency` at a time."""

import asyncio
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from service.batch.document import process
from service.batch.sink import BatchRun, Summary
from service.batch.source import BatchInput
from service.extract.base import Backend


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchOptions:
    concurrency: int  # documents in flight
    refresh: bool  # rewrite OUT from scratch
    overlap: int  # chunk overlap, characters
    retry_failed: bool = False  # do again the documents OUT holds error lines for


async def run_batch(
    source: BatchInput, out: Path, *, backend: Backend, options: BatchOptions, console: Console
) -> Summary:
    """Every document of `source` not yet in `out` -> one line in `out`; progress on `console`."""
    with BatchRun(
        source, out, refresh=options.refresh, console=console, retry_failed=options.retry_failed
    ) as batch:
        todo = batch.todo()

        async def work() -> None:
            for document in todo:  # one shared iterator: each document goes to one worker
                batch.record(await process(document, backend, overlap=options.overlap))

        await asyncio.gather(*(work() for _ in range(options.concurrency)))
    return batch.summary

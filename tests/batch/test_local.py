"""The in-process engine: twice as many documents in flight as model calls, and OUT written
from a thread of its own, never from the event loop."""

import asyncio
import json
import threading
from pathlib import Path

import pytest
from rich.console import Console

from schemas.batch import BatchLine
from schemas.drafts import ChunkDraft
from service.batch.local import BatchOptions, run_batch
from service.batch.sink import _Sink
from service.batch.source import open_input
from service.extract.base import ChunkRequest
from service.extract.rules.backend import RulesBackend
from service.extract.scripted import ScriptedBackend


def _write_input(path: Path, count: int) -> Path:
    records = [
        {"id": f"d{i}", "text": f"第{i}场招聘会共有{100 + i}家企业参会。"} for i in range(count)
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def test_a_document_waits_planned_for_each_model_call_in_flight(tmp_path: Path) -> None:
    in_flight, most = 0, 0

    async def slow(_request: ChunkRequest) -> ChunkDraft:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return ChunkDraft()

    backend = ScriptedBackend(slow, chunk_chars=4000)
    options = BatchOptions(concurrency=3, refresh=False, overlap=0)
    work = run_batch(open_input(_write_input(tmp_path / "in.jsonl", 20)), tmp_path / "out.jsonl",
                     backend=backend, options=options, console=Console(quiet=True))  # fmt: skip
    assert asyncio.run(work).ok == 20
    assert most == 6  # the backend bounds the calls; the documents waiting for them are planned


def test_lines_are_written_off_the_event_loop_in_one_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.jsonl"
    records = [
        {"id": f"d{i}", "text": f"第{i}场招聘会共有{100 + i}家企业参会。"} for i in range(12)
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    writers: list[str] = []
    write = _Sink.write

    def recorded(sink: _Sink, line: BatchLine) -> None:
        writers.append(threading.current_thread().name)
        write(sink, line)

    monkeypatch.setattr(_Sink, "write", recorded)
    options = BatchOptions(concurrency=4, refresh=False, overlap=0)
    out = tmp_path / "out.jsonl"
    work = run_batch(open_input(source), out, backend=RulesBackend(), options=options,
                     console=Console(quiet=True))  # fmt: skip
    summary = asyncio.run(work)
    assert summary.ok == 12
    assert sorted(json.loads(line)["id"] for line in out.read_text().splitlines()) == sorted(
        r["id"] for r in records
    )
    assert len(writers) == 12
    assert len(set(writers)) == 1
    assert writers[0] != threading.main_thread().name

"""benchmarks/soak's checker: documents that never share a chunk, the retry-sequence judge,
and checks that fail when a line is lost, duplicated or torn, a retry comes early, or usage
disagrees with the server. The soak itself runs for a minute: `python -m benchmarks.soak`."""

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.soak.checks import Soak, check_lines, check_requests, check_usage
from benchmarks.soak.config import (
    ASK_BUDGET,
    CHUNK_CHARS,
    MAX_RETRIES,
    OVERLAP,
    REASKS,
    RETRY_AFTER_MS,
)
from benchmarks.soak.documents import build_documents, planned_chunks
from benchmarks.soak.retries import Kind, check_retries, judge
from benchmarks.soak.runs import Runs, read_output
from benchmarks.soak.server_log import DocIndex, Request, load_requests
from schemas.drafts import ChunkDraft
from service.extract.scripted import ScriptedBackend
from service.pipeline import run
from service.text.normalise import normalise

# --- judge: what the SDK's retries and instructor's re-asks should send for one chunk --------

T: Kind = "transport"
M: Kind = "malformed"
F: Kind = "final"


@pytest.mark.parametrize(
    ("kinds", "verdict"),
    [
        # answered first time, or after retries within the budgets
        ([F], "ok"),
        ([T, F], "ok"),
        ([T, T, F], "ok"),
        ([M, F], "ok"),
        ([T, T, M, T, T, F], "ok"),  # a re-ask gets fresh transport retries
        # budgets spent: the chunk fails, nothing more is sent
        ([T, T, T], "ok"),
        ([M, M], "ok"),
        ([M, T, T, T], "ok"),
        # a retry storm: anything after the end
        ([F, F], "storm"),
        ([T, T, T, F], "storm"),
        ([M, M, F], "storm"),
        # a retry or re-ask that was due and never came
        ([T], "dropped"),
        ([M], "dropped"),
        ([M, T, T], "dropped"),
    ],
)
def test_judge(kinds: list[Kind], verdict: str) -> None:
    assert (MAX_RETRIES, REASKS) == (2, 1)  # the rows above are written for these
    assert judge(kinds) == verdict


def test_the_longest_sequence_judged_ok_is_the_ask_budget() -> None:
    longest: list[Kind] = [T, T, M, T, T, M]
    assert judge(longest) == "ok"
    assert len(longest) == ASK_BUDGET


# --- documents: every chunk the pipeline sends belongs to one document -------------------------


def test_documents_are_seeded_and_never_share_a_chunk() -> None:
    records = build_documents(40, seed=5)
    assert records == build_documents(40, seed=5)
    assert records != build_documents(40, seed=6)
    index = DocIndex({r["id"]: normalise(r["text"]).text for r in records})
    for record in records:
        if not record["text"].strip():
            continue
        backend = ScriptedBackend(lambda _request: ChunkDraft(), chunk_chars=CHUNK_CHARS)
        asyncio.run(run(record["text"], backend=backend, overlap=OVERLAP))
        asked = [r.passages[0].text for r in backend.requests]
        assert len(asked) == planned_chunks(record["text"]), record["id"]
        assert {index.find(chunk) for chunk in asked} == {record["id"]}


def test_the_index_ties_a_chunk_to_one_document_or_none() -> None:
    index = DocIndex({"a": "甲乙丙。", "b": "丙丁戊。"})
    assert (index.find("乙丙"), index.find("丁"), index.find("丙"), index.find("己")) == (
        "a",
        "b",
        None,  # in both
        None,  # in neither
    )


def test_a_half_too_short_to_tell_belongs_to_its_cut_off_chunk(tmp_path: Path) -> None:
    records = [{"id": "d1", "text": "甲，乙。"}, {"id": "d2", "text": "甲，丙。"}]
    log = tmp_path / "server.jsonl"
    served = [
        {"run": "1", "arrived": 0.0, "mode": "length", "usage": {}, "chunk": "甲，乙。"},
        {"run": "1", "arrived": 1.0, "mode": None, "usage": {}, "chunk": "甲，"},
        {"run": "1", "arrived": 1.0, "mode": None, "usage": {}, "chunk": "乙。"},
    ]
    log.write_text("".join(json.dumps(entry) + "\n" for entry in served), encoding="utf-8")
    assert [r.doc for r in load_requests(log, records)] == ["d1", "d1", "d1"]


# --- the checks fail when they should ---------------------------------------------------------


def _request(doc: str, *, arrived: float = 0.0, status: int = 200, **values: Any) -> Request:
    usage = {"prompt_tokens": 9, "completion_tokens": 1, "total_tokens": 10}
    fields: dict[str, Any] = {
        "run": "2",
        "arrived": arrived,
        "answered": arrived + 0.05,
        "status": status,
        "mode": None,
        "retry_after_ms": 0,
        "usage": usage if status == 200 else {},
        "chunk": f"{doc}的文字",
        "doc": doc,
    }
    return Request(**(fields | values))


def _ok(doc: str, *served: Request) -> dict[str, Any]:
    """An ok line whose usage is what `served` cost."""
    usage = {"requests": len(served)}
    for key in ("prompt_tokens", "completion_tokens", "total_tokens"):
        usage[key] = sum(r.usage.get(key, 0) for r in served)
    return {"id": doc, "status": "ok", "result": {"errors": [], "usage": usage}}


def _soak(lines: list[dict[str, Any]], requests: list[Request], *, torn: int = 0) -> Soak:
    records = [{"id": d, "text": f"{d}的文字。"} for d in ("d1", "d2")]
    return Soak(records, lines, torn, requests, Runs())


def _failed(soak: Soak) -> set[str]:
    return {check.name for check in soak.checks if not check.passed}


def test_output_lines_whole_once_each() -> None:
    fine = _soak([_ok("d1"), _ok("d2")], [])
    check_lines(fine)
    assert not _failed(fine)
    broken = _soak([_ok("d1"), _ok("d1")], [], torn=1)
    check_lines(broken)
    assert {"lost", "duplicated", "torn lines"} <= _failed(broken)


def test_read_output_counts_torn_and_foreign_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    whole = json.dumps(_ok("d1"))
    out.write_text(f"{whole}\n[1, 2]\nnot json\n{whole[:9]}", encoding="utf-8")
    lines, torn = read_output(out)
    assert ([line["id"] for line in lines], torn) == (["d1"], 3)


def test_a_retry_sooner_than_retry_after_fails() -> None:
    wait = {"status": 429, "retry_after_ms": RETRY_AFTER_MS}
    patient = RETRY_AFTER_MS / 1000 + 0.1
    for gap, passed in ((patient, True), (0.5, False)):
        soak = _soak([], [_request("d1", **wait), _request("d1", arrived=0.05 + gap)])
        check_retries(soak)
        assert ("429/503 retry gap" not in _failed(soak)) is passed


def test_a_retry_storm_fails() -> None:
    soak = _soak([], [_request("d1"), _request("d1", arrived=1.0)])
    check_retries(soak)
    assert "sequences with a request after the end" in _failed(soak)


def _chunks_failed(doc: str, *served: Request) -> dict[str, Any]:
    usage = _ok(doc, *served)["result"]["usage"]
    error = {"code": "chunks_failed", "message": "1 chunk(s) failed", "reasons": [], "usage": usage}
    return {"id": doc, "status": "error", "error": error}


def test_usage_must_match_what_the_server_served() -> None:
    invalid, reasked, refused = _request("d1", mode="invalid"), _request("d1"), _request("d2")
    served = [invalid, reasked, refused]
    right = _soak([_ok("d1", invalid, reasked), _chunks_failed("d2", refused)], served)
    check_usage(right)
    assert not _failed(right)
    left_out = [
        [_ok("d1", reasked), _chunks_failed("d2", refused)],  # the re-asked answer
        [_ok("d1", invalid, reasked), _chunks_failed("d2")],  # the failed document's refusal
    ]
    for lines in left_out:
        wrong = _soak(lines, served)
        check_usage(wrong)
        assert "lines whose usage != server's (tokens, requests)" in _failed(wrong)


def test_only_the_kill_may_leave_a_request_without_a_chunk() -> None:
    name = "requests tied to no single document"
    for which, killed, passed in (("1", True, True), ("2", True, False), ("1", False, False)):
        bodiless = _request("d1", run=which, chunk="")
        bodiless.doc = None
        soak = _soak([], [_request("d1"), bodiless])
        soak.runs.killed = killed
        check_requests(soak)
        assert (name not in _failed(soak)) is passed, (which, killed)

"""The batch line (schemas/batch.py) ties `laborlens batch` to its readers: every line batch writes
validates against it and against the published schemas/json/BatchLine.json, and what the writer
writes the export's parser reads back field for field."""

import asyncio
import base64
import io
import json
import pickle
import shutil
from pathlib import Path
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel
from rich.console import Console
from typer.testing import CliRunner

from schemas.batch import BATCH_LINE, BatchLine, ErrorLine, OkLine, encode_line
from schemas.results import DocumentResult
from schemas.vocab import LineStatus
from service.batch.document import failure
from service.batch.sink import BatchRun
from service.batch.source import Document, open_input
from service.batch.worker import Worker, WorkerSpec
from service.cli import app
from service.export.rows import parse_line
from service.fake.server import numbers_responder, serve_fake
from service.prompts import chunk_text_from_messages
from service.settings import Settings
from tests.paths import ROOT

_SEEDS = ROOT / "seeds"
_FAIL_MARK = "此文必败"  # the fake model answers nonsense for any chunk holding this
_PAGE = "本报讯 2月18日，第1场招聘会在我市举办，共有101家企业参会，提供岗位3001个。"
_PROVENANCE = {
    "url": "https://example.org/1", "outlet": "某某日报", "title": "招聘会",
    "published": "2022-02-20", "section": "地方", "tags": ["就业", 1],
}  # fmt: skip


def _failing_responder(body: dict[str, Any]) -> dict[str, Any]:
    if _FAIL_MARK in chunk_text_from_messages(body.get("messages", [])):
        return {"statistics": "not a list", "events": []}
    return numbers_responder(body)


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """Every line of three real batch runs: the seeds with an empty and a non-UTF-8 page
    (rules), JSONL records with a blank text (rules), and one document whose every chunk fails
    (llm against the fake: an error line with usage)."""
    folder = tmp_path_factory.mktemp("batch-line")
    pages = folder / "pages"
    shutil.copytree(_SEEDS, pages)
    (pages / "blank.txt").write_text(" \n", encoding="utf-8")
    (pages / "broken.md").write_bytes(b"\xc3\x28 not utf-8")
    records = [
        {"id": "blank", "text": ""},
        {"id": "d0", "text": _PAGE, "published": "2022-02-20"},
        {"id": "d1", **_PROVENANCE, "text": _PAGE},
        {"id": "blank-sourced", "text": "", "url": "https://example.org/2"},
    ]
    jsonl = _write_jsonl(folder / "in.jsonl", records)
    failing = [
        {"id": "ok", "text": _PAGE},
        {"id": "bad", "text": f"本报讯 {_FAIL_MARK}，共有12家。"},
    ]
    llm_input = _write_jsonl(folder / "llm.jsonl", failing)
    runner = CliRunner()
    for source, name in ((pages, "pages"), (jsonl, "jsonl")):
        args = ["batch", str(source), "--out", str(folder / f"{name}.out"), "--backend", "rules"]
        assert runner.invoke(app, args).exit_code == 1  # an error line each
    with serve_fake(_failing_responder) as fake:
        env = {"LABORLENS_BASE_URL": fake.base_url, "LABORLENS_MODEL": "fake-model",
               "LABORLENS_REASKS": "0", "LABORLENS_CACHE_DIR": str(folder / "cache")}  # fmt: skip
        done = runner.invoke(app, ["batch", str(llm_input), "--out", str(folder / "llm.out")],
                             env=env)  # fmt: skip
        assert done.exit_code == 1, done.output
    return [
        line for out in sorted(folder.glob("*.out")) for line in out.read_bytes().splitlines(True)
    ]


def test_every_line_batch_writes_validates_against_the_schema(written: list[bytes]) -> None:
    lines = [BATCH_LINE.validate_json(raw) for raw in written]
    codes = {line.error.code for line in lines if isinstance(line, ErrorLine)}
    assert codes == {"bad_input", "chunks_failed"}
    assert sum(isinstance(line, OkLine) for line in lines) == len(list(_SEEDS.glob("*.txt"))) + 3
    # Written once, read back, written again: the same bytes (no key gained, none lost).
    assert [encode_line(line) for line in lines] == written


def test_every_line_batch_writes_validates_against_the_published_json_schema(
    written: list[bytes],
) -> None:
    schema = json.loads((ROOT / "schemas" / "json" / "BatchLine.json").read_text("utf-8"))
    validator = Draft202012Validator(schema)
    for raw in written:
        problems = [e.message for e in validator.iter_errors(json.loads(raw))]
        assert problems == [], raw[:80]
    assert not validator.is_valid({"id": "a", "status": "error", "error": {"code": "x"}})
    assert not validator.is_valid({"id": "a", "status": "ok"})


def test_an_error_line_has_usage_only_when_the_model_was_asked(written: list[bytes]) -> None:
    errors = {e["id"]: e["error"] for e in map(json.loads, written) if e["status"] == "error"}
    assert list(errors["bad"]) == ["code", "message", "reasons", "usage"]
    assert errors["bad"]["usage"]["requests"] >= 1
    for asked_nothing in ("blank", "blank.txt", "broken.md"):
        assert list(errors[asked_nothing]) == ["code", "message", "reasons"]  # no "usage": null


def test_a_records_provenance_travels_into_its_line_ok_or_error(written: list[bytes]) -> None:
    lines = {e["id"]: e for e in map(json.loads, written)}
    meta = {"section": "地方", "tags": ["就业", 1]}
    expected = {k: _PROVENANCE[k] for k in ("url", "outlet", "title", "published")}
    assert lines["d1"]["source"] == expected | {"meta": meta}
    assert lines["d1"]["result"]["document"]["published"] == "2022-02-20"
    assert lines["blank-sourced"]["status"] == "error"
    assert lines["blank-sourced"]["source"]["url"] == "https://example.org/2"
    # A bare record, and a folder's page, say nothing of where they came from.
    assert "source" not in lines["d0"]
    assert "source" not in lines["000_0c4ce29092f07e54.txt"]


def test_line_keys_come_in_the_order_the_schema_declares(written: list[bytes]) -> None:
    keys = {tuple(json.loads(raw)) for raw in written}
    assert keys == {
        ("id", "status", "result", "fingerprint"), ("id", "status", "error"),
        ("id", "status", "result", "source", "fingerprint"), ("id", "status", "error", "source"),
    }  # fmt: skip
    assert set(get_args(LineStatus)) == {"ok", "error"}


# --- writer -> parser, every field ------------------------------------------------------------

_USAGE = {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14, "requests": 2,
          "cached_chunks": 1, "cached_tokens": 5}  # fmt: skip
_FULL_RESULT = {
    "status": "ok",
    "document": {
        "sha256": "ab" * 32, "chars": 40, "published": "2022-02-20",
        "source": {"location": "e/0220.pdf", "format": "pdf", "sha256": "cd" * 32, "pages": 2,
                   "title": "春风行动", "site": "某日报", "url": "https://e.example.cn/0220.pdf",
                   "warnings": ["no article found in the page; its whole visible text was read"]},
        "text": "春风行动岗位3000余个，举办招聘会" + "。" * 22,
    },
    "backend": {"name": "llm", "model": "fake-model", "prompt_version": "extract.v3"},
    "articles": [{
        "title": "春风行动", "span": [0, 40],
        "statistics": [{
            "evidence": "岗位3000余个", "span": [5, 13], "page": 1, "metric": "提供岗位",
            "indicator": "jobs_offered", "value": 3000, "value_max": 3500.5, "unit": "个",
            "qualifier": "over", "kind": "target", "time": "2022-02", "location": "武汉市",
            "location_code": "420100", "subject": "企业", "repeat_of": None,
        }],
        "events": [{
            "evidence": "举办招聘会", "span": [14, 19], "page": 2, "type": "worker_transfer",
            "summary": "专列送工", "date": "--02-18", "location": "恩施州",
            "location_code": "422800", "origin": "恩施", "origin_code": "422800",
            "destination": "广州", "destination_code": "440100",
            "actors": [{"name": "人社局", "role": "主办"}],
        }],
    }],
    "warnings": [{"code": "unit_as_written", "evidence": "27桩", "chunk": 1, "detail": "桩"}],
    "errors": [{"stage": "transport", "chunk": 2, "reason": "timeout", "attempts": 3,
                "usage": _USAGE}],
    "usage": _USAGE,
}  # fmt: skip
_SOURCE = {
    "url": "https://example.org/a", "outlet": "某某日报", "title": "春风行动",
    "published": "2022-02-20", "meta": {"section": "地方", "tags": ["就业", 1], "n": None},
}  # fmt: skip
_FULL_LINES: list[dict[str, Any]] = [
    {"id": "full.txt", "status": "ok", "result": _FULL_RESULT, "source": _SOURCE,
     "fingerprint": base64.b64encode(bytes(range(128)) * 4).decode()},
    {"id": "failed.txt", "status": "error",
     "error": {"code": "chunks_failed", "message": "2 chunk(s) failed",
               "reasons": ["chunk 0: model: x", "chunk 1: length: y"], "usage": _USAGE},
     "source": _SOURCE},
    {"id": "unread.txt", "status": "error",
     "error": {"code": "bad_input", "message": "not UTF-8", "reasons": []}},
]  # fmt: skip


def _unset(model: type[BaseModel], data: dict[str, Any], path: str = "") -> list[str]:
    """Fields of `model`, nested ones too, that `data` leaves out: the round trip below could
    not tell a dropped field from one left at its default."""
    missing = []
    for name, info in model.model_fields.items():
        if name not in data:
            missing.append(f"{path}{name}")
            continue
        values = data[name] if isinstance(data[name], list) else [data[name]]
        for inner in _models_in(info.annotation):
            for value in (v for v in values if isinstance(v, dict)):
                missing += _unset(inner, value, f"{path}{name}.")
    return missing


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation names: `list[Statistic]` -> [Statistic]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def test_the_round_trip_fixture_sets_every_field() -> None:
    assert _unset(OkLine, _FULL_LINES[0]) == []
    assert _unset(DocumentResult, _FULL_RESULT) == []
    assert _unset(ErrorLine, _FULL_LINES[1]) == []
    assert "result.usage" in _unset(OkLine, {"result": {}})  # the check itself can fail


def test_what_the_writer_writes_the_export_parses_back_field_for_field(tmp_path: Path) -> None:
    lines: list[BatchLine] = [BATCH_LINE.validate_python(line) for line in _FULL_LINES]
    source = open_input(_write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": _PAGE}]))
    out = tmp_path / "out.jsonl"
    quiet = Console(file=io.StringIO())
    with BatchRun(source, out, refresh=False, console=quiet) as batch:
        assert all(batch.record(line) for line in lines)
    assert batch.summary.ok == 1
    assert batch.summary.failed == 2
    assert batch.summary.tokens == 2 * _USAGE["total_tokens"]  # the ok line and chunks_failed
    raw = out.read_bytes().splitlines(keepends=True)
    parsed = [parse_line(line, number) for number, line in enumerate(raw, start=1)]
    assert parsed == lines
    assert [json.loads(line) for line in raw] == _FULL_LINES


def test_failure_builds_the_line_the_schema_describes() -> None:
    line = failure("a.txt", "internal", "RuntimeError: boom")
    assert encode_line(line) == (
        b'{"id": "a.txt", "status": "error", "error": {"code": "internal", '
        b'"message": "RuntimeError: boom", "reasons": []}}\n'
    )
    assert BATCH_LINE.validate_json(encode_line(line)) == line


def test_worker_lines_cross_as_dicts_that_validate_back_to_the_same_line() -> None:
    worker = Worker(WorkerSpec(Settings(), backend="rules"))
    documents = [Document("d0", _PAGE, "2022-02-20"), Document("blank", "  ", None)]
    shipped = asyncio.run(worker.process(documents))
    assert all(type(entry) is dict for entry in shipped)
    assert pickle.loads(pickle.dumps(shipped)) == shipped
    lines = [BATCH_LINE.validate_python(entry) for entry in shipped]
    assert [(line.id, line.status) for line in lines] == [("d0", "ok"), ("blank", "error")]
    assert [line.model_dump(mode="json") for line in lines] == shipped

"""`laborlens batch`: one line per document, exactly once across Ctrl-C, kill -9 and reruns."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.fake.server import numbers_responder, serve_fake
from service.prompts import chunk_text_from_messages
from tests.paths import ROOT

_SEEDS = ROOT / "seeds"
_SEED_IDS = sorted(p.name for p in _SEEDS.glob("*.txt"))
_FAIL_MARK = "此文必败"  # the fake model answers nonsense for any chunk holding this


def _lines(out: Path) -> list[dict[str, Any]]:
    raw = out.read_bytes()
    assert raw.endswith(b"\n"), "torn last line"
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def _batch(*args: str) -> Any:
    return CliRunner().invoke(app, ["batch", *args])


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text(text, encoding="utf-8")
    return path


def _page(i: int) -> str:
    return (
        f"本报讯 2月18日，第{i}场招聘会在我市举办，共有{100 + i}家企业参会，提供岗位{3000 + i}个。"
    )


# --- a folder of pages, with the rules backend ----------------------------------------------


def test_folder_resume_skips_and_refresh_rewrites(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = _batch(str(_SEEDS), "--out", str(out), "--backend", "rules")
    assert first.exit_code == 0, first.output
    lines = _lines(out)
    assert [line["id"] for line in lines] == _SEED_IDS
    assert all(line["status"] == "ok" and line["result"]["articles"] for line in lines)
    assert "documents 5, ok 5, failed 0, skipped 0" in first.stderr
    again = _batch(str(_SEEDS), "--out", str(out), "--backend", "rules")
    assert again.exit_code == 0
    assert "ok 0, failed 0, skipped 5" in again.stderr
    assert _lines(out) == lines
    refreshed = _batch(str(_SEEDS), "--out", str(out), "--backend", "rules", "--refresh")
    assert refreshed.exit_code == 0
    assert "ok 5, failed 0, skipped 0" in refreshed.stderr
    assert sorted(line["id"] for line in _lines(out)) == _SEED_IDS


def test_one_bad_page_is_one_error_line_and_exit_1(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(_SEEDS / _SEED_IDS[0], pages / "a.txt")
    (pages / "b.html").write_text(f"<html><p>{_page(1)}</p></html>", encoding="utf-8")
    (pages / "c.md").write_bytes(b"\xc3\x28 not utf-8")
    (pages / "notes.csv").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _batch(str(pages), "--out", str(out), "--backend", "rules", "--concurrency", "2")
    assert result.exit_code == 1
    by_id = {line["id"]: line for line in _lines(out)}
    assert set(by_id) == {"a.txt", "b.html", "c.md"}
    assert by_id["a.txt"]["status"] == by_id["b.html"]["status"] == "ok"
    assert by_id["c.md"] == {
        "id": "c.md",
        "status": "error",
        "error": {"code": "bad_input", "message": by_id["c.md"]["error"]["message"], "reasons": []},
    }
    assert "UTF-8" in by_id["c.md"]["error"]["message"]
    resumed = _batch(str(pages), "--out", str(out), "--backend", "rules")
    assert resumed.exit_code == 1  # the error line is still there
    assert "failed 0 (+1 from earlier runs), skipped 3" in resumed.stderr


# --- resuming ---------------------------------------------------------------------------------


def test_a_torn_last_line_is_cut_off_and_redone(tmp_path: Path) -> None:
    records = [{"id": f"d{i}", "text": _page(i), "published": "2022-02-20"} for i in range(3)]
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out), "--backend", "rules").exit_code == 0
    whole = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(whole[0] + whole[1][: len(whole[1]) // 2])  # died while writing line 2
    result = _batch(str(source), "--out", str(out), "--backend", "rules")
    assert result.exit_code == 0, result.output
    assert "skipped 1" in result.stderr
    assert Counter(line["id"] for line in _lines(out)) == {"d0": 1, "d1": 1, "d2": 1}


def test_a_damaged_line_in_the_middle_of_out_is_refused(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": _page(0)}])
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x", "status": "ok"}\nnot json\n', encoding="utf-8")
    result = _batch(str(source), "--out", str(out), "--backend", "rules")
    assert result.exit_code == 2
    assert "line 2 is not a batch line" in result.output


@pytest.mark.parametrize(
    "line",
    ['{"id": "x", "status": "done"}', '{"id": 7, "status": "ok"}', '["x", "ok"]'],
    ids=["unknown-status", "number-id", "not-an-object"],
)
def test_a_line_of_out_without_a_batch_id_and_status_is_refused(tmp_path: Path, line: str) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": _page(0)}])
    out = tmp_path / "out.jsonl"
    out.write_text(line + "\n", encoding="utf-8")
    result = _batch(str(source), "--out", str(out), "--backend", "rules")
    assert result.exit_code == 2
    assert "line 1 is not a batch line" in result.output
    assert out.read_text(encoding="utf-8") == line + "\n"


# --- bad INPUT --------------------------------------------------------------------------------

_BAD_JSONL = [
    ("malformed", '{"id": "a", "text": "x"}\n{"id": "b", "text": \n', "line 2"),
    ("duplicate", '{"id": "a", "text": "x"}\n\n{"id": "a", "text": "y"}\n', "duplicate id 'a'"),
    ("no-text", '{"id": "a"}\n', "line 1: line: Value error, give text, or a url to fetch it from"),
    ("bad-url", '{"id": "a", "url": "ftp://a.cn/x"}\n', "is not an http(s) URL"),
    ("bad-date", '{"id": "a", "text": "x", "published": "2021-13"}\n', "is not a date"),
    ("number-id", '{"id": 7, "text": "x"}\n', "line 1: id"),
    ("not-utf8", '{"id": "a", "text": "\udcff"}\n', "line 1"),
]


@pytest.mark.parametrize(
    ("content", "message"), [pytest.param(*case[1:], id=case[0]) for case in _BAD_JSONL]
)
def test_bad_jsonl_is_a_clear_error_and_exit_2(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(content.encode("utf-8", "surrogateescape"))
    out = tmp_path / "out.jsonl"
    result = _batch(str(source), "--out", str(out), "--backend", "rules")
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing", "no such file or folder"), ("empty", "no .txt, .md or .html"),
     ("page.txt", "a folder of pages or a .jsonl file")],
)  # fmt: skip
def test_bad_input_paths_are_refused(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "page.txt").write_text(_page(0), encoding="utf-8")
    result = _batch(str(tmp_path / name), "--out", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert message in result.output


# --- kill -9 against a slow model, then resume ----------------------------------------------


def _failing_responder(body: dict[str, Any]) -> dict[str, Any]:
    if _FAIL_MARK in chunk_text_from_messages(body.get("messages", [])):
        return {"statistics": "not a list", "events": []}
    return numbers_responder(body)


def test_kill_9_mid_run_then_resume_writes_every_document_exactly_once(tmp_path: Path) -> None:
    ids = [f"doc-{i:02d}" for i in range(24)]
    records = [{"id": i, "text": _page(n)} for n, i in enumerate(ids)]
    records[5]["text"] = f"本报讯 {_FAIL_MARK}，共有12家企业参会。"
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "service.cli", "batch", str(source), "--out", str(out),
               "--backend", "llm", "--concurrency", "2"]  # fmt: skip
    with serve_fake(_failing_responder, latency=0.25) as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LABORLENS_", "OPENAI_"))}
        env |= {"LABORLENS_BASE_URL": fake.base_url, "LABORLENS_MODEL": "fake-model",
                "LABORLENS_API_KEY": "sk-test", "LABORLENS_REASKS": "0",
                "LABORLENS_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
        first = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while _count_lines(out) < 4:
            assert first.poll() is None, "finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        killed_at = _count_lines(out)
        assert 4 <= killed_at < len(ids)
        second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=60, check=False)  # fmt: skip
    assert second.returncode == 1, second.stderr  # the failing document
    assert f"skipped {killed_at}" in second.stderr
    lines = _lines(out)
    assert Counter(line["id"] for line in lines) == Counter(ids)
    failed = [line for line in lines if line["status"] == "error"]
    assert [line["id"] for line in failed] == ["doc-05"]
    assert failed[0]["error"]["code"] == "chunks_failed"
    assert "validation" in failed[0]["error"]["reasons"][0]
    ok = [line for line in lines if line["status"] == "ok"]
    assert all(line["result"]["backend"]["name"] == "llm" for line in ok)
    assert all(line["result"]["articles"][0]["statistics"] for line in ok)


def _count_lines(out: Path) -> int:
    return out.read_bytes().count(b"\n") if out.exists() else 0


# --- --dry-run: what a batch would send, no model asked -----------------------------------------


def test_dry_run_counts_what_a_real_run_sends_without_a_model(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    planned = _batch(str(_SEEDS), "--out", str(out), "--dry-run")  # no LABORLENS_MODEL set
    assert planned.exit_code == 0, planned.output
    assert not out.exists()
    with serve_fake(numbers_responder) as server:
        env = {
            "LABORLENS_MODEL": "fake-model", "LABORLENS_BASE_URL": server.base_url,
            "LABORLENS_CACHE_DIR": str(tmp_path / "cache"),
        }  # fmt: skip
        done = CliRunner().invoke(app, ["batch", str(_SEEDS), "--out", str(out)], env=env)
        assert done.exit_code == 0, done.output
        sent = server.stats()
    assert f"documents {len(_SEED_IDS)} (skipped 0)" in planned.stdout
    assert f"requests {sent.requests}," in planned.stdout
    assert f"estimated prompt tokens {sent.prompt_tokens} " in planned.stdout


# --- a cache at fault (F3) ----------------------------------------------------------------------


def test_a_corrupt_cache_database_leaves_the_batch_working(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    (cache / "cache.db").write_bytes(b"\x00garbage, not SQLite\x00" * 512)
    out = tmp_path / "out.jsonl"
    with serve_fake(numbers_responder) as server:
        env = {
            "LABORLENS_MODEL": "fake-model", "LABORLENS_BASE_URL": server.base_url,
            "LABORLENS_CACHE_DIR": str(cache),
        }  # fmt: skip
        done = CliRunner().invoke(app, ["batch", str(_SEEDS), "--out", str(out)], env=env)
    assert done.exit_code == 0, done.output
    lines = _lines(out)
    assert sorted(line["id"] for line in lines) == _SEED_IDS
    assert all(line["status"] == "ok" and line["result"]["articles"] for line in lines)
    assert done.exception is None


# --- --retry-failed (F8) ------------------------------------------------------------------------


def test_retry_failed_redoes_the_error_lines_and_keeps_one_line_per_document(
    tmp_path: Path,
) -> None:
    records = [{"id": f"doc-{i}", "text": _page(i)} for i in range(4)]
    records[2]["text"] = f"本报讯 {_FAIL_MARK}，共有12家企业参会。"
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    other = {"code": "bad_input", "message": "m", "reasons": []}  # a document not in INPUT
    _write_jsonl(out, [{"id": "elsewhere", "status": "error", "error": other}])
    env = {"LABORLENS_MODEL": "fake-model", "LABORLENS_REASKS": "0",
           "LABORLENS_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    args = ["batch", str(source), "--out", str(out), "--backend", "llm"]
    with serve_fake(_failing_responder) as failing:
        first = CliRunner().invoke(app, args, env={**env, "LABORLENS_BASE_URL": failing.base_url})
    with serve_fake(numbers_responder) as healed:
        healed_env = {**env, "LABORLENS_BASE_URL": healed.base_url}
        resumed = CliRunner().invoke(app, args, env=healed_env)
        retried = CliRunner().invoke(app, [*args, "--retry-failed"], env=healed_env)
        asked = healed.requests
    assert first.exit_code == 1, first.output
    assert resumed.exit_code == 1  # a plain resume skips the error line
    assert "skipped 4" in resumed.stderr
    assert retried.exit_code == 0, retried.output
    assert "ok 1, failed 0, skipped 3" in retried.stderr
    assert asked == 1  # only doc-2 was asked again
    lines = _lines(out)
    assert sorted(line["id"] for line in lines) == ["doc-0", "doc-1", "doc-2", "doc-3", "elsewhere"]
    status = {line["id"]: line["status"] for line in lines}
    assert status == {"elsewhere": "error", **{f"doc-{i}": "ok" for i in range(4)}}
    assert not (tmp_path / ".out.jsonl.retry").exists()

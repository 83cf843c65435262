"""`laborlens batch` over real pages: subfolders, files that are not pages, page dates, and a
page changed since its line was written."""

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from service.cli import app
from tests.paths import ROOT

_PAGES = ROOT / "tests/data/pages"


def _batch(*args: str) -> Any:
    return CliRunner().invoke(app, ["batch", *args, "--backend", "rules"])


def _lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    (folder / "gov" / "2019").mkdir(parents=True)
    shutil.copy(_PAGES / "shanxi_gov.gbk.shtml", folder / "gov" / "2019" / "shanxi.shtml")
    shutil.copy(_PAGES / "deqing_fgw.gbk.shtml", folder / "deqing.shtml")
    shutil.copy(_PAGES / "epaper_labour.pdf", folder / "epaper.pdf")
    (folder / "logo.png").write_bytes(b"\x89PNG")
    return folder


def test_recursive_folder_reads_subfolders_and_reports_what_it_skips(tmp_path: Path) -> None:
    folder, out = _archive(tmp_path), tmp_path / "out.jsonl"
    flat = _batch(str(folder), "--out", str(out))
    assert flat.exit_code == 0, flat.output
    assert "not read: gov: a folder; add --recursive" in flat.stderr
    assert "not read: logo.png: not a page format (.png" in flat.stderr
    assert {line["id"] for line in _lines(out)} == {"deqing.shtml", "epaper.pdf"}
    deep = _batch(str(folder), "--out", str(out), "--recursive")
    assert deep.exit_code == 0, deep.output
    assert "not read: gov" not in deep.stderr
    by_id = {line["id"]: line for line in _lines(out)}
    assert set(by_id) == {"deqing.shtml", "epaper.pdf", "gov/2019/shanxi.shtml"}
    document = by_id["gov/2019/shanxi.shtml"]["result"]["document"]
    assert document["published"] == "2019-09-18"  # the page's PubDate
    assert document["source"]["title"] == "山西品牌丝路行（南美站）正式启动"
    assert by_id["deqing.shtml"]["result"]["document"]["published"] == "2016-11-22"


def test_resume_goes_by_content_a_changed_page_is_done_again(tmp_path: Path) -> None:
    folder, out = _archive(tmp_path), tmp_path / "out.jsonl"
    assert _batch(str(folder), "--out", str(out)).exit_code == 0
    again = _batch(str(folder), "--out", str(out))
    assert "ok 0, failed 0, skipped 2" in again.stderr
    page = folder / "deqing.shtml"
    page.write_bytes(page.read_bytes().replace(b"246.79", b"250.01"))
    changed = _batch(str(folder), "--out", str(out))
    assert changed.exit_code == 0, changed.output
    assert "ok 1, failed 0, skipped 1 (1 changed since, done again)" in changed.stderr
    lines = [line for line in _lines(out) if line["id"] == "deqing.shtml"]
    assert len(lines) == 2  # the later line supersedes
    quotes = [
        " ".join(s["evidence"] for a in line["result"]["articles"] for s in a["statistics"])
        for line in lines
    ]
    assert "246.79亿元" in quotes[0]
    assert "250.01亿元" in quotes[1]
    assert "246.79" not in quotes[1]


def test_jsonl_text_record_changed_is_done_again(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    record = {"id": "a", "text": "本报讯 2月18日，招聘会共有120家企业参会。", "published": "2022"}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _batch(str(source), "--out", str(out)).exit_code == 0
    record["text"] = "本报讯 2月18日，招聘会共有130家企业参会。"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert "changed since" in _batch(str(source), "--out", str(out)).stderr
    assert [line["result"]["document"]["published"] for line in _lines(out)] == ["2022"] * 2

"""`laborlens report`: one whole file or none, and clear refusals."""

from pathlib import Path

from typer.testing import CliRunner

from service.cli import app

_FAILED = '{"id": "a", "status": "error", "error": {"code": "bad_input", "message": "m"}}\n'


def _report(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["report", *args])
    return done.exit_code, done.stderr


def test_a_batch_with_nothing_to_draw_still_gets_its_page(tmp_path: Path) -> None:
    source = tmp_path / "out.jsonl"
    source.write_text(_FAILED, encoding="utf-8")
    target = tmp_path / "report.html"
    assert _report(str(source), "--to", str(target))[0] == 0
    html = target.read_text(encoding="utf-8")
    assert "<svg" not in html
    assert "<th>失败</th><td class=n>1</td>" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "report.html"]


def test_an_existing_page_is_kept_and_a_bad_input_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("precious", encoding="utf-8")
    source = tmp_path / "out.jsonl"
    source.write_text(_FAILED, encoding="utf-8")
    code, said = _report(str(source), "--to", str(target))
    assert (code, target.read_text(encoding="utf-8")) == (2, "precious")
    assert "exists; pass --force" in said
    torn = tmp_path / "torn.jsonl"
    torn.write_text(_FAILED.strip(), encoding="utf-8")
    code, said = _report(str(torn), "--to", str(tmp_path / "new.html"))
    assert code == 2
    assert "torn" in said
    assert not (tmp_path / "new.html").exists()
    assert not list(tmp_path.glob(".*.partial"))

"""Each seed page, through the real CLI: grounded JSON on stdout, labelled with its backend."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.fake.server import FakeServer
from tests.paths import ROOT, SEED_PAGES

_SEEDS = SEED_PAGES


def _spans_hold(doc: dict, text: str) -> bool:  # type: ignore[type-arg]
    items = [i for a in doc["articles"] for i in a["statistics"] + a["events"]]
    return bool(items) and all(text[i["span"][0] : i["span"][1]] == i["evidence"] for i in items)


@pytest.mark.parametrize("seed", _SEEDS, ids=lambda p: p.stem[:3])
def test_default_backend_without_a_model_is_rules(seed: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(seed)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["backend"] == {"name": "rules", "model": None, "prompt_version": None}
    with seed.open(encoding="utf-8", newline="") as f:
        assert _spans_hold(doc, f.read())


def test_llm_backend_grounds_and_second_run_is_served_from_cache(
    fake_openai: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed_texts: list[str],
) -> None:
    monkeypatch.setenv("LABORLENS_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("LABORLENS_MODEL", "fake-model")
    monkeypatch.setenv("LABORLENS_API_KEY", "sk-test")
    monkeypatch.setenv("LABORLENS_CACHE_DIR", str(tmp_path / "cache"))
    seed = _SEEDS[0]
    first = CliRunner().invoke(app, ["extract", str(seed), "--published", "2022-02-20"])
    assert first.exit_code == 0, first.output
    doc = json.loads(first.stdout)
    assert doc["backend"]["name"] == "llm"
    assert doc["backend"]["prompt_version"] == "extract.v4"
    assert _spans_hold(doc, seed_texts[0])
    asked = fake_openai.requests
    assert asked == doc["usage"]["requests"] > 0
    second = CliRunner().invoke(app, ["extract", str(seed), "--published", "2022-02-20"])
    assert second.exit_code == 0, second.output
    again = json.loads(second.stdout)
    assert fake_openai.requests == asked
    assert again["usage"]["requests"] == 0
    assert again["usage"]["cached_chunks"] == doc["usage"]["requests"]
    assert again["articles"] == doc["articles"]


def test_llm_without_a_model_says_what_to_set() -> None:
    result = CliRunner().invoke(app, ["extract", str(_SEEDS[0]), "--backend", "llm"])
    assert result.exit_code == 2
    assert "LABORLENS_MODEL" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\xff\xfe\x00abc", "NUL"),
        (b"\xc3\x28abc", "UTF-8"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = CliRunner().invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    assert message in result.output


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_a_corrupt_cache_database_leaves_extract_working(
    fake_openai: FakeServer, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    (cache / "cache.db").write_bytes(b"\x00garbage, not SQLite\x00" * 512)
    env = {
        **os.environ, "LABORLENS_BASE_URL": fake_openai.base_url,
        "LABORLENS_MODEL": "fake-model", "LABORLENS_API_KEY": "sk-test",
        "LABORLENS_CACHE_DIR": str(cache),
    }  # fmt: skip
    seed = _SEEDS[0]
    run = subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", str(seed), "--published", "2022-02-20"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert _spans_hold(doc, seed.read_text(encoding="utf-8"))
    assert "Traceback" not in run.stderr
    assert "going on without it" in run.stderr  # the one warning

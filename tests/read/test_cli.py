"""The command line on bad input: one line and exit 2, never a traceback."""

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from service.cli import app
from tests.paths import ROOT, SEED_000


@pytest.mark.parametrize("value", ["2021-13", "yesterday", "2021-02-30", "2021-2-3", "21"])
def test_bad_published_is_one_line_and_exit_2(value: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", str(SEED_000), "--published", value,
         "--backend", "rules"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: --published")
    assert "YYYY-MM-DD" in lines[0]


@pytest.mark.parametrize("value", ["2022", "2022-02", "2022-02-20"])
def test_good_published_is_used(value: str) -> None:
    result = CliRunner().invoke(
        app, ["extract", str(SEED_000), "--published", value, "--backend", "rules"]
    )
    assert result.exit_code == 0, result.output
    assert f'"published": "{value}"' in result.stdout


def test_a_bug_is_one_line_and_exit_1_not_a_traceback() -> None:
    # A folder given as OUT makes the batch fail below every check: an unexpected OSError.
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "batch", "seeds", "--out", "seeds",
         "--backend", "rules"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode in {1, 2}
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("target", ["no/such/page.html", "http://127.0.0.1:9/page.html"])
def test_a_missing_page_and_an_unreachable_url_are_one_line_each(target: str) -> None:
    result = CliRunner().invoke(app, ["extract", target, "--backend", "rules"])
    assert result.exit_code == 2
    assert target in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_model_ends_non_zero_naming_the_url_and_the_cause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = "http://127.0.0.1:9/v1"  # the discard port: nothing listens
    for name, value in {"MODEL": "gpt-4o-mini", "BASE_URL": url, "API_KEY": "sk-test",
                        "MAX_RETRIES": "0", "REASKS": "0"}.items():  # fmt: skip
        monkeypatch.setenv(f"LABORLENS_{name}", value)
    result = CliRunner().invoke(app, ["extract", str(SEED_000), "--no-cache"])
    assert result.exit_code == 1
    assert url in result.stderr
    assert "ConnectError" in result.stderr  # the cause, not only "Connection error."

"""The `laborlens` command as a whole: its commands, in order, and `python -m service.cli`."""

import subprocess
import sys

from typer.testing import CliRunner

from service.cli import app
from tests.paths import ROOT

_COMMANDS = ["extract", "eval", "serve", "batch", "export"]


def test_help_lists_the_commands_in_their_order() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[1] for line in result.output.splitlines() if line.startswith("│ ")]
    assert [name for name in listed if name in _COMMANDS] == _COMMANDS


def test_an_unknown_eval_set_is_refused_by_name() -> None:
    result = CliRunner().invoke(app, ["eval", "--set", "nope", "--backend", "rules"])
    assert result.exit_code == 2
    assert "'nope' is not one of seeds, real, made-up" in result.output


def test_python_dash_m_runs_the_same_app() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "--help"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0
    assert all(name in done.stdout for name in _COMMANDS)

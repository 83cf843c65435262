"""Create .venv-bench with LangExtract, apart from .venv so its dependencies never mix with ours.

Idempotent: a stamp file keyed on the pinned version makes a second run cost nothing.
Run: `python3.11 benchmarks/setup.py` (the benchmark runs it itself when the venv is missing).
"""

import subprocess
import sys
from pathlib import Path

LANGEXTRACT = "langextract[openai]==1.7.1"
ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-bench"
PYTHON = VENV / "bin" / "python"
_STAMP = VENV / ".installed"


def ensure_bench_venv() -> Path:
    """The python of .venv-bench, created and filled with LangExtract if need be."""
    if _STAMP.is_file() and _STAMP.read_text(encoding="utf-8") == LANGEXTRACT:
        return PYTHON
    if not PYTHON.is_file():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", LANGEXTRACT]
    subprocess.run(pip, check=True, timeout=900)
    _STAMP.write_text(LANGEXTRACT, encoding="utf-8")
    return PYTHON


if __name__ == "__main__":
    print(ensure_bench_venv())

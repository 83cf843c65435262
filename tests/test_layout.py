"""The folders under service/ are the layers (README "The pipeline"): each stays small enough to
read, and a family of modules gets a folder rather than a shared name prefix."""

from collections import Counter
from pathlib import Path

import pytest

from tests.paths import ROOT

_SERVICE = ROOT / "service"
_FOLDERS = sorted(p.parent for p in _SERVICE.rglob("__init__.py"))
_MOST_MODULES = 12


def _modules(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("folder", _FOLDERS, ids=lambda p: p.relative_to(_SERVICE).as_posix())
def test_a_folder_holds_at_most_twelve_modules(folder: Path) -> None:
    assert len(_modules(folder)) <= _MOST_MODULES, _modules(folder)


@pytest.mark.parametrize("folder", _FOLDERS, ids=lambda p: p.relative_to(_SERVICE).as_posix())
def test_no_three_modules_of_a_folder_share_a_name_prefix(folder: Path) -> None:
    prefixes = Counter(name.split("_")[0] for name in _modules(folder) if "_" in name)
    assert [p for p, n in prefixes.items() if n >= 3] == []


def test_every_folder_is_a_package() -> None:
    # A folder without __init__.py would be a namespace package that import-linter skips.
    folders = {p.parent for p in _SERVICE.rglob("*.py")}
    assert folders <= set(_FOLDERS)


_MOST_LINES = 300
_PIPELINE_MOST_LINES = 100  # the table of contents: one line per stage


@pytest.mark.parametrize(
    "module", sorted(_SERVICE.rglob("*.py")), ids=lambda p: p.relative_to(_SERVICE).as_posix()
)
def test_a_module_holds_at_most_300_lines(module: Path) -> None:
    assert len(module.read_text(encoding="utf-8").splitlines()) <= _MOST_LINES


def test_the_pipeline_reads_in_at_most_100_lines() -> None:
    pipeline = (_SERVICE / "pipeline.py").read_text(encoding="utf-8")
    assert len(pipeline.splitlines()) <= _PIPELINE_MOST_LINES


@pytest.mark.parametrize(
    "package",
    [p for p in _FOLDERS if p != _SERVICE and p.parent == _SERVICE],
    ids=lambda p: p.name,
)
def test_tests_has_a_folder_for_each_service_package(package: Path) -> None:
    assert (ROOT / "tests" / package.name / "__init__.py").is_file()

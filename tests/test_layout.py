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

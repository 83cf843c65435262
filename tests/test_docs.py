"""The README documents every setting and shows the commands a new user needs."""

from service.settings import Settings
from tests.paths import ROOT

_README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme() -> None:
    missing = [n for n in Settings.model_fields if f"LABORLENS_{n.upper()}" not in _README]
    assert not missing


def test_readme_shows_the_two_commands() -> None:
    assert "make run" in _README
    assert "make test" in _README

"""The character tables: traditional characters read one for one, simplified text unchanged."""

import pytest

from service.text import chars
from service.text.chars import TRADITIONAL, display_width, display_widths, map_chars
from tests.paths import ROOT, SEED_PAGES


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # traditional characters of labour news, one for one
        ("招聘會提供崗位3萬個", "招聘会提供岗位3万个"),
        ("包車專列1.2億元", "包车专列1.2亿元"),
        ("輸送務工人員500餘名", "输送务工人员500余名"),
        ("車輛", "车辆"),
        ("勞動者於2月18日返崗", "劳动者于2月18日返岗"),
        # characters simplified text writes too stay as they are
        ("著名企业", "著名企业"),
        ("明瞭", "明瞭"),
        ("制造业", "制造业"),
        # full-width forms and ASCII punctuation in Chinese text, as before
        ("２０２２年", "2022年"),
        ("招聘(线上)", "招聘（线上）"),
        ("3,351,790人次, 16:59", "3,351,790人次， 16:59"),
        ("时间:2月,地点:3:", "时间：2月，地点：3："),
        # several characters of the table in one line, each of them more than once
        ("萬(１萬)會;會", "万（1万）会；会"),
    ],
)
def test_map_chars(written: str, read: str) -> None:
    assert map_chars(written) == read
    assert len(map_chars(written)) == len(written)  # offsets hold


def test_simplified_pages_read_as_they_are_written() -> None:
    """The seeds and the real-text set hold no character the table maps."""
    pages = [*SEED_PAGES, *sorted((ROOT / "evals/real/texts").glob("*.txt"))]
    assert len(pages) > 60
    for page in pages:
        assert not set(page.read_text(encoding="utf-8")) & set(TRADITIONAL), page.name


def test_table_maps_one_character_to_one() -> None:
    assert len(TRADITIONAL) > 3000
    assert all(len(k) == len(v) == 1 and k != v for k, v in TRADITIONAL.items())


def test_no_character_the_table_writes_is_one_it_maps() -> None:
    """map_chars replaces the characters of a line one after another: it reads as one
    translate only while no replacement can itself be replaced."""
    assert set(chars._ONE_TO_ONE.values()).isdisjoint(chars._ONE_TO_ONE)


@pytest.mark.parametrize(("s", "width"), [("", 0), ("abc", 3), ("招聘会", 6), ("3萬人", 5)])
def test_display_width(s: str, width: int) -> None:
    assert display_width(s) == width


def test_display_widths_are_each_lines_display_width() -> None:
    lines = [line for page in SEED_PAGES for line in page.read_text(encoding="utf-8").split("\n")]
    lines += ["", "abc", "招聘会", "3萬人", "１２３", "\u3000x", "\U00020000字", "😀a"]
    assert display_widths("\n".join(lines)) == [display_width(line) for line in lines]
    assert display_widths("\n".join(lines[:-2])) == [display_width(line) for line in lines[:-2]]
    assert display_widths("") == [0]

"""Segmentation of the five seed pages: article count, titles, boilerplate left out."""

import itertools
import json
from pathlib import Path

import pytest

from service.normalise import normalise
from service.segment import split_articles

_ROOT = Path(__file__).resolve().parent.parent
_EXPECTED = json.loads((_ROOT / "tests/data/segments.json").read_text(encoding="utf-8"))
_SEEDS = sorted((_ROOT / "seeds").glob("*.txt"))


def _articles(stem: str) -> tuple[str, list[tuple[str, str]]]:
    text = (_ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    doc = normalise(text)
    found = split_articles(doc.text)
    return doc.text, [((a.title or "").replace(" ", ""), doc.text[a.start : a.end]) for a in found]


def test_every_seed_has_expectations() -> None:
    assert sorted(p.stem for p in _SEEDS) == sorted(k for k in _EXPECTED if not k.startswith("_"))


@pytest.mark.parametrize("stem", [p.stem for p in _SEEDS])
def test_article_count(stem: str) -> None:
    assert len(_articles(stem)[1]) == len(_EXPECTED[stem]["titles"])


_TITLE_CASES = [
    pytest.param(
        stem,
        i,
        title["contains"],
        id=f"{stem[:3]}-{i}",
        marks=[pytest.mark.xfail(reason=title["known_wrong"], strict=True)]
        if "known_wrong" in title
        else [],
    )
    for stem in sorted(k for k in _EXPECTED if not k.startswith("_"))
    for i, title in enumerate(_EXPECTED[stem]["titles"])
]


@pytest.mark.parametrize(("stem", "index", "contains"), _TITLE_CASES)
def test_title(stem: str, index: int, contains: str) -> None:
    titles = [t for t, _ in _articles(stem)[1]]
    assert contains.replace(" ", "") in titles[index]


@pytest.mark.parametrize("stem", [p.stem for p in _SEEDS])
def test_articles_are_ordered_disjoint_and_leave_out_boilerplate(stem: str) -> None:
    text = (_ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    doc = normalise(text)
    found = split_articles(doc.text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    bodies = [doc.text[a.start : a.end] for a in found]
    for junk in _EXPECTED[stem]["junk"]:
        assert junk.replace(" ", "") in doc.text.replace(" ", "")
        assert not any(junk in body for body in bodies)


def test_text_with_no_article_body_is_one_untitled_article() -> None:
    text = normalise("招聘会吸引100名求职者参加。" * 2).text
    assert [(a.title, a.start, a.end) for a in split_articles(text)] == [(None, 0, len(text))]
    assert split_articles(normalise("求职高峰期\n人流量攀升").text)[0].title is None

"""An article's region: the places it names and the place it is about, and how they choose
among the divisions a name may be (ANNOTATION.md "Division codes"). Pure.

>>> region = article_region("巴中讯 平昌县举办招聘会")
>>> region.home
'511923'
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from service.text.segment import Article
from service.values.divisions import Division, Level, parents
from service.values.places import Place, PlaceScan, find_places


@dataclass(frozen=True, slots=True)
class Region:
    """The places an article names, as the gazetteer reads them, in text order: (full name,
    level, code). `home` is the place the article is about: the finest of the first run of
    places nested in one another ("浙江省金华市永康市讯" -> 永康市)."""

    places: tuple[tuple[str, Level, str], ...]
    home: str | None
    # the places' codes, asked of each division a name may be
    codes: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", frozenset(code for _, _, code in self.places))


def article_region(text: str, *, home: str | None = None) -> Region:
    """An article's text -> its places and the place it is about; `home` when it names none
    (the place of the page it is on: a county site's story of a township)."""
    return _region(find_places(text), home)


def _region(found_places: list[Place], home: str | None) -> Region:
    places = tuple((p.full, p.level, p.code) for p in found_places)
    found = None
    for _, _, code in places:
        if found is not None and found not in parents(code):
            break
        found = code
    return Region(places, found or home)


def article_regions(text: str, articles: Sequence[Article]) -> list[Region]:
    """The region of each article of the normalised `text`; an article that names no place is
    about the page's own place (read only then: one scan of the page less)."""
    page: list[str | None] = []
    regions = []
    scan = PlaceScan(text)  # the articles' places and the page's, from one scan of the page
    for found in articles:
        region = _region(scan.places(found.start, found.end), None)
        if region.home is None:
            page = page or [_region(scan.places(), None).home]
            region = replace(region, home=page[0])
        regions.append(region)
    return regions


def closeness(code: str, region: Region) -> tuple[int, int]:
    """How close a division lies to the article: in its own place first, then by the finest
    division it names that holds this one."""
    chain = parents(code)
    held_by = [i for i, c in enumerate(chain) if c in region.codes]
    return (int(region.home not in chain), min(held_by, default=len(chain)))


def lies_near(code: str, region: Region) -> bool:
    """The article names this division, one it lies in, or one it holds."""
    chain = parents(code)[:-1]
    return any(c in region.codes for c in chain) or any(code in parents(c) for c in region.codes)


def near(candidates: list[Division], region: Region) -> list[Division]:
    """The candidates that lie in a place the article names, or hold one."""
    return [d for d in candidates if lies_near(d.code, region)]


def pick(candidates: list[Division], region: Region) -> Division:
    """Of the divisions a name may be: those the article's places lie in or hold, then the
    coarsest (a city before its county of the same name), then the first."""
    if len(candidates) == 1:
        return candidates[0]  # most names are one division's
    close = near(candidates, region)

    def rank(d: Division) -> tuple[int, int, int]:
        return (-int(d in close), len(parents(d.code)), candidates.index(d))

    return min(candidates, key=rank)

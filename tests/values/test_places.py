"""Places found as written (service/values/places.py) and the place of an item (P1)."""

import pytest

from schemas.drafts import ChunkDraft
from service.extract.rules.backend import extract_drafts
from service.values import places
from service.values.places import Place, PlaceScan, find_places, opening_place
from tests.paths import SEED_PAGES

FOUND = [
    # text, names found
    ("永康与四川平昌联合举办招聘会", ["永康", "四川", "平昌"]),
    ("浙江省金华市永康市", ["浙江省", "金华市", "永康市"]),  # full names, longest first
    ("新疆维吾尔自治区和田地区墨玉县", ["新疆维吾尔自治区", "和田地区", "墨玉县"]),
    # everyday words and zone names that are also some county's short name
    ("和平发展，城区建设，开发区企业", []),
    # a short name named once inside a run of Chinese is two halves of other words
    ("进一步营造医保基金安全运行的社会氛围", []),
    # …but it stands after a function character, or when the text names it twice
    ("务工人员到达永康", ["永康"]),
    ("看到了永康公司的招聘信息，永康企业很多", ["永康", "永康"]),
]


@pytest.mark.parametrize(("text", "names"), FOUND)
def test_places_found(text: str, names: list[str]) -> None:
    assert [p.name for p in find_places(text)] == names


@pytest.mark.parametrize("text", ["2月9日，永康与平昌联合举办招聘会", "人才来自湖州"])
def test_offsets_index_the_text(text: str) -> None:
    """At the text's end too: "湖州" there is no "湖州市" cut short, and ends where it ends."""
    found = find_places(text)
    assert found
    assert all(text[p.start : p.end] == p.name for p in found)
    assert all(p.end - p.start == len(p.name) for p in found)


def _scan_every_offset(text: str) -> list[Place]:
    """The scan find_places stands for: at each offset in turn, the longest name there."""
    found: list[Place] = []
    at = 0
    longest = max(map(len, places._BY_NAME))
    while at < len(text) - 1:
        for size in range(min(longest, len(text) - at), 1, -1):
            division = places._BY_NAME.get(text[at : at + size])
            if division is not None:
                d, name = division, text[at : at + size]
                found.append(Place(at, at + size, name, d.full, d.level, d.province, d.code))
                at += size
                break
        else:
            at += 1
    return places._plausible(text, found)


def test_same_places_as_a_scan_of_every_offset() -> None:
    """The regex that skips to where a name may start finds what a scan of every offset finds,
    at the text's end too."""
    for page in SEED_PAGES:
        text = page.read_text(encoding="utf-8")
        windows = [text] + [text[i : i + w] for i in range(0, len(text), 11) for w in (2, 5, 40)]
        assert all(find_places(w) == _scan_every_offset(w) for w in windows)


def test_levels_provinces_and_codes() -> None:
    [place] = find_places("在永康市")
    assert (place.full, place.level, place.province, place.code) == (
        "永康市", "county", "浙江省", "330784",
    )  # fmt: skip


def _drafts(text: str) -> ChunkDraft:
    return extract_drafts(text, published="2024-02-20")


LOCATIONS = [
    # text, the statistic's location: the clause, the sentence, the article (P1)
    ("永康讯\n2月9日，武义县举办招聘会，提供岗位300个。", "武义县"),
    ("永康讯\n2月9日，举办招聘会。提供岗位300个。", "永康"),
    # stand-ins are written as the place of their level the article names
    ("永康讯 我市今年新增就业3000人。", "永康"),
    ("浙江省金华市永康市讯\n全省新增就业3000人。", "浙江省"),
    # where people come from, where they go and a rank are not the item's place
    ("永康讯 首批10名平昌籍务工人员抵达。", "永康"),
    ("平昌讯 专车送78名务工人员前往广东务工。", "平昌"),
    ("该县讯 今年新增就业3000人。", None),  # no place the article names
]


@pytest.mark.parametrize(("text", "location"), LOCATIONS)
def test_statistic_location(text: str, location: str | None) -> None:
    [s] = _drafts(text).statistics
    assert s.location == location


def test_a_scan_read_back_by_part_is_each_part_scanned_alone() -> None:
    """Every part, including ones that cut a name in two ("四川|平昌") or end inside one, and
    ones where a short name named once in the whole is named once in the part too."""
    text = "永康与四川平昌联合举办招聘会\n平昌县人社局\n基金安全，长沙市与长沙县"
    scan = PlaceScan(text)
    assert scan.places() == find_places(text)
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            assert scan.places(a, b) == find_places(text[a:b]), (a, b)


def test_opening_place_is_the_first_place_when_it_starts_the_text() -> None:
    for page in SEED_PAGES:
        text = page.read_text(encoding="utf-8")
        for i in range(0, len(text), 3):
            for w in (1, 2, 3, 5, 12):
                found = find_places(text[i : i + w])
                first = found[0] if found and found[0].start == 0 else None
                assert opening_place(text[i : i + w]) == first

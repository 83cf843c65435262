"""Grounding: a quote is found in the original text, across OCR breaks, nearest its chunk."""

import time

from hypothesis import given
from hypothesis import strategies as st

from service.items.ground import ReadingOrder, find_quote, find_quotes
from service.text.normalise import Normalised, normalise
from tests.paths import ROOT

_SEED = (ROOT / "seeds/000_0c4ce29092f07e54.txt").read_text(encoding="utf-8")


def _original(quote: str, doc: Normalised, window: tuple[int, int]) -> tuple[int, int] | None:
    """The quote's span in the original text, searched in the whole normalised text."""
    found = find_quote(quote, doc.text, window=window, bounds=(0, len(doc.text)))
    return None if found is None else doc.offsets.to_original(*found)


def _locate(quote: str, text: str) -> tuple[int, int] | None:
    doc = normalise(text)
    return _original(quote, doc, (0, len(doc.text)))


def test_quote_across_an_ocr_line_break_maps_to_the_original_span() -> None:
    # In the seed this clause runs "…吸引 1000 余名\n\n求职者参加…"
    span = _locate("累计吸引1000余名求职者参加", _SEED)
    assert span is not None
    original = _SEED[span[0] : span[1]]
    assert "\n" in original
    assert " " in original
    assert original.replace(" ", "").replace("\n", "") == "累计吸引1000余名求职者参加"
    assert _SEED.index("累计吸引 1000 余名") == span[0]


def test_planted_quote_is_found_at_its_exact_place() -> None:
    text = "前文。" * 20 + "首批 11 名务\n\n工人员抵达" + "后文。" * 20
    span = _locate("首批11名务工人员抵达", text)
    assert span == (60, 60 + len("首批 11 名务\n\n工人员抵达"))


def test_a_fabricated_quote_is_not_found() -> None:
    assert _locate("平昌共输送务工人员5000名", _SEED) is None


def test_the_occurrence_inside_the_chunk_wins() -> None:
    text = "返岗率达97%。" + "其他内容。" * 10 + "返岗率达97%。"
    doc = normalise(text)
    second = doc.text.rindex("返岗率")
    span = _original("返岗率达97%", doc, (second, len(doc.text)))
    assert span == (text.rindex("返岗率"), text.rindex("返岗率") + len("返岗率达97%"))


def test_a_quote_spanning_a_kept_paragraph_break_is_found() -> None:
    text = "深入推进平昌县劳动力精准转移就业。\n\n跨越千里送岗位 劳务协作促就业\n"
    span = _locate("转移就业。跨越千里", text)
    assert span is not None
    assert text[span[0] : span[1]] == "转移就业。\n\n跨越千里"


def test_full_width_and_spaced_quotes_ground() -> None:
    text = "截至目前，已返岗２７６人，返岗率达 97%。"
    span = _locate("已返岗276人", text)
    assert span is not None
    assert text[span[0] : span[1]] == "已返岗２７６人"


def test_a_repeated_quote_goes_to_the_occurrence_at_or_after_the_previous_item() -> None:
    text = "招聘会吸引求职者六千余人次。正文：企业186家，吸引求职者六千余人次。"
    doc = normalise(text)
    whole = (0, len(doc.text))
    body = doc.text.index("企业186家")
    second = doc.text.rindex("吸引求职者")
    assert find_quote("吸引求职者六千余人次", doc.text, window=whole, bounds=whole) == (3, 13)
    found = find_quote("吸引求职者六千余人次", doc.text, window=whole, bounds=whole, after=body)
    assert found == (second, second + 10)
    # Nothing after `after`: the first match in the chunk still grounds the quote.
    late = find_quote("吸引求职者六千余人次", doc.text, window=whole, bounds=whole, after=len(text))
    assert late == (3, 13)


def test_reading_order_gives_each_item_of_one_key_its_own_occurrence() -> None:
    text = "新增就业500人。今年新增就业500人，其中女性210人。去年新增就业500人。"
    whole = (0, len(text))
    order = ReadingOrder(after=0)
    placed = []
    for quote, key in [
        ("新增就业500人", "500人"),
        ("新增就业500人", "500人"),
        ("新增就业500人", "500人"),
    ]:
        placed.append(
            order.place(
                find_quotes(quote, text, window=whole, bounds=whole, after=order.after), key
            )
        )
    assert [p[0] for p in placed if p] == [
        i for i in range(len(text)) if text.startswith("新增就业500人", i)
    ]


def test_reading_order_keeps_two_keys_on_one_occurrence() -> None:
    text = "今年新增就业500人，其中女性210人。"
    quote = "今年新增就业500人，其中女性210人"
    whole = (0, len(text))
    order = ReadingOrder(after=0)
    first = order.place(find_quotes(quote, text, window=whole, bounds=whole), "500人")
    second = order.place(
        find_quotes(quote, text, window=whole, bounds=whole, after=order.after), "210人"
    )
    assert first == second == (0, len(quote))
    assert order.place([], "500人") is None


# --- bounds: a clause the page repeats is ranked, not copied, per item --------------------------

_ABC = st.text(alphabet="ab\n", max_size=40)


def _ranked_by_list(
    found: list[tuple[int, int]], window: tuple[int, int], after: int
) -> list[tuple[int, int]]:
    """The ranking as it was first written, with lists: the reference for `ReadingOrder.find`."""
    inside = [m for m in found if m[0] < window[1] and m[1] > window[0]]
    onward = [m for m in inside if m[0] >= after]
    return [*onward, *(m for m in inside if m[0] < after), *(m for m in found if m not in inside)]


@given(
    text=_ABC, quote=st.sampled_from(["a", "ab", "aa", "ba", "aab"]),
    cuts=st.lists(st.integers(0, 40), min_size=4, max_size=4), after=st.integers(0, 45),
)  # fmt: skip
def test_ranking_without_copies_is_the_ranking_of_the_lists(
    text: str, quote: str, cuts: list[int], after: int
) -> None:
    n = len(text)
    lo, hi, w0, w1 = (min(c, n) for c in cuts)
    bounds, window = (min(lo, hi), max(lo, hi)), (min(w0, w1), max(w0, w1))
    everywhere = find_quotes(quote, text, window=(0, 0), bounds=bounds)
    order = ReadingOrder(after=after)
    ranked = order.find(quote, text, window=window, bounds=bounds)
    expected = _ranked_by_list(sorted(everywhere), window, after)
    assert (
        list(ranked)
        == expected
        == find_quotes(quote, text, window=window, bounds=bounds, after=after)
    )
    assert len(ranked) == len(expected)
    assert [ranked[i] for i in range(-len(expected), len(expected))] == expected * 2


def test_a_clause_repeated_two_thousand_times_grounds_each_item_on_its_own_occurrence() -> None:
    # Cubic before: every item copied and scanned every occurrence (28 s for 1,500 repeats).
    text = "100人，" * 2000
    whole = (0, len(text))
    order = ReadingOrder(after=0)
    started = time.perf_counter()
    placed = [
        order.place(order.find("100人", text, window=whole, bounds=whole), "100人")
        for _ in range(2000)
    ]
    elapsed = time.perf_counter() - started
    assert [p[0] for p in placed if p] == list(range(0, len(text), len("100人，")))
    assert elapsed < 5, f"{elapsed:.1f}s"  # about 0.05 s; generous for shared cores

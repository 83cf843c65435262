"""Which article of a packed request a quote belongs to."""

from service.items.assign import Found, Quote, assign_quote
from service.items.ground import ReadingOrder
from service.text.pack import Passage

TEXT = "甲文：招聘会吸引求职者3000人。乙文：招聘会吸引求职者3000人。丙文：专列送工200人。"
# Three articles, each passage its whole article; the first two share a clause.
PASSAGES = [
    Passage(1, TEXT[0:17], None, article=4, start=0, bounds=(0, 17)),
    Passage(2, TEXT[17:34], None, article=5, start=17, bounds=(17, 34)),
    Passage(3, TEXT[34:45], None, article=6, start=34, bounds=(34, 45)),
]


def _assign(quote: str, named: int | None, passages: list[Passage] = PASSAGES) -> Found | None:
    orders = {p.article: ReadingOrder(after=p.window[0]) for p in passages}
    return assign_quote(Quote(quote, named, "q"), TEXT, passages, orders=orders)


def test_the_named_article_is_searched_first() -> None:
    found = _assign("招聘会吸引求职者3000人", 2)
    assert found is not None
    assert (found.article, TEXT[slice(*found.span)], found.ambiguous) == (
        5, "招聘会吸引求职者3000人", False,
    )  # fmt: skip
    assert found.span[0] >= 17


def test_a_wrong_article_falls_back_to_the_one_that_holds_the_quote() -> None:
    for named in (1, 9, None):
        found = _assign("专列送工200人", named)
        assert found is not None
        assert (found.article, found.ambiguous) == (6, False)


def test_an_unnamed_quote_found_in_several_articles_takes_the_first_and_is_ambiguous() -> None:
    found = _assign("招聘会吸引求职者3000人", None)
    assert found is not None
    assert (found.article, found.span[0], found.ambiguous) == (4, 3, True)


def test_a_quote_in_no_article_of_the_request_is_not_found() -> None:
    assert _assign("返岗复工", 1) is None
    outside = [PASSAGES[2]]
    assert _assign("招聘会吸引求职者3000人", 3, outside) is None

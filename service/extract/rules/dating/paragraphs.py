"""Where the paragraph around a figure starts, for the time lookup (LABELLING.md S9 step 3):
OCR and web pages break lines inside sentences, and an interview answer belongs with its
question. Pure; kept per line in the article's memo."""

from service.extract.rules.text import QUESTION, ArticleText, answer_around

# A line of prose (`_is_prose`) that ends no sentence runs on: the scan broke its line.
_LINE_ENDS_SENTENCE = tuple("。！？…”」）)")


def paragraph_start(article: ArticleText, at: int) -> int:
    """Start of the paragraph holding `at` for the time lookup (S9 step 3): a prose line that
    ends no sentence runs on into the next line, and an interview answer is one paragraph with
    its question. Read back from `at` on first use and kept per line: most items find their
    time in their own clause and never ask."""
    line = article.text.rfind("\n", 0, at) + 1
    start = article.memo.paragraphs.get(line)
    if start is None:
        start = _read_paragraph_start(article, line)
    return start


def _read_paragraph_start(article: ArticleText, line: int) -> int:
    text = article.text
    passed = [line]
    while passed[-1] and not _breaks_before(text, passed[-1]):
        passed.append(text.rfind("\n", 0, passed[-1] - 1) + 1)
        known = article.memo.paragraphs.get(passed[-1])
        if known is not None:  # a line read back before: its paragraph is this one's (each
            for at in passed:  # line of a long run-on paragraph read back once, not per item)
                article.memo.paragraphs[at] = known
            return known
    start = passed[-1]
    answer = answer_around(article, start)
    if answer is not None and answer[0]:
        # An answer's lines run on into its opening; it joins the paragraph before it when that
        # asks the question or when its opening line does not break.
        before = paragraph_start(article, answer[0] - 1)
        asked = QUESTION.match(text, before) is not None
        start = before if asked or not _breaks_before(text, answer[0]) else answer[0]
    elif answer is not None:
        start = 0
    for at in passed:
        article.memo.paragraphs[at] = start
    return start


def _breaks_before(text: str, line: int) -> bool:
    """The line ending just before `line` ends a paragraph: blank, a sentence end or no prose."""
    above = text[text.rfind("\n", 0, line - 1) + 1 : line - 1].rstrip()
    return not above or above.endswith(_LINE_ENDS_SENTENCE) or not _is_prose(above)


def _is_prose(line: str) -> bool:
    return "，" in line or "。" in line or "；" in line

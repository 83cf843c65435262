"""An HTML page -> its article: the main text without navigation, sidebars and footers
(trafilatura), under the page's own title, with its metadata (`service.read.meta`).

trafilatura was measured against GNE (GeneralNewsExtractor, the Chinese peer) on the real
pages of tests/data/pages; the figures are in that folder's README. When trafilatura finds no
article, the page's whole visible text is read instead, one block per line, and the Page says so
in `warnings`, so nothing is dropped silently.
"""

import logging
import re

import lxml.html
import trafilatura
from lxml.etree import ParserError

from service.errors import InputError
from service.read.meta import PageMeta, read_meta

logger = logging.getLogger(__name__)

# trafilatura keeps what it reads as a paragraph; fewer visible characters than this is a menu
# or a "page not found" line, not an article.
MIN_ARTICLE_CHARS = 40
NO_ARTICLE = "no article found in the page; its whole visible text was read"
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_INVISIBLE = "//script | //style | //noscript | //template | //comment()"
_EARLY_CLOSE = re.compile(r"</(?:html|body)\s*>", re.I)
# Layout tables leave rows of cell separators and nothing else.
_NO_WORDS = re.compile(r"^[\W_]*$")


def read_html(markup: str, *, source: str) -> tuple[str, PageMeta, list[str]]:
    """Markup -> (article text, the page's metadata, warnings). The text is the title on its
    first line, then one paragraph per line; spans index it."""
    # Pages assembled from server-side includes close </html> after their header; libxml2 stops
    # reading there and drops the article (www.gov.cn). The parser closes both tags itself.
    markup = _EARLY_CLOSE.sub("", markup)
    tree = _parse(markup, source=source)
    meta = read_meta(tree)
    body = _article(markup)
    warnings = []
    if body is None:
        logger.warning("%s: %s", source, NO_ARTICLE)
        warnings.append(NO_ARTICLE)
        body = visible_text(tree)
    if not body.strip():
        raise InputError(f"{source}: the page holds no text")
    return _titled(meta.title, body), meta, warnings


def visible_text(tree: lxml.html.HtmlElement) -> str:
    """Every visible text of the page, one block (paragraph, cell, list item) per line."""
    for node in tree.xpath(_INVISIBLE):
        if node.getparent() is not None:  # a comment before <html> has none
            node.drop_tree()
    for node in tree.iter():
        if isinstance(node.tag, str) and node.tag.lower() in _BLOCKS:
            node.tail = "\n" + (node.tail or "")
            if node.tag.lower() != "br":
                node.text = "\n" + (node.text or "")
    return _lines(tree.text_content())


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment or page, one block per line (no article search)."""
    return visible_text(_parse(markup, source="input"))


def _parse(markup: str, *, source: str) -> lxml.html.HtmlElement:
    # lxml refuses a str that declares its own encoding; the charset is already applied.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    try:
        return lxml.html.document_fromstring(markup)
    except (ParserError, ValueError) as exc:
        raise InputError(f"{source}: not an HTML page ({exc})") from None


def _article(markup: str) -> str | None:
    """The main text as trafilatura finds it, one paragraph per line; None when it finds none.
    Precision is favoured: a sidebar headline read as article text becomes a false statistic,
    which costs more than a short caption lost."""
    found = trafilatura.extract(
        markup,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
    )
    if found is None:
        return None
    text = _lines(found.replace("\\|", "|"))
    return text if len(text) >= MIN_ARTICLE_CHARS else None


def _lines(text: str) -> str:
    """Stripped lines, without those that hold no word (layout-table rows of "|")."""
    kept = (line.strip(" |\t\u3000\xa0") for line in text.splitlines())
    return "\n".join(line for line in kept if not _NO_WORDS.match(line))


def _titled(title: str | None, body: str) -> str:
    """The title on the first line, unless the body already opens with it."""
    if not title or body.startswith(title):
        return body
    lines = body.split("\n")
    if lines[-1] == title:  # trafilatura sometimes moves the heading to the end
        lines.pop()
    elif title in lines[:3]:  # ... or keeps it a line or two down, under a kicker
        return body
    return "\n".join([title, *lines])

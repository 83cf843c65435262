"""A PDF (an e-paper's pages, a bulletin) -> the text of its text layer, page after page, with
the offset where each page starts, so every item can name the page it was found on.

A scanned PDF has no text layer; it is refused with that reason rather than read as empty.
"""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from service.errors import InputError
from service.text.chars import display_width

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# Fewer visible characters than this per page, over the whole file, is a scan with stray marks.
_MIN_CHARS_PER_PAGE = 10
# A text layer breaks every line of a column; a line within this many columns of the page's
# usual line width was broken by the layout, unless it ends a sentence.
_FULL_LINE_SLACK = 4
_ENDS_PARAGRAPH = tuple("。！？：…”」）")


def read_pdf(data: bytes, *, source: str) -> tuple[str, tuple[int, ...]]:
    """PDF bytes -> (text, where each page starts in it). Pages are joined by a line break, so a
    paragraph that runs over a page break is joined again by the normaliser."""
    pages = _page_texts(data, source=source)
    starts, parts, at = [], [], 0
    for text in pages:
        starts.append(at)
        parts.append(text)
        at += len(text) + 1
    joined = "\n".join(parts)
    if len("".join(joined.split())) < _MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise InputError(f"{source}: the PDF has no text layer (a scan?); run OCR on it first")
    return joined, tuple(starts)


def _page_texts(data: bytes, *, source: str) -> list[str]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{source}: the PDF is encrypted with a password")
        return [_reflowed(_clean(page.extract_text() or "")) for page in reader.pages]
    except (PdfReadError, PyPdfError, ValueError, KeyError) as exc:
        raise InputError(f"{source}: not a readable PDF ({type(exc).__name__}: {exc})") from None


def _clean(text: str) -> str:
    """A page's text without the NULs and form feeds some producers leave."""
    return text.replace("\x00", "").replace("\x0c", "\n").strip("\n")


def _reflowed(text: str) -> str:
    """A page's lines with the layout's line breaks inside paragraphs taken out: a line as wide
    as the page's usual line that ends no sentence runs on into the next."""
    lines = [line.strip() for line in text.split("\n")]
    widths = sorted(display_width(line) for line in lines if line)
    if not widths:
        return ""
    full = widths[len(widths) // 2] - _FULL_LINE_SLACK
    out: list[str] = []
    for line in lines:
        if out and display_width(out[-1]) >= full and not out[-1].endswith(_ENDS_PARAGRAPH):
            out[-1] += line
        elif line:
            out.append(line)
    return "\n".join(out)

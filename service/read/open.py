"""A path, a URL or standard input -> Page: the reader is chosen by the file's suffix, the
server's content type, or else the content itself (a PDF's magic bytes, an HTML document)."""

import re
import sys
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin

from schemas.vocab import SourceFormat
from service.errors import InputError
from service.read.charset import decode_page, header_charset
from service.read.fetch import fetch, is_url
from service.read.html import read_html
from service.read.meta import iso_day
from service.read.page import Page, digest
from service.read.pdf import PDF_MAGIC, read_pdf
from service.read.text import decode_text

SUFFIXES: dict[str, SourceFormat] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".pdf": "pdf",
}  # fmt: skip
_MEDIA_TYPES: dict[str, SourceFormat] = {
    "text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
    "text/plain": "text", "text/markdown": "markdown",
}  # fmt: skip
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
STDIN = "standard input"


def read_location(location: str) -> Page:
    """ "-" (standard input), an http(s) URL or a file path -> Page."""
    if location == "-":
        return read_stream(sys.stdin.buffer)
    if is_url(location):
        return read_url(location)
    return read_path(Path(location))


def read_path(path: Path) -> Page:
    """A file -> Page; a missing file, a folder or an unreadable one is an InputError."""
    if not path.is_file():
        what = "a folder, not a page" if path.is_dir() else "no such file"
        raise InputError(f"{path}: {what}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    return read_bytes(data, location=str(path), fmt=SUFFIXES.get(path.suffix.lower()))


def read_url(url: str) -> Page:
    """An http(s) URL -> Page, read as its content type (or its content) says."""
    fetched = fetch(url)
    media = (fetched.content_type or "").partition(";")[0].strip().lower()
    fmt = _MEDIA_TYPES.get(media)
    if fmt == "text" and _looks_like(fetched.data) != "text":
        fmt = None  # servers label many pages text/plain; the content decides
    charset = header_charset(fetched.content_type)
    return read_bytes(
        fetched.data, location=url, fmt=fmt, charset=charset, fetched_from=fetched.url
    )


def read_stream(stream: BinaryIO) -> Page:
    """Standard input -> Page: plain text unless it is a PDF or an HTML document."""
    return read_bytes(stream.read(), location=STDIN, fmt=None)


def read_bytes(
    data: bytes,
    *,
    location: str,
    fmt: SourceFormat | None,
    charset: str | None = None,
    fetched_from: str | None = None,
) -> Page:
    """A page's bytes -> Page, read as `fmt` (None: as the content looks)."""
    chosen = fmt or _looks_like(data)
    sha256 = digest(data)
    if chosen == "pdf":
        text, starts = read_pdf(data, source=location)
        return Page(text, location, "pdf", sha256, url=fetched_from, page_starts=starts)
    if chosen == "html":
        markup = decode_page(data, declared=charset, source=location).text
        text, meta, warnings = read_html(markup, source=location)
        return Page(
            text, location, "html", sha256, title=meta.title, published=iso_day(meta.published),
            site=meta.site, url=_absolute(meta.url, fetched_from), warnings=tuple(warnings),
        )  # fmt: skip
    return Page(decode_text(data, source=location), location, chosen, sha256, url=fetched_from)


def _absolute(named: str | None, fetched_from: str | None) -> str | None:
    """The page's canonical URL made absolute against where it came from; a relative one in
    a file names nothing."""
    if named and is_url(named):
        return named
    if named and fetched_from:
        return urljoin(fetched_from, named)
    return fetched_from


def _looks_like(data: bytes) -> SourceFormat:
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if _HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
        return "html"
    return "text"

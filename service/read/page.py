"""What was read: the text spans index, where it came from, and what the page says of itself."""

import hashlib
from dataclasses import dataclass, field

from schemas.vocab import SourceFormat


@dataclass(frozen=True, slots=True)
class Page:
    """One document as read. For HTML `text` is the article (its title on the first line, then
    its paragraphs); for a PDF, its pages' text layers, page `i` (1-based) starting at
    `page_starts[i - 1]`."""

    text: str
    location: str  # the path or URL given, or "standard input"
    format: SourceFormat
    sha256: str  # of the bytes read, so a changed page is known without reading it again
    title: str | None = None
    published: str | None = None  # ISO, from the page's metadata or its "发布时间" line
    site: str | None = None
    url: str | None = None  # the canonical URL the page names, or the one it was fetched from
    page_starts: tuple[int, ...] = ()
    warnings: tuple[str, ...] = field(default=())  # how it was read, when not as asked


def digest(data: bytes) -> str:
    """The content key of a page's bytes."""
    return hashlib.sha256(data).hexdigest()

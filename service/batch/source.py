"""INPUT -> documents: a folder of pages, a JSONL file of records, or a text file of URLs, checked
in one pass; what a folder holds that is not a page is reported, never dropped silently."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from schemas.batch import Source
from schemas.vocab import real_published
from service.errors import InputError, describe_problems, problems
from service.read.fetch import is_url
from service.read.open import SUFFIXES, read_path, read_url
from service.read.page import Page, digest

_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_URL_LIST_SUFFIXES = frozenset({".txt", ".urls", ".list"})


class _Record(BaseModel):
    """A JSONL line: an id and the page's `text`, or a `url` to fetch it from (beside a text, the
    url only says where it came from); other keys are the record's own, kept under `meta`."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str = Field(min_length=1)
    text: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None

    def source(self) -> Source | None:
        """Its provenance; None for a bare {"id", "text", "published"?}, whose line is then as
        before (a published date alone is already the result's)."""
        meta = self.model_extra or {}
        if self.url is None and self.outlet is None and self.title is None and not meta:
            return None
        fields = {"url": self.url, "outlet": self.outlet, "title": self.title}
        return Source(**fields, published=self.published, meta=meta)

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        return None if value is None else real_published(value)

    @model_validator(mode="after")
    def _text_or_url(self) -> "_Record":
        if self.text is None and self.url is None:
            raise ValueError("give text, or a url to fetch it from")
        if self.url is not None and not is_url(self.url):
            raise ValueError(f"url {self.url!r} is not an http(s) URL")
        return self


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str | Path | Page  # a Path or `url` is read when processed: unreadable is one error line
    published: str | None
    url: str | None = None
    source: Source | None = None  # a JSONL record's provenance, carried into its output line

    def read(self) -> Page:
        """The document as read: a file or URL fetched now, a record's text as it is."""
        if isinstance(self.text, Page):
            return self.text
        if self.url is not None:
            return read_url(self.url)
        if isinstance(self.text, Path):
            return read_path(self.text)
        return Page(self.text, self.id, "text", digest(self.text.encode("utf-8")))

    def content_key(self) -> str | None:
        """What a finished line must have read for this document to count as done: the sha256
        of the file's bytes or the record's text; None for a URL (known only once fetched)."""
        if isinstance(self.text, Page):
            return self.text.sha256
        if self.url is not None:
            return None
        if isinstance(self.text, Path):
            try:
                return digest(self.text.read_bytes())
            except OSError:
                return None
        return digest(self.text.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class BatchInput:
    """A validated INPUT: its document ids in order, a way to stream the documents, and the
    files of a folder that are not pages, each with why."""

    path: Path
    ids: list[str]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    kind: str = "folder"  # "folder", "jsonl" or "urls"

    def documents(self) -> Iterator[Document]:
        if self.kind == "folder":
            return (Document(i, self.path / i, None) for i in self.ids)
        if self.kind == "urls":
            return (Document(u, "", None, url=u) for u in self.ids)
        return (
            Document(
                r.id,
                r.text or "",
                r.published,
                url=r.url if r.text is None else None,
                source=r.source(),
            )
            for _, r in _read_records(self.path)
        )


def open_input(path: Path, *, recursive: bool = False) -> BatchInput:
    """Check INPUT in one streaming pass; a missing path, bad line or duplicate id is refused."""
    if path.is_dir():
        return _open_folder(path, recursive=recursive)
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    if path.suffix.lower() in _URL_LIST_SUFFIXES:
        return _open_url_list(path)
    if path.suffix.lower() not in _JSONL_SUFFIXES:
        raise InputError(f"{path}: INPUT is a folder of pages or a .jsonl file, or a .txt of URLs")
    first_seen: dict[str, int] = {}
    for number, record in _read_records(path):
        if record.id in first_seen:
            where = f"line {first_seen[record.id]}"
            raise InputError(f"{path} line {number}: duplicate id {record.id!r} (first on {where})")
        first_seen[record.id] = number
    return BatchInput(path, list(first_seen), kind="jsonl")


def _open_folder(path: Path, *, recursive: bool) -> BatchInput:
    """Pages by suffix (ids are paths below `path`), and every other entry with its reason."""
    pages, skipped = [], []
    for entry in sorted(path.rglob("*") if recursive else path.iterdir()):
        name = entry.relative_to(path).as_posix()
        if entry.is_dir():
            if not recursive:
                skipped.append((name, "a folder; add --recursive to read it"))
        elif entry.suffix.lower() in SUFFIXES:
            pages.append(name)
        else:
            kinds = ", ".join(sorted(SUFFIXES))
            skipped.append(
                (name, f"not a page format ({entry.suffix or 'no suffix'}; reads {kinds})")
            )
    if not pages:
        raise InputError(f"{path}: no .txt, .md or .html files (nor .shtml, .xhtml, .pdf)")
    return BatchInput(path, pages, skipped)


def _open_url_list(path: Path) -> BatchInput:
    """A text file of URLs, one per line (blank lines and # comments are ignored)."""
    urls: dict[str, int] = {}
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not is_url(url):
            raise InputError(
                f"{path} line {number}: not a URL; INPUT is a folder of pages or a .jsonl file, "
                "or a text file of http(s) URLs one per line"
            )
        urls.setdefault(url, number)
    if not urls:
        raise InputError(f"{path}: no URLs")
    return BatchInput(path, list(urls), kind="urls")


def _read_records(path: Path) -> Iterator[tuple[int, _Record]]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield number, _Record.model_validate_json(line)
            except ValidationError as exc:
                found = problems(exc.errors(include_input=False))
                said = describe_problems(found, root="line", limit=3)
                raise InputError(f"{path} line {number}: {said}") from None

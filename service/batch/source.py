"""INPUT -> documents: a folder of pages or a JSONL file of records, checked in one pass."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from schemas.batch import Source
from service.errors import InputError

_PAGE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


class _Record(BaseModel):
    # Keys beyond these are the record's own (a crawl's section, author, …): kept under `meta`.
    model_config = ConfigDict(extra="allow", frozen=True)

    id: str = Field(min_length=1)
    text: str
    published: str | None = None
    url: str | None = None
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


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str | Path  # a Path is read when processed, so an unreadable file is one error line
    published: str | None
    source: Source | None = None  # a JSONL record's provenance, carried into its output line


@dataclass(frozen=True, slots=True)
class BatchInput:
    """A validated INPUT: its document ids in order, and a way to stream the documents."""

    path: Path
    ids: list[str]

    def documents(self) -> Iterator[Document]:
        if self.path.is_dir():
            return (Document(i, self.path / i, None) for i in self.ids)
        return (
            Document(r.id, r.text, r.published, r.source()) for _, r in _read_records(self.path)
        )


def open_input(path: Path) -> BatchInput:
    """Check INPUT in one streaming pass; a missing path, bad line or duplicate id is refused."""
    if path.is_dir():
        names = sorted(p.name for p in path.iterdir() if p.suffix.lower() in _PAGE_SUFFIXES)
        if not names:
            raise InputError(f"{path}: no .txt, .md or .html files")
        return BatchInput(path, names)
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    if path.suffix.lower() not in _JSONL_SUFFIXES:
        raise InputError(f"{path}: INPUT is a folder of pages or a .jsonl file")
    first_seen: dict[str, int] = {}
    for number, record in _read_records(path):
        if record.id in first_seen:
            where = f"line {first_seen[record.id]}"
            raise InputError(f"{path} line {number}: duplicate id {record.id!r} (first on {where})")
        first_seen[record.id] = number
    return BatchInput(path, list(first_seen))


def _read_records(path: Path) -> Iterator[tuple[int, _Record]]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield number, _Record.model_validate_json(line)
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in d['loc']) or 'line'}: {d['msg']}"
                    for d in exc.errors(include_input=False)[:3]
                )
                raise InputError(f"{path} line {number}: {problems}") from None

"""The recorded server's log read back: one Request per chat request, tied to the document
whose chunk it asked about, and grouped per (run, chunk text) into retry sequences."""

import json
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from service.text.normalise import normalise


@dataclass(slots=True)
class Request:
    """One chat request as the server logged it, tied to its document."""

    run: str
    arrived: float
    answered: float
    status: int
    mode: str | None
    retry_after_ms: int
    usage: dict[str, int]
    chunk: str
    doc: str | None = None


class DocIndex:
    """Chunk text -> the one document whose normalised text holds it, else None."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._ids = list(texts)
        self._starts: list[int] = []
        at = 0
        for text in texts.values():
            self._starts.append(at)
            at += len(text) + 1
        self._all = "\x00".join(texts.values())
        self._found: dict[str, str | None] = {}

    def find(self, chunk: str) -> str | None:
        if chunk not in self._found:
            self._found[chunk] = self._lookup(chunk)
        return self._found[chunk]

    def _lookup(self, chunk: str) -> str | None:
        at = self._all.find(chunk) if chunk else -1
        if at < 0:
            return None
        which = bisect_right(self._starts, at) - 1
        after = self._starts[which + 1] if which + 1 < len(self._starts) else len(self._all)
        return None if self._all.find(chunk, after) >= 0 else self._ids[which]


def load_requests(log: Path, records: list[dict[str, str]]) -> list[Request]:
    """The server's log, in arrival order, each request tied to its document."""
    index = DocIndex({r["id"]: normalise(r["text"]).text for r in records})
    requests = []
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        request = Request(
            run=entry["run"],
            arrived=entry["arrived"],
            answered=entry.get("answered", entry["arrived"]),
            status=entry.get("status", 0),
            mode=entry["mode"],
            retry_after_ms=entry.get("retry_after_ms", 0),
            usage=entry["usage"],
            chunk=entry.get("chunk", ""),
        )
        request.doc = index.find(entry.get("passage", request.chunk))
        requests.append(request)
    _tie_halves(requests)
    return sorted(requests, key=lambda r: r.arrived)


def _tie_halves(requests: list[Request]) -> None:
    """A half of a cut-off chunk belongs to the cut-off chunk's document, even where the half
    alone is too short to tell (cut on a comma, it may hold no mark)."""
    cut_off = [r for r in requests if r.mode == "length" and r.doc is not None]
    for request in requests:
        if request.doc is None and request.chunk:
            whole = (c for c in cut_off if c.run == request.run)
            parent = next((c for c in whole if _halves(c.chunk, request.chunk)), None)
            request.doc = parent.doc if parent is not None else None


def _halves(whole: str, part: str) -> bool:
    return len(part) < len(whole) and (whole.startswith(part) or whole.endswith(part))


def sequences(requests: Iterable[Request]) -> dict[tuple[str, str], list[Request]]:
    """(run, chunk text) -> the requests carrying that chunk in that run, in arrival order;
    requests whose body never arrived (no chunk) are left out."""
    grouped: dict[tuple[str, str], list[Request]] = defaultdict(list)
    for request in requests:
        if request.chunk:
            grouped[request.run, request.chunk].append(request)
    return grouped

"""OUT.jsonl -> the story of every ok document, and which line of each document is its latest:
the first of the export's two passes."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from service.errors import InputError
from service.stories.fingerprint import decode
from service.stories.group import assign_stories


@dataclass(frozen=True, slots=True)
class FirstPass:
    stories: dict[str, str]  # ok document id -> story id
    latest: dict[str, int]  # document id -> the number of its last line in OUT


def read_stories(source: Path, progress: Callable[[int], None] | None = None) -> FirstPass:
    """The stories, from the fingerprints OUT's lines carry, and each document's latest line: a
    page that changed is done again and its new line appended (issue 27), and that line alone
    stands for it. Only `id`, `status` and `fingerprint` are read; a line that is not a batch
    line is left for the second pass, which validates every line and names the bad one."""
    fingerprints: dict[str, str | None] = {}
    latest: dict[str, int] = {}
    with source.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if progress is not None:
                progress(len(raw))
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            if not isinstance(line, dict) or "id" not in line:
                continue
            latest[str(line["id"])] = number
            if line.get("status") != "ok":
                fingerprints.pop(str(line["id"]), None)
                continue
            found = line.get("fingerprint")
            fingerprints[str(line["id"])] = found if isinstance(found, str) else None
            if isinstance(found, str):
                _check(found, f"{source} line {number}")
    return FirstPass(assign_stories(fingerprints), latest)


def _check(fingerprint: str, where: str) -> None:
    try:
        decode(fingerprint)
    except ValueError as exc:  # binascii.Error is one
        raise InputError(f"{where}: fingerprint: {exc}") from None

"""OUT.jsonl -> the story of every ok document: the first of the export's two passes."""

import json
from collections.abc import Callable
from pathlib import Path

from service.errors import InputError
from service.stories.fingerprint import decode
from service.stories.group import assign_stories


def read_stories(source: Path, progress: Callable[[int], None] | None = None) -> dict[str, str]:
    """Ok document id -> story id, from the fingerprints OUT's lines carry. Only `id`, `status`
    and `fingerprint` are read; a line that is not a batch line is left for the second pass,
    which validates every line and names the bad one."""
    fingerprints: dict[str, str | None] = {}
    with source.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if progress is not None:
                progress(len(raw))
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            if not isinstance(line, dict) or line.get("status") != "ok" or "id" not in line:
                continue
            found = line.get("fingerprint")
            fingerprints[str(line["id"])] = found if isinstance(found, str) else None
            if isinstance(found, str):
                _check(found, f"{source} line {number}")
    return assign_stories(fingerprints)


def _check(fingerprint: str, where: str) -> None:
    try:
        decode(fingerprint)
    except ValueError as exc:  # binascii.Error is one
        raise InputError(f"{where}: fingerprint: {exc}") from None

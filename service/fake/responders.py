"""What the fake OpenAI server answers when nothing is scripted: a responder maps a chat request
body to a ChunkDraft-shaped dict."""

import re
from collections.abc import Callable
from typing import Any

from service.prompts import passages_from_messages

Responder = Callable[[dict[str, Any]], dict[str, Any]]


def empty_responder(body: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG001
    """Finds nothing: an empty ChunkDraft."""
    return {"statistics": [], "events": []}


# A number, an optional 万/亿, an optional over-hedge, then a unit; hedges before it are kept.
_QUANTITY = re.compile(
    r"(?:约|近|超过|逾)?\d+(?:\.\d+)?\s?[万亿]?[余多]?\s?(?:名|人次|人|元|家|个|%)"
)
_CLAUSE_END = re.compile(r"[，。；！？\n]")


def numbers_responder(body: dict[str, Any]) -> dict[str, Any]:
    """Quotes every clause of each passage that holds an Arabic number with a unit, naming the
    passage's article (demo quality)."""
    statistics = []
    for number, text in passages_from_messages(body.get("messages", [])):
        for clause in _CLAUSE_END.split(text):
            statistics += [
                {"article": number, "evidence": clause, "quantity": m.group(), "metric": clause}
                for m in _QUANTITY.finditer(clause)
            ]
    return {"statistics": statistics, "events": []}

"""One document -> its output line: an `ok` line with the result, or an `error` line."""

import logging
from pathlib import Path
from typing import Any, Literal

from schemas.results import Usage
from service.batch.source import Document
from service.errors import InputError
from service.extract.base import Backend
from service.pipeline import run
from service.read import read_text

logger = logging.getLogger(__name__)

FailureCode = Literal["bad_input", "chunks_failed", "internal"]


async def process(
    document: Document, backend: Backend, *, overlap: int
) -> tuple[dict[str, Any], Usage | None]:
    """One document -> its output line, and what it cost when the model was asked (the tally)."""
    try:
        text = read_text(document.text) if isinstance(document.text, Path) else document.text
        result = await run(text, backend=backend, published=document.published, overlap=overlap)
    except InputError as exc:
        return failure(document.id, "bad_input", str(exc)), None
    except Exception as exc:  # one bad document becomes one error line (STYLE §5)
        logger.debug("document %s failed", document.id, exc_info=True)
        return failure(document.id, "internal", f"{type(exc).__name__}: {exc}"), None
    if result.errors and not any(a.statistics or a.events for a in result.articles):
        reasons = [f"chunk {e.chunk}: {e.stage}: {e.reason}" for e in result.errors]
        message = f"{len(result.errors)} chunk(s) failed and nothing was extracted"
        line = failure(document.id, "chunks_failed", message, reasons, usage=result.usage)
        return line, result.usage
    return {
        "id": document.id,
        "status": "ok",
        "result": result.model_dump(mode="json"),
    }, result.usage


def failure(
    document_id: str,
    code: FailureCode,
    message: str,
    reasons: list[str] | None = None,
    *,
    usage: Usage | None = None,
) -> dict[str, Any]:
    """An `error` line; `usage` when the model was asked, so its tokens are accounted for."""
    error: dict[str, Any] = {"code": code, "message": message, "reasons": reasons or []}
    if usage is not None:
        error["usage"] = usage.model_dump(mode="json")
    return {"id": document_id, "status": "error", "error": error}

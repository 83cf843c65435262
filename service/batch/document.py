"""One document -> its output line: an `ok` line with the result, or an `error` line."""

import logging

from schemas.batch import BatchLine, ErrorLine, Failure, OkLine
from schemas.results import Usage
from schemas.vocab import FailureCode
from service.batch.source import Document
from service.errors import InputError
from service.extract.base import Backend
from service.read.document import extract_page
from service.stories.fingerprint import fingerprint

logger = logging.getLogger(__name__)


async def process(document: Document, backend: Backend, *, overlap: int) -> BatchLine:
    """One document -> its output line, which holds what the model cost when it was asked."""
    line = await _process(document, backend, overlap=overlap)
    if document.source is None:
        return line
    return line.model_copy(update={"source": document.source})


async def _process(document: Document, backend: Backend, *, overlap: int) -> BatchLine:
    try:
        page = document.read()
        result = await extract_page(
            page, backend=backend, published=document.published, overlap=overlap
        )
    except InputError as exc:
        return failure(document.id, "bad_input", str(exc))
    except Exception as exc:  # one bad document becomes one error line (STYLE §5)
        logger.debug("document %s failed", document.id, exc_info=True)
        return failure(document.id, "internal", f"{type(exc).__name__}: {exc}")
    if result.errors and not any(a.statistics or a.events for a in result.articles):
        reasons = [f"chunk {e.chunk}: {e.stage}: {e.reason}" for e in result.errors]
        message = f"{len(result.errors)} chunk(s) failed and nothing was extracted"
        return failure(document.id, "chunks_failed", message, reasons, usage=result.usage)
    signed = fingerprint(page.text, [a.span for a in result.articles])
    return OkLine(id=document.id, status="ok", result=result, fingerprint=signed)


def failure(
    document_id: str,
    code: FailureCode,
    message: str,
    reasons: list[str] | None = None,
    *,
    usage: Usage | None = None,
) -> ErrorLine:
    """An `error` line; `usage` when the model was asked, so its tokens are accounted for."""
    error = Failure(code=code, message=message, reasons=reasons or [], usage=usage)
    return ErrorLine(id=document_id, status="error", error=error)

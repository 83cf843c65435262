"""A Page through the pipeline -> its DocumentResult, stamped with what was read; the one way
the CLI and the batch turn an input into a document. The publication date given wins over the
page's own, which wins over a dateline in the text (the pipeline's last resort)."""

from schemas.results import DocumentResult
from schemas.vocab import real_published
from service.errors import InputError
from service.extract.base import Backend
from service.pipeline import run
from service.read.page import Page
from service.read.stamp import stamp


def checked_published(value: str | None, *, name: str = "--published") -> str | None:
    """A publication date as given -> itself; an InputError when it is not a real date."""
    if value is None:
        return None
    try:
        return real_published(value)
    except ValueError as exc:
        raise InputError(f"{name} {exc}") from None


async def extract_page(
    page: Page, *, backend: Backend, published: str | None = None, overlap: int
) -> DocumentResult:
    """`page` -> its grounded items; `published` (checked) over the page's own date."""
    when = checked_published(published) or page.published
    result = await run(page.text, backend=backend, published=when, overlap=overlap)
    return stamp(result, page)


def model_failure(result: DocumentResult, *, base_url: str | None) -> str | None:
    """Why the model gave nothing, when every chunk failed; None when anything came back.

    An unreachable or misconfigured model fails every chunk the same way, and a document with
    no item and only errors says nothing: the caller should hear the URL and the cause."""
    if not result.errors or any(a.statistics or a.events for a in result.articles):
        return None
    where = base_url or "the OpenAI API (LABORLENS_BASE_URL unset)"
    first = result.errors[0]
    return (
        f"every request to the model at {where} failed ({len(result.errors)} chunk(s)); "
        f"the first: {first.stage}: {first.reason}"
    )

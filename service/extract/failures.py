"""Why a chunk failed, as an ErrorRecord's stage and reason: transport, refusal, validation or
a bug, with a reason short enough to log and store and never the article's text."""

import openai
import pydantic
from instructor.core.exceptions import InstructorRetryException

from schemas.vocab import ErrorStage
from service.errors import describe_problems, problems
from service.extract.base import REASON_CHARS


def failure(stage: ErrorStage, reason: str, attempts: int) -> tuple[ErrorStage, str, int]:
    return stage, reason[:REASON_CHARS], attempts


def classify(exc: InstructorRetryException, refusal: str | None) -> tuple[ErrorStage, str, int]:
    """Retries exhausted: a transport error, a refusal, or answers that never validated."""
    cause = exc.__cause__
    attempts = max(exc.n_attempts, 1)
    if refusal is not None:
        return failure("refusal", f"model refused: {refusal}", attempts)
    if isinstance(cause, openai.APIError):
        return failure("transport", describe(cause), attempts)
    return failure("validation", describe(cause or exc), attempts)


def describe(exc: BaseException) -> str:
    """A short reason; validation errors list field paths and messages, never the input."""
    if isinstance(exc, pydantic.ValidationError):
        found = problems(exc.errors(include_url=False, include_input=False))
        said = describe_problems(found, root="<root>", limit=5)
        return f"invalid answer ({exc.error_count()} errors): {said}"
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, openai.APIConnectionError) and cause is not None:
        # "Connection error." alone does not say whether the host refused, timed out or
        # failed TLS; the transport's own error does.
        return f"{type(exc).__name__}: {exc} ({type(cause).__name__}: {cause})"
    return f"{type(exc).__name__}: {exc}"

"""The LLM backend: one chunk -> ChunkDraft through instructor over `openai.AsyncOpenAI`.

Two retry layers with one job each: the openai SDK retries transport failures (429, 5xx,
connection errors and timeouts; it honours Retry-After), and instructor re-asks only when an
answer fails validation. Every failure of a chunk comes back as an ErrorRecord, never raised.

Instructor re-asks neither a refusal nor an answer cut off at the token limit. A refusal is
recorded (stage "refusal") and the chunk is done. A cut-off chunk is split in two at the
sentence end nearest its middle and each half is asked once, with the same retry layers; the
halves' drafts are merged, and a half that fails (even by being cut off again) is the chunk's
error, while the other half's drafts are kept.

The chunk text goes into the user message as a plain value. Instructor's `context=` is never
passed: instructor would render every message with Jinja, and a `{%` in an article breaks it.
"""

import asyncio
import dataclasses
import hashlib
import json
import logging
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, cast

import httpx2
import instructor
import openai
import pydantic
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from pydantic import SecretStr

from schemas.drafts import ChunkDraft
from schemas.results import BackendInfo, ErrorRecord, Usage
from schemas.vocab import ErrorStage, Mode
from service.errors import ConfigError
from service.extract.base import ChunkOutcome, ChunkRequest
from service.extract.redact import redact
from service.prompts import Prompt, build_user_message, load_prompt

logger = logging.getLogger(__name__)

_INSTRUCTOR_MODES: dict[Mode, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
# The openai SDK refuses to start without a key; local servers (base URL set) ignore it.
_NO_KEY = "unused"
_REASON_CHARS = 300
_INSTRUCTOR_RETRY_LOGGER = "instructor.v2.retry"
# The schema the model fills, part of every cache key; built once, it costs ~1 ms per call.
_DRAFT_SCHEMA = ChunkDraft.model_json_schema()
# instructor wraps a plain model in a new class on every call, rebuilding its schema each time
# (~7 ms of client CPU per call); a model it has already wrapped is used as is.
_RESPONSE_MODEL = instructor.openai_schema(ChunkDraft)
# How many times a cut-off chunk may be halved: 1 means halves, never quarters.
_CUT_OFF_SPLITS = 1
# Where to halve a cut-off chunk, best first: sentence ends, then clause breaks.
_HALVING_POINTS = (re.compile(r"[。！？；\n]+[”’」』）]*"), re.compile(r"[，、：,]"))


@dataclass(frozen=True, slots=True)
class LLMConfig:
    """What the edge reads from Settings to build an LLMBackend."""

    model: str | None
    base_url: str | None = None
    api_key: SecretStr | None = None
    mode: Mode = "tools"
    timeout: float = 60.0
    max_retries: int = 3  # transport retries, by the openai SDK
    reasks: int = 2  # re-asks after an invalid answer, by instructor
    concurrency: int = 8
    # The most article text one request carries. Every request resends the prompt and schema;
    # packing a page's articles up to 4000 takes the seeds from 2.7 requests a page (at 2000) to
    # 1.2, and the prompt tokens from 5,577 to 3,516 a page at the same oracle F1. The largest
    # gold answer grows from ~8,000 to ~10,300 characters: a model with a 4k-token output limit
    # is cut off there, and the request is asked again as two halves (a wasted request).
    chunk_chars: int = 4000
    prompt_version: int = 3  # prompts/extract.v<N>.md; released versions stay loadable

    def __post_init__(self) -> None:
        if not self.model:
            raise ConfigError(
                "no model configured: set LABORLENS_MODEL, and LABORLENS_BASE_URL and/or "
                "LABORLENS_API_KEY (or OPENAI_API_KEY)"
            )
        if self.base_url is None and self.api_key is None:
            raise ConfigError(
                "no model server configured: set LABORLENS_BASE_URL for an OpenAI-compatible "
                "server, or LABORLENS_API_KEY (or OPENAI_API_KEY) for api.openai.com"
            )
        if self.concurrency < 1 or self.timeout <= 0 or min(self.max_retries, self.reasks) < 0:
            raise ConfigError("concurrency must be >= 1, timeout > 0, retries and reasks >= 0")


@dataclass(slots=True)
class _Call:
    """What one chunk cost: HTTP requests (SDK retries included) and every model answer."""

    requests: int = 0
    answers: list[ChatCompletion] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)

    def record(self, response: Any) -> None:
        # Snapshot now: instructor later rewrites `response.usage` to its running total.
        if isinstance(response, ChatCompletion):
            self.answers.append(response)
            if response.usage is not None:
                details = response.usage.prompt_tokens_details
                self.usage += Usage(
                    prompt_tokens=response.usage.prompt_tokens,
                    completion_tokens=response.usage.completion_tokens,
                    total_tokens=response.usage.total_tokens,
                    cached_tokens=(details.cached_tokens or 0) if details else 0,
                )

    def total(self) -> Usage:
        return self.usage.model_copy(update={"requests": self.requests})

    def refusal(self) -> str | None:
        return self.answers[-1].choices[0].message.refusal if self.answers else None


# The call in progress in this asyncio task; the HTTP client's request hook counts into it.
_CURRENT_CALL: ContextVar[_Call | None] = ContextVar("laborlens_llm_call", default=None)


async def _count_request(request: httpx2.Request) -> None:  # noqa: ARG001
    call = _CURRENT_CALL.get()
    if call is not None:
        call.requests += 1


class LLMBackend:
    """Backend over any OpenAI-compatible server; build one per process and `aclose()` it."""

    def __init__(self, config: LLMConfig, prompt: Prompt | None = None) -> None:
        self._config = config
        self._prompt = prompt or load_prompt("extract", config.prompt_version)
        key = config.api_key.get_secret_value() if config.api_key else _NO_KEY
        self._openai = openai.AsyncOpenAI(
            base_url=config.base_url,
            api_key=key,
            timeout=config.timeout,
            max_retries=config.max_retries,
            http_client=openai.DefaultAsyncHttpxClient(event_hooks={"request": [_count_request]}),
        )
        self._client = instructor.from_openai(self._openai, mode=_INSTRUCTOR_MODES[config.mode])
        # Bounds the model calls in flight across every article this backend serves.
        self._semaphore = asyncio.Semaphore(config.concurrency)
        _demote_instructor_logs()

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(name="llm", model=self._config.model, prompt_version=self._prompt.label)

    @property
    def chunk_chars(self) -> int:
        return self._config.chunk_chars

    def messages(self, request: ChunkRequest) -> list[ChatCompletionMessageParam]:
        """The system prompt and the user message holding the request's passages, as sent."""
        return build_messages(self._prompt, request)

    def cache_key(self, request: ChunkRequest) -> str:
        """sha256 over the messages, the draft schema, prompt, model, mode and base URL."""
        material = {
            "messages": self.messages(request),
            "schema": _DRAFT_SCHEMA,
            "prompt": [self._prompt.label, self._prompt.sha256],
            "model": self._config.model,
            "mode": self._config.mode,
            "base_url": str(self._openai.base_url),
        }
        canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    async def extract(self, request: ChunkRequest) -> ChunkOutcome:
        return await self._extract(request, splits=_CUT_OFF_SPLITS)

    async def _extract(self, request: ChunkRequest, *, splits: int) -> ChunkOutcome:
        """One ask; if its answer is cut off and `splits` > 0, ask for each half too."""
        outcome = await self._attempt(request)
        cut_off = outcome.error is not None and outcome.error.stage == "length"
        halves = _halve(request) if cut_off and splits > 0 else []
        if not halves:
            return outcome
        logger.info("chunk %d cut off at the token limit; asking for each half", request.index)
        parts = await asyncio.gather(*(self._extract(h, splits=splits - 1) for h in halves))
        return _merge_halves(request.index, outcome.usage, parts)

    async def _attempt(self, request: ChunkRequest) -> ChunkOutcome:
        call = _Call()
        token = _CURRENT_CALL.set(call)
        try:
            async with self._semaphore:
                draft = await self._ask(request, call)
            return ChunkOutcome(draft=draft, usage=call.total())
        except IncompleteOutputException:
            error = _failure("length", "answer cut off at the token limit", len(call.answers))
        except InstructorRetryException as exc:
            error = _classify(exc, call)
        except openai.APIError as exc:
            error = _failure("transport", _describe(exc), max(len(call.answers), 1))
        except Exception as exc:  # a chunk never raises (Backend protocol); record the bug
            logger.debug("chunk %d: unexpected failure", request.index, exc_info=True)
            error = _failure("internal", _describe(exc), max(len(call.answers), 1))
        finally:
            _CURRENT_CALL.reset(token)
        stage, reason, attempts = error
        key = self._config.api_key.get_secret_value() if self._config.api_key else ""
        reason = redact(reason, (key,))  # an upstream may echo the key in its error body
        logger.warning("chunk %d failed at %s after %d attempts", request.index, stage, attempts)
        logger.debug("chunk %d failure: %s", request.index, reason)
        record = ErrorRecord(
            stage=stage, chunk=request.index, reason=reason, attempts=attempts, usage=call.total()
        )
        return ChunkOutcome(draft=ChunkDraft(), usage=call.total(), error=record)

    async def _ask(self, request: ChunkRequest, call: _Call) -> ChunkDraft:
        hooks = Hooks()
        hooks.on("completion:response", call.record)
        draft, _completion = await self._client.create_with_completion(
            model=self._config.model,
            messages=self.messages(request),
            response_model=_RESPONSE_MODEL,
            max_retries=self._config.reasks,
            hooks=hooks,
        )
        # A fresh copy: instructor hangs the whole completion on the model (`_raw_response`).
        return ChunkDraft.model_validate(draft.model_dump())

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self._openai.close()


def build_messages(prompt: Prompt, request: ChunkRequest) -> list[ChatCompletionMessageParam]:
    """The system prompt, the same for every request so that a provider's prefix cache serves
    it, then the one user message that holds the passages."""
    passages = [(p.number, p.text, p.title) for p in request.passages]
    return [
        {"role": "system", "content": prompt.text},
        {"role": "user", "content": build_user_message(passages)},
    ]


def draft_tool() -> dict[str, Any]:
    """The tool instructor sends in tools mode: the draft schema as a function."""
    function: dict[str, Any] = cast(Any, _RESPONSE_MODEL).openai_schema  # set by instructor
    return {"type": "function", "function": function}


def _halve(request: ChunkRequest) -> list[ChunkRequest]:
    """Two requests, or none: the passages split where the characters balance best, or a
    single passage's text cut at the break nearest its middle (both halves keep its number,
    so their drafts still name it)."""
    passages = request.passages
    if len(passages) > 1:
        sizes = [len(p.text) for p in passages]
        cut = min(range(1, len(passages)), key=lambda n: abs(2 * sum(sizes[:n]) - sum(sizes)))
        return [
            dataclasses.replace(request, passages=passages[:cut]),
            dataclasses.replace(request, passages=passages[cut:]),
        ]
    if not passages:
        return []
    [passage] = passages
    text = passage.text
    middle = len(text) // 2
    for pattern in _HALVING_POINTS:
        cuts = [m.end() for m in pattern.finditer(text) if 0 < m.end() < len(text)]
        if cuts:
            middle = min(cuts, key=lambda cut: abs(cut - len(text) / 2))
            break
    if not 0 < middle < len(text):
        return []
    halves = (text[:middle], text[middle:])
    return [
        dataclasses.replace(request, passages=(dataclasses.replace(passage, text=half),))
        for half in halves
    ]


def _merge_halves(index: int, cut_off: Usage, parts: list[ChunkOutcome]) -> ChunkOutcome:
    """The halves' drafts together; usage counts the cut-off ask and both halves."""
    usage = sum((part.usage for part in parts), cut_off)
    draft = ChunkDraft(
        statistics=[s for part in parts for s in part.draft.statistics],
        events=[e for part in parts for e in part.draft.events],
    )
    failed = [(n, part.error) for n, part in enumerate(parts, 1) if part.error is not None]
    if not failed:
        return ChunkOutcome(draft=draft, usage=usage)
    half, first = failed[0]
    reason = f"cut off at the token limit, then half {half} of 2 failed: {first.reason}"
    attempts = 1 + sum(part.error.attempts if part.error else 1 for part in parts)
    error = ErrorRecord(
        stage=first.stage,
        chunk=index,
        reason=reason[:_REASON_CHARS],
        attempts=attempts,
        usage=usage,
    )
    return ChunkOutcome(draft=draft, usage=usage, error=error)


def _failure(stage: ErrorStage, reason: str, attempts: int) -> tuple[ErrorStage, str, int]:
    return stage, reason[:_REASON_CHARS], attempts


def _classify(exc: InstructorRetryException, call: _Call) -> tuple[ErrorStage, str, int]:
    """Retries exhausted: a transport error, a refusal, or answers that never validated."""
    cause = exc.__cause__
    attempts = max(exc.n_attempts, 1)
    refusal = call.refusal()
    if refusal is not None:
        return _failure("refusal", f"model refused: {refusal}", attempts)
    if isinstance(cause, openai.APIError):
        return _failure("transport", _describe(cause), attempts)
    return _failure("validation", _describe(cause or exc), attempts)


def _describe(exc: BaseException) -> str:
    """A short reason; validation errors list field paths and messages, never the input."""
    if isinstance(exc, pydantic.ValidationError):
        problems = [
            f"{'.'.join(str(part) for part in detail['loc']) or '<root>'}: {detail['msg']}"
            for detail in exc.errors(include_url=False, include_input=False)
        ]
        return f"invalid answer ({exc.error_count()} errors): " + "; ".join(problems[:5])
    return f"{type(exc).__name__}: {exc}"


class _DemoteToDebug(logging.Filter):
    """Instructor logs each failed parse at ERROR with the model's answer, which quotes the
    article; we never log article text above DEBUG, so its records become DEBUG records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


def _demote_instructor_logs() -> None:
    retry_logger = logging.getLogger(_INSTRUCTOR_RETRY_LOGGER)
    if not any(isinstance(existing, _DemoteToDebug) for existing in retry_logger.filters):
        retry_logger.addFilter(_DemoteToDebug())

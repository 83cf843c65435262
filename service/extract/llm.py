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
import hashlib
import json
import logging
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, cast

import httpx2
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from pydantic import SecretStr

from schemas.drafts import ChunkDraft
from schemas.results import BackendInfo, ErrorRecord, Usage
from schemas.vocab import Mode
from service.errors import ConfigError
from service.extract import instructor_patch
from service.extract.base import ChunkOutcome, ChunkRequest
from service.extract.completions import ChatCompletions, strict_format
from service.extract.failures import classify, describe, failure
from service.extract.halves import halve, merge_halves
from service.extract.redact import redact
from service.prompts import Prompt, build_user_message, load_prompt
from service.settings import Settings

logger = logging.getLogger(__name__)

_INSTRUCTOR_MODES: dict[Mode, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json_schema_strict": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
# The openai SDK refuses to start without a key; local servers (base URL set) ignore it.
_NO_KEY = "unused"
_INSTRUCTOR_RETRY_LOGGER = "instructor.v2.retry"
# The schema the model fills, part of every cache key; built once, it costs ~1 ms per call.
_DRAFT_SCHEMA = ChunkDraft.model_json_schema()
# instructor wraps a plain model in a new class on every call, rebuilding its schema each time
# (~7 ms of client CPU per call); a model it has already wrapped is used as is.
_RESPONSE_MODEL = instructor.openai_schema(ChunkDraft)
# How many times a cut-off chunk may be halved: 1 means halves, never quarters.
_CUT_OFF_SPLITS = 1

instructor_patch.install()  # instructor's per-call validator walk, once per model (issue 26)


@dataclass(frozen=True, slots=True, kw_only=True)
class LLMConfig:
    """What the edge reads from Settings to build an LLMBackend; Settings holds the defaults."""

    model: str | None
    base_url: str | None
    api_key: SecretStr | None
    mode: Mode
    timeout: float
    max_retries: int  # transport retries, by the openai SDK
    reasks: int  # re-asks after an invalid answer, by instructor
    concurrency: int
    chunk_chars: int  # the most article text one request carries (LABORLENS_CHUNK_CHARS)
    prompt_version: int  # prompts/extract.v<N>.md; released versions stay loadable

    @classmethod
    def from_settings(cls, settings: Settings) -> "LLMConfig":
        """The LLM part of `settings`."""
        return cls(
            model=settings.model,
            base_url=settings.base_url,
            api_key=settings.api_key,
            mode=settings.mode,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            reasks=settings.reasks,
            concurrency=settings.concurrency,
            chunk_chars=settings.chunk_chars,
            prompt_version=settings.prompt_version,
        )

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
        # The SDK's aiohttp transport: its HTTP/1.1 parser is C, httpcore's is Python (~1 ms
        # of client CPU a call, issue 26); httpx2's client and event hooks stay on top of it.
        self._openai = openai.AsyncOpenAI(
            base_url=config.base_url,
            api_key=key,
            timeout=config.timeout,
            max_retries=config.max_retries,
            http_client=openai.DefaultAioHttpClient(event_hooks={"request": [_count_request]}),
        )
        # instructor over the SDK's client (retries, auth, errors), without `create`'s
        # request walk and answer construction (service/extract/completions.py).
        mode = _INSTRUCTOR_MODES[config.mode]
        strict = config.mode == "json_schema_strict"  # OpenAI's strict structured outputs
        schema = strict_format("ChunkDraft", ChunkDraft.strict_json_schema()) if strict else None
        completions = ChatCompletions(self._openai, response_format=schema)
        create = instructor.patch(create=completions.create, mode=mode)
        self._client = instructor.AsyncInstructor(
            client=self._openai, create=create, provider=instructor.Provider.OPENAI, mode=mode
        )
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
        halves = halve(request) if cut_off and splits > 0 else []
        if not halves:
            return outcome
        logger.info("chunk %d cut off at the token limit; asking for each half", request.index)
        parts = await asyncio.gather(*(self._extract(h, splits=splits - 1) for h in halves))
        return merge_halves(request.index, outcome.usage, parts)

    async def _attempt(self, request: ChunkRequest) -> ChunkOutcome:
        call = _Call()
        token = _CURRENT_CALL.set(call)
        try:
            async with self._semaphore:
                draft = await self._ask(request, call)
            return ChunkOutcome(draft=draft, usage=call.total())
        except IncompleteOutputException:
            error = failure("length", "answer cut off at the token limit", len(call.answers))
        except InstructorRetryException as exc:
            error = classify(exc, call.refusal())
        except openai.APIError as exc:
            error = failure("transport", describe(exc), max(len(call.answers), 1))
        except Exception as exc:  # a chunk never raises (Backend protocol); record the bug
            logger.debug("chunk %d: unexpected failure", request.index, exc_info=True)
            error = failure("internal", describe(exc), max(len(call.answers), 1))
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
        # A plain ChunkDraft without the completion instructor hangs on its own (`_raw_response`);
        # its fields were validated as they are, so they are not validated again (~100 µs).
        return ChunkDraft.model_construct(draft.model_fields_set, **dict(draft))

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

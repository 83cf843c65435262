"""`POST /chat/completions` through the openai SDK's client, minus two per-call costs of
`chat.completions.create`; instructor wraps this instead of `create` and still validates and
re-asks.

- `create` walks the whole request (messages, the draft schema as a tool) against the SDK's
  TypedDicts to rename aliased keys and format dates (~0.5 ms a call); a chat request has
  neither, so the body goes to `AsyncOpenAI.post` as it is, its keys in `create`'s order: the
  bytes on the wire are the same (tests/extract/test_completions.py compares them).
- `post` builds its request options anew on every call, and pydantic deep-copies each default
  it fills in (~90 µs a call under load); the options are built once, as `post` builds them,
  and each call sends a shallow copy holding its body to the SDK's `request`, which `post`
  calls with them.
- The answer is parsed by pydantic-core (`ChatCompletion.model_validate_json`) instead of the
  SDK's field-by-field `construct` in Python (~0.3 ms); an answer off the SDK's schema falls
  back to that `construct`, which accepts anything, as `create` would have.

The SDK's client still does the rest: auth, headers, timeouts, transport retries (honouring
Retry-After) and status errors. A request with anything `create` would treat as an option
(extra_headers, timeout, stream, ...) goes through `create` itself.
"""

import inspect
import json
from typing import Any

import httpx2
import openai
import pydantic
from openai import RequestOptions
from openai._models import FinalRequestOptions
from openai.resources.chat.completions.completions import AsyncCompletions
from openai.types.chat import ChatCompletion

# `create`'s request options: not body fields.
_OPTIONS = frozenset({"self", "extra_headers", "extra_query", "extra_body", "timeout"})
# The body fields in the order `create` writes them into the JSON.
BODY_FIELDS: tuple[str, ...] = tuple(
    name for name in inspect.signature(AsyncCompletions.create).parameters if name not in _OPTIONS
)
_FIELD_SET = frozenset(BODY_FIELDS)
_PATH = "/chat/completions"
_SECURITY: RequestOptions = {"security": {"bearer_auth": True}}  # what `create` asks for


class ChatCompletions:
    """The `create` instructor calls: same request, same ChatCompletion, less client CPU."""

    def __init__(
        self, client: openai.AsyncOpenAI, *, response_format: dict[str, Any] | None = None
    ) -> None:
        self._client = client
        # Sent instead of the response_format instructor builds (json_schema_strict mode).
        self._response_format = response_format
        # What `post("/chat/completions", body=None, options=_SECURITY)` builds.
        self._options = FinalRequestOptions.construct(
            method="post", url=_PATH, json_data=None, content=None, files=None, **_SECURITY
        )

    async def create(self, **kwargs: Any) -> ChatCompletion:
        """What `client.chat.completions.create(**kwargs)` returns for a non-streaming call."""
        if self._response_format is not None and "response_format" in kwargs:
            kwargs = {**kwargs, "response_format": self._response_format}
        if kwargs.get("stream") or not _FIELD_SET.issuperset(kwargs):
            created: ChatCompletion = await self._client.chat.completions.create(**kwargs)
            return created
        body = {name: kwargs[name] for name in BODY_FIELDS if name in kwargs}
        options = self._options.model_copy(update={"json_data": body})
        raw = await self._client.request(httpx2.Response, options)
        return parse_completion(raw.content)


def parse_completion(content: bytes) -> ChatCompletion:
    """A completion's JSON -> ChatCompletion, validated by pydantic-core; an answer off the
    SDK's schema is built leniently, as the SDK builds every answer, and malformed JSON raises
    json.JSONDecodeError, as it does in the SDK (instructor asks again after either)."""
    try:
        return ChatCompletion.model_validate_json(content)
    except pydantic.ValidationError:
        return ChatCompletion.construct(**json.loads(content))


def strict_format(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The response_format of OpenAI's strict structured outputs for `schema` (every property
    required, optional ones nullable): what json_schema_strict mode sends."""
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}

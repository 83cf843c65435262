"""The fake server's wire format: OpenAI chat completions and errors, the responses that break
a connection on purpose, and the counters it reports on `/_fake/stats`."""

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from service.fake.replies import Reply
from service.tokens import completion_tokens

FAKE_MODEL = "fake-model"
STATS_PATH = "/_fake/stats"
EXCHANGES_PATH = "/_fake/exchanges"
_RESET_BODY = b'{"id": "chatcmpl-'  # then the connection closes short of its Content-Length


@dataclass(frozen=True, slots=True)
class FakeStats:
    """What a fake server was asked so far, and the usage it answered with."""

    requests: int  # HTTP requests, all paths (the stats endpoint not counted)
    max_in_flight: int  # most chat requests being answered at once
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0  # of prompt_tokens, the part a provider's prefix cache would serve


class ResetResponse(Response):
    """Headers promising more body than is sent: uvicorn drops the connection mid-response,
    which the client sees as a broken connection (httpx RemoteProtocolError)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: ARG002
        headers = [(b"content-type", b"application/json"), (b"content-length", b"4096")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": _RESET_BODY, "more_body": False})


class _DropInjectedResets(logging.Filter):
    """uvicorn logs each reset we inject as an ASGI exception with a traceback; drop those."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        # h11's LocalProtocolError, matched by name: h11 is uvicorn's dependency, not ours.
        injected = type(error).__name__ == "LocalProtocolError" and "Content-Length" in str(error)
        return not injected


def quiet_uvicorn_about_resets() -> None:
    error_logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DropInjectedResets) for f in error_logger.filters):
        error_logger.addFilter(_DropInjectedResets())


def model_card(name: str) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": 0, "owned_by": "laborlens"}


def error_response(reply: Reply) -> Response:
    kind = "rate_limit_error" if reply.status == 429 else "server_error"
    error = {"message": f"fake error {reply.status}", "type": kind, "param": None, "code": None}
    return JSONResponse({"error": error}, status_code=reply.status, headers=dict(reply.headers))


def _message(body: dict[str, Any], answer: str, reply: Reply) -> dict[str, Any]:
    """The assistant message carrying `answer` in the request's structured-output mode."""
    if reply.refusal is not None:
        return {"role": "assistant", "content": None, "refusal": reply.refusal}
    if answer == "":
        return {"role": "assistant", "content": ""}
    tools = body.get("tools")
    if tools:
        call = {
            "id": f"call_{uuid.uuid4().hex[:12]}",
            "type": "function",
            "function": {"name": tools[0]["function"]["name"], "arguments": answer},
        }
        return {"role": "assistant", "content": None, "tool_calls": [call]}
    if (body.get("response_format") or {}).get("type") in {"json_schema", "json_object"}:
        return {"role": "assistant", "content": answer}
    return {"role": "assistant", "content": f"```json\n{answer}\n```"}


def completion(
    body: dict[str, Any], answer: str, reply: Reply, *, prompt: int, cached: int
) -> dict[str, Any]:
    """The chat completion answering `body` with `answer`; `prompt` and `cached` are its prompt
    tokens and the part of them a prefix cache would serve."""
    message = _message(body, answer, reply)
    completion = completion_tokens(answer)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model") or FAKE_MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": min(cached, prompt)},
        },
    }

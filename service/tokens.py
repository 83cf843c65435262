"""The token estimate the fake server answers with, the benchmark sums and `laborlens batch
--dry-run` prints, and the prefix cache the fake simulates. Pure.

No tokenizer is shipped, so a token is two characters: of the request's `tools`,
`response_format` and `messages` as compact JSON (non-ASCII kept), and of the answer. Providers
that cache prompt prefixes (OpenAI, DeepSeek, Qwen) bill the part of a prompt that repeats an
earlier one's start at a discount and report it as `prompt_tokens_details.cached_tokens`;
`PrefixCache` counts it the same way, over the request serialised in the order a provider
reads it (tools and schema first, then the messages), so the fixed part of every request is
the shared prefix and the article text, last, is not.

>>> cache = PrefixCache()
>>> body = {"messages": [{"role": "user", "content": "甲乙丙丁"}]}
>>> cache.cached_tokens(body), cache.cached_tokens(body) == prompt_tokens(body)
(0, True)
"""

import bisect
import json
from collections.abc import Mapping
from typing import Any

_CHARS_PER_TOKEN = 2
# What a provider reads of a request, in the order it reads it.
_PROMPT_KEYS = ("tools", "response_format", "messages")


def prompt_text(body: Mapping[str, Any]) -> str:
    """The part of a chat request that is prompt, as compact JSON in reading order."""
    asked = {key: body.get(key) for key in _PROMPT_KEYS}
    return json.dumps(asked, ensure_ascii=False, separators=(",", ":"))


def prompt_tokens(body: Mapping[str, Any]) -> int:
    """Estimated prompt tokens of a chat request body."""
    return chars_tokens(len(prompt_text(body)))


def chars_tokens(chars: int) -> int:
    """Estimated tokens of `chars` characters of a rendered prompt (`prompt_text`)."""
    return chars // _CHARS_PER_TOKEN


def completion_tokens(answer: str) -> int:
    """Estimated tokens of an answer (at least one)."""
    return max(1, len(answer) // _CHARS_PER_TOKEN)


class PrefixCache:
    """Prompts seen so far; a new prompt's cached tokens are its longest common prefix with
    any of them. Sorted, so that prefix is shared with a neighbour in the order."""

    def __init__(self) -> None:
        self._seen: list[str] = []

    def cached_tokens(self, body: Mapping[str, Any]) -> int:
        """Tokens of `body`'s prompt that an earlier prompt began with; remembers this one."""
        return self.shared_prefix(prompt_text(body)) // _CHARS_PER_TOKEN

    def shared_prefix(self, text: str) -> int:
        """Characters of `text` that an earlier text began with; remembers this one. (The
        benchmark calls it with prompts as a chat template renders them.)"""
        at = bisect.bisect_left(self._seen, text)
        neighbours = self._seen[max(at - 1, 0) : at + 1]
        shared = max((_common_prefix(text, other) for other in neighbours), default=0)
        if at == len(self._seen) or self._seen[at] != text:
            self._seen.insert(at, text)
        return shared


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix, by bisection on slices (C speed)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo

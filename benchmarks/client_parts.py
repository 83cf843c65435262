"""py-spy's raw stacks of a client run -> the samples each part of a model call took.

A sample is JSON work if its deepest frames are in `json` (or jiter); else it belongs to the
first function in `_UNDER` that is on its stack (everything `_build_request` calls, httpx2's
URL and headers included, is the SDK building a request); else to the deepest frame whose file
is in a part (`_BY_FILE`). Helpers every part uses (pydantic, typing, copy, inspect, ...) count
for whoever called them.
"""

import re
from collections import Counter
from pathlib import Path

_JSON = ("json/", "jiter")
# (part, functions): a sample with one of the functions on its stack, first match wins.
_UNDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("instructor: validator walk", ("reject_async_validators",)),
    ("instructor: prepare request", ("prepare_response_model", "prepare_request",
                                     "handle_templating", "convert_messages",
                                     "isolate_retry_kwargs")),
    ("instructor: parse and validate", ("parse_response", "parse_tools", "response_parser")),
    ("openai SDK: request transform", ("async_maybe_transform",)),
    ("openai SDK: request building", ("_build_request",)),
    ("openai SDK: answer construction", ("_process_response", "parse_completion")),
    ("pipeline: plan (normalise, segment, pack)", ("plan",)),
)  # fmt: skip
# (part, path fragments of its frames' files), for the deepest frame that has one.
_BY_FILE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("HTTP transport", ("httpx_aiohttp/", "httpx2/", "httpcore2/", "h11/", "aiohttp/", "anyio/",
                        "sniffio/", "yarl/", "multidict/", "ssl.py", "socket.py")),
    ("instructor: retry loop and hooks", ("instructor/", "tenacity/")),
    ("openai SDK: client", ("openai/",)),
    ("pipeline: grounding and merge", ("service/pipeline.py", "service/items/",
                                       "service/text/", "service/values/")),
    ("LLM backend (ours)", ("service/extract/",)),
    ("batch: result lines and OUT", ("service/batch/", "schemas/", "rich/")),
    ("event loop", ("asyncio/", "selectors.py", "uvloop", "concurrent/", "threading.py")),
)  # fmt: skip
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>.*?)(?::\d+)?\)$")


def split_samples(raw: Path) -> Counter[str]:
    """Samples per part in a `py-spy record --format raw` file."""
    parts: Counter[str] = Counter()
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack:
            parts[part_of([_frame(f) for f in stack.split(";")])] += int(count)
    return parts


def part_of(frames: list[tuple[str, str]]) -> str:
    """The part a stack (root first, (function, file) each) belongs to."""
    if frames and any(fragment in frames[-1][1] for fragment in _JSON):
        return "JSON encode/parse"
    names = {name for function, _ in frames for name in function.split(".")}
    for part, functions in _UNDER:
        if names.intersection(functions):
            return part
    for _, file in reversed(frames):
        for part, fragments in _BY_FILE:
            if any(fragment in file for fragment in fragments):
                return part
    return "other"


def _frame(text: str) -> tuple[str, str]:
    found = _FRAME.match(text)
    return (found["function"], found["file"]) if found else (text, "")

"""Versioned prompt files -> `Prompt`, and the user message that carries one request.

`prompts/<name>.v<N>.md` is the instruction text; its only placeholder, `$examples`, is filled
with `prompts/<name>.v<N>.examples.json` rendered as compact JSON. A released file never
changes: copy it to v(N+1). Article text never passes through a template: it goes into the
user message as a plain value (`build_user_message`), one marked passage per article, and
`passages_from_messages` reads it back, so the fake server and the real backend agree on
where the text is.
"""

import hashlib
import json
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

import prompts
from schemas.drafts import ChunkDraft
from service.errors import ConfigError

# The files ship inside the `prompts` package, so a wheel install finds them as well.
PROMPTS_DIR = Path(prompts.__file__).resolve().parent

# The chunk sits between these lines of the user message. Instructor may append its own text
# to the same message (md_json mode merges consecutive user messages), so the reader takes
# everything up to the *last* closing tag.
_OPEN_TAG = "<article>\n"
_CLOSE_TAG = "\n</article>"
# Each passage opens with its marker line: "[A2]", or "[A2] title".
_MARKER = re.compile(r"\[A(\d+)\](?: .*)?")


@dataclass(frozen=True, slots=True)
class Prompt:
    """A loaded prompt: `text` is the system message, `sha256` its digest (goes in cache keys)."""

    name: str
    version: int
    text: str
    sha256: str

    @property
    def label(self) -> str:
        """ "extract.v1": what outputs report as `backend.prompt_version`."""
        return f"{self.name}.v{self.version}"


class Example(BaseModel):
    """One few-shot pair: an article fragment and what the model should answer for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    output: ChunkDraft


_EXAMPLES = TypeAdapter(list[Example])


def load_prompt(name: str, version: int, *, directory: Path = PROMPTS_DIR) -> Prompt:
    """`extract`, 1 -> Prompt with prompts/extract.v1.md, its examples filled in."""
    path = directory / f"{name}.v{version}.md"
    try:
        template = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"no prompt file {path}") from None
    examples = load_examples(name, version, directory=directory)
    text = fill_placeholders(template, {"examples": render_examples(examples)})
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Prompt(name=name, version=version, text=text, sha256=digest)


def load_examples(name: str, version: int, *, directory: Path = PROMPTS_DIR) -> list[Example]:
    """The few-shot pairs of a prompt version, validated against schemas.drafts."""
    path = directory / f"{name}.v{version}.examples.json"
    try:
        return _EXAMPLES.validate_json(path.read_bytes())
    except FileNotFoundError:
        raise ConfigError(f"no examples file {path}") from None
    except ValidationError as error:
        raise ConfigError(f"{path} does not match schemas.drafts: {error}") from None


def fill_placeholders(template: str, values: Mapping[str, str]) -> str:
    """Fill `$name` placeholders; one without a value is a ConfigError, `$$` is a dollar sign."""
    try:
        return string.Template(template).substitute(values)
    except KeyError as error:
        raise ConfigError(f"prompt placeholder ${error.args[0]} has no value") from None
    except ValueError as error:
        raise ConfigError(f"malformed prompt placeholder: {error}") from None


def render_examples(examples: Iterable[Example]) -> str:
    """Each example as its text between article tags, then its answer as one line of JSON."""
    blocks = []
    for number, example in enumerate(examples, start=1):
        answer = example.output.model_dump(mode="json", exclude_defaults=True)
        answer_json = json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
        blocks.append(f"例{number}\n{_OPEN_TAG}{example.text}{_CLOSE_TAG}\n输出：{answer_json}")
    return "\n\n".join(blocks)


def build_user_message(passages: Sequence[tuple[int, str, str | None]]) -> str:
    r"""The user message for one request: each (number, text, title) passage under its marker
    line ("[A2] title"), all between the article tags. The title is left out when the text
    already opens with it (a newspaper article's bounds include its title paragraphs).

    >>> build_user_message([(1, "甲。", "标题"), (2, "标题\n乙。", "标题")])
    '<article>\n[A1] 标题\n甲。\n[A2]\n标题\n乙。\n</article>'
    """
    blocks = []
    for number, text, title in passages:
        flat = " ".join(title.split()) if title else ""
        shown = flat and not _opens_with(text, flat)
        blocks.append(f"[A{number}] {flat}\n{text}" if shown else f"[A{number}]\n{text}")
    return _OPEN_TAG + "\n".join(blocks) + _CLOSE_TAG


def _opens_with(text: str, title: str) -> bool:
    """Whether `text` starts with `title`, line breaks and spaces aside."""
    key = "".join(title.split())
    return "".join(text[: 2 * len(title)].split()).startswith(key)


def passages_from_messages(messages: Iterable[Mapping[str, Any]]) -> list[tuple[int, str]]:
    """(number, text) of each passage of the first user message built by
    `build_user_message`; [] when there is none."""
    for message in messages:
        content = message.get("content")
        if message.get("role") != "user" or not isinstance(content, str):
            continue
        start = content.find(_OPEN_TAG)
        end = content.rfind(_CLOSE_TAG)
        if start != -1 and end >= start + len(_OPEN_TAG):
            return _split_passages(content[start + len(_OPEN_TAG) : end])
    return []


def _split_passages(body: str) -> list[tuple[int, str]]:
    found: list[tuple[int, list[str]]] = []
    for line in body.split("\n"):
        marker = _MARKER.fullmatch(line)
        if marker:
            found.append((int(marker.group(1)), []))
        elif found:
            found[-1][1].append(line)
    return [(number, "\n".join(lines)) for number, lines in found]


def chunk_text_from_messages(messages: Iterable[Mapping[str, Any]]) -> str:
    """The passages' texts of the first user message built by `build_user_message`, one after
    the other on their own lines; "" when there is none."""
    return "\n".join(text for _, text in passages_from_messages(messages))

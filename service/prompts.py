"""Versioned prompt files -> `Prompt`, and the user message that carries one chunk.

`prompts/<name>.v<N>.md` is the instruction text; its only placeholder, `$examples`, is filled
with `prompts/<name>.v<N>.examples.json` rendered as compact JSON. A released file never
changes: copy it to v(N+1). Article text never passes through a template: it goes into the
user message as a plain value (`build_user_message`), and `chunk_text_from_messages` reads it
back, so the fake server and the real backend agree on where the text is.
"""

import hashlib
import json
import string
from collections.abc import Iterable, Mapping
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


def build_user_message(text: str, *, title: str | None) -> str:
    """The user message for one chunk: an optional title line, then the text between tags."""
    header = f"标题：{' '.join(title.split())}\n" if title else ""
    return f"{header}{_OPEN_TAG}{text}{_CLOSE_TAG}"


def chunk_text_from_messages(messages: Iterable[Mapping[str, Any]]) -> str:
    """The chunk text of the first user message built by `build_user_message`, else ""."""
    for message in messages:
        content = message.get("content")
        if message.get("role") != "user" or not isinstance(content, str):
            continue
        start = content.find(_OPEN_TAG)
        end = content.rfind(_CLOSE_TAG)
        if start != -1 and end >= start + len(_OPEN_TAG):
            return content[start + len(_OPEN_TAG) : end]
    return ""

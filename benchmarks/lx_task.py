"""laborlens's whole task as LangExtract is given it, for bench row c's same-task column.

LangExtract has no schema: what it is to extract is said by its prompt description and its
examples. So the description is laborlens's own instructions (`prompts/extract.vN.md`, less
the sentence on article markers, since LangExtract sends one document at a time) followed by
the draft schema's fields in prose (each field's name, its enum values and its description:
what the schema tells the model), and the examples are laborlens's examples, each draft an
extraction whose text is its evidence and whose attributes are its other fields. It is written
as a JSON file that `benchmarks/lx_run.py --task` reads (that venv has no laborlens).
"""

import json
import re
from pathlib import Path
from typing import Any

from schemas.drafts import ChunkDraft
from service.prompts import PROMPTS_DIR, load_examples

# The sentence of the instructions that says how a packed request numbers its articles.
_PACKING_SENTENCE = re.compile(r"[^。\n]*\[A1\][^。]*。")
_MARKER = re.compile(r"^\[A\d+\] ?", re.MULTILINE)
_CLASSES = {"statistics": "statistic", "events": "event"}
# Said by the extraction itself: its text is the evidence, and one document is one article.
_NOT_ATTRIBUTES = {"article", "evidence"}


def describe_fields() -> str:
    """The draft schema's fields per class, as one line of prose for each."""
    properties = ChunkDraft.model_json_schema()["properties"]
    lines = []
    for key, name in _CLASSES.items():
        fields = properties[key]["items"]["properties"]
        said = [_describe(f, spec) for f, spec in fields.items() if f not in _NOT_ATTRIBUTES]
        lines.append(f"{name}的属性：" + "；".join(said) + "。")
    return "\n".join(lines)


def _describe(field: str, spec: dict[str, Any]) -> str:
    notes = []
    if "enum" in spec:
        notes.append("、".join(spec["enum"]))
    if "description" in spec:
        notes.append(spec["description"])
    if spec.get("type") == "array":
        notes.append("每项" + "、".join(spec["items"]["properties"]))
    return field + ("（" + "，".join(notes) + "）" if notes else "")


def same_task(name: str = "extract", version: int = 3) -> dict[str, Any]:
    """The task file's content: LangExtract's description and examples."""
    instructions = (PROMPTS_DIR / f"{name}.v{version}.md").read_text(encoding="utf-8")
    description = _PACKING_SENTENCE.sub("", instructions.replace("$examples", "")).strip()
    examples = []
    for example in load_examples(name, version):
        answer = example.output.model_dump(mode="json", exclude_defaults=True)
        extractions = [
            {
                "class": name,
                "text": item["evidence"],
                "attributes": {
                    k: _attribute(v) for k, v in item.items() if k not in _NOT_ATTRIBUTES
                },
            }
            for key, name in _CLASSES.items()
            for item in answer.get(key, [])
        ]
        examples.append({"text": _MARKER.sub("", example.text), "extractions": extractions})
    return {"description": description + "\n" + describe_fields(), "examples": examples}


def _attribute(value: Any) -> str | list[str]:
    if isinstance(value, list):  # actors: LangExtract's attributes are strings or lists of them
        return [f"{actor['name']}（{actor.get('role', '')}）" for actor in value]
    return str(value)


def write_same_task(path: Path, version: int = 3) -> Path:
    """Write the task file for `lx_run.py --task` and return its path."""
    path.write_text(json.dumps(same_task(version=version), ensure_ascii=False), encoding="utf-8")
    return path

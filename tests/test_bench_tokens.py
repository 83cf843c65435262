"""Bench row c's counting: the chat template rendering, the real tokenizers, and the
same-task prompt LangExtract is given."""

import json
import re
from typing import get_args

from benchmarks.lx_task import describe_fields, same_task
from benchmarks.model_tokens import count, render_answer, render_prompt, tokenizers
from schemas.vocab import EventType
from service.prompts import load_examples

TOOL = {"type": "function", "function": {"name": "ChunkDraft", "parameters": {"type": "object"}}}


def _body(system: str, user: str, tools: list[object] | None = None) -> dict[str, object]:
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    return {"messages": messages, **({"tools": tools} if tools else {})}


def test_tools_are_rendered_as_json_inside_the_system_turn_before_the_user_turn() -> None:
    rendered = render_prompt(_body("摘录", "甲乙", [TOOL]))
    system, user = rendered.split("<|im_start|>user\n")
    assert system.startswith("<|im_start|>system\n摘录\n\n# Tools")
    assert json.dumps(TOOL) in system  # tojson: ", " and ": " separators
    assert user == "甲乙<|im_end|>\n<|im_start|>assistant\n"
    assert "<tools>" not in render_prompt(_body("摘录", "甲乙"))


def test_a_tool_answer_is_counted_as_the_call_the_model_writes() -> None:
    body = _body("s", "u", [TOOL])
    call = render_answer(body, '{"statistics": []}')
    assert json.loads(call.removeprefix("<tool_call>\n").removesuffix("\n</tool_call>")) == {
        "name": "ChunkDraft",
        "arguments": {"statistics": []},
    }
    assert render_answer(_body("s", "u"), "{}") == "{}"


def test_real_tokenizers_count_chinese_and_ascii_apart_from_the_estimate() -> None:
    qwen, deepseek = tokenizers()["Qwen2.5"], tokenizers()["DeepSeek V4"]
    # Pinned vocabularies: these counts are the tokenizers', not an estimate's.
    assert qwen('{"type": "string"}') == deepseek('{"type": "string"}') == 6  # chars/2: 9
    assert qwen("招聘会") == 1  # chars/2: 1 (rounded down from 1.5)
    assert qwen("<|im_start|>") == 1  # a special token of Qwen's template


def test_count_sums_prompt_and_completion_over_exchanges() -> None:
    qwen = tokenizers()["Qwen2.5"]
    short = {"request": _body("摘录", "甲"), "answer": "{}"}
    long = {"request": _body("摘录" * 40, "甲"), "answer": '{"statistics": []}'}
    one, both = count([short], "Qwen2.5", qwen), count([short, long], "Qwen2.5", qwen)
    assert one.prompt == qwen(render_prompt(short["request"]))
    assert both.prompt > 2 * one.prompt  # the longer system prompt costs more
    assert both.completion == qwen("{}") + qwen('{"statistics": []}')
    assert one.cached == 0  # nothing came before it
    # The second prompt shares the system turn's start with the first: that part is cached.
    assert 0 < both.cached < qwen(render_prompt(long["request"]))


def test_langextract_is_given_every_field_and_event_type_and_no_article_markers() -> None:
    task = same_task(version=3)
    assert "[A1]" not in task["description"]
    assert describe_fields() in task["description"]
    for event_type in get_args(EventType):
        assert event_type in task["description"]
    for field in ("quantity", "metric", "kind", "time", "location", "subject", "summary",
                  "date", "origin", "destination", "actors"):  # fmt: skip
        assert re.search(rf"\b{field}\b", task["description"]), field


def test_langextract_examples_hold_laborlens_drafts_quoted_from_their_text() -> None:
    [example] = same_task(version=3)["examples"]
    [ours] = load_examples("extract", 3)
    assert not re.search(r"\[A\d+\]", example["text"])
    drafts = ours.output.statistics + ours.output.events
    assert len(example["extractions"]) == len(drafts)
    for extraction, draft in zip(example["extractions"], drafts, strict=True):
        assert extraction["text"] == draft.evidence
        assert extraction["text"] in example["text"]  # LangExtract aligns it to the text
        assert "article" not in extraction["attributes"]
        assert "evidence" not in extraction["attributes"]

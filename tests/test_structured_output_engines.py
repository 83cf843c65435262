"""The draft schema, with its enums, as real structured-output engines take it: it compiles in
xgrammar (what vLLM and SGLang use) and in llguidance, whose matchers accept a draft and refuse
an indicator outside the closed list; and its strict variant keeps OpenAI's strict-mode rules.

No model weights: both engines get a byte-level vocabulary (one token per byte). xgrammar's
Python package imports torch and transformers at import, for GPU kernels and Hugging Face
tokenizers that compiling a schema never calls; the `xgrammar` fixture gives it empty stand-ins
while it imports, so no torch wheel is installed, and the grammar is compiled by its C++ core.
"""

import json
import sys
import types
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from schemas.drafts import ChunkDraft
from schemas.vocab import INDICATORS
from service.prompts import load_examples

_BYTES = 256
_EOS = _BYTES  # one token past the bytes


def _answer(*, strict: bool) -> str:
    """The v4 example's answer as a model writes it: optional fields left out, or, under strict
    rules, every field written and null where there is nothing."""
    [example] = load_examples("extract", 4)
    dumped = example.output.model_dump(mode="json", exclude_none=not strict)
    return json.dumps(dumped, ensure_ascii=False)


def _off_the_list(answer: str) -> str:
    assert '"indicator": "employers_at_fairs"' in answer
    return answer.replace('"indicator": "employers_at_fairs"', '"indicator": "firms"')


_SCHEMAS = {
    "sent": (ChunkDraft.model_json_schema, False),
    "strict": (ChunkDraft.strict_json_schema, True),
}


# --- xgrammar ------------------------------------------------------------------------------------


class _StandIn:
    """Whatever xgrammar asks torch or transformers for at import: any attribute, any call."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        del args, kwargs

    def __getattr__(self, name: str) -> "_StandIn":
        return _StandIn()


@pytest.fixture(scope="module")
def xgrammar() -> Iterator[Any]:
    import tvm_ffi  # noqa: F401, PLC0415  first, so it sees no torch: its torch support is optional

    stand_ins = {name: types.ModuleType(name) for name in ("torch", "transformers")}
    for module in stand_ins.values():
        module.__getattr__ = lambda _name: _StandIn  # type: ignore[method-assign]
    saved = {name: sys.modules.get(name) for name in stand_ins}
    sys.modules.update(stand_ins)
    try:
        import xgrammar as xgr  # noqa: PLC0415

        yield xgr
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


@pytest.mark.parametrize("name", sorted(_SCHEMAS))
def test_the_schema_compiles_in_xgrammar(xgrammar: Any, name: str) -> None:
    schema, strict = _SCHEMAS[name]
    vocab = xgrammar.TokenizerInfo([bytes([i]) for i in range(_BYTES)])
    compiled = xgrammar.GrammarCompiler(vocab).compile_json_schema(json.dumps(schema()))
    matcher = xgrammar.GrammarMatcher(compiled)
    assert matcher.accept_string(_answer(strict=strict))
    assert matcher.is_completed()
    refusing = xgrammar.GrammarMatcher(compiled)
    assert not refusing.accept_string(_off_the_list(_answer(strict=strict)))


# --- llguidance ----------------------------------------------------------------------------------


class _ByteTokenizer:
    """One token per byte, and an end-of-sequence token after them."""

    eos_token_id = _EOS
    bos_token_id = None
    tokens: ClassVar[list[bytes]] = [bytes([i]) for i in range(_BYTES)] + [b"</s>"]
    special_token_ids: ClassVar[list[int]] = [_EOS]

    def __call__(self, text: bytes) -> list[int]:
        return list(text)


@pytest.mark.parametrize("name", sorted(_SCHEMAS))
def test_the_schema_compiles_in_llguidance(name: str) -> None:
    import llguidance  # noqa: PLC0415

    schema, strict = _SCHEMAS[name]
    tokenizer = llguidance.LLTokenizer(llguidance.TokenizerWrapper(_ByteTokenizer()))
    grammar = llguidance.LLMatcher.grammar_from_json_schema(schema())
    assert llguidance.LLMatcher.validate_grammar(grammar, tokenizer) == ""
    matcher = llguidance.LLMatcher(tokenizer, grammar)
    assert matcher.consume_tokens(list(_answer(strict=strict).encode()))
    assert matcher.is_accepting()
    refusing = llguidance.LLMatcher(tokenizer, grammar)
    assert not refusing.consume_tokens(list(_off_the_list(_answer(strict=strict)).encode()))
    assert refusing.is_error()


# --- OpenAI strict mode --------------------------------------------------------------------------

# Keywords strict mode takes (OpenAI's structured outputs guide); anything else is refused.
_STRICT_KEYWORDS = frozenset(
    {"type", "properties", "required", "additionalProperties", "items", "enum", "anyOf",
     "description", "title", "const", "pattern", "format", "$defs", "$ref"}
)  # fmt: skip
_MOST_NESTING = 5
_MOST_PROPERTIES = 100
_MOST_ENUM_VALUES = 500


def _strict_problems(schema: Any, depth: int = 0) -> list[str]:
    """Where `schema` breaks OpenAI's strict rules: every object closed, with all its properties
    required; only supported keywords; bounded nesting."""
    if isinstance(schema, list):
        return [p for item in schema for p in _strict_problems(item, depth)]
    if not isinstance(schema, dict):
        return []
    problems = [f"keyword {k!r}" for k in schema if k not in _STRICT_KEYWORDS]
    if schema.get("type") == "object":
        depth += 1
        if schema.get("additionalProperties") is not False:
            problems.append("an object allows other properties")
        if sorted(schema.get("required", [])) != sorted(schema.get("properties", {})):
            problems.append(f"not every property required: {sorted(schema.get('properties', {}))}")
    if depth > _MOST_NESTING:
        problems.append("nested too deep")
    for key in ("properties", "$defs"):
        problems += [p for v in schema.get(key, {}).values() for p in _strict_problems(v, depth)]
    for key in ("items", "anyOf"):
        problems += _strict_problems(schema.get(key), depth)
    return problems


def _count(schema: Any, key: str) -> int:
    if isinstance(schema, list):
        return sum(_count(item, key) for item in schema)
    if not isinstance(schema, dict):
        return 0
    return len(schema.get(key, ())) + sum(_count(v, key) for v in schema.values())


def test_the_strict_schema_keeps_openais_strict_rules() -> None:
    schema = ChunkDraft.strict_json_schema()
    assert schema["type"] == "object"  # the root is an object, not a union
    assert _strict_problems(schema) == []
    assert _count(schema, "properties") <= _MOST_PROPERTIES
    assert _count(schema, "enum") <= _MOST_ENUM_VALUES


def test_the_checker_can_fail() -> None:
    """The schema the model is sent in every mode leaves optional fields out: not strict."""
    problems = _strict_problems(ChunkDraft.model_json_schema())
    assert "an object allows other properties" in problems


def test_a_strict_answer_validates_as_a_draft() -> None:
    draft = ChunkDraft.model_validate_json(_answer(strict=True))
    assert {s.indicator for s in draft.statistics} <= set(INDICATORS)
    assert draft == ChunkDraft.model_validate_json(_answer(strict=False))

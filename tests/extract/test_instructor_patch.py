"""instructor's async-validator check, once per response model: still refuses what it refused,
walks a class once, and is what every instructor module on the request path calls."""

import asyncio
import hashlib
import importlib
import inspect
import sys
from typing import Any
from weakref import WeakSet

import pytest
from instructor.v2.validation.async_validators import async_field_validator
from pydantic import BaseModel

from schemas.drafts import ChunkDraft
from service.extract import instructor_patch
from service.extract.base import ChunkRequest
from service.extract.llm import LLMBackend
from service.fake.config import fake_llm_config
from service.fake.server import FakeServer

# sha256 of `reject_async_validators` in instructor 1.17.0. When instructor changes the walk,
# check that its answer for a class still cannot change once the class is built (then the
# memo still holds), and record the new hash; upstream taking the memo retires this module.
_WALK_SHA256 = "41247fd1263014e16ccbe309e33b94043cb9e1267f33c7a09c9a95ef82372442"
# The modules on the path of one `create_with_completion` call in tools and json_schema modes.
_REQUEST_PATH = [
    "instructor.v2.core.client",
    "instructor.v2.core.patch",
    "instructor.v2.core.retry",
    "instructor.v2.core.response_model",
    "instructor.v2.core.function_calls",
    "instructor.v2.providers.openai.handlers",
    "instructor.cache",
]


class _Plain(BaseModel):
    text: str


class _WithAsyncValidator(BaseModel):
    text: str

    @async_field_validator("text")
    async def _check(self, value: str) -> str:
        return value


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every model instructor's own walk is run on, from now on."""
    seen: list[Any] = []
    walk = instructor_patch.walk_for_async_validators

    def counted(model: Any) -> None:
        seen.append(model)
        walk(model)

    monkeypatch.setattr(instructor_patch, "walk_for_async_validators", counted)
    return seen


def test_the_walk_is_the_one_the_memo_was_written_for() -> None:
    source = inspect.getsource(instructor_patch.walk_for_async_validators)
    assert hashlib.sha256(source.encode()).hexdigest() == _WALK_SHA256


def test_every_module_on_the_request_path_calls_the_memo() -> None:
    for name in _REQUEST_PATH:
        importlib.import_module(name)
    binding = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("instructor") and hasattr(module, "reject_async_validators")
    ]
    assert {id(m) for m in binding} == {id(m) for m in instructor_patch.BOUND_IN}
    once = instructor_patch.reject_async_validators_once
    assert all(m.reject_async_validators is once for m in binding)


def test_a_class_is_walked_until_it_first_passes(walks: list[Any]) -> None:
    class Fresh(BaseModel):
        n: int

    for _ in range(3):
        instructor_patch.reject_async_validators_once(Fresh)
    assert walks == [Fresh]


def test_an_async_validator_is_refused_every_time(walks: list[Any]) -> None:
    for _ in range(2):
        with pytest.raises(ValueError, match="async validators are not supported"):
            instructor_patch.reject_async_validators_once(_WithAsyncValidator)
    assert walks == [_WithAsyncValidator, _WithAsyncValidator]


def test_what_is_not_a_class_is_walked_each_time(walks: list[Any]) -> None:
    for _ in range(2):
        instructor_patch.reject_async_validators_once(list[_Plain])
    assert walks == [list[_Plain], list[_Plain]]


class _CountingSet(WeakSet[type]):
    """The memo's set, counting how often instructor's calls consult it."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        self.lookups += 1
        return super().__contains__(item)


def test_a_second_model_call_walks_nothing(
    fake_openai: FakeServer, walks: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = _CountingSet()
    monkeypatch.setattr(instructor_patch, "_PASSED", memo)

    async def two_calls() -> list[tuple[int, int]]:
        backend = LLMBackend(fake_llm_config(fake_openai.base_url))
        try:
            counts = []
            for i in range(2):
                before = len(walks), memo.lookups
                outcome = await backend.extract(ChunkRequest.single(i, "共有120家企业参会。"))
                assert outcome.error is None
                counts.append((len(walks) - before[0], memo.lookups - before[1]))
            return counts
        finally:
            await backend.aclose()

    (first_walks, first_lookups), (second_walks, second_lookups) = asyncio.run(two_calls())
    assert (first_walks, second_walks) == (1, 0)  # the draft model, once
    assert first_lookups >= 5
    assert second_lookups >= 5
    assert all(isinstance(m, type) and issubclass(m, ChunkDraft) for m in walks)

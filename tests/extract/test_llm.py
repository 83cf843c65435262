"""LLMBackend against the fake server with the real openai client and instructor (no mocks)."""

import asyncio
import json
import logging
import time
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from schemas.drafts import ChunkDraft
from schemas.vocab import EVENT_TYPES, Mode
from service.errors import ConfigError
from service.extract.base import ChunkOutcome, ChunkRequest, Passage
from service.extract.llm import LLMBackend, LLMConfig
from service.fake.config import fake_llm_config
from service.fake.replies import Reply
from service.fake.server import FakeServer, numbers_responder, serve_fake
from service.prompts import chunk_text_from_messages, load_prompt, passages_from_messages
from service.settings import Settings
from tests.paths import ROOT

TEST_API_KEY = "sk-laborlens-test-key-must-not-be-recorded"
CASSETTES = ROOT / "tests" / "cassettes"
TEXT = "本次招聘会累计吸引 1000 余名求职者参加，约30名平昌籍务工人员来我市企业就业。"
# Retry-After: 0 alone makes the SDK fall back to its own back-off (about 1.5 s for two
# retries); retry-after-ms, which the SDK reads first, keeps the test fast.
RATE_LIMITED = Reply(status=429, headers={"Retry-After": "0", "retry-after-ms": "1"})
INVALID = Reply(payload={"statistics": [{"evidence": "1000 余名"}]})  # no quantity, no metric


def _config(base_url: str, **overrides: Any) -> LLMConfig:
    return fake_llm_config(
        base_url, **({"api_key": SecretStr(TEST_API_KEY), "max_retries": 0} | overrides)
    )


def _request(text: str = TEXT, index: int = 0) -> ChunkRequest:
    return ChunkRequest.single(index, text, "跨越千里送岗位", "2022-02-20")


def _extract(config: LLMConfig, *requests: ChunkRequest) -> list[ChunkOutcome]:
    async def go() -> list[ChunkOutcome]:
        backend = LLMBackend(config)
        try:
            return list(await asyncio.gather(*(backend.extract(r) for r in requests)))
        finally:
            await backend.aclose()

    return asyncio.run(go())


# --- modes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json_schema_strict", "json", "md_json"])
def test_each_mode_parses_the_answer(fake_openai: FakeServer, mode: Mode) -> None:
    [outcome] = _extract(_config(fake_openai.base_url, mode=mode), _request())
    assert outcome.error is None
    assert [s.quantity for s in outcome.draft.statistics] == ["1000 余名", "约30名"]
    assert outcome.usage.requests == fake_openai.requests == 1
    assert outcome.usage.prompt_tokens == fake_openai.tokens["prompt_tokens"] > 0
    assert outcome.usage.total_tokens == fake_openai.tokens["total_tokens"]


def test_tools_mode_names_the_tool_and_forces_it(fake_openai: FakeServer) -> None:
    _extract(_config(fake_openai.base_url, mode="tools"), _request())
    [body] = fake_openai.bodies
    assert body["tool_choice"]["function"]["name"] == body["tools"][0]["function"]["name"]
    assert body["model"] == "fake-model"


def test_json_schema_mode_sends_the_draft_schema(fake_openai: FakeServer) -> None:
    _extract(_config(fake_openai.base_url, mode="json_schema"), _request())
    [body] = fake_openai.bodies
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"] == ChunkDraft.model_json_schema()


def test_json_schema_strict_mode_asks_for_strict_output(fake_openai: FakeServer) -> None:
    """OpenAI's strict structured outputs: `strict: true` and the schema in its strict form,
    every property required and optional ones nullable; the answer parses as in json_schema."""
    [outcome] = _extract(_config(fake_openai.base_url, mode="json_schema_strict"), _request())
    [body] = fake_openai.bodies
    sent = body["response_format"]
    assert sent["type"] == "json_schema"
    assert sent["json_schema"]["strict"] is True
    assert sent["json_schema"]["schema"] == ChunkDraft.strict_json_schema()
    assert sent["json_schema"]["schema"] != ChunkDraft.model_json_schema()
    assert outcome.error is None
    assert len(outcome.draft.statistics) == 2


def test_the_schema_sent_is_compact_and_validation_is_not() -> None:
    """No $defs, no titles below the top, optional fields plain strings; null still parses."""
    schema = ChunkDraft.model_json_schema()
    text = json.dumps(schema, ensure_ascii=False)
    nested_titles = ("StatisticDraft", "EventDraft", "ActorDraft")
    assert [k for k in ("$defs", "$ref", "anyOf", "null", *nested_titles) if k in text] == []
    statistic = schema["properties"]["statistics"]["items"]
    assert statistic["properties"]["time"] == {"type": "string"}
    assert statistic["required"] == ["evidence", "quantity", "metric"]
    assert "title" not in statistic
    assert schema["title"] == "ChunkDraft"  # instructor names the tool after it
    event = schema["properties"]["events"]["items"]["properties"]
    assert event["type"]["enum"] == list(EVENT_TYPES)
    draft = ChunkDraft.model_validate(
        {"statistics": [{"evidence": "e", "quantity": "1人", "metric": "m", "time": None}]}
    )
    assert draft.statistics[0].time is None
    with pytest.raises(ValidationError):
        ChunkDraft.model_validate({"events": [{"type": "party", "evidence": "e", "summary": "s"}]})


# --- retries: SDK for transport, instructor for re-asks -------------------------------------


def test_invalid_answer_is_reasked_and_usage_counts_both_calls(fake_openai: FakeServer) -> None:
    fake_openai.script(INVALID)
    [outcome] = _extract(_config(fake_openai.base_url), _request())
    assert outcome.error is None
    assert len(outcome.draft.statistics) == 2
    assert fake_openai.requests == outcome.usage.requests == 2
    assert outcome.usage.prompt_tokens == fake_openai.tokens["prompt_tokens"]
    assert outcome.usage.completion_tokens == fake_openai.tokens["completion_tokens"]
    # The re-ask carries the validation error back to the model.
    assert "quantity" in str(fake_openai.bodies[1]["messages"][2:])


def test_two_rate_limits_cost_exactly_three_requests(fake_openai: FakeServer) -> None:
    fake_openai.script(RATE_LIMITED, RATE_LIMITED)
    [outcome] = _extract(_config(fake_openai.base_url, max_retries=3), _request())
    assert outcome.error is None
    assert fake_openai.requests == outcome.usage.requests == 3


def test_answers_that_never_validate_become_an_error_record(fake_openai: FakeServer) -> None:
    fake_openai.script(INVALID, INVALID, INVALID)
    [outcome] = _extract(_config(fake_openai.base_url, reasks=2), _request(index=4))
    assert outcome.error is not None
    assert (outcome.error.stage, outcome.error.chunk, outcome.error.attempts) == (
        "validation",
        4,
        3,
    )
    assert "quantity" in outcome.error.reason
    assert outcome.draft.statistics == []
    assert fake_openai.requests == outcome.error.usage.requests == 3
    assert outcome.error.usage.prompt_tokens == fake_openai.tokens["prompt_tokens"]


def test_server_errors_after_sdk_retries_are_a_transport_error(fake_openai: FakeServer) -> None:
    fake_openai.script(*[Reply(status=500)] * 2)
    [outcome] = _extract(_config(fake_openai.base_url, max_retries=1), _request())
    assert outcome.error is not None
    assert outcome.error.stage == "transport"
    assert "500" in outcome.error.reason
    assert fake_openai.requests == outcome.usage.requests == 2


def test_unreachable_server_is_a_transport_error() -> None:
    [outcome] = _extract(_config("http://127.0.0.1:9/v1", timeout=2.0), _request())
    assert outcome.error is not None
    assert outcome.error.stage == "transport"


def test_refusal_is_reported_as_refusal(fake_openai: FakeServer) -> None:
    fake_openai.script(Reply(refusal="I cannot help with that."))
    [outcome] = _extract(_config(fake_openai.base_url, mode="tools"), _request())
    assert outcome.error is not None
    assert outcome.error.stage == "refusal"
    assert "cannot help" in outcome.error.reason


def test_answer_cut_off_at_the_token_limit_is_a_length_error(fake_openai: FakeServer) -> None:
    # The chunk and both its halves (see test_faults.py) are cut off; nothing is re-asked.
    fake_openai.script(*[Reply(raw='{"statistics": [{"evid', finish_reason="length")] * 3)
    [outcome] = _extract(_config(fake_openai.base_url), _request())
    assert outcome.error is not None
    assert (outcome.error.stage, outcome.error.attempts) == ("length", 3)
    assert outcome.usage.requests == 3


# --- article text is a value, never a template ----------------------------------------------


def test_template_syntax_in_the_article_is_sent_verbatim(fake_openai: FakeServer) -> None:
    text = "{% raw %}招聘会吸引 1000 余名求职者{{ x }}，{% endraw %}{%"
    [outcome] = _extract(_config(fake_openai.base_url), _request(text))
    assert outcome.error is None
    assert chunk_text_from_messages(fake_openai.bodies[0]["messages"]) == text
    assert outcome.draft.statistics[0].quantity == "1000 余名"


def test_failures_log_no_article_text_above_debug(
    fake_openai: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret_text = "永康市秘密招聘会吸引 1000 余名求职者"
    fake_openai.script(*[Reply(payload={"statistics": [{"evidence": secret_text}]})] * 3)
    with caplog.at_level(logging.INFO):
        [outcome] = _extract(_config(fake_openai.base_url), _request(secret_text))
    assert outcome.error is not None
    loud = " ".join(r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG)
    assert "failed at validation" in loud
    # pydantic shortens long inputs in its messages ("永康市... 1000 余名求职者"): look for any
    # three Chinese characters of the article.
    windows = {secret_text[i : i + 3] for i in range(len(secret_text) - 2)}
    assert not [w for w in windows if w.isalpha() and w in loud]
    assert TEST_API_KEY not in loud


# --- concurrency ----------------------------------------------------------------------------


def test_concurrency_bounds_model_calls_in_flight(fake_openai: FakeServer) -> None:
    fake_openai.latency = 0.2
    started = time.monotonic()
    requests = [_request(index=i) for i in range(6)]
    outcomes = _extract(_config(fake_openai.base_url, concurrency=2), *requests)
    assert all(o.error is None for o in outcomes)
    assert fake_openai.max_in_flight == 2
    assert time.monotonic() - started >= 0.6


# --- identity: info, cache key, configuration -----------------------------------------------


def _key(config: LLMConfig, request: ChunkRequest) -> str:
    async def go() -> str:
        backend = LLMBackend(config)
        await backend.aclose()
        return backend.cache_key(request)

    return asyncio.run(go())


def test_cache_key_covers_text_model_mode_and_base_url() -> None:
    base = _config("http://127.0.0.1:9/v1")
    key = _key(base, _request())
    assert key == _key(base, _request(index=7))  # the chunk's position is not an input
    others = {
        _key(base, _request("另一段文字")),
        _key(_config("http://127.0.0.1:9/v1", model="other-model"), _request()),
        _key(_config("http://127.0.0.1:9/v1", mode="json_schema"), _request()),
        _key(_config("http://127.0.0.1:10/v1"), _request()),
    }
    assert key not in others
    assert len(others) == 4


def test_info_reports_model_and_prompt_version() -> None:
    async def go() -> LLMBackend:
        backend = LLMBackend(_config("http://127.0.0.1:9/v1", chunk_chars=900))
        await backend.aclose()
        return backend

    backend = asyncio.run(go())
    assert backend.info.model_dump() == {
        "name": "llm",
        "model": "fake-model",
        "prompt_version": "extract.v4",
    }
    assert backend.chunk_chars == 900


def test_a_released_prompt_version_stays_selectable(fake_openai: FakeServer) -> None:
    config = _config(fake_openai.base_url, prompt_version=1)
    [outcome] = _extract(config, _request())
    assert outcome.error is None
    system = fake_openai.bodies[0]["messages"][0]["content"]
    assert system == load_prompt("extract", 1).text != load_prompt("extract", 2).text
    assert _key(config, _request()) != _key(_config(fake_openai.base_url), _request())


def test_an_unknown_prompt_version_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"extract\.v99"):
        LLMBackend(_config("http://127.0.0.1:9/v1", prompt_version=99))


@pytest.mark.parametrize(
    ("values", "names"),
    [
        ({"model": None, "base_url": "http://x/v1"}, ["LABORLENS_MODEL"]),
        ({"model": "m"}, ["LABORLENS_BASE_URL", "LABORLENS_API_KEY", "OPENAI_API_KEY"]),
    ],
)
def test_missing_configuration_names_the_variables(
    values: dict[str, Any], names: list[str]
) -> None:
    with pytest.raises(ConfigError) as raised:
        LLMConfig.from_settings(Settings(**values))
    assert all(name in str(raised.value) for name in names)


def test_api_key_is_not_in_the_config_repr() -> None:
    assert TEST_API_KEY not in repr(_config("http://127.0.0.1:9/v1"))


# --- cassettes: recorded against the fake server, replayed without it ----------------------


@pytest.mark.parametrize("mode", ["tools", "json_schema"])
def test_replay(replay_base_url: str, mode: Mode) -> None:
    [outcome] = _extract(_config(replay_base_url, mode=mode, max_retries=0), _request())
    assert outcome.error is None
    assert [s.quantity for s in outcome.draft.statistics] == ["1000 余名", "约30名"]
    assert outcome.usage.requests == 1


def test_cassettes_hold_no_credentials() -> None:
    cassettes = sorted(CASSETTES.glob("*.yaml"))
    assert cassettes, "record them with VCR_RECORD_MODE=all (see tests/conftest.py)"
    for path in cassettes:
        text = path.read_text(encoding="utf-8")
        assert TEST_API_KEY not in text, path
        assert "Bearer" not in text, path


# --- packed requests and the provider's prefix cache -----------------------------------------


def test_the_prefix_is_the_same_for_every_request_and_its_cache_is_read(
    fake_openai: FakeServer,
) -> None:
    first, second = _extract(
        _config(fake_openai.base_url, concurrency=1),
        _request(),
        _request("另一篇：新增就业500人。"),
    )
    systems = {json.dumps(b["messages"][:-1], ensure_ascii=False) for b in fake_openai.bodies}
    assert len(systems) == 1
    assert [len(b["messages"]) for b in fake_openai.bodies] == [2, 2]
    assert min(first.usage.cached_tokens, second.usage.cached_tokens) == 0
    assert max(first.usage.cached_tokens, second.usage.cached_tokens) > 0
    assert (
        fake_openai.stats().cached_tokens == first.usage.cached_tokens + second.usage.cached_tokens
    )


def test_a_packed_request_cut_off_is_asked_again_as_two_halves_of_whole_passages(
    fake_openai: FakeServer,
) -> None:
    passages = (
        Passage(1, "甲篇招聘会吸引1000名求职者。", None, article=0, start=0, bounds=(0, 16)),
        Passage(2, "乙篇：专列送工200人。", "乙", article=1, start=16, bounds=(16, 28)),
    )
    fake_openai.script(Reply(cut=True, finish_reason="length"))
    [outcome] = _extract(_config(fake_openai.base_url), ChunkRequest(0, passages, None))
    assert outcome.error is None
    asked = [passages_from_messages(b["messages"]) for b in fake_openai.bodies]
    assert asked[1:] == [[(1, passages[0].text)], [(2, passages[1].text)]]
    assert sorted(s.article for s in outcome.draft.statistics) == [1, 2]


def test_a_draft_comes_back_as_a_plain_chunk_draft_without_the_completion() -> None:
    with serve_fake(numbers_responder) as server:
        backend = LLMBackend(fake_llm_config(server.base_url, max_retries=0))

        async def go() -> ChunkOutcome:
            try:
                return await backend.extract(ChunkRequest.single(0, "吸引 1000 余名求职者"))
            finally:
                await backend.aclose()

        outcome = asyncio.run(go())
    assert type(outcome.draft) is ChunkDraft
    assert not (outcome.draft.__pydantic_private__ or {}).get("_raw_response")
    assert [s.quantity for s in outcome.draft.statistics] == ["1000 余名"]
    assert ChunkDraft.model_validate(outcome.draft.model_dump()) == outcome.draft

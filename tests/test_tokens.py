"""The token estimate and the simulated prefix cache the fake server reports."""

from service.tokens import PrefixCache, prompt_text, prompt_tokens


def _body(system: str, user: str) -> dict[str, object]:
    return {
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        "tools": [{"type": "function", "function": {"name": "ChunkDraft"}}],
    }


def test_the_estimate_is_two_characters_a_token_of_the_prompt_json() -> None:
    body = _body("摘录", "甲乙")
    assert prompt_tokens(body) == len(prompt_text(body)) // 2
    assert prompt_text(body).startswith('{"tools":[')  # the order a provider reads them in


def test_a_repeated_prefix_is_counted_cached_and_the_first_prompt_is_not() -> None:
    cache = PrefixCache()
    first, second = _body("摘录" * 50, "甲文"), _body("摘录" * 50, "乙文")
    assert cache.cached_tokens(first) == 0
    shared = prompt_text(first).index("甲文")
    assert cache.cached_tokens(second) == shared // 2
    assert cache.cached_tokens(second) == prompt_tokens(second)  # asked again: all of it


def test_the_longest_shared_prefix_wins_among_many_prompts() -> None:
    cache = PrefixCache()
    for user in ("丙", "甲乙丙", "丁"):
        cache.cached_tokens(_body("同", user))
    probe = _body("同", "甲乙丁")
    assert cache.cached_tokens(probe) == prompt_text(probe).index("丁") // 2
    assert PrefixCache().cached_tokens(_body("异", "")) == 0
